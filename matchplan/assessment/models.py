"""The assessment's models and the helpers every lens shares."""

from __future__ import annotations

from datetime import date
from typing import Literal

from matchplan.cycles import cycle_date
from matchplan.frozen import Frozen
from matchplan.profile import ApplicantProfile
from matchplan.reference import Level, Reference

Lens = Literal["academic", "reliability", "bandwidth"]
Dimension = Literal["exams", "clinical", "specialty", "strategy"]
View = Literal["optimistic", "cautious", "pessimistic"]

LEVELS: tuple[Level, ...] = ("low", "moderate", "high")
LENS_QUESTIONS: dict[Lens, str] = {
    "academic": "Will this person pass boards on time?",
    "reliability": "Will this person finish residency without delays?",
    "bandwidth": "Will this person need more faculty time than we can give?",
}
DIMENSION_LABELS: dict[Dimension, str] = {
    "exams": "Exam history",
    "clinical": "Clinical performance and letters",
    "specialty": "Specialty realism",
    "strategy": "Application strategy",
}
DIMENSION_TIE_ORDER: tuple[Dimension, ...] = ("exams", "specialty", "clinical", "strategy")
"""R-06 (revised): the fixed order that breaks ties of severity."""
VIEW_PATHS: dict[View, str] = {
    "optimistic": "Stay in the specialty with heavy, documented remediation",
    "cautious": "Same specialty, re-targeted at less competitive programs and places",
    "pessimistic": "Pivot specialty, or weigh careers outside residency",
}


class Reason(Frozen):
    """Why a level was set: the rule, the input that caused it, in words."""

    rule: str
    field: str
    text: str
    level: Level = "moderate"
    sources: tuple[str, ...] = ()  # source ids of any outside number in the text


class LensResult(Frozen):
    lens: Lens
    level: Level
    reasons: tuple[Reason, ...]
    would_lower: tuple[str, ...]


class Finding(Frozen):
    """One autopsy finding (R-07): what went wrong, the evidence, the fix."""

    rule: str
    dimension: Dimension
    message: str
    fix: str
    importance: int  # lower is more important
    sources: tuple[str, ...] = ()
    topic: str = ""  # "program_count" for R-50/R-51's count, replaced by the plan's total


class DimensionDiagnosis(Frozen):
    """R-06: one of the four dimensions of the 'unmatched' label."""

    dimension: Dimension
    failed: bool
    evidence: tuple[str, ...]


class ViewProposal(Frozen):
    """R-20: the proposed advisor view, its reasons, and the advisor's override."""

    proposed: View
    reasons: tuple[Reason, ...]
    advisor_override: View | None

    @property
    def effective(self) -> View:
        return self.advisor_override or self.proposed


class HoldCondition(Frozen):
    """One of R-24's conditions for reapplying past 5 years from graduation."""

    condition: str
    met: bool
    detail: str


class Hold(Frozen):
    """R-24 (revised): "not yet" - the unmet conditions and the proposed target cycle."""

    rule: str = "R-24"
    years_since_graduation: float
    conditions: tuple[HoldCondition, ...]
    proposed_match_year: int
    reasons: tuple[Reason, ...]

    @property
    def unmet(self) -> tuple[HoldCondition, ...]:
        return tuple(c for c in self.conditions if not c.met)


class Assessment(Frozen):
    academic: LensResult
    reliability: LensResult
    bandwidth: LensResult
    overall: Level
    overall_reasons: tuple[Reason, ...]
    diagnosis: tuple[DimensionDiagnosis, ...]
    findings: tuple[Finding, ...]
    view: ViewProposal
    hold: Hold | None = None

    @property
    def lenses(self) -> tuple[LensResult, LensResult, LensResult]:
        return (self.academic, self.reliability, self.bandwidth)

    def next_actions(self, count: int = 3, program_total: int | None = None) -> tuple[str, ...]:
        """The first things to do: levers of high lenses, then the top fixes, then the rest.

        ``program_total`` is the program plan's total (``ProgramPlan.total.min``, the
        dual split summed, R-52 revised): when given, the program-count action uses it
        instead of the single-specialty floor the autopsy compared last cycle with.
        """
        by_severity = sorted(self.lenses, key=_severity)
        high = [lever for lens in by_severity if lens.level == "high" for lever in lens.would_lower]
        rest = [lever for lens in by_severity if lens.level != "high" for lever in lens.would_lower]
        fixes = [
            program_count_action(program_total)
            if f.topic == "program_count" and program_total is not None
            else f.fix
            for f in self.findings
        ]
        ordered = high + fixes + rest
        return tuple(dict.fromkeys(ordered))[:count]


def program_count_action(total: int) -> str:
    """R-50..R-52: the next action for the program count, with the plan's total."""
    return f"Apply to at least {total} programs in all this cycle."


def _severity(lens: LensResult) -> int:
    return -LEVELS.index(lens.level)


def worst(levels: list[Level]) -> Level:
    return max(levels, key=LEVELS.index, default="low")


def _lens(
    lens: Lens, reasons: list[Reason], would_lower: list[str], level: Level | None = None
) -> LensResult:
    return LensResult(
        lens=lens,
        level=level or worst([r.level for r in reasons]),
        reasons=tuple(sorted(reasons, key=lambda r: -LEVELS.index(r.level))),
        would_lower=tuple(dict.fromkeys(would_lower)),
    )


def application_day(profile: ApplicantProfile, today: date, ref: Reference) -> date:
    """The day programs will read the new application: the target cycle's submission day."""
    return max(today, cycle_date(profile.target_match_year, "submission_opens", ref).date)


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
