"""One plan, one computation: every consumer reports the same numbers (issue 10).

Overview, Programs, Scenarios' "As planned", the Handout and the CLI all read
``build_plan``; for any valid plan they must agree on the tiers, the path, the
program total (with the dual split), the fees, the exam date and the chance.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchplan.cli import main
from matchplan.handout import handout_content
from matchplan.pathway import PATH_LABELS
from matchplan.plan import build_plan, new_plan
from matchplan.planfile import PlanFile, ProgramChoices, dump_plan, load_plan
from matchplan.profile import ApplicantProfile, with_changes
from matchplan.scenarios import evaluate, suggested
from matchplan.whatif import WhatIf
from tests.strategies import TODAY, example_profile, valid_profiles

what_ifs = st.builds(
    WhatIf,
    pass_step3=st.booleans(),
    new_specialty_letters=st.integers(0, 4),
    recent_us_clinical=st.booleans(),
    extra_programs=st.integers(0, 300),
)
choices = st.builds(
    ProgramChoices,
    tier=st.sampled_from(["assessed", "risk_what_if", "low", "moderate", "high"]),
    what_if_count=st.none() | st.integers(0, 1000),
)


@st.composite
def plans(draw: st.DrawFn) -> PlanFile:
    profile = draw(valid_profiles())
    plan = new_plan(profile, TODAY)
    return plan.model_copy(update={"what_if": draw(what_ifs), "programs": draw(choices)})


def _cli(plan: PlanFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    path = tmp_path / "plan.json"
    path.write_bytes(dump_plan(plan))
    assert main(["assess", str(path), "--today", TODAY.isoformat()]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans())
def test_every_consumer_reports_the_same_plan(
    plan: PlanFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = build_plan(plan, TODAY)
    exam = result.timeline.exam

    handout = handout_content(result, identify=False)
    assert handout.overall == result.assessment.overall
    assert [line.level for line in handout.lenses] == [
        lens.level for lens in result.assessment.lenses
    ]
    assert handout.path == PATH_LABELS[result.pathway.effective]
    assert handout.programs == result.program_total == sum(plan_counts(result))
    assert handout.cost == result.fees.total

    as_planned = evaluate(plan, suggested(plan, TODAY)[0], TODAY)
    assert as_planned.overall == result.assessment.overall  # no what-if applied silently
    assert as_planned.overall_with_what_ifs == result.what_if_assessment.overall
    assert as_planned.path == PATH_LABELS[result.pathway.effective]
    assert as_planned.programs == result.program_total
    assert as_planned.cost == result.fees.total
    assert as_planned.interview_chance == (exam.chance.value if exam else None)

    if result.profile_refusals:  # the CLI refuses a forbidden retake (exit 2)
        path = tmp_path / "plan.json"
        path.write_bytes(dump_plan(plan))
        assert main(["assess", str(path), "--today", TODAY.isoformat()]) == 2
        capsys.readouterr()
        return
    cli = _cli(plan, tmp_path, capsys)
    if not result.assessed:  # issue 22: what to enter, never tiers from empty fields
        assert cli["not_assessed"] == [{"what": m.what, "why": m.why} for m in result.missing]
        assert set(cli) == {"not_assessed", "phase"}
        return
    assert cli["risk"]["overall"] == result.assessment.overall
    assert cli["pathway"] == result.pathway.effective
    assert cli["programs"]["total"] == result.program_total
    assert cli["fees"]["total"] == result.fees.total
    assert cli["exam"]["planned_date"] == (exam.exam_date.isoformat() if exam else None)
    assert cli["exam"]["relative_interview_chance"] == (exam.chance.value if exam else None)


def plan_counts(result: Any) -> list[int]:
    return [part.count.recommended for part in result.programs.parts]


def test_a_saved_plan_loads_back_to_the_same_result() -> None:
    plan = new_plan(example_profile(), TODAY).model_copy(
        update={"programs": ProgramChoices(what_if_count=120, tier="moderate")}
    )
    loaded = load_plan(dump_plan(plan), TODAY)
    assert loaded.programs.what_if_count == 120
    assert build_plan(loaded, TODAY).program_total == build_plan(plan, TODAY).program_total


def test_general_surgery_dual_application_is_in_every_total() -> None:
    """The reproduction: Scenarios said 110 / $2,810 while the Handout said 165 / $3,890."""
    profile: ApplicantProfile = with_changes(example_profile(), {"target_specialty": "gs"}, TODAY)
    plan = new_plan(profile, TODAY)
    result = build_plan(plan, TODAY)
    assert result.programs.dual
    scenario = evaluate(plan, suggested(plan, TODAY)[0], TODAY)
    handout = handout_content(result, identify=False)
    assert scenario.programs == handout.programs == result.program_total
    assert scenario.cost == handout.cost == result.fees.total


def test_a_passed_exam_is_no_longer_planned() -> None:
    """After recording a Step 1 pass, no page keeps planning a Step 1 study block."""
    profile = example_profile()
    plan = new_plan(profile, TODAY)
    stale = plan.timeline.model_copy(update={"exam_step": "step1"})
    result = build_plan(plan.model_copy(update={"timeline": stale}), TODAY)
    assert result.timeline_plan.exam_step != "step1"
    assert result.timeline_repairs
    assert not any("Step 1" in m.name for m in result.timeline.milestones if m.kind == "study")


def test_the_autopsy_role_reaches_the_timeline() -> None:
    profile = with_changes(example_profile(), {"clinical": {"current_role": "observership"}}, TODAY)
    result = build_plan(
        new_plan(example_profile(), TODAY).model_copy(update={"profile": profile}), TODAY
    )
    assert result.timeline_plan.role.kind == "observership"


def test_week_follows_the_timeline_exam() -> None:
    """Weekly structure said "No exam is planned" while Timeline planned Step 3."""
    result = build_plan(new_plan(example_profile(), TODAY), TODAY)
    assert result.timeline.exam is not None
    assert result.study_window is not None
    assert result.study_window.end == result.timeline.exam.exam_date


def test_R23_dermatology_findings_and_actions_follow_the_dual_total() -> None:
    """Derm was "functionally closed" yet the plan said "Apply to at least 80 programs"."""
    profile = with_changes(example_profile(), {"target_specialty": "derm"}, TODAY)
    result = build_plan(new_plan(profile, TODAY), TODAY)
    assert result.programs.dual
    total = result.programs.total.min
    texts = [f.fix for f in result.findings] + list(result.next_actions)
    counts = [t for t in texts if "Apply to at least" in t]
    assert counts
    assert all(f"Apply to at least {total} programs" in t for t in counts)


def test_R23_a_pivot_from_dermatology_builds_letters_and_work_in_the_second_specialty() -> None:
    """Derm is left (R-23): the year's letters and clinical work serve Internal Medicine."""
    profile = with_changes(example_profile(), {"target_specialty": "derm"}, TODAY)
    result = build_plan(new_plan(profile, TODAY), TODAY)
    assert result.pathway.effective == "pivot"
    assert result.focus_specialty == "Internal Medicine"
    actions = " ".join(result.next_actions)
    assert "Dermatology" not in actions
    assert "Internal Medicine" in actions


def test_R06_findings_follow_the_dimensions_order_of_importance() -> None:
    result = build_plan(new_plan(example_profile(), TODAY), TODAY)
    order = [d.dimension for d in result.assessment.diagnosis]
    shown = [order.index(f.dimension) for f in result.findings]
    assert shown == sorted(shown)
    assert len(result.findings) == len(result.assessment.findings)
