"""The weekly structure of the remediation year (docs/RULES.md R-70).

The gap year is treated as a job: study blocks, the year's clinical, research or
other work, a weekly mentor meeting, and rest that is protected rather than left
over. The week is 7 days x morning / afternoon / evening; the starting template
(``data/week_template.json``) follows the applicant's current role. Hours per
domain are counted, and warnings say when no rest is protected or when the study
hours cannot fit the study block before the exam.

The study window is a parameter (``StudyWindow``) so the Timeline's study block
can be passed in; until then it comes from the profile's next planned attempt.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Literal, Self

from pydantic import Field, model_validator

from matchplan.datafiles import load_data
from matchplan.frozen import Frozen
from matchplan.profile import STEP_LABELS, ApplicantProfile, CurrentRole
from matchplan.reference import Threshold, load_reference

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Slot = Literal["morning", "afternoon", "evening"]
Domain = Literal["study", "clinical", "research", "work", "mentoring", "rest", "open"]
TemplateDomain = Domain | Literal["role"]
WarningKind = Literal[
    "no_rest", "little_rest", "no_study", "study_short", "no_role", "no_mentoring"
]

DAYS: tuple[Day, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SLOTS: tuple[Slot, ...] = ("morning", "afternoon", "evening")
DOMAINS: tuple[Domain, ...] = (
    "study",
    "clinical",
    "research",
    "work",
    "mentoring",
    "rest",
    "open",
)
DAY_LABELS: dict[Day, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
SLOT_LABELS: dict[Slot, str] = {
    "morning": "Morning",
    "afternoon": "Afternoon",
    "evening": "Evening",
}
DOMAIN_LABELS: dict[Domain, str] = {
    "study": "Exam study",
    "clinical": "Clinical",
    "research": "Research",
    "work": "Other work",
    "mentoring": "Mentor or accountability meeting",
    "rest": "Rest (protected)",
    "open": "Unplanned",
}
ROLE_DOMAINS: frozenset[Domain] = frozenset({"clinical", "research", "work"})

WEEK_FILE = "week_template.json"


class DayPlan(Frozen):
    """One day's three blocks."""

    day: Day
    morning: Domain
    afternoon: Domain
    evening: Domain

    def block(self, slot: Slot) -> Domain:
        return {"morning": self.morning, "afternoon": self.afternoon, "evening": self.evening}[slot]


class WeekPlan(Frozen):
    """R-70: the applicant's week, Monday to Sunday (kept with the plan)."""

    days: tuple[DayPlan, ...] = Field(min_length=7, max_length=7)

    @model_validator(mode="after")
    def _monday_to_sunday(self) -> Self:
        if tuple(d.day for d in self.days) != DAYS:
            raise ValueError("the week lists each day once, Monday to Sunday")
        return self

    def blocks(self) -> tuple[tuple[Day, Slot, Domain], ...]:
        return tuple((d.day, slot, d.block(slot)) for d in self.days for slot in SLOTS)


class WeekThresholds(Frozen):
    morning_hours: Threshold
    afternoon_hours: Threshold
    evening_hours: Threshold
    study_block_hours: Threshold
    study_block_weeks: Threshold
    min_rest_hours: Threshold


class WeekData(Frozen):
    """``data/week_template.json``: block lengths, study need, the template."""

    thresholds: WeekThresholds
    role_domain: dict[CurrentRole, Domain]
    template: dict[Day, dict[Slot, TemplateDomain]]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if set(self.template) != set(DAYS):
            raise ValueError("template must list every day, mon to sun")
        for day, blocks in self.template.items():
            if set(blocks) != set(SLOTS):
                raise ValueError(f"template.{day} must list morning, afternoon and evening")
        return self

    def slot_hours(self) -> dict[Slot, float]:
        t = self.thresholds
        return {
            "morning": t.morning_hours.value,
            "afternoon": t.afternoon_hours.value,
            "evening": t.evening_hours.value,
        }


@cache
def week_data() -> WeekData:
    """Load and validate ``data/week_template.json`` once (reference data)."""
    return load_data(WEEK_FILE, WeekData, sources=load_reference().sources)


def template_week(role: CurrentRole, data: WeekData | None = None) -> WeekPlan:
    """R-70: the starting week, with the role's blocks set to what the role is."""
    data = data or week_data()
    role_domain = data.role_domain.get(role, "clinical")

    def resolve(value: TemplateDomain) -> Domain:
        return role_domain if value == "role" else value

    return WeekPlan(
        days=tuple(
            DayPlan(
                day=day,
                morning=resolve(data.template[day]["morning"]),
                afternoon=resolve(data.template[day]["afternoon"]),
                evening=resolve(data.template[day]["evening"]),
            )
            for day in DAYS
        )
    )


def hours_by_domain(week: WeekPlan, data: WeekData | None = None) -> dict[Domain, float]:
    """R-70: hours a week per domain, every domain listed (zero included), in fixed order."""
    hours = (data or week_data()).slot_hours()
    out: dict[Domain, float] = dict.fromkeys(DOMAINS, 0.0)
    for _day, slot, domain in week.blocks():
        out[domain] += hours[slot]
    return out


# --- the study window ------------------------------------------------------------------


class StudyWindow(Frozen):
    """The weeks of study before one exam: from ``start`` to the exam on ``end``."""

    exam: str
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError("the study window starts after the exam")
        return self

    @property
    def weeks(self) -> float:
        return (self.end - self.start).days / 7


def study_window_for_exam(
    exam_date: date,
    today: date,
    exam: str = "the exam",
    block_weeks: float | None = None,
    data: WeekData | None = None,
) -> StudyWindow | None:
    """R-70 with R-33: the block ending on the exam date, never starting before today.

    ``block_weeks`` defaults to the data's 3-4 month block; the Timeline can pass its own.
    None when the exam date is today or past: there is no window left to plan.
    """
    if exam_date <= today:
        return None
    default = (data or week_data()).thresholds.study_block_weeks.value
    length = block_weeks if block_weeks is not None else default
    start = max(today, exam_date - timedelta(days=round(length * 7)))
    return StudyWindow(exam=exam, start=start, end=exam_date)


def study_window_from_profile(
    profile: ApplicantProfile, today: date, data: WeekData | None = None
) -> StudyWindow | None:
    """The next planned attempt after today, as a study window (None if none is planned)."""
    planned = sorted(
        (a for step in STEP_LABELS for a in profile.planned(step) if a.exam_date > today),
        key=lambda a: a.exam_date,
    )
    if not planned:
        return None
    first = planned[0]
    kind = "retake" if profile.failures(first.step) else "exam"
    return study_window_for_exam(
        first.exam_date, today, f"{STEP_LABELS[first.step]} {kind}", data=data
    )


class StudyFit(Frozen):
    """Whether the week's study hours fill the study the block needs."""

    weeks: float
    weekly_hours: float
    capacity: float
    needed: float
    needed_per_week: float

    @property
    def fits(self) -> bool:
        return self.capacity >= self.needed


def study_fit(week: WeekPlan, window: StudyWindow, data: WeekData | None = None) -> StudyFit:
    """R-70: weekly study hours x weeks left against the hours the block needs."""
    data = data or week_data()
    weekly = hours_by_domain(week, data)["study"]
    needed = data.thresholds.study_block_hours.value
    weeks = window.weeks
    return StudyFit(
        weeks=weeks,
        weekly_hours=weekly,
        capacity=weekly * weeks,
        needed=needed,
        needed_per_week=needed / weeks if weeks > 0 else needed,
    )


# --- warnings --------------------------------------------------------------------------


class WeekWarning(Frozen):
    rule: str
    kind: WarningKind
    severity: Literal["warning", "note"]
    message: str


def week_warnings(
    week: WeekPlan, window: StudyWindow | None, data: WeekData | None = None
) -> tuple[WeekWarning, ...]:
    """R-70: no protected rest; study that cannot fit the block; no role; no mentoring."""
    data = data or week_data()
    t = data.thresholds
    hours = hours_by_domain(week, data)
    out: list[WeekWarning] = []
    if hours["rest"] == 0:
        out.append(
            WeekWarning(
                rule="R-70",
                kind="no_rest",
                severity="warning",
                message="No rest is protected this week. A year without it is how people "
                "burn out before the exam; mark at least one block as rest.",
            )
        )
    elif hours["rest"] < t.min_rest_hours.value:
        out.append(
            WeekWarning(
                rule="R-70",
                kind="little_rest",
                severity="warning",
                message=f"Only {hours['rest']:.0f} h of protected rest; plan at least "
                f"{t.min_rest_hours.value:.0f} h (an adjustable default).",
            )
        )
    if window is not None:
        fit = study_fit(week, window, data)
        when = f"{window.end:%d %b %Y}"
        if fit.weekly_hours == 0:
            out.append(
                WeekWarning(
                    rule="R-70",
                    kind="no_study",
                    severity="warning",
                    message=f"No study blocks, with the {window.exam} on {when}.",
                )
            )
        elif not fit.fits:
            out.append(
                WeekWarning(
                    rule="R-70",
                    kind="study_short",
                    severity="warning",
                    message=f"{fit.weekly_hours:.0f} h of study a week for the "
                    f"{fit.weeks:.1f} weeks before the {window.exam} on {when} gives "
                    f"{fit.capacity:.0f} h; the block needs about {fit.needed:.0f} h "
                    f"(an adjustable default), so about {fit.needed_per_week:.0f} h a week. "
                    "Add study blocks, or move the exam later on the Timeline.",
                )
            )
    if sum(hours[d] for d in ROLE_DOMAINS) == 0:
        out.append(
            WeekWarning(
                rule="R-70",
                kind="no_role",
                severity="warning",
                message="No clinical, research or work time. Programs will ask what the "
                "year produced: letters, output, recent hands-on work.",
            )
        )
    if hours["mentoring"] == 0:
        out.append(
            WeekWarning(
                rule="R-70",
                kind="no_mentoring",
                severity="note",
                message="No weekly meeting with a mentor or accountability partner; "
                "a fixed check-in keeps the plan honest.",
            )
        )
    return tuple(out)
