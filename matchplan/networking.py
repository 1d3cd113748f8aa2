"""Networking targets and the applicant's own emails (docs/RULES.md R-62).

Programs where the applicant has a real connection - alumni of their school, a
rotation, an observership, research, a mentor's contact - are where an
advocate's call to the program director counts. The applicant's own emails are
short (3-5 sentences), name the program and name the connection; this module
keeps the table, suggests each next step, checks a draft and writes an outline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from matchplan.datafiles import check_data, read_data
from matchplan.narrative import (
    NARRATIVE_FILE,
    ROLE_LABELS,
    Phrase,
    first_phrase,
    mentions,
    mentions_words,
    narrative_data,
    quote,
    split_sentences,
)
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference, load_reference

ConnectionKind = Literal["alumni", "rotation", "observership", "research", "mentor_contact"]
Status = Literal[
    "not_started", "advocate_asked", "advocate_wrote", "email_sent", "replied", "interview"
]
EmailFindingKind = Literal["length", "program_missing", "connection_missing", "generic"]

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
_SIGN_OFF_WORDS = 6  # a line this short without a full stop is a greeting or a signature
# Does a line end in a full stop, perhaps followed by quotes, brackets or spaces? Matched
# on the reversed line from its start only, with a possessive skip, so the check is linear
# in the line (``search(r"[.!?]\W*$")`` rescans the tail from every full stop: quadratic
# on a pasted run of "?!?!...x").
_TERMINAL_REVERSED = re.compile(r"[^\w.!?。！？؟۔]*+[.!?。！？؟۔]")
_TOKEN = re.compile(r"\w+")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class NetworkingTarget(_Model):
    """One program worth a personal approach, and where that approach stands."""

    program: str = Field(min_length=1, max_length=160, title="Program")
    connection: ConnectionKind = Field(title="Connection")
    advocate: str = Field(default="", max_length=120, title="Advocate who could call")
    status: Status = Field(default="not_started", title="Status")
    next_step: str = Field(default="", max_length=300, title="Next step")


class NetworkingTable(_Model):
    """R-62: the applicant's networking targets (kept with the plan)."""

    targets: tuple[NetworkingTarget, ...] = Field(default=(), max_length=150)


class NetworkingNote(_Model):
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


class TableParse(_Model):
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


# --- the email check -------------------------------------------------------------------


class EmailRules(_Model):
    """The ``email`` part of ``data/narrative.json``."""

    generic_phrases: tuple[Phrase, ...]
    connection_terms: dict[ConnectionKind, tuple[str, ...]]
    program_stopwords: tuple[str, ...]


@cache
def email_rules() -> EmailRules:
    """Load the email phrase lists once (reference data)."""
    raw = read_data(NARRATIVE_FILE).get("email", {})
    return check_data(
        NARRATIVE_FILE,
        EmailRules,
        raw if isinstance(raw, dict) else {},
        sources=load_reference().sources,
        at="email",
    )


class EmailFinding(_Model):
    rule: str
    kind: EmailFindingKind
    message: str
    hint: str
    quotes: tuple[str, ...] = ()


class EmailCheck(_Model):
    """R-62: a draft email against the rules: length, the program, the connection."""

    sentences: int
    findings: tuple[EmailFinding, ...]


def ends_with_full_stop(line: str) -> bool:
    """Does the line end in . ! ? (or a CJK / Arabic full stop), closing marks aside?"""
    return _TERMINAL_REVERSED.match(line[::-1]) is not None


def body_sentences(text: str) -> tuple[str, ...]:
    """Sentences of an email without the greeting and the signature lines."""
    return tuple(
        s.text
        for s in split_sentences(text)
        if ends_with_full_stop(s.text) or len(s.text.split()) > _SIGN_OFF_WORDS
    )


def program_words(program: str, rules: EmailRules) -> tuple[str, ...]:
    """The distinctive words of a program's name ('Mercy Hospital IM Residency' -> mercy)."""
    stop = set(rules.program_stopwords)
    words = [w for w in _TOKEN.findall(program.casefold()) if w not in stop and len(w) > 2]
    return tuple(words) if words else tuple(_TOKEN.findall(program.casefold()))


def names_program(text: str, program: str, rules: EmailRules) -> bool:
    words = program_words(program, rules)
    return bool(words) and all(mentions_words(text, (w,)) for w in words)


def check_email(
    text: str,
    program: str,
    connection: ConnectionKind | None = None,
    advocate: str = "",
    rules: EmailRules | None = None,
) -> EmailCheck:
    """R-62: 3-5 sentences, the program named, the real connection named, nothing generic.

    ``connection`` is the kind recorded in the table (None accepts any kind); the
    advocate's name also counts as naming the connection.
    """
    rules = rules or email_rules()
    t = narrative_data().thresholds
    body = body_sentences(text)
    findings: list[EmailFinding] = []
    if not body:
        return EmailCheck(sentences=0, findings=())
    low, high = int(t.email_sentences_min.value), int(t.email_sentences_max.value)
    if not low <= len(body) <= high:
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="length",
                message=f"{len(body)} sentence(s); a cold email that gets read is "
                f"{low}-{high} sentences.",
                hint="Connection, one line on where you are now, one specific ask."
                if len(body) > high
                else "Add the connection and one specific ask.",
                quotes=tuple(quote(s) for s in body[high:]) if len(body) > high else (),
            )
        )
    if program.strip() and not names_program(text, program, rules):
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="program_missing",
                message=f"The email never names {program.strip()}, so it can read as a template.",
                hint="Name the program in the first sentence, with what ties you to it.",
                quotes=(quote(body[0]),),
            )
        )
    kinds = (connection,) if connection else tuple(rules.connection_terms)
    terms = tuple(term for kind in kinds for term in rules.connection_terms.get(kind, ()))
    names = tuple(w for w in _TOKEN.findall(advocate) if len(w) > 2 and w.casefold() != "dr")
    if not (mentions(text, terms) or mentions_words(text, names)):
        wanted = CONNECTION_NOUNS[connection] if connection else "a real connection"
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="connection_missing",
                message=f"No sentence names the connection ({wanted}).",
                hint="Open with it: where you rotated or observed, whose research, which "
                "alumnus or mentor.",
                quotes=(quote(body[0]),),
            )
        )
    for sentence in body:
        found = first_phrase(sentence, rules.generic_phrases)
        if found is not None:
            findings.append(
                EmailFinding(
                    rule="R-62",
                    kind="generic",
                    message=f"Generic wording ('{found.words}').",
                    hint=found.phrase.hint,
                    quotes=(quote(sentence),),
                )
            )
    return EmailCheck(sentences=len(body), findings=tuple(findings))


# --- outlines --------------------------------------------------------------------------


def _exam_line(profile: ApplicantProfile, today: date) -> str:
    failed = [s for s in STEP_LABELS if profile.failures(s)]
    if not failed:
        return ""
    step = failed[0]
    attempt = profile.passing_attempt(step)
    planned = [a for a in profile.planned(step) if a.exam_date >= today]
    if attempt is not None:
        result = f"passed it in {attempt.exam_date:%B %Y}"
    elif planned:
        result = f"retake it in {planned[0].exam_date:%B %Y}"
    else:
        result = "retake it with a set study plan"
    return (
        f"I did not pass {STEP_LABELS[step]} on my first attempt; I changed how I "
        f"prepare and {result}."
    )


def _exam_facts(profile: ApplicantProfile, today: date) -> str:
    """The exam history in the third person, for an advocate's note."""
    parts: list[str] = []
    for step in STEP_LABELS:
        failures = profile.failures(step)
        if not failures:
            continue
        attempt = profile.passing_attempt(step)
        planned = [a for a in profile.planned(step) if a.exam_date >= today]
        times = "one failed attempt" if failures == 1 else f"{failures} failed attempts"
        if attempt is not None:
            after = f"passed in {attempt.exam_date:%B %Y}"
        elif planned:
            after = f"retake booked for {planned[0].exam_date:%B %Y}"
        else:
            after = "retake being prepared"
        parts.append(f"{STEP_LABELS[step]}: {times}, {after}")
    return "; ".join(parts)


def email_outline(
    profile: ApplicantProfile,
    target: NetworkingTarget | None,
    today: date,
    ref: Reference | None = None,
) -> str:
    """R-62: a 3-4 sentence email for one program; [brackets] are for the applicant to fill."""
    ref = ref or load_reference()
    spec = ref.specialty(profile.target_specialty)
    program = target.program if target else "[program]"
    kind: ConnectionKind = target.connection if target else "rotation"
    advocate = target.advocate if target and target.advocate else ""
    opening: dict[ConnectionKind, str] = {
        "alumni": f"I graduated from [your medical school], like [the alumnus's name] at "
        f"{program}, who suggested I write.",
        "rotation": f"I rotated at {program} on [service] in [month and year], working with "
        "[attending's name].",
        "observership": f"I completed an observership at {program} on [service] in "
        "[month and year] with [physician's name].",
        "research": f"I work with [investigator's name] at {program} on [project], "
        "[and what came of it: an abstract, a poster].",
        "mentor_contact": f"My mentor, {advocate or '[mentor name]'}, trained at {program} "
        "and suggested I write to you.",
    }
    role = ROLE_LABELS[profile.clinical.current_role]
    lines = [
        opening[kind],
        _exam_line(profile, today),
        f"I am applying in {spec.name} for the {profile.target_match_year} Match and now "
        f"work in a {role} [one concrete result from it].",
        f"I would be grateful to be considered for an interview at {program}"
        + (f"; {advocate} knows my work and may be in touch as well." if advocate else "."),
    ]
    body = " ".join(line for line in lines if line)
    return f"Dear Dr. [program director's surname],\n\n{body}\n\n[Your name]"


def advocate_brief(
    profile: ApplicantProfile, target: NetworkingTarget, today: date
) -> tuple[str, ...]:
    """R-62: what to ask an advocate to say to the program director, point by point."""
    who = target.advocate or "Your advocate"
    points = [
        f"{who} writes or calls the program director at {target.program} with a short, "
        "specific note.",
    ]
    facts = _exam_facts(profile, today)
    if facts:
        points.append(
            f"It states the exam history and the remediation in one factual line: {facts}."
        )
    points.append(
        "It vouches for what they saw of your work: reliability, clinical judgement, "
        "how you take feedback."
    )
    points.append("Give them your CV, these points and your ERAS ID, and a date to send by.")
    return tuple(points)
