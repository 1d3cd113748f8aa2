"""R-84: talking about the failure in interviews (article §6, §6.1, FAQ 4).

A short spoken answer in four parts - what happened, what changed, the evidence,
back to the specialty - checked like the statement (R-61): its length (about
ninety seconds), ownership (the applicant says "I" and names the setback), no
self-pitying or blaming language, an outcome named, the specialty named, and the
setback's share kept small. The common follow-up questions come from data.

Linear in the text: the parts are split with ``narrative.split_sentences`` and
matched with the narrative's phrase patterns (both linear, issue 15); words are
counted with one regex pass.
"""

from __future__ import annotations

from typing import Final, Literal, Self

from pydantic import Field, model_validator

from matchplan.frozen import Frozen
from matchplan.narrative import (
    NarrativeData,
    about_failure,
    first_phrase,
    mentions,
    narrative_data,
    phrase_pattern,
    quote,
    specialty_phrases,
    split_sentences,
)
from matchplan.narrative.sentences import _WORD
from matchplan.reference import Reference, load_reference
from matchplan.year.data import YearData, year_data

PART_MAX: Final = 2000
PARTS: Final = ("what_happened", "what_changed", "evidence", "specialty")
PART_LABELS: Final[dict[str, str]] = {
    "what_happened": "What happened",
    "what_changed": "What changed",
    "evidence": "The evidence",
    "specialty": "Back to the specialty",
}
AnswerKind = Literal[
    "missing_part",
    "too_short",
    "too_long",
    "ownership",
    "self_pity",
    "no_outcome",
    "no_specialty",
    "failure_share",
]


class InterviewAnswer(Frozen):
    """The answer's four parts and the follow-ups practised (plan file, schema 4)."""

    what_happened: str = Field(default="", max_length=PART_MAX, title="What happened")
    what_changed: str = Field(default="", max_length=PART_MAX, title="What changed")
    evidence: str = Field(default="", max_length=PART_MAX, title="The evidence")
    specialty: str = Field(default="", max_length=PART_MAX, title="Back to the specialty")
    practised: tuple[int, ...] = Field(default=(), max_length=20, title="Follow-ups practised")

    @model_validator(mode="after")
    def _practised_once(self) -> Self:
        if len(set(self.practised)) != len(self.practised) or any(
            not 0 <= i < 20 for i in self.practised
        ):
            raise ValueError("Follow-ups practised: each question once")
        return self

    def text(self) -> str:
        return "\n\n".join(getattr(self, p) for p in PARTS if getattr(self, p).strip())


class AnswerFinding(Frozen):
    rule: str = "R-84"
    kind: AnswerKind
    message: str
    hint: str
    quote: str = ""


class AnswerCheck(Frozen):
    words: int
    words_min: int
    words_max: int
    failure_share: float
    findings: tuple[AnswerFinding, ...]

    @property
    def ready(self) -> bool:
        return self.words > 0 and not self.findings


def check_answer(
    answer: InterviewAnswer,
    specialty_id: str,
    data: YearData | None = None,
    narrative: NarrativeData | None = None,
    ref: Reference | None = None,
) -> AnswerCheck:
    """R-84: length, the four parts, ownership, no self-pity, an outcome, the specialty."""
    data = data or year_data()
    narrative = narrative or narrative_data()
    ref = ref or load_reference()
    rules = data.interview
    low, high = int(rules.words_min.value), int(rules.words_max.value)
    text = answer.text()
    words = sum(1 for _ in _WORD.finditer(text))
    findings: list[AnswerFinding] = []

    def add(kind: AnswerKind, message: str, hint: str, sentence: str = "") -> None:
        findings.append(AnswerFinding(kind=kind, message=message, hint=hint, quote=quote(sentence)))

    if not text.strip():
        return AnswerCheck(words=0, words_min=low, words_max=high, failure_share=0.0, findings=())
    for part in PARTS:
        if not getattr(answer, part).strip():
            add(
                "missing_part",
                f"{PART_LABELS[part]} is empty.",
                "Each of the four parts is one or two sentences.",
            )
    if words < low:
        add(
            "too_short",
            f"{words} words: under {low}, the answer skips a step.",
            "Add the change and the evidence in concrete terms.",
        )
    elif words > high:
        add(
            "too_long",
            f"{words} words: over {high}, about ninety seconds spoken.",
            "Cut to cause, change, result, specialty; let them ask for more.",
        )

    happened = answer.what_happened
    owner = phrase_pattern(rules.ownership_words)
    owned = owner.search(happened) is not None and about_failure(happened, narrative)
    if happened.strip() and not owned:
        add(
            "ownership",
            "What happened does not own the setback in the first person.",
            "Say it plainly: 'I failed Step 1 in June 2022 because ...': which Step, when, why.",
            happened,
        )
    sentences = split_sentences(text)
    for sentence in sentences:
        found = first_phrase(sentence.text, narrative.self_pity_phrases)
        if found is not None:
            add(
                "self_pity",
                f"Self-pitying or blaming language ('{found.words}').",
                found.phrase.hint,
                sentence.text,
            )
    if answer.evidence.strip() and not mentions(answer.evidence, narrative.outcome_terms):
        add(
            "no_outcome",
            "The evidence names no outcome: a pass, a score, an evaluation, a letter.",
            "Name the result with a number or a name: 'I passed on my second attempt with ...'.",
            answer.evidence,
        )
    name = ref.specialty(specialty_id).name
    if answer.specialty.strip() and not mentions(
        answer.specialty, specialty_phrases(specialty_id, ref, narrative)
    ):
        add(
            "no_specialty",
            f"The last part does not come back to {name}.",
            f"End on {name}: a patient, a service, a skill that keeps you in it.",
            answer.specialty,
        )
    # The setback's share: the "what happened" part against the whole answer (the
    # evidence names the exam too - a pass on the second attempt is the point there).
    share = len(happened.strip()) / len(text) if text else 0.0
    limit = rules.failure_share_max.value
    if share > limit:
        add(
            "failure_share",
            f"{share:.0%} of the answer is about the setback; keep it under {limit:.0%}.",
            "One or two sentences on what happened; spend the rest on the change and the result.",
        )
    return AnswerCheck(
        words=words, words_min=low, words_max=high, failure_share=share, findings=tuple(findings)
    )
