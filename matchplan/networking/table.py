"""The networking table (R-62): programs worth a personal approach and where each stands.

Rows come back from the page's table editor as loose cells; they are validated
here, bad rows named by number and field, so the page keeps the last good table.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import Field, ValidationError

from matchplan.frozen import FrozenInput

ConnectionKind = Literal["alumni", "rotation", "observership", "research", "mentor_contact"]
Status = Literal[
    "not_started", "advocate_asked", "advocate_wrote", "email_sent", "replied", "interview"
]
CONNECTION_LABELS: dict[ConnectionKind, str] = {
    "alumni": "Alumni of my school",
    "rotation": "I rotated there",
    "observership": "Observership there",
    "research": "Research there",
    "mentor_contact": "Mentor's or recommender's contact",
}
CONNECTION_NOUNS: dict[ConnectionKind, str] = {
    "alumni": "the alumni tie",
    "rotation": "the rotation",
    "observership": "the observership",
    "research": "the research",
    "mentor_contact": "the mentor's contact",
}
STATUS_LABELS: dict[Status, str] = {
    "not_started": "Not started",
    "advocate_asked": "Advocate asked",
    "advocate_wrote": "Advocate wrote or called",
    "email_sent": "My email sent",
    "replied": "Program replied",
    "interview": "Interview offered",
}


class NetworkingTarget(FrozenInput):
    """One program worth a personal approach, and where that approach stands."""

    program: str = Field(min_length=1, max_length=160, title="Program")
    connection: ConnectionKind = Field(title="Connection")
    advocate: str = Field(default="", max_length=120, title="Advocate who could call")
    status: Status = Field(default="not_started", title="Status")
    next_step: str = Field(default="", max_length=300, title="Next step")


class NetworkingTable(FrozenInput):
    """R-62: the applicant's networking targets (kept with the plan)."""

    targets: tuple[NetworkingTarget, ...] = Field(default=(), max_length=150)


class NetworkingNote(FrozenInput):
    """Something about the table as a whole, with the programs it concerns."""

    rule: str
    message: str
    programs: tuple[str, ...] = ()


def suggested_next_step(target: NetworkingTarget) -> str:
    """R-62: the next move for one program - advocates first, then a short own email."""
    who = target.advocate or "someone who knows your work"
    steps: dict[Status, str] = {
        "not_started": f"Ask {who} to write or call the program director: a brief, "
        "specific note that states the exam history and the fix, then vouches for you."
        if target.advocate
        else "Find an advocate here: the alumnus, the attending you rotated with, or "
        "your mentor's contact.",
        "advocate_asked": f"Confirm with {who} when the note goes out; send yours after it.",
        "advocate_wrote": "Send your own 3-5 sentence email naming the program and the connection.",
        "email_sent": "Wait about two weeks; follow up once, only with news (a score, "
        "a letter, an output).",
        "replied": "Answer within a day; note what they asked for and send it.",
        "interview": "Prepare why this program, and your exam story in under a minute: "
        "cause, action, result.",
    }
    return steps[target.status]


class TableParse(FrozenInput):
    """Edited rows read back: the table when every row is valid, else the problems."""

    table: NetworkingTable | None
    problems: tuple[str, ...] = ()


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def table_from_rows(rows: Iterable[Mapping[str, object]]) -> TableParse:
    """The rows of the table editor (field name -> cell) as a validated table (R-62).

    Connection and status cells may hold the id or its label. A row where nothing was
    typed (a new row shows only the column defaults) is skipped; a bad row is named
    by its number and field, and no table is returned, so the caller keeps the last one.
    """
    connection_ids = {label: kind for kind, label in CONNECTION_LABELS.items()}
    status_ids = {label: status for status, label in STATUS_LABELS.items()}
    targets: list[NetworkingTarget] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        cells = {name: _cell(row.get(name)) for name in NetworkingTarget.model_fields}
        if not (cells["program"] or cells["advocate"] or cells["next_step"]):
            continue
        cells["connection"] = connection_ids.get(cells["connection"], cells["connection"])
        cells["status"] = status_ids.get(cells["status"], cells["status"] or "not_started")
        try:
            targets.append(NetworkingTarget.model_validate(cells))
        except ValidationError as exc:
            for error in exc.errors():
                field = NetworkingTarget.model_fields[str(error["loc"][0])].title
                message = str(error["msg"]).removeprefix("Value error, ")
                problems.append(f"Row {number} – {field}: {message}")
    if problems:
        return TableParse(table=None, problems=tuple(problems))
    try:
        return TableParse(table=NetworkingTable(targets=tuple(targets)))
    except ValidationError as exc:
        return TableParse(table=None, problems=tuple(str(e["msg"]) for e in exc.errors()))


def table_notes(table: NetworkingTable) -> tuple[NetworkingNote, ...]:
    """R-62: gaps in the table - no targets yet, no advocate, duplicates."""
    if not table.targets:
        return (
            NetworkingNote(
                rule="R-62",
                message="No targets yet. Start with programs where your school's alumni "
                "train, places you rotated, observed or did research, and programs where "
                "your mentors or letter writers have colleagues.",
            ),
        )
    notes: list[NetworkingNote] = []
    early: tuple[Status, ...] = ("not_started", "advocate_asked")
    lacking = tuple(t.program for t in table.targets if not t.advocate and t.status in early)
    if lacking:
        notes.append(
            NetworkingNote(
                rule="R-62",
                message="No advocate named yet. A program director hears more from a "
                "colleague's call than from your own email.",
                programs=lacking,
            )
        )
    seen: dict[str, str] = {}
    repeats: list[str] = []
    for target in table.targets:
        folded = " ".join(target.program.casefold().split())
        if folded in seen:
            repeats.append(target.program)
        seen.setdefault(folded, target.program)
    if repeats:
        notes.append(
            NetworkingNote(
                rule="R-62",
                message="Listed more than once; keep one row per program.",
                programs=tuple(dict.fromkeys(repeats)),
            )
        )
    return tuple(notes)
