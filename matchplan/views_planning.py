"""What the Timeline and Programs pages offer, derived from one ``PlanResult``.

The pages only lay out widgets and figures; the choices they offer (which years,
which exam dates, which facts of a gap-year role count, which second
specialties), the checks an edit must pass before it is kept, and the sentences
that quote thresholds (interview yield, ERAS fee bands) live here, beside the
rules they come from. Pure: ``today`` comes in through the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from matchplan.cycles import cycle_calendar
from matchplan.plan import PlanResult, dual_application, timeline_problem
from matchplan.planfile import ProgramChoices
from matchplan.profile import ApplicantProfile
from matchplan.programs import FeeBreakdown, program_data, specialty_fee
from matchplan.reference import CycleEvent, Level, StepId, load_reference
from matchplan.timeline import DAYS_PER_MONTH, RoleKind, TimelinePlan, timeline_data

WEEK: Final = timedelta(days=7)
STEP3_LEAD_WEEKS: Final = 20
"""Where a newly planned Step 3 date starts (today + 20 weeks); the user moves it (R-35)."""
YEARS_AHEAD: Final = 3
"""The Timeline offers the three Matches after the last one applied to (R-36)."""

ROLE_FACTS: Final[dict[str, tuple[str, ...]]] = {
    # the facts the role is scored on depend on its kind (matchplan.timeline.score_role)
    "research": (
        "in_target_specialty",
        "department_has_program",
        "visible_to_selection_faculty",
        "produces_output",
        "remote",
    ),
    "clinical_job": ("paired_with_observership",),
    "observership": ("paired_with_observership",),
    "non_clinical_job": ("paired_with_observership",),
}


# --- Timeline (R-30..R-39) ---------------------------------------------------------------


def target_years(profile: ApplicantProfile) -> list[int]:
    """R-36: the Matches the applicant can aim for next (plus the current target)."""
    last = profile.last_cycle.match_year
    years = list(range(last + 1, last + 1 + YEARS_AHEAD))
    if profile.target_match_year not in years:
        years.append(profile.target_match_year)
    return years


@dataclass(frozen=True, slots=True)
class ExamSlider:
    """The exam-date slider: weekly steps on a grid through the planned date."""

    first: date
    last: date
    value: date


def exam_slider(result: PlanResult) -> ExamSlider | None:
    """R-30/R-32: the exam dates the slider offers, from today to the last schedulable day.

    The weekly grid runs through the latest safe exam date (R-30), not from today,
    so arrow steps land on the same days whatever day it is and the deadline is
    always one of them. None when no exam is timed or no exam date is left in this
    cycle.
    """
    plan = result.timeline_plan
    today, last = result.today, result.last_exam_day
    if plan.exam_step is None or today >= last:
        return None
    anchor = result.timeline.deadlines.latest_safe
    first = anchor - WEEK * ((anchor - today) // WEEK) if anchor >= today else today
    value = min(max(plan.exam_date or first, first), last)
    return ExamSlider(first=first, last=last, value=value)


def exam_date_for(result: PlanResult, step: StepId | None) -> date | None:
    """R-30/R-33: the date a newly chosen exam starts at (the one planned, else the safe one)."""
    if step is None:
        return None
    plan = result.timeline_plan
    if plan.exam_step == step and plan.exam_date is not None:
        return plan.exam_date
    planned = result.profile.planned(step)
    if planned and planned[0].exam_date >= result.today:
        return min(planned[0].exam_date, result.last_exam_day)
    earliest = result.today + timedelta(
        days=round(timeline_data().study_months_min.value * DAYS_PER_MONTH)
    )
    latest_safe = result.timeline.deadlines.latest_safe
    return min(max(latest_safe, earliest), result.last_exam_day)


def step3_plannable(result: PlanResult) -> bool:
    """R-35: a Step 3 date beside the main exam, when Step 3 is not the exam timed or passed."""
    step = result.timeline_plan.exam_step
    return step not in (None, "step3") and not result.profile.passed("step3")


def step3_default_date(today: date) -> date:
    """Where a newly planned Step 3 date starts."""
    return today + timedelta(weeks=STEP3_LEAD_WEEKS)


def role_facts(kind: RoleKind) -> tuple[str, ...]:
    """R-38: the GapRole facts that count for this kind of role (none for 'none')."""
    return ROLE_FACTS.get(kind, ())


def published_date(result: PlanResult, event: CycleEvent) -> date:
    """R-39: the cycle's own date for an event, before any advisor override."""
    return cycle_calendar(result.profile.target_match_year)[event]


def overrides_with(
    result: PlanResult, event: CycleEvent, picked: date | None
) -> dict[CycleEvent, date]:
    """R-39: the advisor's overrides after picking a date (the published date clears it)."""
    overrides: dict[CycleEvent, date] = dict(result.timeline_plan.calendar_overrides)
    if picked is None or picked == published_date(result, event):
        overrides.pop(event, None)
    else:
        overrides[event] = picked
    return overrides


def timeline_candidate(result: PlanResult, changes: dict[str, Any]) -> TimelinePlan:
    """The timeline choices after an edit, checked before they are kept (R-30..R-39).

    Starts from the result's (repaired) choices. Raises ``ValidationError`` for a
    value the model refuses and ``PlanDateError`` (a ``ValueError``) for a date the
    planner cannot place, with the message the page shows at the field.
    """
    candidate = TimelinePlan.model_validate({**result.timeline_plan.model_dump(), **changes})
    problem = timeline_problem(result.profile, candidate, result.today, before=result.timeline_plan)
    if problem is not None:
        raise problem
    return candidate


# --- Programs (R-50..R-55) ---------------------------------------------------------------


def program_choices(result: PlanResult, **changes: Any) -> ProgramChoices:
    """The Programs page's choices after an edit, validated (raises ValidationError)."""
    return ProgramChoices.model_validate({**result.plan.programs.model_dump(), **changes})


def tier_labels(result: PlanResult) -> dict[str, str]:
    """R-04/R-50: the tiers that can size the list, each with the level it stands for."""
    labels = {"assessed": f"As assessed ({result.assessment.overall})"}
    if not result.plan.what_if.is_neutral or result.plan.programs.tier == "risk_what_if":
        labels["risk_what_if"] = (
            f"With the Risk page's what-ifs ({result.what_if_assessment.overall})"
        )
    labels.update(
        {"low": "Low (what-if)", "moderate": "Moderate (what-if)", "high": "High (what-if)"}
    )
    return labels


def dual_offered(result: PlanResult) -> bool:
    """R-52: a dual application is advised at this tier for this target."""
    return dual_application(result.program_level, result.profile, load_reference())


def second_options(result: PlanResult) -> list[str]:
    """R-52: second specialties, the realistic alternatives first, then the rest, then none."""
    ref = load_reference()
    target = result.profile.target_specialty
    alternatives = [a.specialty_id for a in result.pathway.alternatives]
    others = [s.id for s in ref.specialties if s.id != target and s.id not in alternatives]
    return [*alternatives, *others, "none"]


def chosen_second(result: PlanResult) -> str:
    """The second specialty the count uses ('none' for a single specialty)."""
    return result.programs.parts[1].specialty_id if result.programs.dual else "none"


def suggested_what_if_count(result: PlanResult) -> int | None:
    """The Risk page's 'more programs' lever as a count in the target specialty."""
    extra = result.plan.what_if.extra_programs
    return result.profile.last_cycle.programs_applied + extra if extra else None


def what_if_total(result: PlanResult) -> int | None:
    """R-50/R-52: all programs under the what-if count (the target's count replaced)."""
    if result.what_if_count is None:
        return None
    counts = {**result.programs.counts(), result.profile.target_specialty: result.what_if_count}
    return sum(counts.values())


def fee_scenarios(result: PlanResult) -> list[tuple[str, FeeBreakdown]]:
    """R-54: the fee bars to compare: last cycle, the recommendation, the what-if."""
    scenarios: list[tuple[str, FeeBreakdown]] = []
    if result.last_cycle_fees is not None:
        scenarios.append(("Last cycle", result.last_cycle_fees))
    scenarios.append(("Recommended", result.fees))
    if result.what_if_fees is not None:
        scenarios.append(("What-if", result.what_if_fees))
    return scenarios


def fee_schedule_text(result: PlanResult) -> str:
    """R-54: the season's fee bands and the AAMC's worked examples, from the fee data."""
    ref = load_reference()
    schedule = program_data().fees
    bands = "; ".join(
        f"${b.per_program} each for programs {b.first}-{b.last}"
        if b.last
        else f"${b.per_program} each from program {b.first} on"
        for b in schedule.bands
    )
    examples = "; ".join(
        " + ".join(f"{n} {ref.specialty(s).name}" for s, n in ex.programs.items())
        + f" = ${sum(specialty_fee(n, schedule) for n in ex.programs.values()):,}"
        for ex in schedule.worked_examples
    )
    text = (
        f"{schedule.season} season: {bands}, counted again from 1 for each specialty; plus "
        f"${schedule.transcript_fee.value} for the USMLE transcript, once per season. "
        f"The AAMC's own examples (program fees only): {examples}."
    )
    return text


def fee_later_season_note(result: PlanResult) -> str | None:
    """R-54: the fee table is for one season; a later target says it is assumed to hold."""
    schedule = program_data().fees
    if result.profile.target_match_year > schedule.season:
        return schedule.later_seasons_note
    return None


def interview_caption(result: PlanResult) -> str:
    """Where the interview yield starts: last cycle's, or R-07's threshold as an assumption."""
    interviews = result.interviews
    cycle = result.profile.last_cycle
    if interviews.own_yield is None:
        return (
            f"No applications last cycle, so the yield starts at an assumed "
            f"{interviews.assumed_yield:.0%} (R-07's threshold)."
        )
    if interviews.own_yield == 0:
        return (
            f"No interview offers from {cycle.programs_applied} applications last cycle: "
            f"the yield starts at an assumed {interviews.assumed_yield:.0%} instead."
        )
    return (
        f"Last cycle: {cycle.interview_offers} offers from {cycle.programs_applied} "
        f"applications ({interviews.own_yield:.1%})."
    )


def interview_warning(result: PlanResult) -> str | None:
    """R-50: when the interview target takes more applications than the tier's range."""
    interviews = result.interviews
    needed = interviews.applications_needed
    if needed is None:
        return (
            "At a 0% yield no number of applications reaches an interview target: the yield "
            "has to change (earlier submission, a targeted list, signals, fresh letters)."
        )
    top = result.programs.total.max
    if needed > top:
        return (
            f"At {100 * interviews.yield_rate:.1f}% it takes {needed} applications to reach "
            f"{interviews.target} interviews, above the tier's range ({top}). Raising the "
            "yield matters more than adding programs."
        )
    return None


def target_mix_text(level: Level) -> str:
    """R-53: the tier's target mix of program types and settings (an assumption)."""
    mix = program_data().target_mix.for_level(level)
    return (
        f"Target mix for a {level} tier (assumption): "
        + ", ".join(f"{k} {v:.0f}%" for k, v in mix.type.items())
        + "; "
        + ", ".join(f"{k} {v:.0f}%" for k, v in mix.setting.items())
        + ". Higher risk means more community programs, academic programs off the usual radar "
        "and less sought-after places."
    )


def signals_allowed(result: PlanResult) -> int:
    """R-55: how many signals the target specialty gives."""
    return load_reference().specialty(result.profile.target_specialty).signals.total


def state_codes() -> list[str]:
    """Every state and territory code the program list accepts (R-53's divisions)."""
    divisions = program_data().census_divisions
    return sorted(
        [c for states in divisions.divisions.values() for c in states] + list(divisions.territories)
    )
