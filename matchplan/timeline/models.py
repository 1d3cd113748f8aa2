"""The timeline's models: reference values (``timeline_data()``), the plan's own choices
(``TimelinePlan``, ``GapRole``) and the built ``Timeline`` with its parts.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Literal

from pydantic import Field

from matchplan.cycles import CycleCalendar
from matchplan.datafiles import load_data
from matchplan.frozen import Frozen
from matchplan.profile import HANDS_ON_ROLES, CurrentRole, RecordDate
from matchplan.reference import CycleEvent, StepId, load_reference

RoleKind = CurrentRole  # the gap-year role is the profile's current or planned role
MilestoneKind = Literal[
    "study", "exam", "report", "step3", "role", "letters", "application", "interviews", "match"
]
ChanceLabel = Literal["before_review", "october", "november", "december_or_later"]
CLINICAL_ROLES: frozenset[RoleKind] = HANDS_ON_ROLES
"""R-37 (revised): only hands-on roles keep clinical work current; observerships do not."""
DAYS_PER_MONTH = 30.4375
WEDNESDAY = 2


# --- reference values --------------------------------------------------------------------
class InterviewChance(Frozen):
    rule: str
    source: str
    note: str
    before_review: int
    october: int
    november: int
    december_or_later: int


class WeeksValue(Frozen):
    value: float
    rule: str
    source: str
    note: str = ""


class TimelineData(Frozen):
    interview_chance: InterviewChance
    study_months_min: WeeksValue
    study_months_max: WeeksValue
    step3_prep_weeks: WeeksValue
    letter_request_lead_weeks: WeeksValue


@cache
def timeline_data() -> TimelineData:
    """matchplan/data/timeline.json, validated once (reference data only)."""
    return load_data("timeline.json", TimelineData, sources=load_reference().sources)


# --- the plan's own choices ----------------------------------------------------------------
class GapRole(Frozen):
    """The gap-year role and the facts R-38 scores it on."""

    kind: RoleKind = Field(default="none", title="Role")
    in_target_specialty: bool = Field(default=False, title="In the target specialty")
    department_has_program: bool = Field(
        default=False, title="In a department with a residency program"
    )
    visible_to_selection_faculty: bool = Field(
        default=False, title="Visible to faculty who select residents"
    )
    produces_output: bool = Field(default=False, title="Produces output (abstracts, papers)")
    remote: bool = Field(default=False, title="Remote, without clinical or faculty contact")
    paired_with_observership: bool = Field(default=False, title="Paired with an observership")
    us_based: bool = Field(default=True, title="US-based")


class TimelinePlan(Frozen):
    """What the applicant and advisor choose on the Timeline page."""

    exam_step: StepId | None = Field(default=None, title="Exam to retake or take")
    exam_date: RecordDate | None = Field(default=None, title="Exam date")
    study_months: float = Field(default=3.5, ge=3, le=4, title="Study block (months)")
    step3_date: RecordDate | None = Field(default=None, title="Step 3 date")
    letter_request_date: RecordDate | None = Field(default=None, title="Letter requests sent")
    role: GapRole = Field(default_factory=GapRole)
    # Bounded like every date (profile.RecordDate): 0001-01-01 or 9999-12-31 here made
    # the cycle arithmetic overflow on every page that builds the timeline.
    calendar_overrides: dict[CycleEvent, RecordDate] = Field(
        default_factory=dict, title="Advisor's date overrides"
    )


# --- deadlines and the interview chance ------------------------------------
class ExamDeadlines(Frozen):
    review_day: date
    latest_typical: date
    latest_safe: date
    typical_weeks: int
    safe_weeks: int


class ChancePoint(Frozen):
    label: ChanceLabel
    value: int
    words: str


# --- the plan ----------------------------------------------------------------------------
class Milestone(Frozen):
    name: str
    start: date
    end: date
    kind: MilestoneKind
    deadline: date | None = None
    missed: bool = False
    reason: str = ""
    estimated: bool = False  # a cycle date derived from the pattern, or not published
    task: bool = True
    """Something the applicant does (asks "done?" once past, R-43); False for a cycle
    event, a score report or an ongoing role, which simply happen."""
    sources: tuple[str, ...] = ()
    """The source ids of the cycle dates it is drawn from ("pattern" for the pattern of
    earlier cycles), so an estimate can say what it rests on (R-41)."""


class PlanWarning(Frozen):
    rule: str
    text: str
    sources: tuple[str, ...] = ()


class RoleScore(Frozen):
    """R-38: how well the gap-year role serves the reapplication."""

    verdict: Literal["strong", "useful", "weak", "wasteful"]
    met: tuple[str, ...]
    missing: tuple[str, ...]
    advice: str


class Step3Advice(Frozen):
    recommended: bool
    eligible: bool
    fits_before_review: bool
    latest_date: date
    reasons: tuple[str, ...]


class ExamTiming(Frozen):
    step: StepId
    exam_date: date
    study_start: date
    report_typical: date
    report_safe: date
    chance: ChancePoint
    chance_safe: ChancePoint
    retake_problems: tuple[str, ...]
    final_attempt: bool = False


class AlternativeCycle(Frozen):
    """R-33: reapply one cycle later and use the year (shown beside the plan)."""

    match_year: int
    review_day: date
    latest_safe: date
    chance: ChancePoint


class Timeline(Frozen):
    match_year: int
    calendar: CycleCalendar
    deadlines: ExamDeadlines
    exam: ExamTiming | None
    step3: Step3Advice
    role: RoleScore
    milestones: tuple[Milestone, ...]
    warnings: tuple[PlanWarning, ...]
    alternative: AlternativeCycle | None


class PlanDateError(ValueError):
    """A date in the plan that cannot be scheduled, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


Verdict = Literal["strong", "useful", "weak", "wasteful"]
