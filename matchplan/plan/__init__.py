"""One plan, one computation: ``build_plan(plan, today) -> PlanResult``.

Every consumer - each page, Scenarios, the Handout, the CLI and the benchmark -
reads this one result, so a number shown in two places comes from the same
object and cannot disagree. The chain assess -> pathway -> program count ->
fees -> signals -> timeline -> week is wired here and nowhere else, and stale
choices stored in a plan (an exam already passed, a date now in the past, an
override that breaks the cycle's order) are repaired here, once, with a note
saying what was repaired.

Pure: ``today`` comes in; nothing reads the clock, nothing does I/O.

The package splits the builder by concern: ``result`` (what a page reads),
``repair`` (stale timeline choices, R-34 refusals), ``choices`` (the tier and the
dual application that size the list) and ``build``. Every public name is
re-exported here.
"""

from __future__ import annotations

from matchplan.plan.build import (
    build_plan,
    new_plan,
    open_plan,
    scenario_plan,
    with_year_items,
)
from matchplan.plan.choices import dual_application, program_level, second_specialty
from matchplan.plan.next_cycle import NextCycleError, next_cycle_plan
from matchplan.plan.repair import (
    planned_attempt_refusals,
    repaired_timeline,
    timeable_exams,
    timeline_problem,
)
from matchplan.plan.result import TIER_CHOICES, Interviews, PlanResult
from matchplan.timeline import exam_to_time

__all__ = [
    "TIER_CHOICES",
    "Interviews",
    "NextCycleError",
    "PlanResult",
    "build_plan",
    "dual_application",
    "exam_to_time",
    "new_plan",
    "next_cycle_plan",
    "open_plan",
    "planned_attempt_refusals",
    "program_level",
    "repaired_timeline",
    "scenario_plan",
    "second_specialty",
    "timeable_exams",
    "timeline_problem",
    "with_year_items",
]
