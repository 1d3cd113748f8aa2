"""The year pages' views of the one plan: statement, networking, week, progress.

Every function takes the ``PlanResult`` (or a core model) and returns what a page
shows, so the pages Personal statement, Networking, Weekly structure and Progress
hold no rule of their own. Pure: ``today`` comes from the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from matchplan.narrative import (
    STATEMENT_MAX,
    StatementCheck,
    StatementOutline,
    StatementWorkspace,
    check_statement,
    family_script,
    narrative_data,
    statement_outline,
)
from matchplan.networking import (
    EmailCheck,
    NetworkingTarget,
    advocate_brief,
    check_email,
    email_outline,
)
from matchplan.plan import PlanResult
from matchplan.progress import (
    PracticeScore,
    Progress,
    RowProblem,
    ScoreTrend,
    mark_done,
    score_trend,
    scores_from_rows,
    steps_with_scores,
)
from matchplan.reference import StepId, load_reference
from matchplan.week import (
    Day,
    Domain,
    Slot,
    StudyFit,
    StudyWindow,
    WeekPlan,
    WeekWarning,
    hours_by_domain,
    study_fit,
    study_window_for_exam,
    week_warnings,
)

# --- the personal statement ---------------------------------------------------


def statement_outline_of(result: PlanResult) -> StatementOutline:
    """R-60: the outline for the chosen approach, filled from the plan's profile."""
    return statement_outline(
        result.profile,
        result.today,
        result.plan.statement.approach,
        load_reference(),
        narrative_data(),
    )


def statement_check_of(result: PlanResult) -> StatementCheck | None:
    """R-61: the check of the stored draft; None while the draft is empty."""
    workspace = result.plan.statement
    if not workspace.draft.strip():
        return None
    return check_statement(
        workspace.draft,
        result.profile.target_specialty,
        has_failure=result.profile.total_failures() > 0,
        approach=workspace.approach,
        data=narrative_data(),
        ref=load_reference(),
    )


def with_draft(workspace: StatementWorkspace, draft: str | None) -> StatementWorkspace:
    """The workspace with a new draft, capped at STATEMENT_MAX characters (R-61)."""
    return StatementWorkspace(draft=(draft or "")[:STATEMENT_MAX], approach=workspace.approach)


# --- networking ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgramApproach:
    """One program approached (R-62): the advocate's points, the outline, the email check."""

    target: NetworkingTarget | None
    advocate_points: tuple[str, ...]
    outline: str
    email: EmailCheck | None


def approach_program(result: PlanResult, index: int | None) -> ProgramApproach:
    """R-62 for the picked row of the stored table (None or out of range: no program)."""
    targets = result.plan.networking.targets
    target = targets[index] if index is not None and 0 <= index < len(targets) else None
    draft = result.plan.email_draft
    email = None
    if draft.strip():
        email = check_email(
            draft,
            target.program if target else "",
            target.connection if target else None,
            target.advocate if target else "",
        )
    return ProgramApproach(
        target=target,
        advocate_points=advocate_brief(result.profile, target, result.today) if target else (),
        outline=email_outline(result.profile, target, result.today),
        email=email,
    )


# --- the week and the family script -------------------------------------------


def with_block(week: WeekPlan, day: Day, slot: Slot, domain: Domain) -> WeekPlan:
    """R-70: the week with one block changed."""
    return WeekPlan(
        days=tuple(d.model_copy(update={slot: domain}) if d.day == day else d for d in week.days)
    )


@dataclass(frozen=True, slots=True)
class WeekCheck:
    """R-70: the study window checked (the Timeline's exam, else a date being tried)."""

    window: StudyWindow | None
    tried: bool
    hours: Mapping[Domain, float]
    fit: StudyFit | None
    warnings: tuple[WeekWarning, ...]


def week_check(result: PlanResult, tried_exam: date | None = None) -> WeekCheck:
    """R-70 against the Timeline's planned exam (``result.study_window``).

    Only when the Timeline plans no exam does a date being tried (not saved) give
    the window, with the data's default block length.
    """
    week = result.week
    window = result.study_window
    warnings = result.week_warnings
    tried = False
    if window is None and tried_exam is not None:
        window = study_window_for_exam(tried_exam, result.today, "exam")
        warnings = week_warnings(week, window)
        tried = window is not None
    return WeekCheck(
        window=window,
        tried=tried,
        hours=hours_by_domain(week),
        fit=study_fit(week, window) if window is not None else None,
        warnings=warnings,
    )


@dataclass(frozen=True, slots=True)
class FamilyScript:
    """R-71: the script shown, and whether it is the applicant's own edit."""

    text: str
    generated: str
    edited: bool


def family_script_of(result: PlanResult) -> FamilyScript:
    """R-71: the stored script if the applicant edited it, else the one from the plan."""
    generated = family_script(result.profile, result.today)
    saved = result.plan.family_script
    return FamilyScript(
        text=saved if saved is not None else generated,
        generated=generated,
        edited=saved is not None,
    )


def family_script_to_store(result: PlanResult, text: str | None) -> str | None:
    """R-71: what the plan keeps: None while the text is the generated script."""
    text = text or ""
    return None if text == family_script(result.profile, result.today) else text


# --- progress: ticks and the practice-score log ---------------------------------------------


def tick(progress: Progress, milestone: str, done: bool, current: Sequence[str]) -> Progress:
    """A milestone ticked or unticked; past the cap, ticks of milestones no longer planned go.

    ``current`` names the Timeline's milestones today (``result.timeline``).
    """
    try:
        return mark_done(progress, milestone, done)
    except ValidationError:
        kept = Progress(
            done=tuple(n for n in progress.done if n in set(current)),
            practice_scores=progress.practice_scores,
            not_done=tuple(n for n in progress.not_done if n in set(current)),
        )
        return mark_done(kept, milestone, done)


def milestone_names(result: PlanResult) -> tuple[str, ...]:
    return tuple(m.name for m in result.timeline.milestones)


def log_step(result: PlanResult) -> StepId:
    """The Step a new practice-score row starts with: the Timeline's exam, else Step 2 CK."""
    exam = result.timeline.exam
    return exam.step if exam is not None else "step2ck"


def score_log(
    rows: Sequence[Mapping[str, Any]], today: date
) -> tuple[tuple[PracticeScore, ...], tuple[RowProblem, ...]]:
    """The edited log validated whole (``scores_from_rows``).

    A row with no date, no score and no form is a row just added (its Step is the
    column's default): it is skipped like a blank one until the user fills it in.
    """
    started = [
        row
        if any(row.get(field) not in (None, "") for field in ("taken_on", "score", "form"))
        else {}  # kept in place, so rows are still numbered as shown
        for row in rows
    ]
    return scores_from_rows(started, today)


def score_trends(result: PlanResult) -> tuple[ScoreTrend, ...]:
    """Each Step's practice scores against today's passing standard (facts §2.1, R-01, R-22)."""
    progress = result.plan.progress
    return tuple(score_trend(progress, step, result.today) for step in steps_with_scores(progress))


__all__ = [
    "FamilyScript",
    "ProgramApproach",
    "WeekCheck",
    "approach_program",
    "family_script_of",
    "family_script_to_store",
    "log_step",
    "milestone_names",
    "score_log",
    "score_trends",
    "statement_check_of",
    "statement_outline_of",
    "tick",
    "week_check",
    "with_block",
    "with_draft",
]
