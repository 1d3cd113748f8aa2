"""Timing the exam: what to time, deadlines and reporting (R-30), the interview chance
(R-32), the study block (R-33), the retake rules (R-34), and dates that cannot be placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise

from matchplan.cycles import CYCLE_EVENTS, EVENT_LABELS, CycleCalendar
from matchplan.frozen import Frozen
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference, StepId, load_reference
from matchplan.timeline.models import (
    DAYS_PER_MONTH,
    WEDNESDAY,
    ChanceLabel,
    ChancePoint,
    ExamDeadlines,
    PlanDateError,
    TimelinePlan,
    timeline_data,
)


def exam_to_plan(profile: ApplicantProfile) -> StepId | None:
    """The Step the year must fix: a failed, unpassed Step first, then an unpassed one."""
    fail_first: tuple[StepId, ...] = ("step2ck", "step1")
    for step in fail_first:
        if profile.failures(step) and not profile.passed(step):
            return step
    in_order: tuple[StepId, ...] = ("step1", "step2ck")
    for step in in_order:
        if not profile.passed(step):
            return step
    return None


def exam_to_time(profile: ApplicantProfile) -> StepId | None:
    """R-35 (revised): the exam the timeline plans.

    The unpassed Step to fix comes first; only once Step 1 and Step 2 CK are passed
    (and, for an IMG, ECFMG certification is in hand) is Step 3 timed after a failure.
    """
    step = exam_to_plan(profile)
    if (
        step is None
        and profile.total_failures()
        and not profile.passed("step3")
        and not profile.step3_missing()
    ):
        return "step3"
    return step


def is_final_attempt(profile: ApplicantProfile, step: StepId, ref: Reference | None = None) -> bool:
    """R-34 (revised): the next attempt at ``step`` is the last one the attempt limit allows."""
    ref = ref or load_reference()
    limit = int(ref.thresholds.attempt_limit.value)
    return len(profile.attempts(step)) + 1 == limit


def last_exam_date(calendar: CycleCalendar, ref: Reference | None = None) -> date:
    """The last exam date whose score (safe delay, then a Wednesday) lands before Match Day."""
    ref = ref or load_reference()
    return calendar["match_day"] - timedelta(weeks=ref.usmle.report_delay_weeks_safe.value + 1)


def _earliest_exam(today: date) -> date:
    """The earliest exam date that leaves room for the shortest study block (R-33)."""
    return today + timedelta(days=round(timeline_data().study_months_min.value * DAYS_PER_MONTH))


def exam_deadlines(calendar: CycleCalendar, ref: Reference | None = None) -> ExamDeadlines:
    """R-30: the latest exam dates whose score is reported by the first review day."""
    ref = ref or load_reference()
    review = calendar["review_opens"]
    typical = ref.usmle.report_delay_weeks_typical.value
    safe = ref.usmle.report_delay_weeks_safe.value
    return ExamDeadlines(
        review_day=review,
        latest_typical=review - timedelta(weeks=typical),
        latest_safe=review - timedelta(weeks=safe),
        typical_weeks=typical,
        safe_weeks=safe,
    )


def report_date(exam_date: date, weeks: int) -> date:
    """When a score is reported: the delay, then the next Wednesday (scores post on Wednesdays)."""
    earliest = exam_date + timedelta(weeks=weeks)
    return earliest + timedelta(days=(WEDNESDAY - earliest.weekday()) % 7)


CHANCE_WORDS: dict[ChanceLabel, str] = {
    "before_review": "before programs first review",
    "october": "in October",
    "november": "in November",
    "december_or_later": "in December or later",
}


def interview_chance(reported_on: date, calendar: CycleCalendar) -> ChancePoint:
    """R-32 (illustrative): relative interview chance by when the new score reaches programs.

    A score reported after the review day but still in September counts with
    October: most programs have already downloaded the applications.
    """
    curve = timeline_data().interview_chance
    season = calendar["review_opens"].year
    label: ChanceLabel
    if reported_on <= calendar["review_opens"]:
        label = "before_review"
    elif reported_on <= date(season, 10, 31):
        label = "october"
    elif reported_on <= date(season, 11, 30):
        label = "november"
    else:
        label = "december_or_later"
    return ChancePoint(label=label, value=getattr(curve, label), words=CHANCE_WORDS[label])


def chance_curve(calendar: CycleCalendar) -> list[tuple[date, int]]:
    """The step curve of R-32 as (first day, value) pairs, for the chart."""
    curve = timeline_data().interview_chance
    season = calendar["review_opens"].year
    review = calendar["review_opens"]
    return [
        (review - timedelta(weeks=16), curve.before_review),
        (review + timedelta(days=1), curve.october),
        (date(season, 11, 1), curve.november),
        (date(season, 12, 1), curve.december_or_later),
        (date(season + 1, 1, 31), curve.december_or_later),
    ]


# --- retake rules ------------------------------------------------------------------
def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - some day of the month always exists


def retake_problems(attempt_dates: Iterable[date], ref: Reference | None = None) -> list[str]:
    """R-34 (F§2.2, F§2.3): why a sequence of attempts at one Step is not allowed, if it is not."""
    ref = ref or load_reference()
    rules = ref.usmle.retake_rules
    limit = int(ref.thresholds.attempt_limit.value)
    dates = sorted(attempt_dates)
    problems: list[str] = []
    if len(dates) > limit:
        problems.append(f"That would be attempt {len(dates)}; USMLE allows {limit} per Step.")
    for index, day in enumerate(dates):
        window = [d for d in dates[: index + 1] if d > _add_months(day, -12)]
        if len(window) > rules.max_attempts_in_12_months:
            problems.append(
                f"{len(window)} attempts within 12 months up to {day:%d %b %Y}; at most "
                f"{rules.max_attempts_in_12_months} are allowed."
            )
        if index >= 3:
            after_first = _add_months(dates[0], rules.fourth_attempt_months_after_first)
            after_latest = _add_months(dates[index - 1], rules.fourth_attempt_months_after_latest)
            earliest = max(after_first, after_latest)
            if day < earliest:
                problems.append(
                    f"Attempt {index + 1} on {day:%d %b %Y} is too soon: it must be at least "
                    f"{rules.fourth_attempt_months_after_first} months after the first and "
                    f"{rules.fourth_attempt_months_after_latest} months after the latest "
                    f"attempt (earliest {earliest:%d %b %Y})."
                )
    return problems


def earliest_allowed_attempt(
    attempt_dates: Iterable[date], ref: Reference | None = None
) -> date | None:
    """R-34 (F§2.2, F§2.3): the first day the next attempt may be taken; None when none is left.

    At most N attempts in any 12 months; the 4th and later at least 12 months after
    the first and 6 months after the latest.
    """
    ref = ref or load_reference()
    rules = ref.usmle.retake_rules
    dates = sorted(attempt_dates)
    if len(dates) >= int(ref.thresholds.attempt_limit.value):
        return None
    if not dates:
        return date.min
    earliest = dates[-1] + timedelta(days=1)
    n = rules.max_attempts_in_12_months
    if len(dates) >= n:
        earliest = max(earliest, _add_months(dates[-n], 12))
    if len(dates) >= 3:
        earliest = max(
            earliest,
            _add_months(dates[0], rules.fourth_attempt_months_after_first),
            _add_months(dates[-1], rules.fourth_attempt_months_after_latest),
        )
    return earliest


class ExamRefusal(Frozen):
    """R-34 (revised): a planned attempt the USMLE rules do not allow, refused with why."""

    rule: str = "R-34"
    step: StepId
    exam_date: date
    reasons: tuple[str, ...]
    earliest_allowed: date | None  # None: no attempt left at this Step
    sources: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        when = (
            f"The earliest allowed date is {self.earliest_allowed:%d %b %Y}."
            if self.earliest_allowed is not None
            else "No attempt is left at this Step."
        )
        return f"{STEP_LABELS[self.step]} on {self.exam_date:%d %b %Y} is refused: " + " ".join(
            (*self.reasons, when)
        )


def retake_refusal(
    profile: ApplicantProfile, step: StepId, exam_date: date, ref: Reference | None = None
) -> ExamRefusal | None:
    """R-34 (revised): refuse an attempt date the retake rules forbid, naming the earliest date."""
    ref = ref or load_reference()
    history = [a.exam_date for a in profile.attempts(step)]
    earliest = earliest_allowed_attempt(history, ref)
    if earliest is not None and exam_date >= earliest:
        return None
    when = f"{exam_date:%d %b %Y}"
    # Only the problems the new date causes: a history that broke the rules is past.
    problems = [
        p
        for p in retake_problems([*history, exam_date], ref)
        if when in p or p.startswith("That would be attempt")
    ] or [f"An attempt on {when} comes too soon after the earlier attempts."]
    return ExamRefusal(
        step=step,
        exam_date=exam_date,
        reasons=tuple(problems),
        earliest_allowed=earliest,
        sources=(ref.usmle.retake_rules.source, ref.thresholds.attempt_limit.source),
    )


class RetakeRefused(PlanDateError):
    """R-34 (revised): the planned attempt breaks the retake rules; carries the refusal."""

    def __init__(self, refusal: ExamRefusal) -> None:
        super().__init__("exam_date", refusal.message)
        self.refusal = refusal


def check_calendar_order(calendar: CycleCalendar) -> None:
    """An advisor's override must keep the cycle in order (submission before review ...)."""
    for earlier, later in pairwise(CYCLE_EVENTS):
        if calendar[earlier] > calendar[later]:
            raise PlanDateError(
                "calendar_overrides",
                f"{EVENT_LABELS[earlier]} ({calendar[earlier]:%d %b %Y}) cannot come after "
                f"{EVENT_LABELS[later]} ({calendar[later]:%d %b %Y}).",
            )


PLAN_DATES = (
    ("exam_date", "Exam date"),
    ("step3_date", "Step 3 date"),
    ("letter_request_date", "Letter request date"),
)


def check_entered_dates(plan: TimelinePlan, before: TimelinePlan | None, today: date) -> None:
    """A date just chosen cannot be in the past (only the ones that differ from ``before``).

    A stored date that has since passed is the plan's record, not an error: the
    milestone stays where it was and asks "done?" (R-43).
    """
    for field, label in PLAN_DATES:
        when = getattr(plan, field)
        was = None if before is None else getattr(before, field)
        if when is not None and when != was and when < today:
            raise PlanDateError(field, f"{label} ({when:%d %b %Y}) is in the past.")


def check_plan_dates(plan: TimelinePlan, calendar: CycleCalendar) -> None:
    """Dates the planner cannot place in this cycle: after the target Match Day."""
    match_day = calendar["match_day"]
    for field, label in PLAN_DATES:
        when = getattr(plan, field)
        if when is None:
            continue
        reported = when if field == "letter_request_date" else report_date(when, 8)
        if reported >= match_day:
            raise PlanDateError(
                field,
                f"{label} ({when:%d %b %Y}) is too late for the {calendar.match_year} Match: "
                f"it must be done (and any score reported) before Match Day "
                f"{match_day:%d %b %Y}.",
            )
