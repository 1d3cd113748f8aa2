"""R-60: the statement outline filled from the profile."""

from __future__ import annotations

from datetime import date
from typing import Literal

from matchplan.frozen import Frozen
from matchplan.narrative.data import ROLE_LABELS, Approach, NarrativeData, narrative_data
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference, StepId, load_reference

SectionKey = Literal["cause", "action", "result", "motivation", "personal"]


# --- the outline -----------------------------------------------------------------


class OutlineSection(Frozen):
    """One part of the statement: what it is for, the facts from the plan, a first line."""

    key: SectionKey
    title: str
    guidance: str
    facts: tuple[str, ...] = ()
    starter: str = ""


class StatementOutline(Frozen):
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
