"""R-61: the personal-statement draft check, and the saved workspace."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from matchplan.frozen import Frozen
from matchplan.narrative.data import Approach, NarrativeData, narrative_data
from matchplan.narrative.sentences import (
    _WORD,
    about_failure,
    first_phrase,
    mentions,
    quote,
    specialty_phrases,
    split_sentences,
)
from matchplan.reference import Reference, load_reference

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
STATEMENT_MAX = 30_000
"""Characters kept in the statement box: more than any application system accepts."""
MAX_QUOTES = 12
"""A finding quotes at most this many sentences; its message gives the full count."""


# --- the draft check -------------------------------------------------------------


class TextFinding(Frozen):
    """One thing the check found, quoting the sentence(s) it is about."""

    rule: str
    kind: FindingKind
    severity: Severity
    message: str
    hint: str
    quotes: tuple[str, ...] = ()


class StatementCheck(Frozen):
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


class StatementWorkspace(Frozen):
    """The applicant's draft and chosen approach (kept with the plan)."""

    draft: str = Field(default="", max_length=STATEMENT_MAX)
    approach: Approach = "in_statement"

    @field_validator("approach", mode="before")
    @classmethod
    def _owned(cls, value: object) -> object:
        """A plan saved with the removed "elsewhere" approach loads as "in_statement"."""
        return "in_statement" if value == "elsewhere" else value
