"""The one-page handout for the end of an advisor session (issues 6 and 12).

``handout_content`` gathers what the page says from ``build_plan``'s result
only (pure); ``handout_pdf`` (``matchplan.handout_pdf``) lays it out on one A4
or Letter page with the timeline drawn as a chart, and ``handout_html`` writes a
self-contained page with the interactive charts. Identifying details (name,
advisor notes) appear only when the applicant chooses; every text is escaped in
HTML. No file names: the handout is for the applicant. Rule ids only with
``rule_ids`` (the page passes "Show rule ids and details"; off by default and in the
CLI), taken out by the one function the pages use (``matchplan.rule_ids``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from matchplan.assessment import LENS_QUESTIONS
from matchplan.cycles import EVENT_LABELS
from matchplan.frozen import Frozen
from matchplan.networking import STATUS_LABELS
from matchplan.pathway import PATH_LABELS
from matchplan.plan import PlanResult
from matchplan.profile import CURRENT_ROLE_LABELS, STEP_LABELS
from matchplan.reference import CycleEvent, Level, Source, load_reference
from matchplan.rule_ids import shown
from matchplan.timeline import MilestoneKind
from matchplan.views_year import statement_check_of
from matchplan.year import DUE_SOON_DAYS, MATCH_RESULT_LABELS

KEY_EVENTS: tuple[CycleEvent, ...] = (
    "myeras_opens",
    "submission_opens",
    "review_opens",
    "rol_deadline",
    "match_day",
)
CHART_LINES: tuple[tuple[CycleEvent, str], ...] = (
    ("review_opens", "Programs review"),
    ("rol_deadline", "Rank list deadline"),
    ("match_day", "Match Day"),
)
UPCOMING = 3
"""How many coming timeline steps the next actions list, besides the assessment's."""

_FILE_NAME = re.compile(r",?\s*\b[\w/.-]+\.(?:md|json|csv|py)\b")


def _clean(text: str, rule_ids: bool = False) -> str:
    """Text for the applicant: no file names, and rule ids only when asked for."""
    return _FILE_NAME.sub("", shown(text, rule_ids=rule_ids)).strip()


class LensLine(Frozen):
    name: str
    question: str
    level: Level
    reasons: tuple[str, ...]


class DateLine(Frozen):
    label: str
    day: date
    note: str = ""


class Bar(Frozen):
    """One timeline row as the PDF draws it."""

    name: str
    start: date
    end: date
    kind: MilestoneKind
    missed: bool = False


class ChartLine(Frozen):
    label: str
    day: date


class ActionLine(Frozen):
    """A next action with the date it belongs to: done by, happening on, or starting from."""

    day: date
    text: str
    when: Literal["By", "On", "From"] = "By"


class HandoutContent(Frozen):
    made_on: date
    name: str
    notes: str
    specialty: str
    match_year: int
    lenses: tuple[LensLine, ...]
    overall: Level
    path: str
    path_reasons: tuple[str, ...]
    bars: tuple[Bar, ...]
    chart_lines: tuple[ChartLine, ...]
    dates: tuple[DateLine, ...]
    program_parts: tuple[str, ...]
    programs: int
    programs_range: str
    cost: int
    letters: tuple[str, ...]
    clinical: str
    role: tuple[str, ...]
    statement: str
    networking: str
    actions: tuple[ActionLine, ...]
    warnings: tuple[str, ...]
    sources: tuple[str, ...]
    advisor_answers: tuple[str, ...] = ()  # each advisor's view, then the reading
    readiness: str = ""  # practice forms against the exam date
    standing: str = ""  # where the year stands on the day it was made

    @property
    def next_actions(self) -> tuple[str, ...]:
        """The actions as one line each, with their dates."""
        return tuple(f"{a.when} {a.day:%d %b %Y}: {a.text}" for a in self.actions)


def _source_label(source: Source) -> str:
    return _clean(source.label()).replace(" ()", "").replace("( ", "(")


def _letters(result: PlanResult, specialty: str) -> tuple[str, ...]:
    letters = result.profile.content.letters
    target = result.profile.target_specialty
    if not letters:
        return ("No letters on file yet.",)
    strong_here = sum(1 for x in letters if x.strong and x.specialty == target)
    us = sum(1 for x in letters if x.us_based)
    newest = max(x.written_on for x in letters)
    lines = [
        f"{len(letters)} on file: {strong_here} strong in {specialty}, {us} from US "
        f"clinical settings; the newest written {newest:%b %Y}."
    ]
    step = next((m for m in result.timeline.milestones if m.kind == "letters"), None)
    if step is not None:
        lines.append(
            f"Request new letters from {step.start:%d %b %Y}; uploaded by {step.end:%d %b %Y}."
        )
    return tuple(lines)


def _clinical(result: PlanResult) -> str:
    clinical = result.profile.clinical
    where = "US-based" if clinical.clinical_us_based else "outside the US"
    field = "in the target specialty" if clinical.clinical_in_target else "in another field"
    return (
        f"{clinical.months_since_clinical} months since hands-on clinical work "
        f"(last {where}, {field})."
    )


def _role(result: PlanResult, rule_ids: bool) -> tuple[str, ...]:
    role = result.timeline.role
    name = CURRENT_ROLE_LABELS[result.profile.clinical.current_role]
    lines = [f"Current role: {name}. As a gap-year role it is {role.verdict}."]
    if role.met:
        lines.append("It is " + "; ".join(role.met) + ".")
    if role.missing:
        lines.append("Missing: " + "; ".join(role.missing) + ".")
    lines.append(role.advice)
    return tuple(_clean(line, rule_ids) for line in lines)


def _statement(result: PlanResult) -> str:
    check = statement_check_of(result)
    if check is None:
        return "Personal statement: no draft in the plan yet."
    warnings = len(check.warnings)
    to_look_at = f"{warnings} point(s) to look at" if warnings else "no warnings from the check"
    return f"Personal statement: a draft of {check.words} words, {to_look_at}."


def _networking(result: PlanResult) -> str:
    targets = result.plan.networking.targets
    if not targets:
        return "Networking: no programs listed yet."
    counts: dict[str, int] = {}
    for target in targets:
        label = STATUS_LABELS[target.status]
        counts[label] = counts.get(label, 0) + 1
    by_status = ", ".join(f"{label.lower()} {n}" for label, n in counts.items())
    return f"Networking: {len(targets)} program(s) listed ({by_status})."


def _actions(result: PlanResult, rule_ids: bool) -> tuple[ActionLine, ...]:
    """The assessment's actions, due by submission day, then the next milestones.

    Once submission day has passed (R-40: a plan opened in its running cycle), the
    actions that were due by it are not given a past date: the milestones ahead lead.
    """
    submit = result.timeline.calendar.dates["submission_opens"].date
    actions = (
        [ActionLine(day=submit, text=_clean(text, rule_ids)) for text in result.next_actions]
        if submit >= result.today
        else []
    )
    applying = submit >= result.today  # before submission the Match's dates are far off
    upcoming = [
        m
        for m in result.timeline.milestones
        if m.start >= result.today and (m.kind != "match" or not applying)
    ]
    actions += [
        ActionLine(day=m.start, text=m.name, when="On" if m.end == m.start else "From")
        for m in sorted(upcoming, key=lambda m: m.start)[:UPCOMING]
    ]
    if not actions:  # after Match Day nothing of this cycle is ahead
        actions = [ActionLine(day=result.today, text=_after_match(result), when="On")]
    return tuple(sorted(actions, key=lambda a: (a.day, a.when == "By")))


def _after_match(result: PlanResult) -> str:
    standing = result.standing
    if standing.outcome is None:
        return f"Record how the {standing.match_year} Match ended in MatchPlan."
    if standing.outcome.result == "not_matched":
        return "Plan the next cycle from this plan (Overview: Plan the next cycle)."
    return "Nothing more is due in this plan."


def standing_sentence(result: PlanResult) -> str:
    """R-43 / R-44 in one sentence: the phase, the next 14 days, what asks "done?"."""
    standing = result.standing
    parts = [f"Where the year stands on {standing.today:%d %b %Y}: {standing.label}."]
    if standing.due_soon:
        soon = "; ".join(f"{m.name} ({m.start:%d %b})" for m in standing.due_soon[:3])
        parts.append(f"Due in the next {DUE_SOON_DAYS} days: {soon}.")
    if standing.to_confirm:
        parts.append(f"{len(standing.to_confirm)} past milestone(s) to confirm as done.")
    if standing.missed:
        parts.append("Missed: " + "; ".join(m.name for m in standing.missed) + ".")
    if standing.outcome is not None:
        parts.append(f"Outcome: {MATCH_RESULT_LABELS[standing.outcome.result].lower()}.")
    elif standing.ask_outcome:
        parts.append("Match Day has passed: record the outcome in MatchPlan.")
    return " ".join(parts)


def handout_content(
    result: PlanResult, *, identify: bool, rule_ids: bool = False
) -> HandoutContent:
    """Everything the handout says, read from the one computation (build_plan).

    ``rule_ids`` keeps the rule ids in the reasons, as the pages show them with
    "Show rule ids and details" on (issue 24); the applicant's handout has none.
    """
    ref = load_reference()
    profile = result.profile
    assessment = result.assessment
    timeline = result.timeline
    specialty = ref.specialty(profile.target_specialty).name
    dates: list[DateLine] = []
    used_sources: set[str] = {"article", "aamc-eras-fees-2026"}
    if timeline.exam is not None:
        exam = timeline.exam
        dates.append(
            DateLine(
                label=f"{STEP_LABELS[exam.step]} exam",
                day=exam.exam_date,
                note=f"score about {exam.report_typical:%d %b %Y}",
            )
        )
    for event in KEY_EVENTS:
        found = timeline.calendar.dates[event]
        dates.append(
            DateLine(
                label=EVENT_LABELS[event],
                day=found.date,
                note="estimate" if found.estimated else "",
            )
        )
        if found.source in ref.sources:
            used_sources.add(found.source)
    warnings = [*result.timeline_repairs, *(w.text for w in timeline.warnings)]
    for lens in assessment.lenses:
        for reason in lens.reasons:
            used_sources.update(s for s in reason.sources if s in ref.sources)
    programs = result.programs
    return HandoutContent(
        standing=standing_sentence(result),
        made_on=result.today,
        name=profile.display_name if identify else "",
        notes=profile.advisor_notes if identify else "",
        specialty=specialty,
        match_year=timeline.match_year,
        lenses=tuple(
            LensLine(
                name=lens.lens.capitalize(),
                question=LENS_QUESTIONS[lens.lens],
                level=lens.level,
                reasons=tuple(_clean(r.text, rule_ids) for r in lens.reasons[:2]),
            )
            for lens in assessment.lenses
        ),
        overall=assessment.overall,
        path=PATH_LABELS[result.pathway.effective],
        path_reasons=tuple(_clean(r.text, rule_ids) for r in result.pathway.reasons[:3]),
        bars=tuple(
            Bar(name=m.name, start=m.start, end=m.end, kind=m.kind, missed=m.missed)
            for m in timeline.milestones
        ),
        chart_lines=(
            ChartLine(label="Today", day=result.today),
            *(
                ChartLine(label=label, day=timeline.calendar.dates[event].date)
                for event, label in CHART_LINES
            ),
        ),
        dates=tuple(sorted(dates, key=lambda d: d.day)),
        program_parts=tuple(
            f"{part.name}: about {part.count.recommended} ({part.count.min}-{part.count.max})"
            for part in programs.parts
        ),
        programs=result.program_total,
        programs_range=f"{programs.total.min}-{programs.total.max}",
        cost=result.fees.total,
        letters=_letters(result, specialty)
        + (
            (_clean(result.outputs.message, rule_ids),)
            if result.plan.clinical_outputs.attendings
            else ()
        ),
        clinical=_clinical(result),
        role=_role(result, rule_ids),
        statement=_statement(result),
        networking=_networking(result),
        actions=_actions(result, rule_ids),
        warnings=tuple(_clean(w, rule_ids) for w in warnings[:3]),
        sources=tuple(sorted(_source_label(ref.source(s)) for s in used_sources)),
        advisor_answers=_advisor_lines(result, identify=identify, rule_ids=rule_ids)
        if result.plan.advisors.answers
        else (),
        readiness=_clean(
            result.readiness.message
            + (f" {result.readiness.warning}" if result.readiness.warning else ""),
            rule_ids,
        )
        if result.plan.study_plan.forms or result.plan.progress.practice_scores
        else "",
    )


def _advisor_lines(result: PlanResult, *, identify: bool, rule_ids: bool) -> tuple[str, ...]:
    """R-80 for the handout: each advisor's view (names only when identifying), then the reading."""
    reading = result.advisors
    lines = tuple(
        f"{line.advisor if identify else f'Advisor {number}'}: {line.label}"
        for number, line in enumerate(reading.lines, start=1)
    )
    return (*lines, _clean(reading.message, rule_ids))


def program_sentence(content: HandoutContent) -> str:
    """The program count and cost in one sentence (the dual split, then the total)."""
    split = "; ".join(content.program_parts)
    total = (
        f"In all about {content.programs} programs (range {content.programs_range})"
        if len(content.program_parts) > 1
        else f"Apply to about {content.programs} programs (range {content.programs_range})"
    )
    prefix = f"{split}. " if len(content.program_parts) > 1 else ""
    return f"{prefix}{total}; ERAS fees about ${content.cost:,} including the transcript fee."


def title_of(content: HandoutContent) -> str:
    return f"Re-application plan: {content.specialty}, {content.match_year} Match"


# --- HTML ----------------------------------------------------------------------------------
