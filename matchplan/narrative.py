"""The personal statement workspace and the family script (docs/RULES.md R-60, R-61, R-71).

A statement after a failed Step tells one short story - cause, action, result -
and then returns to why the applicant wants the specialty. This module fills
that outline from the profile (R-60), checks a draft with plain text rules
(R-61: regular expressions over sentences; nothing is sent anywhere), and writes
a short, editable script for explaining the year to family (R-71).

The phrase lists and thresholds live in ``data/narrative.json``; the checker is
total: any string (empty, 100 000 characters, any script) gives a result.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from matchplan.profile import STEP_LABELS, ApplicantProfile, CurrentRole
from matchplan.reference import Reference, ReferenceDataError, StepId, Threshold, load_reference

Approach = Literal["in_statement"]
"""R-60: the statement owns the failure. The former "handle it elsewhere" approach was
removed (issue 11); a saved plan that chose it loads as "in_statement"."""
Severity = Literal["warning", "note"]
FindingKind = Literal[
    "failure_share",
    "failure_missing",
    "self_pity",
    "missing_outcomes",
    "missing_motivation",
    "failure_paragraphs",
    "personal_length",
    "vague",
]
SectionKey = Literal["cause", "action", "result", "motivation", "personal"]

QUOTE_MAX = 240
"""A quoted sentence longer than this is cut with an ellipsis (the finding still names it)."""
STATEMENT_MAX = 30_000
"""Characters kept in the statement box: more than any application system accepts."""
MAX_QUOTES = 12
"""A finding quotes at most this many sentences; its message gives the full count."""

ROLE_PHRASES: dict[CurrentRole, str] = {
    "research": "I am working in a research position",
    "research_with_clinical_duties": "I am working as a research fellow with clinical duties",
    "clinical_assistant_or_scribe": "I am working as a clinical assistant",
    "hospitalist_service_assistant": "I am working as an assistant on a hospitalist service",
    "longitudinal_observership": "I am doing a long observership with a US hospital team",
    "alumni_rotation": "I am rotating with alumni of my school at a US program",
    "prelim_or_ty": "I am working as a first-year resident in a one-year position",
    "clinical_job": "I am working in a clinical job",
    "observership": "I am doing a clinical observership at a US hospital",
    "non_clinical_job": "I am working in a job outside medicine",
    "none": "I am arranging clinical work for this year",
}
ROLE_LABELS: dict[CurrentRole, str] = {
    "research": "research position",
    "research_with_clinical_duties": "research fellowship with clinical duties",
    "clinical_assistant_or_scribe": "clinical assistant or scribe role",
    "hospitalist_service_assistant": "hospitalist service assistant role",
    "longitudinal_observership": "longitudinal observership",
    "alumni_rotation": "rotation with alumni",
    "prelim_or_ty": "preliminary or transitional year",
    "clinical_job": "clinical job",
    "observership": "observership",
    "non_clinical_job": "non-clinical job",
    "none": "no role yet",
}

M = TypeVar("M", bound=BaseModel)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- data ------------------------------------------------------------------------------


def _strip_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_comments(v) for k, v in value.items() if k != "_comment"}
    if isinstance(value, list):
        return [_strip_comments(v) for v in value]
    return value


def read_data_file(name: str) -> dict[str, Any]:
    """One JSON file from ``matchplan/data`` as a dict, comments removed; fails naming it."""
    try:
        text = resources.files("matchplan.data").joinpath(name).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"matchplan/data/{name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"matchplan/data/{name}: top level must be an object")
    cleaned: dict[str, Any] = _strip_comments(data)
    return cleaned


def validate_data(name: str, model: type[M], data: dict[str, Any]) -> M:
    """Validate a data file's dict; every source id it uses must exist in sources.json."""
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise ReferenceDataError(
            f"matchplan/data/{name}: invalid at {where}: {first['msg']} "
            f"({exc.error_count()} errors)"
        ) from exc
    known = load_reference().sources
    missing = sorted({s for s in sources_of(result) if s not in known})
    if missing:
        raise ReferenceDataError(f"matchplan/data/{name}: unknown source ids: {', '.join(missing)}")
    return result


def sources_of(model: BaseModel) -> list[str]:
    """Every ``source`` field anywhere inside a data model (for the cross-check)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name, item in value.__dict__.items():
                if name == "source" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(model)
    return found


class Phrase(_Model):
    """A phrase to look for, and what to do instead."""

    phrase: str = Field(min_length=1)
    hint: str = Field(min_length=1)


class ApproachText(_Model):
    label: str
    summary: str
    trade_off: str


class NarrativeThresholds(_Model):
    failure_share_warn: Threshold
    failure_paragraphs_max: Threshold
    personal_sentences_max: Threshold
    email_sentences_min: Threshold
    email_sentences_max: Threshold


class NarrativeData(_Model):
    """``data/narrative.json`` (the ``email`` part is read by networking.py)."""

    thresholds: NarrativeThresholds
    failure_terms: tuple[str, ...] = Field(min_length=1)
    not_about_the_applicant: tuple[str, ...]
    outcome_terms: tuple[str, ...] = Field(min_length=1)
    personal_terms: tuple[str, ...] = Field(min_length=1)
    vague_phrases: tuple[Phrase, ...]
    self_pity_phrases: tuple[Phrase, ...]
    specialty_terms: dict[str, tuple[str, ...]]
    approaches: dict[Approach, ApproachText]

    def approach(self, key: Approach) -> ApproachText:
        return self.approaches[key]


NARRATIVE_FILE = "narrative.json"


@cache
def narrative_data() -> NarrativeData:
    """Load and validate ``data/narrative.json`` once (reference data, not user data)."""
    raw = read_data_file(NARRATIVE_FILE)
    raw.pop("email", None)
    data = validate_data(NARRATIVE_FILE, NarrativeData, raw)
    unknown = sorted(set(data.specialty_terms) - set(load_reference().specialty_ids()))
    if unknown:
        raise ReferenceDataError(
            f"matchplan/data/{NARRATIVE_FILE}: specialty_terms: unknown ids {', '.join(unknown)}"
        )
    if set(data.approaches) != {"in_statement"}:
        raise ReferenceDataError(
            f"matchplan/data/{NARRATIVE_FILE}: approaches must be in_statement only (R-60)"
        )
    return data


# --- plain-text tools ------------------------------------------------------------------


class Sentence(_Model):
    """One sentence of a text, with the paragraph it sits in (0-based)."""

    text: str
    paragraph: int


# Every pattern below runs on user text, so each must take time linear in it (issue 15):
# Python's regex engine holds the interpreter lock, and one quadratic match on a pasted
# 30 000-character run freezes every session on the server. Two habits make that so:
# - possessive quantifiers (``*+``, ``++``) never give back what they took, so a failed
#   match is never retried with a shorter run;
# - a run is only entered at its first character (a negative lookbehind), so a run of
#   n dots or spaces is scanned once, not once from each of its n positions.
# ``tests/test_narrative.py`` checks each against the old, backtracking form on small
# strings (same matches) and ``bench/run.py --stages textcheck`` times them.
_PARAGRAPHS = re.compile(r"\n[^\S\n]*+\n\s*+")
# A sentence ends at . ! ? or … followed by space, or at CJK / Arabic full stops, or a newline.
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s++"
    r"|(?<![。！？؟۔])[。！？؟۔]++[\"'”’)\]]*+\s*+"
    r"|(?<![^\S\n])[^\S\n]*+\n\s*+"
)
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "u.s", "no", "jr", "sr"}
)
_WORD = re.compile(r"\w+")


def _ends_with_abbreviation(text: str, end: int, start: int) -> bool:
    """Is the full stop at ``end`` part of 'Dr.' or 'U.S.'? Looks back a few characters only."""
    if end >= len(text) or text[end] != ".":
        return False
    tail = text[max(start, end - 8) : end].split()
    if not tail:
        return False
    word = tail[-1].casefold().lstrip("([\"'")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Paragraphs (blank-line separated), then sentences; linear in the length of the text."""
    out: list[Sentence] = []
    for number, paragraph in enumerate(p for p in _PARAGRAPHS.split(text) if p.strip()):
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if _ends_with_abbreviation(paragraph, match.start(), start):
                continue
            piece = paragraph[start : match.end()].strip()
            if piece:
                out.append(Sentence(text=piece, paragraph=number))
            start = match.end()
        piece = paragraph[start:].strip()
        if piece:
            out.append(Sentence(text=piece, paragraph=number))
    return tuple(out)


def _phrase_regex(phrase: str) -> str:
    words = phrase.casefold().strip()
    star = words.endswith("*")
    # Possessive: a word never starts with a space, and a prefix match takes the whole word.
    body = r"\s++".join(re.escape(w) for w in words.rstrip("*").split())
    return body + (r"\w*+" if star else "")


def build_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a phrase list: whole words, case-insensitive, '*' as a word prefix."""
    parts = sorted((_phrase_regex(p) for p in phrases if p.strip()), key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


phrase_pattern = cache(build_pattern)
"""Cached patterns, for the phrase lists of the data files only: never for user text."""


def mentions(text: str, phrases: tuple[str, ...]) -> bool:
    """Does ``text`` contain one of the data file's phrases (cached patterns)?"""
    return phrase_pattern(phrases).search(text) is not None


def mentions_words(text: str, words: tuple[str, ...]) -> bool:
    """The same test for words the user typed (a program, a name): nothing is cached."""
    return build_pattern(tuple(w.replace("*", "") for w in words)).search(text) is not None


class PhraseMatch(_Model):
    """A listed phrase found in a sentence, with the words as the writer typed them."""

    phrase: Phrase
    words: str


def first_phrase(text: str, phrases: tuple[Phrase, ...]) -> PhraseMatch | None:
    """The first listed phrase found in ``text`` (the list order sets the hint shown)."""
    if not mentions(text, tuple(p.phrase for p in phrases)):
        return None
    for phrase in phrases:
        match = phrase_pattern((phrase.phrase,)).search(text)
        if match is not None:
            return PhraseMatch(phrase=phrase, words=match.group(0))
    return None


def quote(text: str) -> str:
    """A sentence as quoted in a finding: whitespace collapsed, long ones cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_MAX else flat[: QUOTE_MAX - 1].rstrip() + "…"


def about_failure(sentence: str, data: NarrativeData) -> bool:
    """Does the sentence talk about the applicant's exam or Match setback (not heart failure)?"""
    cleaned = phrase_pattern(data.not_about_the_applicant).sub(" ", sentence)
    return mentions(cleaned, data.failure_terms)


def specialty_phrases(specialty_id: str, ref: Reference, data: NarrativeData) -> tuple[str, ...]:
    """The specialty's name and the words that show the statement is about it."""
    name = ref.specialty(specialty_id).name
    return (name, *data.specialty_terms.get(specialty_id, ()))


# --- the draft check -------------------------------------------------------------


class TextFinding(_Model):
    """One thing the check found, quoting the sentence(s) it is about."""

    rule: str
    kind: FindingKind
    severity: Severity
    message: str
    hint: str
    quotes: tuple[str, ...] = ()


class StatementCheck(_Model):
    """R-61: what the plain-text check found in a draft, with the numbers behind it."""

    characters: int
    words: int
    sentences: int
    failure_share: float
    failure_share_limit: float
    findings: tuple[TextFinding, ...]

    @property
    def warnings(self) -> tuple[TextFinding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def of_kind(self, kind: FindingKind) -> tuple[TextFinding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)


def check_statement(
    text: str,
    specialty_id: str,
    *,
    has_failure: bool = True,
    approach: Approach = "in_statement",
    data: NarrativeData | None = None,
    ref: Reference | None = None,
) -> StatementCheck:
    """R-61 (with R-60's shape): the failure's share of the text, self-pitying or vague
    language, missing outcomes, missing specialty motivation - each quoting its sentence.

    ``has_failure`` says whether the profile has a failed attempt to own; ``approach``
    is kept for callers and is always "in_statement" (R-60: the statement owns it).
    """
    data = data or narrative_data()
    ref = ref or load_reference()
    t = data.thresholds
    sentences = split_sentences(text)
    total = sum(len(s.text) for s in sentences)
    failure_flags = [about_failure(s.text, data) for s in sentences]
    failing = [s for s, flag in zip(sentences, failure_flags, strict=True) if flag]
    share = sum(len(s.text) for s in failing) / total if total else 0.0
    limit = t.failure_share_warn.value
    findings: list[TextFinding] = []
    if not sentences:
        return StatementCheck(
            characters=len(text),
            words=0,
            sentences=0,
            failure_share=0.0,
            failure_share_limit=limit,
            findings=(),
        )

    def add(kind: FindingKind, severity: Severity, message: str, hint: str, *quotes: str) -> None:
        rule = "R-60" if kind in ("failure_paragraphs", "personal_length") else "R-61"
        findings.append(
            TextFinding(
                rule=rule,
                kind=kind,
                severity=severity,
                message=message,
                hint=hint,
                quotes=tuple(quote(q) for q in quotes[:MAX_QUOTES]),
            )
        )

    if share > limit:
        add(
            "failure_share",
            "warning",
            f"{share:.0%} of the draft is about the setback; keep it under "
            f"{limit:.0%} so it reads as one chapter, not the whole story.",
            "Cut the sentences below to the cause, the change and the result; "
            "spend the space on the specialty.",
            *(s.text for s in failing),
        )
    if has_failure and not failing:
        add(
            "failure_missing",
            "warning",
            "The draft does not name the failed attempt, and it is on your transcript.",
            "Say it once, plainly (which Step, when), then what you changed and what "
            "came of it (R-60: the statement owns the failure).",
        )

    for sentence in sentences:
        found = first_phrase(sentence.text, data.self_pity_phrases)
        if found is not None:
            add(
                "self_pity",
                "warning",
                f"Self-pitying or blaming language ('{found.words}').",
                found.phrase.hint,
                sentence.text,
            )

    outcomes = [s for s in sentences if mentions(s.text, data.outcome_terms)]
    if not outcomes:
        anchor = failing[-1].text if failing else sentences[-1].text
        add(
            "missing_outcomes",
            "warning",
            "No sentence points to an outcome: a pass, a score, an evaluation, a letter, "
            "a presentation.",
            "After what you changed, say what came of it - with a number or a name where you can.",
            anchor,
        )

    terms = specialty_phrases(specialty_id, ref, data)
    motivated = [
        s
        for s, flag in zip(sentences, failure_flags, strict=True)
        if not flag and mentions(s.text, terms)
    ]
    if not motivated:
        name = ref.specialty(specialty_id).name
        add(
            "missing_motivation",
            "warning",
            f"The draft never comes back to {name}: nothing says why this specialty.",
            f"Close on {name}: a patient, a service or a skill that keeps you in it.",
            sentences[-1].text,
        )

    paragraphs = sorted({s.paragraph for s in failing})
    if len(paragraphs) > t.failure_paragraphs_max.value:
        firsts = [next(s.text for s in failing if s.paragraph == p) for p in paragraphs]
        add(
            "failure_paragraphs",
            "warning",
            f"The setback comes up in {len(paragraphs)} paragraphs; keep it to "
            f"{t.failure_paragraphs_max.value:.0f}.",
            "Gather the exam story in one place so the rest of the statement can move on.",
            *firsts,
        )

    personal = [s for s in sentences if mentions(s.text, data.personal_terms)]
    if len(personal) > t.personal_sentences_max.value:
        add(
            "personal_length",
            "warning",
            f"{len(personal)} sentences on personal circumstances; one or two factual "
            "sentences give context without taking over.",
            "Keep the fact and the support you took; let the rest of the space show "
            "how you are performing now.",
            *(s.text for s in personal),
        )

    for sentence in sentences:
        found = first_phrase(sentence.text, data.vague_phrases)
        if found is not None:
            add(
                "vague",
                "note",
                f"Vague wording ('{found.words}').",
                found.phrase.hint,
                sentence.text,
            )

    return StatementCheck(
        characters=len(text),
        words=len(_WORD.findall(text)),
        sentences=len(sentences),
        failure_share=share,
        failure_share_limit=limit,
        findings=tuple(findings),
    )


class StatementWorkspace(_Model):
    """The applicant's draft and chosen approach (kept with the plan)."""

    draft: str = Field(default="", max_length=STATEMENT_MAX)
    approach: Approach = "in_statement"

    @field_validator("approach", mode="before")
    @classmethod
    def _owned(cls, value: object) -> object:
        """A plan saved with the removed "elsewhere" approach loads as "in_statement"."""
        return "in_statement" if value == "elsewhere" else value


# --- the outline -----------------------------------------------------------------


class OutlineSection(_Model):
    """One part of the statement: what it is for, the facts from the plan, a first line."""

    key: SectionKey
    title: str
    guidance: str
    facts: tuple[str, ...] = ()
    starter: str = ""


class StatementOutline(_Model):
    """R-60: the outline for the chosen approach, filled from the profile."""

    approach: Approach
    sections: tuple[OutlineSection, ...]
    length_note: str


def _failure_facts(profile: ApplicantProfile) -> list[str]:
    facts = [
        f"{STEP_LABELS[a.step]} not passed in {a.exam_date:%B %Y}"
        for step in STEP_LABELS
        for a in profile.attempts(step)
        if a.result == "fail"
    ]
    cycle = profile.last_cycle
    applied = ", ".join(load_reference().specialty(s).name for s in cycle.specialties_applied)
    facts.append(f"Unmatched in the {cycle.match_year} Match ({applied})")
    return facts


def _result_facts(profile: ApplicantProfile, today: date) -> list[str]:
    facts: list[str] = []
    for step in STEP_LABELS:
        attempt = profile.passing_attempt(step)
        if attempt is None:
            planned = [a for a in profile.planned(step) if a.exam_date >= today]
            if profile.failures(step) and planned:
                facts.append(f"{STEP_LABELS[step]} retake planned for {planned[0].exam_date:%B %Y}")
            continue
        number = len([a for a in profile.attempts(step) if a.exam_date <= attempt.exam_date])
        which = "first attempt" if number == 1 else f"attempt {number}"
        score = f", score {attempt.score}" if attempt.score is not None else ""
        facts.append(f"{STEP_LABELS[step]} passed in {attempt.exam_date:%B %Y} ({which}{score})")
    strong = sum(
        1
        for letter in profile.content.letters
        if letter.strong and letter.specialty == profile.target_specialty
    )
    if strong:
        facts.append(f"{strong} strong letter(s) in the target specialty")
    return facts


def _first_failure(profile: ApplicantProfile) -> tuple[StepId, date] | None:
    fails = [a for a in profile.exams if a.result == "fail"]
    if not fails:
        return None
    first = min(fails, key=lambda a: a.exam_date)
    return first.step, first.exam_date


def statement_outline(
    profile: ApplicantProfile,
    today: date,
    approach: Approach = "in_statement",
    ref: Reference | None = None,
    data: NarrativeData | None = None,
) -> StatementOutline:
    """R-60: cause -> action -> result -> back to the specialty, filled from the profile.

    The statement owns the failure (R-60); there is no "handle it elsewhere" outline.
    """
    ref = ref or load_reference()
    data = data or narrative_data()
    spec = ref.specialty(profile.target_specialty)
    limit = data.thresholds.failure_share_warn.value
    role = ROLE_LABELS[profile.clinical.current_role]
    first = _first_failure(profile)
    if first is not None:
        step, when = first
        cause_starter = (
            f"In {when:%B %Y} I did not pass {STEP_LABELS[step]}. [One or two specific "
            "causes: how you planned, how you prepared, what you underestimated.]"
        )
    else:
        cause_starter = (
            f"I did not match in {profile.last_cycle.match_year}. [What the review of "
            "last cycle showed: for example a late or narrow application.]"
        )
    cause = OutlineSection(
        key="cause",
        title="Cause: the setback, said once",
        guidance="Name the exam and the date plainly, and give one or two specific causes. "
        "No apology, no blame.",
        facts=tuple(_failure_facts(profile)),
        starter=cause_starter,
    )
    action = OutlineSection(
        key="action",
        title="Action: what you changed",
        guidance="Changes in process, not feelings: how you now plan, study, get feedback "
        "and look after yourself.",
        facts=(f"Current or planned role: {role}",),
        starter="[Two or three concrete changes: for example a fixed weekly timetable, timed "
        "practice exams to steer what you study, a standing meeting with a mentor.]",
    )
    result = OutlineSection(
        key="result",
        title="Result: what came of it",
        guidance="Evidence that the change held: the pass, the score, evaluations, "
        "letters, output from your current role.",
        facts=tuple(_result_facts(profile, today)),
        starter="[Lead with the result: the pass, then the clinical or research work that "
        "shows you are steady now.]",
    )
    in_target = "in" if profile.clinical.clinical_in_target else "not in"
    motivation = OutlineSection(
        key="motivation",
        title=f"Back to {spec.name}",
        guidance="Most of the statement: why this specialty, shown through patients and "
        "work you have done, and what you will bring to a program.",
        facts=(
            f"Target specialty: {spec.name}",
            f"Most recent clinical work was {in_target} {spec.name}",
        ),
        starter=f"What keeps me in {spec.name} is [one patient, one service or one skill, "
        "told concretely].",
    )
    personal = OutlineSection(
        key="personal",
        title="Personal circumstances (only if they were part of the cause)",
        guidance="One or two factual sentences: the challenge, the support you took, and "
        "that it is behind you. Then back to what changed and how you perform now.",
    )
    sections: tuple[OutlineSection, ...] = (cause, action, result, motivation, personal)
    note = (
        "Keep the cause, action and result to one or two paragraphs and under about "
        f"{limit:.0%} of the text (an adjustable default)."
    )
    return StatementOutline(approach=approach, sections=sections, length_note=note)


def outline_text(outline: StatementOutline) -> str:
    """The outline as a plain-text skeleton to start a draft from (brackets are prompts)."""
    blocks: list[str] = []
    for section in outline.sections:
        if section.key == "personal":
            continue
        lines = [section.starter] if section.starter else []
        lines += [f"[{fact}]" for fact in section.facts]
        blocks.append(" ".join(lines))
    return "\n\n".join(blocks)


# --- the family script -----------------------------------------------------------


def family_script(profile: ApplicantProfile, today: date) -> str:
    """R-71: a few plain sentences for family - the setback, the fix, the role, the date.

    Generated from the plan so it stays true; the applicant edits it into their own
    words and repeats it, rather than explaining the whole year each time.
    """
    failed = [s for s in STEP_LABELS if profile.failures(s)]
    unpassed = [s for s in failed if not profile.passed(s)]
    if failed:
        names = " and ".join(STEP_LABELS[s] for s in failed)
        exam = "a licensing exam" if len(failed) == 1 else "my licensing exams"
        setback = f"I had a setback on {exam} ({names}), and I did not get a residency place."
    else:
        setback = "I did not get a residency place in this year's Match."
    if unpassed:
        step = unpassed[0]
        planned = [a for a in profile.planned(step) if a.exam_date >= today]
        fixing = (
            f"I am fixing it: I retake {STEP_LABELS[step]} in {planned[0].exam_date:%B %Y}, "
            "with a set study plan."
            if planned
            else f"I am fixing it with a set study plan before I retake {STEP_LABELS[step]}."
        )
    elif failed:
        fixing = "I have fixed the exam problem: I have passed it since."
    else:
        fixing = "I know what went wrong with the application and I am fixing it."
    role = f"{ROLE_PHRASES[profile.clinical.current_role]} while I prepare the application."
    year = profile.target_match_year
    again = f"I am applying to residency again for the {year} Match, to start in July {year}."
    ask = "The most helpful thing is to ask how my week went, not when I will be a doctor."
    return " ".join((setback, fixing, role, again, ask))
