"""What ``build_plan`` returns: one frozen result every consumer reads.

Its properties word the few things derived from more than one part (the headline
count, the focus specialty, next actions naming the dual split's total), so a page
never recombines parts itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from matchplan.assessment import Assessment, Finding, program_count_action
from matchplan.careers import CareersAdvice
from matchplan.completeness import Missing
from matchplan.pathway import Pathway
from matchplan.planfile import PlanFile
from matchplan.profile import ApplicantProfile
from matchplan.programs import FeeBreakdown, ListMix, ProgramPlan, SignalAdvice
from matchplan.reference import Level, StepId
from matchplan.timeline import ExamRefusal, Timeline, TimelinePlan
from matchplan.week import StudyWindow, WeekPlan, WeekWarning
from matchplan.whatif import WhatIfResult
from matchplan.year import (
    AdvisorReading,
    AnswerCheck,
    ChecklistItem,
    OutputsStatus,
    Readiness,
    SoapReadiness,
    Standing,
    WellbeingView,
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
    standing: Standing
    missing: tuple[Missing, ...]
    """What the profile must say before it is assessed (``completeness``); empty when it can be."""

    @property
    def assessed(self) -> bool:
        """False for a blank or half-entered profile: no tier, path, count or handout is told."""
        return not self.missing

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
