"""Scenarios: up to three named variants of the plan, compared side by side (issue 6).

A scenario changes the target (specialty, Match year), the timeline choices and
the what-if levers; everything else comes from the applicant's profile. Each is
run through the same rules as the live plan, so the comparison is exact.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from matchplan.assessment import assess
from matchplan.pathway import PATH_LABELS, pathway
from matchplan.planfile import MAX_SCENARIOS, Scenario
from matchplan.profile import STEP_LABELS, ApplicantProfile, with_changes
from matchplan.programs import eras_fees, program_data, program_plan
from matchplan.reference import Level, Reference, load_reference
from matchplan.timeline import PlanDateError, TimelinePlan, build_timeline, default_plan
from matchplan.whatif import WhatIf, apply_what_if


class ScenarioOutcome(BaseModel):
    """What one scenario leads to, in the terms the comparison table shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    specialty: str
    match_year: int
    academic: Level
    reliability: Level
    bandwidth: Level
    overall: Level
    path: str
    exam: str
    score_reported: date | None
    interview_chance: int | None
    review_day: date | None
    match_day: date | None
    programs: int
    cost: int
    warnings: int
    problem: str | None = None


def scenario_profile(
    profile: ApplicantProfile, scenario: Scenario, today: date
) -> ApplicantProfile:
    """The profile with the scenario's target (re-validated)."""
    return with_changes(
        profile,
        {
            "target_specialty": scenario.target_specialty,
            "target_match_year": scenario.target_match_year,
        },
        today,
    )


def evaluate(
    profile: ApplicantProfile, scenario: Scenario, today: date, ref: Reference | None = None
) -> ScenarioOutcome:
    """Run one scenario through assessment, pathway, timeline and program count."""
    ref = ref or load_reference()
    data = program_data()
    base = scenario_profile(profile, scenario, today)
    changed = apply_what_if(base, scenario.what_if, today)
    result = assess(changed.profile, today, ref)
    path = pathway(changed.profile, result, ref, data).effective
    plan = program_plan(
        result.overall, scenario.target_specialty, changed.planned_programs, ref, data
    )
    cost = eras_fees(plan.counts(), ref, data).total
    problem = None
    exam_text = "none planned"
    reported: date | None = None
    chance: int | None = None
    review: date | None = None
    match_day: date | None = None
    warnings = 0
    try:
        # The timeline plans the exams; the what-if assumes their outcomes for the tiers.
        timeline = build_timeline(base, scenario.timeline, today, ref)
    except PlanDateError as exc:
        problem = str(exc)
    else:
        review = timeline.calendar["review_opens"]
        match_day = timeline.calendar["match_day"]
        warnings = len(timeline.warnings)
        if timeline.exam is not None:
            exam_text = f"{STEP_LABELS[timeline.exam.step]} on {timeline.exam.exam_date:%d %b %Y}"
            reported = timeline.exam.report_typical
            chance = timeline.exam.chance.value
    return ScenarioOutcome(
        name=scenario.name,
        specialty=ref.specialty(scenario.target_specialty).name,
        match_year=scenario.target_match_year,
        academic=result.academic.level,
        reliability=result.reliability.level,
        bandwidth=result.bandwidth.level,
        overall=result.overall,
        path=PATH_LABELS[path],
        exam=exam_text,
        score_reported=reported,
        interview_chance=chance,
        review_day=review,
        match_day=match_day,
        programs=plan.total.recommended,
        cost=cost,
        warnings=warnings,
        problem=problem,
    )


ROWS: tuple[tuple[str, str], ...] = (
    ("specialty", "Target specialty"),
    ("match_year", "Target Match"),
    ("overall", "Overall risk"),
    ("academic", "Academic"),
    ("reliability", "Reliability"),
    ("bandwidth", "Bandwidth"),
    ("path", "Path"),
    ("exam", "Exam"),
    ("score_reported", "Score reported (typical)"),
    ("interview_chance", "Relative interview chance"),
    ("review_day", "Programs first review"),
    ("match_day", "Match Day"),
    ("programs", "Programs to apply to"),
    ("cost", "ERAS fees (USD)"),
    ("warnings", "Timeline warnings"),
)


def comparison(outcomes: list[ScenarioOutcome]) -> tuple[list[dict[str, Any]], set[str]]:
    """Rows for the side-by-side table, and the rows whose values differ."""
    rows: list[dict[str, Any]] = []
    differing: set[str] = set()
    # One column per scenario even when two share a name (names are free text).
    columns: list[str] = []
    for outcome in outcomes:
        column, copy = outcome.name, 1
        while column in columns or column == "What":
            copy += 1
            column = f"{outcome.name} ({copy})"
        columns.append(column)
    for field, label in ROWS:
        values = [getattr(o, field) for o in outcomes]
        shown = [
            v.strftime("%d %b %Y") if isinstance(v, date) else ("–" if v is None else str(v))
            for v in values
        ]
        rows.append({"What": label, **dict(zip(columns, shown, strict=True))})
        if len(set(shown)) > 1:
            differing.add(label)
    return rows, differing


def suggested(
    profile: ApplicantProfile,
    current: TimelinePlan,
    what_if: WhatIf,
    today: date,
    ref: Reference | None = None,
) -> list[Scenario]:
    """Starting points: the plan as it stands, a cycle later, and the best pivot."""
    ref = ref or load_reference()
    options = [
        Scenario(
            name="As planned",
            target_specialty=profile.target_specialty,
            target_match_year=profile.target_match_year,
            timeline=current,
            what_if=what_if,
        )
    ]
    later_year = profile.target_match_year + 1
    try:
        later = with_changes(profile, {"target_match_year": later_year}, today)
        options.append(
            Scenario(
                name="Reapply a cycle later",
                target_specialty=profile.target_specialty,
                target_match_year=later_year,
                timeline=default_plan(later, today, ref),
                what_if=what_if,
            )
        )
    except ValidationError:
        pass
    result = assess(profile, today, ref)
    alternatives = pathway(profile, result, ref, program_data()).alternatives
    if alternatives:
        pivot = alternatives[0].specialty_id
        pivoted = with_changes(profile, {"target_specialty": pivot}, today)
        eligible = profile.passed("step1") and profile.passed("step2ck")
        suffix = " with Step 3" if eligible and not profile.passed("step3") else ""
        options.append(
            Scenario(
                name=f"Pivot to {ref.specialty(pivot).name}{suffix}"[:60],
                target_specialty=pivot,
                target_match_year=profile.target_match_year,
                timeline=default_plan(pivoted, today, ref),
                what_if=what_if.model_copy(update={"pass_step3": eligible}),
            )
        )
    return options[:MAX_SCENARIOS]
