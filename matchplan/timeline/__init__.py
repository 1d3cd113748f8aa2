"""The exam-timing planner and the 12-18 month timeline (docs/RULES.md R-30 to R-39).

Planning runs backwards from the day programs first review applications: the
retake's score must be on the transcript by then (R-30), the study block ends
on the exam date (R-33), retakes obey the USMLE limits (R-34), and every
milestone of the target cycle lands on a Gantt with the dates it must meet.
Pure: ``today`` comes in; nothing reads the clock.

The package splits the planner by concern: ``models``, ``exam`` (R-30..R-34),
``role`` (R-37/R-38), ``step3`` (R-35, R-42) and ``build``. Every public name is
re-exported here.
"""

from __future__ import annotations

from matchplan.timeline.build import (
    SUBMIT_MILESTONE,
    build_timeline,
    default_plan,
)
from matchplan.timeline.exam import (
    CHANCE_WORDS,
    ExamRefusal,
    RetakeRefused,
    chance_curve,
    check_calendar_order,
    check_entered_dates,
    check_plan_dates,
    earliest_allowed_attempt,
    exam_deadlines,
    exam_to_plan,
    exam_to_time,
    interview_chance,
    is_final_attempt,
    last_exam_date,
    report_date,
    retake_problems,
    retake_refusal,
)
from matchplan.timeline.models import (
    CLINICAL_ROLES,
    DAYS_PER_MONTH,
    WEDNESDAY,
    AlternativeCycle,
    ChanceLabel,
    ChancePoint,
    ExamDeadlines,
    ExamTiming,
    GapRole,
    InterviewChance,
    Milestone,
    MilestoneKind,
    PlanDateError,
    PlanWarning,
    RoleKind,
    RoleScore,
    Step3Advice,
    Timeline,
    TimelineData,
    TimelinePlan,
    Verdict,
    WeeksValue,
    timeline_data,
)
from matchplan.timeline.role import (
    role_options,
    score_role,
)
from matchplan.timeline.step3 import (
    licensing_window_warnings,
    step3_advice,
)

__all__ = [
    "CHANCE_WORDS",
    "CLINICAL_ROLES",
    "DAYS_PER_MONTH",
    "SUBMIT_MILESTONE",
    "WEDNESDAY",
    "AlternativeCycle",
    "ChanceLabel",
    "ChancePoint",
    "ExamDeadlines",
    "ExamRefusal",
    "ExamTiming",
    "GapRole",
    "InterviewChance",
    "Milestone",
    "MilestoneKind",
    "PlanDateError",
    "PlanWarning",
    "RetakeRefused",
    "RoleKind",
    "RoleScore",
    "Step3Advice",
    "Timeline",
    "TimelineData",
    "TimelinePlan",
    "Verdict",
    "WeeksValue",
    "build_timeline",
    "chance_curve",
    "check_calendar_order",
    "check_entered_dates",
    "check_plan_dates",
    "default_plan",
    "earliest_allowed_attempt",
    "exam_deadlines",
    "exam_to_plan",
    "exam_to_time",
    "interview_chance",
    "is_final_attempt",
    "last_exam_date",
    "licensing_window_warnings",
    "report_date",
    "retake_problems",
    "retake_refusal",
    "role_options",
    "score_role",
    "step3_advice",
    "timeline_data",
]
