"""Issue 6: scenarios - the suggested variants, their outcomes and the comparison.

The example applicant targets internal medicine in the 2028 Match (Match Day
Fri 17 Mar 2028); a cycle later is the 2029 Match (Fri 16 Mar 2029).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from matchplan.planfile import MAX_SCENARIOS, PlanFile, Scenario
from matchplan.profile import ApplicantProfile
from matchplan.scenarios import ROWS, ScenarioOutcome, comparison, evaluate, suggested
from matchplan.timeline import TimelinePlan, default_plan
from matchplan.whatif import WhatIf
from tests.strategies import TODAY, example_profile, valid_profiles

LABELS = dict(ROWS)


def plan_for(
    profile: ApplicantProfile, timeline: TimelinePlan | None = None, what_if: WhatIf | None = None
) -> PlanFile:
    """The whole plan a scenario runs on: the profile, its timeline and what-ifs."""
    return PlanFile(
        saved_on=TODAY,
        profile=profile,
        timeline=timeline or default_plan(profile, TODAY),
        what_if=what_if or WhatIf(),
    )


@pytest.fixture(scope="module")
def profile() -> ApplicantProfile:
    return example_profile()


@pytest.fixture(scope="module")
def options(profile: ApplicantProfile) -> list[Scenario]:
    return suggested(plan_for(profile), TODAY)


@pytest.fixture(scope="module")
def as_planned(profile: ApplicantProfile, options: list[Scenario]) -> ScenarioOutcome:
    return evaluate(plan_for(profile), options[0], TODAY)


def test_suggestions_for_the_example(profile: ApplicantProfile, options: list[Scenario]) -> None:
    assert [s.name for s in options] == [
        "As planned",
        "Reapply a cycle later",
        "Pivot to Family Medicine with Step 3",
    ]
    first = options[0]
    assert (first.target_specialty, first.target_match_year) == ("im", 2028)
    assert first.timeline == default_plan(profile, TODAY)
    assert options[2].target_specialty == "fm"
    assert options[2].what_if.pass_step3  # Step 1 and Step 2 CK are passed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=valid_profiles())
def test_suggestions_are_at_most_three_and_start_as_planned(profile: ApplicantProfile) -> None:
    current = default_plan(profile, TODAY)
    what_if = WhatIf(extra_programs=10)
    options = suggested(plan_for(profile, current, what_if), TODAY)

    assert 1 <= len(options) <= MAX_SCENARIOS
    first = options[0]
    assert first.name == "As planned"
    assert first.target_specialty == profile.target_specialty
    assert first.target_match_year == profile.target_match_year
    assert first.timeline == current
    assert first.what_if == what_if
    assert len({s.name for s in options}) == len(options)


def test_a_cycle_later_moves_match_day_one_year(
    profile: ApplicantProfile, options: list[Scenario], as_planned: ScenarioOutcome
) -> None:
    later = evaluate(plan_for(profile), options[1], TODAY)

    assert as_planned.match_day == date(2028, 3, 17)
    assert later.match_day == date(2029, 3, 16)
    assert later.match_year == as_planned.match_year + 1
    assert later.review_day == date(2028, 9, 27)
    assert as_planned.review_day == date(2027, 9, 22)


def test_identical_scenarios_with_different_names_differ_nowhere(
    profile: ApplicantProfile, options: list[Scenario]
) -> None:
    twin = options[0].model_copy(update={"name": "Same plan, other name"})
    outcomes = [evaluate(plan_for(profile), s, TODAY) for s in (options[0], twin)]

    rows, differing = comparison(outcomes)

    assert differing == set()
    assert [r["What"] for r in rows] == [label for _, label in ROWS]
    assert set(rows[0]) == {"What", "As planned", "Same plan, other name"}


def test_a_later_target_year_marks_target_match_and_match_day(
    profile: ApplicantProfile, options: list[Scenario]
) -> None:
    later = options[0].model_copy(update={"name": "Same, 2029", "target_match_year": 2029})
    outcomes = [evaluate(plan_for(profile), s, TODAY) for s in (options[0], later)]

    rows, differing = comparison(outcomes)

    assert {"Target Match", "Match Day"} <= differing
    assert "Target specialty" not in differing
    by_label = {r["What"]: r for r in rows}
    assert by_label["Target Match"] == {
        "What": "Target Match",
        "As planned": "2028",
        "Same, 2029": "2029",
    }
    assert by_label["Match Day"]["As planned"] == "17 Mar 2028"
    assert by_label["Match Day"]["Same, 2029"] == "16 Mar 2029"
    # Exactly the rows whose values differ are marked.
    expected = {
        label for field, label in ROWS if getattr(outcomes[0], field) != getattr(outcomes[1], field)
    }
    assert differing == expected


# One changed value per comparison row: only that row may be marked.
CHANGES: dict[str, Any] = {
    "specialty": "Family Medicine",
    "match_year": 2031,
    "overall": "low",
    "overall_with_what_ifs": "low",
    "academic": "low",
    "reliability": "low",
    "bandwidth": "high",
    "path": "Weigh careers outside residency",
    "exam": "none planned",
    "score_reported": None,
    "interview_chance": None,
    "review_day": date(2030, 9, 25),
    "match_day": None,
    "programs": 7,
    "cost": 99_999,
    "warnings": 9,
}


def test_every_comparison_row_has_a_change_case() -> None:
    assert set(CHANGES) == {field for field, _ in ROWS}


@pytest.mark.parametrize(
    "field", list(CHANGES), ids=[f"{f.replace('_', '-')}-row-differs" for f in CHANGES]
)
def test_comparison_marks_exactly_the_row_that_differs(
    field: str, as_planned: ScenarioOutcome
) -> None:
    assert getattr(as_planned, field) != CHANGES[field]  # the change is a real change
    other = as_planned.model_copy(update={"name": "Variant", field: CHANGES[field]})

    rows, differing = comparison([as_planned, other])

    assert differing == {LABELS[field]}
    row = next(r for r in rows if r["What"] == LABELS[field])
    assert row["As planned"] != row["Variant"]


def test_missing_values_show_as_a_dash(as_planned: ScenarioOutcome) -> None:
    other = as_planned.model_copy(update={"name": "No exam", "match_day": None})
    rows, _ = comparison([as_planned, other])
    match_day = next(r for r in rows if r["What"] == "Match Day")
    assert match_day["No exam"] == "–"


def test_scenarios_with_the_same_name_keep_their_own_columns(as_planned: ScenarioOutcome) -> None:
    later = as_planned.model_copy(update={"match_year": 2029})

    rows, differing = comparison([as_planned, later])

    target = next(r for r in rows if r["What"] == "Target Match")
    assert target == {"What": "Target Match", "As planned": "2028", "As planned (2)": "2029"}
    assert differing == {"Target Match"}
