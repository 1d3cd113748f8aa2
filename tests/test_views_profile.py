"""matchplan.views_profile: what Risk and Stay-or-pivot show, decided from PlanResult."""

from __future__ import annotations

from datetime import date

import pytest

from matchplan.examples import example_profile
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.profile import with_changes
from matchplan.views_profile import (
    dual_split,
    level_move,
    shows_three_options,
    step3_lever,
    what_if_program_check,
)
from matchplan.whatif import WhatIf
from tests.conftest import TODAY

DAY = date.fromisoformat(TODAY)


def result_for(
    changes: dict[str, object] | None = None, what_if: WhatIf | None = None
) -> PlanResult:
    profile = with_changes(example_profile(DAY), changes or {}, DAY)
    plan = new_plan(profile, DAY)
    if what_if is not None:
        plan = plan.model_copy(update={"what_if": what_if})
    return build_plan(plan, DAY)


def test_r05_step3_lever_is_available_once_step1_and_step2ck_are_passed() -> None:
    lever = step3_lever(result_for())
    assert lever.available
    assert "R-05" in lever.help


def test_r05_step3_lever_needs_step2ck_passed() -> None:
    result = result_for({"exams": [e.model_dump() for e in example_profile(DAY).exams[:2]]})
    assert not result.step3_eligible
    lever = step3_lever(result)
    assert not lever.available
    assert "Step 2 CK" in lever.help


@pytest.mark.parametrize(
    ("extra", "meets"),
    [
        pytest.param(0, False, id="R-51-45-below-the-high-tier-floor"),
        pytest.param(40, True, id="R-51-85-meets-the-high-tier-floor"),
    ],
)
def test_r50_r51_what_if_count_against_the_floor(extra: int, meets: bool) -> None:
    check = what_if_program_check(result_for(what_if=WhatIf(extra_programs=extra)))
    assert check.level == "high"
    assert check.planned == 45 + extra
    assert check.meets is meets
    assert check.floor == 80  # internal medicine, high tier, from data
    verdict = "meets" if meets else "falls short of"
    assert check.text.startswith(f"{45 + extra} planned {verdict} the 80 a high-risk")


def test_r50_floor_follows_the_what_if_tier() -> None:
    check = what_if_program_check(result_for(what_if=WhatIf(recent_us_clinical=True)))
    assert check.level == "moderate"
    assert check.floor == 70


def test_level_move() -> None:
    assert level_move("high", "moderate") == "down"
    assert level_move("moderate", "high") == "up"
    assert level_move("low", "low") is None


def test_r22_three_options_show_off_the_stay_path() -> None:
    result = result_for()
    assert result.pathway.effective != "stay"
    assert shows_three_options(result.pathway)


def test_r52_dual_split_is_the_planned_one() -> None:
    single = result_for()
    assert dual_split(single) is None
    dual = result_for({"target_specialty": "derm"})
    split = dual_split(dual)
    assert split is not None
    assert split is dual.programs
    assert split.total.recommended == dual.program_total
