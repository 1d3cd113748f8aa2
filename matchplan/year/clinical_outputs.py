"""R-81: the three outputs of the clinical year (article §4.2).

Per role and supervising attending: the letter (asked, promised, uploaded),
specific performance comments worth quoting, and whether the attending is a
"network anchor" who will call programs. The letters count against R-37's
target - at least two strong new letters in or near the target specialty - by
the day ERAS submission opens.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from pydantic import Field, ValidationError

from matchplan.frozen import FrozenInput
from matchplan.profile import MAX_TEXT, SpecialtyId, field_errors
from matchplan.reference import Reference, load_reference
from matchplan.year.data import YearData, year_data

MAX_ATTENDINGS: Final = 20
LetterStatus = Literal["not_asked", "asked", "promised", "uploaded"]
LETTER_LABELS: Final[dict[LetterStatus, str]] = {
    "not_asked": "not asked",
    "asked": "asked",
    "promised": "promised",
    "uploaded": "uploaded",
}


class Attending(FrozenInput):
    """One supervising attending in one role of the year."""

    name: str = Field(min_length=1, max_length=80, title="Attending")
    role: str = Field(default="", max_length=120, title="Role or rotation")
    specialty: SpecialtyId = Field(title="Specialty")
    letter: LetterStatus = Field(default="not_asked", title="Letter")
    comment: str = Field(default="", max_length=MAX_TEXT, title="Performance comment")
    network_anchor: bool = Field(default=False, title="Will call programs")


class ClinicalOutputs(FrozenInput):
    """The year's attendings and what each gives the application (plan file, schema 4)."""

    attendings: tuple[Attending, ...] = Field(default=(), max_length=MAX_ATTENDINGS)


class OutputsStatus(FrozenInput):
    """Letters, comments and anchors against R-37's target, by submission."""

    rule: str = "R-81"
    target: int
    uploaded: int
    promised: int
    asked: int
    off_target: int
    comments: int
    anchors: int
    submission: date
    state: Literal["met", "on_track", "short"]
    message: str
    sources: tuple[str, ...]


def counts_toward_target(specialty: str, target: str, data: YearData | None = None) -> bool:
    """A letter in the target specialty, or in a core field close to it (R-81, data)."""
    data = data or year_data()
    return specialty == target or specialty in data.letters.near_specialties.get(target, ())


def outputs_status(
    outputs: ClinicalOutputs,
    target: str,
    submission: date,
    ref: Reference | None = None,
    data: YearData | None = None,
) -> OutputsStatus:
    """R-81 with R-37's target: met when enough in-or-near letters are uploaded, on track
    when uploaded plus promised reach it, short otherwise (saying how many more to ask)."""
    ref = ref or load_reference()
    data = data or year_data()
    threshold = ref.thresholds.strong_recent_letters_min
    need = int(threshold.value)
    near = [a for a in outputs.attendings if counts_toward_target(a.specialty, target, data)]
    uploaded = sum(1 for a in near if a.letter == "uploaded")
    promised = sum(1 for a in near if a.letter == "promised")
    asked = sum(1 for a in near if a.letter == "asked")
    off = sum(1 for a in outputs.attendings if a not in near and a.letter != "not_asked")
    name = ref.specialty(target).name
    if uploaded >= need:
        state: Literal["met", "on_track", "short"] = "met"
        message = (
            f"{uploaded} letters in or near {name} are uploaded: R-37's target of {need} is met."
        )
    elif uploaded + promised >= need:
        state = "on_track"
        message = (
            f"{uploaded} uploaded and {promised} promised in or near {name}: on track for "
            f"{need} by {submission:%d %b %Y}, once the promised ones are uploaded."
        )
    else:
        state = "short"
        more = need - uploaded - promised
        waiting = f" ({asked} asked, not yet promised)" if asked else ""
        message = (
            f"{uploaded + promised} of {need} letters in or near {name} are uploaded or "
            f"promised{waiting}: ask {more} more attending{'s' if more != 1 else ''} before "
            f"submission opens on {submission:%d %b %Y}."
        )
    return OutputsStatus(
        target=need,
        uploaded=uploaded,
        promised=promised,
        asked=asked,
        off_target=off,
        comments=sum(1 for a in outputs.attendings if a.comment),
        anchors=sum(1 for a in outputs.attendings if a.network_anchor),
        submission=submission,
        state=state,
        message=message,
        sources=(threshold.source, data.letters.near_source),
    )


def attendings_from_rows(
    rows: list[dict[str, object]],
) -> tuple[tuple[Attending, ...] | None, tuple[str, ...]]:
    """An edited table validated whole: the attendings, or each row's problems (by number)."""
    kept: list[Attending] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        if all(value in (None, "", False) for value in row.values()):
            continue
        cleaned = {k: v for k, v in row.items() if v is not None}
        try:
            kept.append(Attending.model_validate(cleaned))
        except ValidationError as exc:
            problems += [f"Row {number} - {e.message}" for e in field_errors(exc, Attending)]
    if len(kept) > MAX_ATTENDINGS:
        problems.append(f"The table holds at most {MAX_ATTENDINGS} attendings")
    return (None, tuple(problems)) if problems else (tuple(kept), ())
