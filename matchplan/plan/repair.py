"""Stored timeline choices made to fit today: repaired, refused or explained.

A plan file keeps what the user chose; by the next visit an exam may be passed or
a date past. Repairs happen here, once, each with a note, so no page silently
reverts a choice and no two pages repair it differently.
"""

from __future__ import annotations

from datetime import date

from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference, StepId
from matchplan.timeline import (
    ExamRefusal,
    PlanDateError,
    RetakeRefused,
    Timeline,
    TimelinePlan,
    build_timeline,
    check_entered_dates,
    default_plan,
    retake_refusal,
)


def timeable_exams(profile: ApplicantProfile) -> tuple[StepId | None, ...]:
    """The exams the Timeline can plan: every Step not yet passed, then 'none'."""
    steps: tuple[StepId, ...] = ("step1", "step2ck", "step3")
    return (*(s for s in steps if not profile.passed(s)), None)


def _with_profile_role(plan: TimelinePlan, profile: ApplicantProfile) -> TimelinePlan:
    """The profile's current role is the one source of the gap-year role's kind."""
    if plan.role.kind == profile.clinical.current_role:
        return plan
    role = plan.role.model_copy(update={"kind": profile.clinical.current_role})
    return plan.model_copy(update={"role": role})


def repaired_timeline(
    profile: ApplicantProfile, stored: TimelinePlan, today: date, ref: Reference
) -> tuple[TimelinePlan, Timeline, tuple[str, ...], ExamRefusal | None]:
    """The stored timeline choices, with stale ones replaced by the default plan's.

    An exam already passed (or no longer timeable) goes back to the exam the rules
    pick; a date that cannot be placed (after Match Day, an override out of order)
    falls back field by field to the default plan. A date that has passed since it
    was chosen is kept: it is the plan's record, and its milestone asks "done?"
    (R-43). Each repair is named, so the page can say what changed instead of
    silently reverting.
    """
    fallback = default_plan(profile, today, ref)
    # A timeline never chosen (a bare profile file, a new plan) follows the default plan.
    plan = _with_profile_role(fallback if stored == TimelinePlan() else stored, profile)
    repairs: list[str] = []
    if plan.exam_step not in timeable_exams(profile):
        plan = plan.model_copy(
            update={"exam_step": fallback.exam_step, "exam_date": fallback.exam_date}
        )
        repairs.append("The exam to time was already passed; MatchPlan picked the next one.")
    elif (
        plan.exam_step is not None
        and plan.exam_date is None
        and plan.exam_step == fallback.exam_step
    ):
        plan = plan.model_copy(update={"exam_date": fallback.exam_date})
    refusal: ExamRefusal | None = None
    for _ in range(4):  # at most one repair per placeable field
        try:
            return plan, build_timeline(profile, plan, today, ref), tuple(repairs), refusal
        except PlanDateError as problem:
            if isinstance(problem, RetakeRefused):
                refusal = problem.refusal  # never planned, never given a chance
            repairs.append(f"{problem} MatchPlan used its default for this date instead.")
            if problem.field == "calendar_overrides":
                plan = plan.model_copy(update={"calendar_overrides": {}})
            elif problem.field == "exam_date":
                plan = plan.model_copy(
                    update={"exam_step": fallback.exam_step, "exam_date": fallback.exam_date}
                )
            else:
                plan = plan.model_copy(update={problem.field: getattr(fallback, problem.field)})
    plan = _with_profile_role(fallback, profile)
    return plan, build_timeline(profile, plan, today, ref), tuple(repairs), refusal


def planned_attempt_refusals(
    profile: ApplicantProfile, today: date, ref: Reference
) -> tuple[ExamRefusal, ...]:
    """R-34 (revised): planned attempts in the profile that the retake rules refuse."""
    refusals = []
    for step in STEP_LABELS:
        for attempt in profile.planned(step):
            earlier = profile.model_copy(
                update={"exams": tuple(a for a in profile.exams if a is not attempt)}
            )
            refusal = retake_refusal(earlier, step, attempt.exam_date, ref)
            if refusal is not None:
                refusals.append(refusal)
    return tuple(refusals)


def timeline_problem(
    profile: ApplicantProfile,
    candidate: TimelinePlan,
    today: date,
    before: TimelinePlan | None = None,
) -> PlanDateError | None:
    """Why a Timeline edit cannot be placed (shown at its field), or None if it can.

    A date the edit sets (one that differs from ``before``) cannot be in the past.
    """
    try:
        check_entered_dates(candidate, before, today)
        build_timeline(profile, _with_profile_role(candidate, profile), today)
    except PlanDateError as problem:
        return problem
    return None
