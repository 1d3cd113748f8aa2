"""``build_plan``: the chain assess -> pathway -> program count -> fees -> signals ->
timeline -> week wired once, and the whole plans it starts from (new, scenario).
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from matchplan.assessment import assess
from matchplan.careers import other_careers
from matchplan.completeness import missing_inputs
from matchplan.cycles import cycle_calendar
from matchplan.pathway import VIEW_TO_PATH, pathway
from matchplan.plan.choices import program_level, second_specialty
from matchplan.plan.repair import planned_attempt_refusals, repaired_timeline, timeable_exams
from matchplan.plan.result import Interviews, PlanResult
from matchplan.planfile import PlanFile, PlanLoadError, ProgramChoices, Scenario, load_plan
from matchplan.profile import STEP_LABELS, ApplicantProfile, with_changes
from matchplan.programs import (
    ProgramData,
    applications_for_interviews,
    eras_fees,
    interview_target,
    last_cycle_yield,
    list_mix,
    program_data,
    program_plan,
    signal_advice,
)
from matchplan.progress import score_trend
from matchplan.reference import Reference, load_reference
from matchplan.timeline import (
    SUBMIT_MILESTONE,
    Milestone,
    PlanWarning,
    Timeline,
    default_plan,
    last_exam_date,
)
from matchplan.week import study_window_for_exam, template_week, week_warnings
from matchplan.whatif import apply_what_if
from matchplan.year import (
    Readiness,
    Standing,
    advisor_reading,
    check_answer,
    checklist_milestones,
    outputs_status,
    prelim_checklist,
    readiness,
    soap_milestones,
    soap_readiness,
    wellbeing_view,
    where_the_year_stands,
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
    standing = where_the_year_stands(timeline, plan.progress, plan.outcome, today)
    if standing.unsubmitted and standing.phase != "after_match":
        timeline = timeline.model_copy(
            update={"warnings": (*timeline.warnings, unsubmitted_warning(standing, timeline))}
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
        standing=standing,
        missing=missing_inputs(profile),
    )


def unsubmitted_warning(standing: Standing, timeline: Timeline) -> PlanWarning:
    """R-40 (revised): the cycle is under way and the application is not marked submitted."""
    opened = timeline.calendar["submission_opens"]
    return PlanWarning(
        rule="R-40",
        text=f"Applications for the {timeline.match_year} Match opened on {opened:%d %b %Y} "
        f"and this plan does not have the application marked submitted. If it went in, tick "
        f'"{SUBMIT_MILESTONE}" on Progress; if not, the next cycle to plan for is the '
        f"{standing.next_match_year} Match.",
        sources=(timeline.calendar.dates["submission_opens"].source,),
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


def open_plan(raw: bytes, today: date) -> PlanFile:
    """A plan file validated and planned once, or PlanLoadError saying why.

    The sidebar's upload and the command line both open files here. A problem is
    worded from pydantic's messages, never its ``str``, which quotes the input (a
    profile's name among it).
    """
    plan = load_plan(raw, today)
    try:
        build_plan(plan, today)
    except ValidationError as exc:
        problems = tuple(
            str(e["msg"]).removeprefix("Value error, ") for e in exc.errors(include_input=False)
        )
        raise PlanLoadError(
            f"The plan cannot be planned with: {'; '.join(problems)}", problems
        ) from exc
    except (ValueError, OverflowError) as exc:
        raise PlanLoadError(f"The plan cannot be planned with: {exc}") from exc
    return plan


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
