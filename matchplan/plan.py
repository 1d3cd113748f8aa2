"""One plan, one computation: ``build_plan(plan, today) -> PlanResult``.

Every consumer - each page, Scenarios, the Handout, the CLI and the benchmark -
reads this one result, so a number shown in two places comes from the same
object and cannot disagree. The chain assess -> pathway -> program count ->
fees -> signals -> timeline -> week is wired here and nowhere else, and stale
choices stored in a plan (an exam already passed, a date now in the past, an
override that breaks the cycle's order) are repaired here, once, with a note
saying what was repaired.

Pure: ``today`` comes in; nothing reads the clock, nothing does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from matchplan.assessment import Assessment, Finding, assess, program_count_action
from matchplan.careers import CareersAdvice, other_careers
from matchplan.cycles import cycle_calendar
from matchplan.pathway import VIEW_TO_PATH, Pathway, pathway
from matchplan.planfile import PlanFile, ProgramChoices, Scenario
from matchplan.profile import STEP_LABELS, ApplicantProfile, with_changes
from matchplan.programs import (
    FeeBreakdown,
    ListMix,
    ProgramData,
    ProgramPlan,
    SignalAdvice,
    applications_for_interviews,
    dual_advised,
    eras_fees,
    interview_target,
    last_cycle_yield,
    list_mix,
    program_data,
    program_plan,
    signal_advice,
)
from matchplan.progress import score_trend
from matchplan.reference import Level, Reference, StepId, load_reference
from matchplan.timeline import (
    ExamRefusal,
    Milestone,
    PlanDateError,
    PlanWarning,
    RetakeRefused,
    Timeline,
    TimelinePlan,
    build_timeline,
    default_plan,
    exam_to_time,
    last_exam_date,
    retake_refusal,
)
from matchplan.week import (
    StudyWindow,
    WeekPlan,
    WeekWarning,
    study_window_for_exam,
    template_week,
    week_warnings,
)
from matchplan.whatif import WhatIfResult, apply_what_if
from matchplan.year import (
    AdvisorReading,
    AnswerCheck,
    ChecklistItem,
    OutputsStatus,
    Readiness,
    SoapReadiness,
    WellbeingView,
    advisor_reading,
    check_answer,
    checklist_milestones,
    outputs_status,
    prelim_checklist,
    readiness,
    soap_milestones,
    soap_readiness,
    wellbeing_view,
)

TIER_CHOICES: tuple[str, ...] = ("assessed", "risk_what_if", "low", "moderate", "high")
"""Which tier sizes the program list: the assessed one by default (ProgramChoices.tier)."""


@dataclass(frozen=True, slots=True)
class Interviews:
    """Interviews, not only applications: the target and the applications it takes."""

    target: int
    yield_rate: float
    own_yield: float | None
    assumed_yield: float
    applications_needed: int | None


@dataclass(frozen=True, slots=True)
class PlanResult:
    """Everything a page, the handout, a scenario or the CLI shows, derived once."""

    today: date
    plan: PlanFile
    profile: ApplicantProfile
    assessment: Assessment
    what_if: WhatIfResult
    what_if_assessment: Assessment
    pathway: Pathway
    program_level: Level
    programs: ProgramPlan
    what_if_count: int | None
    fees: FeeBreakdown
    what_if_fees: FeeBreakdown | None
    last_cycle_fees: FeeBreakdown | None
    signals: tuple[SignalAdvice, ...]
    interviews: Interviews
    mix: ListMix | None
    timeline_plan: TimelinePlan
    timeline: Timeline
    timeline_repairs: tuple[str, ...]
    exam_refusal: ExamRefusal | None
    profile_refusals: tuple[ExamRefusal, ...]
    exam_steps: tuple[StepId | None, ...]
    last_exam_day: date
    careers: CareersAdvice
    week: WeekPlan
    study_window: StudyWindow | None
    week_warnings: tuple[WeekWarning, ...]
    advisors: AdvisorReading
    outputs: OutputsStatus
    readiness: Readiness
    prelim_items: tuple[ChecklistItem, ...]
    soap: SoapReadiness
    wellbeing: WellbeingView
    interview_check: AnswerCheck

    @property
    def program_total(self) -> int:
        """The headline count: the dual split's total when there is one."""
        return self.programs.total.recommended

    @property
    def step3_eligible(self) -> bool:
        """Step 3 needs Step 1 and Step 2 CK passed (FSMB eligibility)."""
        return self.profile.passed("step1") and self.profile.passed("step2ck")

    @property
    def focus_specialty(self) -> str:
        """The specialty the year's letters and clinical work should serve.

        The target, unless the path leaves it (pivot, other options) while a second
        specialty carries the application: then that one (R-22, R-23, R-52).
        """
        leaving = self.pathway.effective in ("pivot", "alternatives")
        if leaving and self.programs.dual:
            return self.programs.parts[-1].name
        return self.programs.target.name

    @property
    def next_actions(self) -> tuple[str, ...]:
        """The first things to do; a count sentence uses the dual split's total (R-23, R-52),
        and letters and clinical work serve the focus specialty, not one being left."""
        actions = self.assessment.next_actions(program_total=self.programs.total.min)
        target, focus = self.programs.target.name, self.focus_specialty
        if focus == target:
            return actions
        return tuple(
            a.replace(f" in {target}.", f" in {focus}.").replace(
                " in the target specialty ", f" in {focus} "
            )
            for a in actions
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        """R-07's findings in R-06's order of importance (the dimensions' order);
        the program-count fix names the plan's total (R-23, R-52)."""
        action = program_count_action(self.programs.total.min)
        order = [d.dimension for d in self.assessment.diagnosis]
        found = sorted(
            self.assessment.findings,
            key=lambda f: order.index(f.dimension) if f.dimension in order else len(order),
        )
        return tuple(
            f.model_copy(update={"fix": action}) if f.topic == "program_count" else f for f in found
        )

    @property
    def dual(self) -> bool:
        return self.programs.dual


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
    pick; a date that cannot be placed (in the past, after Match Day, an override
    out of order) falls back field by field to the default plan. Each repair is
    named, so the page can say what changed instead of silently reverting.
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
    profile: ApplicantProfile, candidate: TimelinePlan, today: date
) -> PlanDateError | None:
    """Why a Timeline edit cannot be placed (shown at its field), or None if it can."""
    try:
        build_timeline(profile, _with_profile_role(candidate, profile), today)
    except PlanDateError as problem:
        return problem
    return None


def program_level(choices: ProgramChoices, result: Assessment, what_if: Assessment) -> Level:
    """The tier that sizes the list: assessed unless the user picked a what-if tier."""
    if choices.tier == "assessed":
        return result.overall
    if choices.tier == "risk_what_if":
        return what_if.overall
    return choices.tier


def dual_application(level: Level, profile: ApplicantProfile, ref: Reference) -> bool:
    """R-52 with revised R-21: whether a second specialty is applied to in parallel."""
    spec = ref.specialty(profile.target_specialty)
    return dual_advised(level, spec, ref, failed=profile.total_failures() > 0)


def second_specialty(
    choices: ProgramChoices, level: Level, path: Pathway, profile: ApplicantProfile, ref: Reference
) -> str | None:
    """R-52: the second specialty of a dual application (the user's pick, else proposed)."""
    target_id = profile.target_specialty
    if not dual_application(level, profile, ref):
        return None
    if choices.second_specialty == "none":
        return None
    if choices.second_specialty is not None and choices.second_specialty != target_id:
        return choices.second_specialty
    return path.second_specialty or (
        path.alternatives[0].specialty_id if path.alternatives else None
    )


def _interviews(
    profile: ApplicantProfile, choices: ProgramChoices, data: ProgramData, ref: Reference
) -> Interviews:
    target = choices.interview_target or interview_target(
        ref.specialty(profile.target_specialty), data
    )
    own = last_cycle_yield(profile)
    assumed = ref.thresholds.min_interview_yield.value
    if choices.yield_percent is not None:
        rate = choices.yield_percent / 100
    else:
        rate = own if own else assumed
    return Interviews(
        target=target,
        yield_rate=rate,
        own_yield=own,
        assumed_yield=assumed,
        applications_needed=applications_for_interviews(target, rate),
    )


def build_plan(plan: PlanFile, today: date, ref: Reference | None = None) -> PlanResult:
    """Derive everything the app shows from the one stored plan."""
    ref = ref or load_reference()
    data = program_data()
    profile = plan.profile
    result = assess(profile, today, ref)
    moved = apply_what_if(profile, plan.what_if, today)
    what_if_result = assess(moved.profile, today, ref) if not plan.what_if.is_neutral else result
    advisors = advisor_reading(plan.advisors, result.view.proposed)
    override = plan.path_override
    if override is None and profile.advisor_view is None and advisors.planning_view:
        override = VIEW_TO_PATH[advisors.planning_view]  # R-80 moves R-20's view
    path = pathway(profile, result, ref, data, override)

    choices = plan.programs
    level = program_level(choices, result, what_if_result)
    second = second_specialty(choices, level, path, profile, ref)
    programs = program_plan(
        level,
        profile.target_specialty,
        profile.last_cycle.programs_applied,
        ref,
        data,
        second_id=second,
        img=profile.is_img,
        visa=profile.needs_visa,
        failed=profile.total_failures() > 0,
    )
    fees = eras_fees(programs.counts(), ref, data)
    what_if_fees = None
    if choices.what_if_count is not None:
        counts = {**programs.counts(), profile.target_specialty: choices.what_if_count}
        what_if_fees = eras_fees(counts, ref, data)
    cycle = profile.last_cycle
    last_fees = None
    if len(cycle.specialties_applied) == 1 and cycle.programs_applied:
        last_fees = eras_fees({cycle.specialties_applied[0]: cycle.programs_applied}, ref, data)
    signals = tuple(
        signal_advice(ref.specialty(part.specialty_id), profile.target_match_year, level)
        for part in programs.parts
    )
    target = ref.specialty(profile.target_specialty)
    mix = (
        list_mix(
            plan.program_list,
            level,
            ref,
            data,
            signals_allowed=target.signals.total,
            recommended_min=programs.total.min,
        )
        if plan.program_list
        else None
    )

    timeline_plan, timeline, repairs, refusal = repaired_timeline(
        profile, plan.timeline, today, ref
    )
    calendar = cycle_calendar(profile.target_match_year, timeline_plan.calendar_overrides, ref)
    week = plan.week or template_week(profile.clinical.current_role)
    window = None
    if timeline.exam is not None:
        exam = timeline.exam
        window = study_window_for_exam(
            exam.exam_date,
            today,
            f"{STEP_LABELS[exam.step]} {'retake' if profile.failures(exam.step) else 'exam'}",
            block_weeks=(exam.exam_date - exam.study_start).days / 7,
        )
    trend = (
        score_trend(plan.progress, timeline.exam.step, today, ref)
        if timeline.exam is not None
        else None
    )
    ready = readiness(trend, timeline.exam.exam_date if timeline.exam else None, plan.study_plan)
    prelim_items = prelim_checklist(profile.clinical.current_role, timeline, plan.prelim)
    soap = soap_readiness(
        profile,
        timeline,
        plan.soap,
        tuple(a.specialty_id for a in path.alternatives),
        today,
        ref,
    )
    timeline = with_year_items(
        timeline,
        (*checklist_milestones(prelim_items, today), *soap_milestones(soap, today)),
        ready,
    )
    return PlanResult(
        today=today,
        plan=plan,
        profile=profile,
        assessment=result,
        what_if=moved,
        what_if_assessment=what_if_result,
        pathway=path,
        program_level=level,
        programs=programs,
        what_if_count=choices.what_if_count,
        fees=fees,
        what_if_fees=what_if_fees,
        last_cycle_fees=last_fees,
        signals=signals,
        interviews=_interviews(profile, choices, data, ref),
        mix=mix,
        timeline_plan=timeline_plan,
        timeline=timeline,
        timeline_repairs=repairs,
        exam_refusal=refusal,
        profile_refusals=planned_attempt_refusals(profile, today, ref),
        exam_steps=timeable_exams(profile),
        last_exam_day=last_exam_date(calendar, ref),
        careers=other_careers(profile, ref),
        week=week,
        study_window=window,
        week_warnings=week_warnings(week, window),
        advisors=advisors,
        outputs=outputs_status(
            plan.clinical_outputs, profile.target_specialty, calendar["submission_opens"], ref
        ),
        readiness=ready,
        prelim_items=prelim_items,
        soap=soap,
        wellbeing=wellbeing_view(plan.wellbeing, week),
        interview_check=check_answer(plan.interview_answer, profile.target_specialty, ref=ref),
    )


def with_year_items(timeline: Timeline, extra: tuple[Milestone, ...], ready: Readiness) -> Timeline:
    """The timeline with the year's dated items (R-83, R-86) and R-82's readiness warning.

    The Gantt, Progress's checklist, the calendar export and the handout all read
    ``result.timeline``, so the items appear everywhere the milestones do.
    """
    if not extra and ready.warning is None:
        return timeline
    milestones = tuple(
        sorted((*timeline.milestones, *extra), key=lambda m: (m.start, m.end, m.name))
    )
    warnings = timeline.warnings
    if ready.warning is not None:
        warnings = (
            *warnings,
            PlanWarning(rule=ready.rule, text=ready.warning, sources=ready.sources),
        )
    return timeline.model_copy(update={"milestones": milestones, "warnings": warnings})


def new_plan(profile: ApplicantProfile, today: date, ref: Reference | None = None) -> PlanFile:
    """A whole plan for a profile: the default timeline and everything else empty."""
    return PlanFile(saved_on=today, profile=profile, timeline=default_plan(profile, today, ref))


def scenario_plan(plan: PlanFile, scenario: Scenario, today: date) -> PlanFile:
    """The plan with a scenario's target, timeline and what-ifs (raises ValueError if unfit)."""
    profile = with_changes(
        plan.profile,
        {
            "target_specialty": scenario.target_specialty,
            "target_match_year": scenario.target_match_year,
        },
        today,
    )
    return plan.model_copy(
        update={"profile": profile, "timeline": scenario.timeline, "what_if": scenario.what_if}
    )


__all__ = [
    "TIER_CHOICES",
    "Interviews",
    "PlanResult",
    "build_plan",
    "exam_to_time",
    "new_plan",
    "program_level",
    "repaired_timeline",
    "scenario_plan",
    "second_specialty",
    "timeable_exams",
    "timeline_problem",
]
