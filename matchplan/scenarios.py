"""Scenarios: up to three named variants of the plan, compared side by side (issue 6).

A scenario changes the target (specialty, Match year), the timeline choices and
the what-if levers; everything else comes from the plan. Each runs through
``build_plan`` like the live plan, so "As planned" shows exactly what Overview,
Programs and the Handout show. Tiers are the assessed ones; the scenario's
what-ifs show in their own row, never silently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from matchplan.frozen import Frozen
from matchplan.pathway import PATH_LABELS
from matchplan.plan import PlanResult, build_plan, scenario_plan
from matchplan.planfile import MAX_SCENARIOS, PlanFile, Scenario
from matchplan.profile import STEP_LABELS, first_plannable_match_year, with_changes
from matchplan.reference import Level, Reference, load_reference
from matchplan.timeline import default_plan


class ScenarioOutcome(Frozen):
    """What one scenario leads to, in the terms the comparison table shows."""

    name: str
    specialty: str
    match_year: int
    academic: Level
    reliability: Level
    bandwidth: Level
    overall: Level
    overall_with_what_ifs: Level
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


def outcome(name: str, result: PlanResult) -> ScenarioOutcome:
    """One scenario's row values, read from its build_plan result (nothing recomputed)."""
    ref = load_reference()
    timeline = result.timeline
    exam = timeline.exam
    return ScenarioOutcome(
        name=name,
        specialty=ref.specialty(result.profile.target_specialty).name,
        match_year=result.profile.target_match_year,
        academic=result.assessment.academic.level,
        reliability=result.assessment.reliability.level,
        bandwidth=result.assessment.bandwidth.level,
        overall=result.assessment.overall,
        overall_with_what_ifs=result.what_if_assessment.overall,
        path=PATH_LABELS[result.pathway.effective],
        exam=f"{STEP_LABELS[exam.step]} on {exam.exam_date:%d %b %Y}" if exam else "none planned",
        score_reported=exam.report_typical if exam else None,
        interview_chance=exam.chance.value if exam else None,
        review_day=timeline.calendar["review_opens"],
        match_day=timeline.calendar["match_day"],
        programs=result.program_total,
        cost=result.fees.total,
        warnings=len(timeline.warnings),
        problem="; ".join(result.timeline_repairs) or None,
    )


def evaluate(plan: PlanFile, scenario: Scenario, today: date) -> ScenarioOutcome:
    """Run one scenario through build_plan, exactly as the live plan runs.

    Raises ValueError when the scenario's target no longer fits the profile.
    """
    return outcome(scenario.name, build_plan(scenario_plan(plan, scenario, today), today))


ROWS: tuple[tuple[str, str], ...] = (
    ("specialty", "Target specialty"),
    ("match_year", "Target Match"),
    ("overall", "Overall risk"),
    ("overall_with_what_ifs", "Overall with the scenario's what-ifs"),
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


def suggested(plan: PlanFile, today: date, ref: Reference | None = None) -> list[Scenario]:
    """Starting points: the plan as it stands, a cycle later, and the best pivot."""
    ref = ref or load_reference()
    profile = plan.profile
    result = build_plan(plan, today, ref)
    options = [
        Scenario(
            name="As planned",
            target_specialty=profile.target_specialty,
            target_match_year=profile.target_match_year,
            timeline=result.timeline_plan,
            what_if=plan.what_if,
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
                what_if=plan.what_if,
            )
        )
    except ValidationError:
        pass
    alternatives = result.pathway.alternatives
    if alternatives:
        pivot = alternatives[0].specialty_id
        # a pivot chooses a target, so it aims at a cycle that is still ahead.
        pivot_year = max(profile.target_match_year, first_plannable_match_year(today))
        pivoted = with_changes(
            profile, {"target_specialty": pivot, "target_match_year": pivot_year}, today
        )
        eligible = result.step3_eligible
        suffix = " with Step 3" if eligible and not profile.passed("step3") else ""
        options.append(
            Scenario(
                name=f"Pivot to {ref.specialty(pivot).name}{suffix}"[:60],
                target_specialty=pivot,
                target_match_year=pivot_year,
                timeline=default_plan(pivoted, today, ref),
                what_if=plan.what_if.model_copy(update={"pass_step3": eligible}),
            )
        )
    return options[:MAX_SCENARIOS]
