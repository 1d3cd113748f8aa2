"""What the Risk and Stay-or-pivot pages decide to show, computed from ``PlanResult``.

These were rules in the pages (the Step 3 lever's availability, the what-if
program count against the tier's floor, when R-22's three options show, the
dual split, which way a lens moved). Each is a pure function of the one
result, so every consumer that shows the same thing reads the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from matchplan.assessment import LEVELS
from matchplan.pathway import Pathway
from matchplan.plan import PlanResult
from matchplan.programs import ProgramPlan, program_data, r51_range, specialty_count
from matchplan.reference import Level, Reference, load_reference

Move = Literal["down", "up"]


@dataclass(frozen=True, slots=True)
class Step3Lever:
    """Whether the Risk page's "Pass Step 3 before applying" lever can be moved, and why."""

    available: bool
    help: str


@dataclass(frozen=True, slots=True)
class ProgramFloorCheck:
    """R-50/R-51: the what-if program count against the what-if tier's least count."""

    planned: int
    floor: int
    level: Level
    specialty_name: str
    sources: tuple[str, ...]

    @property
    def meets(self) -> bool:
        return self.planned >= self.floor

    @property
    def text(self) -> str:
        verdict = "meets" if self.meets else "falls short of"
        return (
            f"{self.planned} planned {verdict} the {self.floor} a {self.level}-risk "
            f"applicant in {self.specialty_name} applies to (R-50/R-51, illustrative)."
        )


def step3_lever(result: PlanResult) -> Step3Lever:
    """R-05 needs Step 3 to be possible: Step 1 and Step 2 CK passed, Step 3 not yet passed."""
    if result.profile.passed("step3"):
        return Step3Lever(available=False, help="Step 3 is already passed.")
    if not result.step3_eligible:
        return Step3Lever(
            available=False, help="Needs Step 1 and Step 2 CK passed (FSMB eligibility)."
        )
    return Step3Lever(
        available=True, help="R-05: lowers academic risk one level, never to low on its own."
    )


def what_if_program_check(result: PlanResult, ref: Reference | None = None) -> ProgramFloorCheck:
    """R-50/R-51: do the what-if's planned programs reach the what-if tier's least count?

    The planned count is last cycle's programs plus the what-if's extra ones; the
    least count is the one the Programs page shows for the target specialty at the
    what-if tier (R-51's range low end where it applies, else R-50's tier count).
    """
    ref = ref or load_reference()
    level = result.what_if_assessment.overall
    target = ref.specialty(result.profile.target_specialty)
    span = r51_range(level, target.id, ref)
    source = span.source if span is not None else ref.program_counts.for_level(level).source
    floor = specialty_count(level, target.id, ref, program_data()).min
    return ProgramFloorCheck(
        planned=result.what_if.planned_programs,
        floor=floor,
        level=level,
        specialty_name=target.name,
        sources=(source,),
    )


def level_move(before: Level, after: Level) -> Move | None:
    """Which way a lens moved under the what-ifs (R-04's order low < moderate < high)."""
    if before == after:
        return None
    return "down" if LEVELS.index(after) < LEVELS.index(before) else "up"


def shows_three_options(path: Pathway) -> bool:
    """R-22: the three options show when the path is not plain "stay" or R-22 fired."""
    return path.effective != "stay" or any(reason.rule == "R-22" for reason in path.reasons)


def dual_split(result: PlanResult) -> ProgramPlan | None:
    """R-52: the dual application's split as the plan counts it (None for a single list).

    The same ``ProgramPlan`` the Programs page, the fees and the Handout use, so the
    split shown on Stay or pivot is the one that is planned.
    """
    return result.programs if result.programs.dual else None


__all__ = [
    "ProgramFloorCheck",
    "Step3Lever",
    "dual_split",
    "level_move",
    "shows_three_options",
    "step3_lever",
    "what_if_program_check",
]
