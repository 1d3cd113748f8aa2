"""The exam-timing planner and the 12-18 month timeline (docs/RULES.md R-30 to R-39).

Planning runs backwards from the day programs first review applications: the
retake's score must be on the transcript by then (R-30), the study block ends
on the exam date (R-33), retakes obey the USMLE limits (R-34), and every
milestone of the target cycle lands on a Gantt with the dates it must meet.
Pure: ``today`` comes in; nothing reads the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from matchplan.cycles import CYCLE_EVENTS, EVENT_LABELS, CycleCalendar, cycle_calendar
from matchplan.profile import (
    CURRENT_ROLE_LABELS,
    HANDS_ON_ROLES,
    IMG_ROLE_OPTIONS,
    OBSERVER_ROLES,
    STEP_LABELS,
    ApplicantProfile,
    CurrentRole,
    RecordDate,
)
from matchplan.reference import CycleEvent, Reference, StepId, load_reference

RoleKind = CurrentRole  # the gap-year role is the profile's current or planned role
MilestoneKind = Literal[
    "study", "exam", "report", "step3", "role", "letters", "application", "interviews", "match"
]
ChanceLabel = Literal["before_review", "october", "november", "december_or_later"]
CLINICAL_ROLES: frozenset[RoleKind] = HANDS_ON_ROLES
"""R-37 (revised): only hands-on roles keep clinical work current; observerships do not."""
DAYS_PER_MONTH = 30.4375
WEDNESDAY = 2


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- reference values --------------------------------------------------------------------
class InterviewChance(_Model):
    rule: str
    source: str
    note: str
    before_review: int
    october: int
    november: int
    december_or_later: int


class WeeksValue(_Model):
    value: float
    rule: str
    source: str
    note: str = ""


class TimelineData(_Model):
    interview_chance: InterviewChance
    study_months_min: WeeksValue
    study_months_max: WeeksValue
    step3_prep_weeks: WeeksValue
    letter_request_lead_weeks: WeeksValue


@cache
def timeline_data() -> TimelineData:
    """matchplan/data/timeline.json, validated once (reference data only)."""
    text = resources.files("matchplan.data").joinpath("timeline.json").read_text("utf-8")
    raw = json.loads(text)
    raw.pop("_comment", None)
    return TimelineData.model_validate(raw)


# --- the plan's own choices ----------------------------------------------------------------
class GapRole(_Model):
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


class TimelinePlan(_Model):
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


def default_plan(
    profile: ApplicantProfile, today: date, ref: Reference | None = None
) -> TimelinePlan:
    """A sensible first plan: the exam at the latest safe date, letters asked in time.

    Always placeable by build_timeline: an exam date whose safe report would miss the
    target Match Day moves to the last day that still makes it (as the page's slider
    does), and a date no day of the cycle can hold is left empty.
    """
    ref = ref or load_reference()
    calendar = cycle_calendar(profile.target_match_year, ref=ref)
    match_day = calendar["match_day"]
    step = exam_to_time(profile)
    exam_date = None
    if step is not None:
        planned = profile.planned(step)
        latest_safe = exam_deadlines(calendar, ref).latest_safe
        allowed = earliest_allowed_attempt([a.exam_date for a in profile.attempts(step)], ref)
        exam_date = (
            planned[0].exam_date
            if planned
            else max(latest_safe, _earliest_exam(today), allowed or latest_safe)
        )
        exam_date = min(exam_date, last_exam_date(calendar, ref))
        if allowed is None or exam_date < allowed or exam_date < today:
            exam_date = None
    lead = timedelta(weeks=timeline_data().letter_request_lead_weeks.value)
    letters = max(today, calendar["submission_opens"] - lead)
    role_kind: RoleKind = profile.clinical.current_role
    return TimelinePlan(
        exam_step=step,
        exam_date=exam_date,
        letter_request_date=letters if letters < match_day else None,
        role=GapRole(kind=role_kind, in_target_specialty=profile.clinical.clinical_in_target),
    )


def last_exam_date(calendar: CycleCalendar, ref: Reference | None = None) -> date:
    """The last exam date whose score (safe delay, then a Wednesday) lands before Match Day."""
    ref = ref or load_reference()
    return calendar["match_day"] - timedelta(weeks=ref.usmle.report_delay_weeks_safe.value + 1)


def _earliest_exam(today: date) -> date:
    """The earliest exam date that leaves room for the shortest study block (R-33)."""
    return today + timedelta(days=round(timeline_data().study_months_min.value * DAYS_PER_MONTH))


# --- deadlines and the interview chance ------------------------------------
class ExamDeadlines(_Model):
    review_day: date
    latest_typical: date
    latest_safe: date
    typical_weeks: int
    safe_weeks: int


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


class ChancePoint(_Model):
    label: ChanceLabel
    value: int
    words: str


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


class ExamRefusal(_Model):
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


# --- the plan ----------------------------------------------------------------------------
class Milestone(_Model):
    name: str
    start: date
    end: date
    kind: MilestoneKind
    deadline: date | None = None
    missed: bool = False
    reason: str = ""
    estimated: bool = False  # a cycle date derived from the pattern, or not published


class PlanWarning(_Model):
    rule: str
    text: str
    sources: tuple[str, ...] = ()


class RoleScore(_Model):
    """R-38: how well the gap-year role serves the reapplication."""

    verdict: Literal["strong", "useful", "weak", "wasteful"]
    met: tuple[str, ...]
    missing: tuple[str, ...]
    advice: str


class Step3Advice(_Model):
    recommended: bool
    eligible: bool
    fits_before_review: bool
    latest_date: date
    reasons: tuple[str, ...]


class ExamTiming(_Model):
    step: StepId
    exam_date: date
    study_start: date
    report_typical: date
    report_safe: date
    chance: ChancePoint
    chance_safe: ChancePoint
    retake_problems: tuple[str, ...]
    final_attempt: bool = False


class AlternativeCycle(_Model):
    """R-33: reapply one cycle later and use the year (shown beside the plan)."""

    match_year: int
    review_day: date
    latest_safe: date
    chance: ChancePoint


class Timeline(_Model):
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


def check_plan_dates(plan: TimelinePlan, calendar: CycleCalendar, today: date) -> None:
    """Dates the planner cannot place: in the past, or after the target Match Day."""
    match_day = calendar["match_day"]
    for field, label, when in (
        ("exam_date", "Exam date", plan.exam_date),
        ("step3_date", "Step 3 date", plan.step3_date),
        ("letter_request_date", "Letter request date", plan.letter_request_date),
    ):
        if when is None:
            continue
        if when < today:
            raise PlanDateError(field, f"{label} ({when:%d %b %Y}) is in the past.")
        reported = when if field == "letter_request_date" else report_date(when, 8)
        if reported >= match_day:
            raise PlanDateError(
                field,
                f"{label} ({when:%d %b %Y}) is too late for the {calendar.match_year} Match: "
                f"it must be done (and any score reported) before Match Day "
                f"{match_day:%d %b %Y}.",
            )


Verdict = Literal["strong", "useful", "weak", "wasteful"]


def _clinical_checks(role: GapRole) -> tuple[list[str], list[str]]:
    """R-37's criteria for a clinical or observer role (article section 4.2)."""
    met: list[str] = []
    missing: list[str] = []
    checks = (
        (
            role.kind in HANDS_ON_ROLES,
            "hands-on clinical work (keeps clinical recency current)",
            "hands-on clinical work: observing does not reset clinical recency (R-37)",
        ),
        (role.us_based, "US-based", "US-based"),
        (role.in_target_specialty, "in the target specialty", "in the target specialty"),
        (
            role.visible_to_selection_faculty,
            "faculty who can write strong letters and vouch for you",
            "faculty who can write strong letters and vouch for you",
        ),
    )
    for ok, yes, no in checks:
        (met if ok else missing).append(yes if ok else no)
    return met, missing


def score_role(role: GapRole, profile: ApplicantProfile) -> RoleScore:
    """R-37/R-38: score the chosen gap-year role against the article's criteria (§4.2, §5).

    Research is scored on R-38's four criteria (and 'wasteful' when remote or in an
    abandoned specialty); a research fellowship with clinical duties adds R-37's
    hands-on check. Clinical roles are scored on R-37: hands-on, US-based, in the
    target specialty, with faculty who write letters. Observer roles (an observership,
    a longitudinal observership, a rotation with alumni) are never 'strong': they add
    letters and contacts but not hands-on work (revised R-37).
    """
    met: list[str] = []
    missing: list[str] = []
    if role.kind in ("research", "research_with_clinical_duties"):
        checks = (
            (role.in_target_specialty, "in the target specialty"),
            (role.department_has_program, "inside a department with a residency program"),
            (role.visible_to_selection_faculty, "visible to faculty who select residents"),
            (role.produces_output, "produces abstracts, posters or papers"),
        )
        for ok, words in checks:
            (met if ok else missing).append(words)
        if role.kind == "research_with_clinical_duties":
            (met if role.us_based else missing).append(
                "hands-on, US-based clinical duties (keeps clinical recency current)"
            )
        if role.remote or not role.in_target_specialty:
            reason = "remote work" if role.remote else "an abandoned specialty"
            return RoleScore(
                verdict="wasteful",
                met=tuple(met),
                missing=tuple(missing),
                advice=f"Research in {reason} does little for the application; "
                "move it into the target specialty's department.",
            )
        verdict: Verdict = "strong" if not missing else "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Good research is in the target specialty, seen by its "
            "selection faculty, and produces output.",
        )
    if role.kind == "prelim_or_ty":
        open_exam = exam_to_plan(profile) is not None
        if open_exam:
            return RoleScore(
                verdict="weak",
                met=(),
                missing=("the exam fixed first",),
                advice="A prelim or transitional year helps only once the exam "
                "problem is fixed; intern-year hours leave little room to "
                "study.",
            )
        return RoleScore(
            verdict="strong",
            met=("exam already fixed",),
            missing=(),
            advice="US clinical work and core letters; ask for interview days early.",
        )
    if role.kind == "none":
        return RoleScore(
            verdict="weak",
            met=(),
            missing=("a structured role",),
            advice="A year of only waiting reads badly; add hands-on clinical work, "
            "research in the target specialty, or at least an observership.",
        )
    if role.kind in HANDS_ON_ROLES:
        met, missing = _clinical_checks(role)
        verdict = "strong" if not missing else "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Hands-on US clinical work keeps clinical recency current; aim it at "
            "the target specialty and at faculty who will write at least two strong letters.",
        )
    if role.kind in OBSERVER_ROLES:
        met, missing = _clinical_checks(role)
        verdict = "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Observing is less than hands-on work: it can bring letters and people "
            "who vouch for you, but it does not make clinical work recent. Pair it with a "
            "hands-on role where you can.",
        )
    (met if role.paired_with_observership else missing).append("paired with an observership")
    return RoleScore(
        verdict="useful" if role.paired_with_observership else "weak",
        met=tuple(met),
        missing=tuple(missing),
        advice="Other roles are secondary to exams, specialty clinical work and "
        "letters; pair them with targeted observerships.",
    )


def step3_advice(
    profile: ApplicantProfile,
    plan: TimelinePlan,
    deadlines: ExamDeadlines,
    exam: ExamTiming | None,
    today: date,
    ref: Reference,
) -> Step3Advice:
    """R-35: recommend Step 3 before reapplying when a Step failed, eligible, and in time."""
    latest = deadlines.latest_safe
    reasons: list[str] = []
    failed = profile.total_failures() > 0
    step2_ready = profile.passed("step2ck") or (exam is not None and exam.step == "step2ck")
    step1_ready = profile.passed("step1") or (exam is not None and exam.step == "step1")
    if exam is not None and exam.step == "step3":
        step1_ready, step2_ready = profile.passed("step1"), profile.passed("step2ck")
    eligible = step1_ready and step2_ready and (not profile.is_img or profile.ecfmg_certified)
    if profile.passed("step3"):
        return Step3Advice(
            recommended=False,
            eligible=True,
            fits_before_review=True,
            latest_date=latest,
            reasons=("Step 3 already passed.",),
        )
    earliest = today + timedelta(weeks=timeline_data().step3_prep_weeks.value)
    if exam is not None and exam.step != "step3":
        earliest = max(earliest, exam.report_typical + timedelta(weeks=2))
    planned_step3 = plan.exam_date if plan.exam_step == "step3" else plan.step3_date
    when = planned_step3 or earliest
    fits = when <= latest
    if not failed:
        reasons.append("No failed Step: Step 3 is optional before residency.")
    if not eligible:
        missing = profile.step3_missing()
        reasons.insert(
            0,
            "Not yet eligible for Step 3 (R-35): first "
            + (", ".join(missing) if missing else "the retake's passing score reported")
            + ". Step 3 needs Step 1 and Step 2 CK passed, and ECFMG certification for IMGs.",
        )
    if not fits:
        reasons.append(
            f"A Step 3 on {when:%d %b %Y} would not be reported by "
            f"{deadlines.review_day:%d %b %Y} with the safe delay; take it by "
            f"{latest:%d %b %Y} or after applying."
        )
    recommended = failed and eligible and fits
    if recommended:
        reasons.append(
            "A passed Step 3 shows the exam problem is under control (R-05); "
            "pair the study with a structured role, never a year of only waiting."
        )
        if plan.role.kind == "none":
            reasons.append("Choose a structured role to go with the Step 3 study.")
    return Step3Advice(
        recommended=recommended,
        eligible=eligible,
        fits_before_review=fits,
        latest_date=latest,
        reasons=tuple(reasons),
    )


def licensing_window_warnings(
    profile: ApplicantProfile, plan: TimelinePlan, exam: ExamTiming | None, ref: Reference
) -> list[PlanWarning]:
    """R-42 (new, F§6, weak source): every Step passed within N years of passing the first.

    The last Step is Step 3: its planned date (the timed exam or the Step 3 date), or,
    when none is planned, the warning fires only once the window has already closed
    at the target cycle's submission day.
    """
    window = ref.thresholds.licensing_window_years
    first_pass = min(
        (a.exam_date for s in STEP_LABELS if (a := profile.passing_attempt(s)) is not None),
        default=None,
    )
    if first_pass is None or profile.passed("step3"):
        return []
    limit = _add_months(first_pass, int(window.value * 12))
    step3_on = exam.exam_date if exam is not None and exam.step == "step3" else plan.step3_date
    last = step3_on or cycle_calendar(profile.target_match_year, ref=ref)["submission_opens"]
    if last <= limit:
        return []
    return [
        PlanWarning(
            rule="R-42",
            text=f"Many state licensing boards want every Step (Step 3 included) passed within "
            f"{window.value:.0f} years of the first pass ({first_pass:%d %b %Y}), that is by "
            f"{limit:%d %b %Y}; this plan puts the last Step after that. This is a weak, "
            "varying source: check the target state's medical board.",
            sources=(window.source,),
        )
    ]


def role_options(profile: ApplicantProfile) -> tuple[RoleKind, ...]:
    """R-37/R-38: the roles to offer, the article's IMG roles first for an IMG (§4.2)."""
    every: tuple[RoleKind, ...] = tuple(CURRENT_ROLE_LABELS)
    first = IMG_ROLE_OPTIONS if profile.is_img else ()
    return (*first, *(r for r in every if r not in first))


def build_timeline(
    profile: ApplicantProfile, plan: TimelinePlan, today: date, ref: Reference | None = None
) -> Timeline:
    """R-30..R-39: exam timing, Step 3, role, letters and the target cycle on one timeline.

    Raises PlanDateError for a date that cannot be placed (the page shows it at
    the field and keeps the last valid plan).
    """
    ref = ref or load_reference()
    calendar = cycle_calendar(profile.target_match_year, plan.calendar_overrides, ref)
    check_calendar_order(calendar)
    check_plan_dates(plan, calendar, today)
    deadlines = exam_deadlines(calendar, ref)
    data = timeline_data()
    warnings: list[PlanWarning] = []
    milestones: list[Milestone] = []
    review = calendar["review_opens"]
    review_source = calendar.dates["review_opens"].source

    def estimated(*events: CycleEvent) -> bool:
        return any(calendar.dates[e].estimated for e in events)

    exam: ExamTiming | None = None
    if plan.exam_step is not None and plan.exam_date is not None:
        step = plan.exam_step
        label = STEP_LABELS[step]
        typical = report_date(plan.exam_date, deadlines.typical_weeks)
        safe = report_date(plan.exam_date, deadlines.safe_weeks)
        study_start = plan.exam_date - timedelta(days=round(plan.study_months * DAYS_PER_MONTH))
        refusal = retake_refusal(profile, step, plan.exam_date, ref)
        if refusal is not None:
            raise RetakeRefused(refusal)
        problems: tuple[str, ...] = ()
        final = is_final_attempt(profile, step, ref)
        exam = ExamTiming(
            step=step,
            exam_date=plan.exam_date,
            study_start=study_start,
            report_typical=typical,
            report_safe=safe,
            chance=interview_chance(typical, calendar),
            chance_safe=interview_chance(safe, calendar),
            retake_problems=problems,
            final_attempt=final,
        )
        if final:
            warnings.append(
                PlanWarning(
                    rule="R-34",
                    text=f"This is the final {label} attempt the USMLE allows: a failure ends "
                    "USMLE eligibility. Weigh the careers outside residency (R-25, R-72) "
                    "beside it, and sit it only when practice scores are safely above the "
                    "passing standard.",
                    sources=(ref.thresholds.attempt_limit.source, "article"),
                )
            )
        if study_start < today:
            warnings.append(
                PlanWarning(
                    rule="R-33",
                    text=f"A {plan.study_months:g}-month study block would have started on "
                    f"{study_start:%d %b %Y}; from today there are only "
                    f"{(plan.exam_date - today).days // 7} weeks. Move the exam later or "
                    "study in a shorter, heavier block with a tutor.",
                    sources=(data.study_months_min.source,),
                )
            )
        for problem in problems:
            warnings.append(
                PlanWarning(rule="R-34", text=problem, sources=(ref.usmle.retake_rules.source,))
            )
        mark = " (final attempt)" if final else ""
        milestones.append(
            Milestone(
                name=f"{label} study block{mark}",
                start=study_start,
                end=plan.exam_date,
                kind="study",
            )
        )
        milestones.append(
            Milestone(
                name=f"{label} exam{mark}", start=plan.exam_date, end=plan.exam_date, kind="exam"
            )
        )
        late = typical > review
        milestones.append(
            Milestone(
                name=f"{label} score reported (typical to safe)",
                start=typical,
                end=safe,
                kind="report",
                deadline=review,
                missed=late,
                reason=(
                    f"Reported {typical:%d %b %Y} at the typical delay, after programs first "
                    f"review on {review:%d %b %Y}."
                )
                if late
                else "",
            )
        )
        if late:
            warnings.append(
                PlanWarning(
                    rule="R-30",
                    text=f"The {label} score would reach programs {exam.chance.words} "
                    f"({typical:%d %b %Y}), after the first review day {review:%d %b %Y}: "
                    f"take it by {deadlines.latest_typical:%d %b %Y} at the latest, "
                    f"{deadlines.latest_safe:%d %b %Y} to be safe.",
                    sources=(review_source, ref.usmle.report_delay_weeks_typical.source),
                )
            )
        elif safe > review:
            warnings.append(
                PlanWarning(
                    rule="R-30",
                    text=f"Only a typical reporting delay gets the {label} score to programs in "
                    f"time; with the safe {deadlines.safe_weeks}-week delay it arrives "
                    f"{safe:%d %b %Y}. Plan for {deadlines.latest_safe:%d %b %Y} or earlier.",
                    sources=(ref.usmle.report_delay_weeks_safe.source,),
                )
            )
        if step == "step2ck" and profile.is_img and safe > calendar["rol_deadline"]:
            warnings.append(
                PlanWarning(
                    rule="R-36",
                    text=f"As an IMG, a passing Step 2 CK must be reported before the rank list "
                    f"deadline {calendar['rol_deadline']:%d %b %Y}, or the rank list is not "
                    "used.",
                    sources=("nrmp-img-exam-deadline",),
                )
            )

    step3 = step3_advice(profile, plan, deadlines, exam, today, ref)
    if exam is not None and exam.step == "step3" and not step3.eligible:
        warnings.append(
            PlanWarning(
                rule="R-35",
                text="Step 3 is planned before the applicant "
                "is eligible (Step 1 and Step 2 CK passed; ECFMG "
                "certification for IMGs).",
                sources=("fsmb-step3-eligibility",),
            )
        )
    if plan.step3_date is not None and plan.exam_step != "step3":
        s3_report = report_date(plan.step3_date, deadlines.typical_weeks)
        prep = timedelta(weeks=data.step3_prep_weeks.value)
        late3 = s3_report > review
        milestones.append(
            Milestone(
                name="Step 3 study",
                start=max(today, plan.step3_date - prep),
                end=plan.step3_date,
                kind="step3",
            )
        )
        milestones.append(
            Milestone(
                name="Step 3 exam and report",
                start=plan.step3_date,
                end=s3_report,
                kind="step3",
                deadline=review,
                missed=late3,
                reason=f"Step 3 reported {s3_report:%d %b %Y}, after review day." if late3 else "",
            )
        )
        if not step3.eligible:
            warnings.append(
                PlanWarning(
                    rule="R-35",
                    text="Step 3 is planned before the applicant "
                    "is eligible (Step 1 and Step 2 CK passed; ECFMG "
                    "certification for IMGs).",
                    sources=("fsmb-step3-eligibility",),
                )
            )
        if exam is not None and plan.step3_date <= exam.report_typical:
            warnings.append(
                PlanWarning(
                    rule="R-35",
                    text="Step 3 is planned before the retake's "
                    "score is reported; eligibility needs the pass first.",
                    sources=("fsmb-step3-eligibility",),
                )
            )

    role = score_role(plan.role, profile)
    submission = calendar["submission_opens"]
    if submission < today:
        warnings.append(
            PlanWarning(
                rule="R-39",
                text=f"Applications for the {calendar.match_year} Match opened on "
                f"{submission:%d %b %Y}, before today: choose a later target Match year.",
                sources=(calendar.dates["submission_opens"].source,),
            )
        )
    if plan.role.kind != "none":
        milestones.append(
            Milestone(
                name=f"Gap-year role: {CURRENT_ROLE_LABELS[plan.role.kind].lower()}",
                start=today,
                end=max(today, submission),
                kind="role",
                estimated=estimated("submission_opens"),
            )
        )

    lead = timedelta(weeks=data.letter_request_lead_weeks.value)
    ask = plan.letter_request_date or max(today, submission - lead)
    late_letters = ask >= submission
    milestones.append(
        Milestone(
            name="Letter requests to uploaded letters",
            start=ask,
            end=max(ask, submission),
            kind="letters",
            estimated=estimated("submission_opens") and plan.letter_request_date is None,
            deadline=submission,
            missed=late_letters,
            reason="Letters requested after submission opens." if late_letters else "",
        )
    )
    if late_letters:
        warnings.append(
            PlanWarning(
                rule="R-37",
                text=f"Letters requested {ask:%d %b %Y}, after "
                f"submission opens {submission:%d %b %Y}; ask by "
                f"{submission - lead:%d %b %Y}.",
                sources=(data.letter_request_lead_weeks.source,),
            )
        )
    recency = ref.thresholds.clinical_recency_months.value
    # A clinical role runs from today to submission (the role milestone), so its work is
    # current at application; otherwise the last clinical work ages until submission.
    months_at_application = (
        0.0
        if plan.role.kind in CLINICAL_ROLES
        else profile.clinical.months_since_clinical + (submission - today).days / DAYS_PER_MONTH
    )
    if months_at_application > recency:
        warnings.append(
            PlanWarning(
                rule="R-37",
                text=f"At submission the last hands-on clinical work will be "
                f"{months_at_application:.0f} months old (programs look for {recency:.0f} or "
                "fewer): add US clinical work in the target specialty before applying.",
                sources=(ref.thresholds.clinical_recency_months.source,),
            )
        )

    def point(name: str, event: CycleEvent, kind: MilestoneKind) -> Milestone:
        return Milestone(
            name=name,
            start=calendar[event],
            end=calendar[event],
            kind=kind,
            estimated=estimated(event),
        )

    milestones += [
        point("MyERAS opens", "myeras_opens", "application"),
        point("Submit ERAS and send signals", "submission_opens", "application"),
        point("Programs first review", "review_opens", "application"),
        Milestone(
            name="Interview season",
            start=calendar["interview_season_starts"],
            end=calendar["interview_season_ends"],
            kind="interviews",
            estimated=estimated("interview_season_starts", "interview_season_ends"),
        ),
        point("Rank order list deadline", "rol_deadline", "match"),
        Milestone(
            name="Match Week with SOAP",
            start=calendar["match_week_starts"],
            end=calendar["match_day"],
            kind="match",
            estimated=estimated("match_week_starts", "match_day"),
        ),
        point("Match Day", "match_day", "match"),
    ]

    alternative = None
    if exam is not None and exam.report_typical > date(review.year, 9, 30):
        later = cycle_calendar(profile.target_match_year + 1, ref=ref)
        later_deadlines = exam_deadlines(later, ref)
        alternative = AlternativeCycle(
            match_year=later.match_year,
            review_day=later_deadlines.review_day,
            latest_safe=later_deadlines.latest_safe,
            chance=interview_chance(exam.report_typical, later),
        )
        warnings.append(
            PlanWarning(
                rule="R-33",
                text=f"The score cannot reach programs before October; consider reapplying for "
                f"the {later.match_year} Match instead and using the year to build the "
                "application.",
                sources=("article",),
            )
        )

    warnings += licensing_window_warnings(profile, plan, exam, ref)
    ordered = tuple(sorted(milestones, key=lambda m: (m.start, m.end, m.name)))
    return Timeline(
        match_year=calendar.match_year,
        calendar=calendar,
        deadlines=deadlines,
        exam=exam,
        step3=step3,
        role=role,
        milestones=ordered,
        warnings=tuple(warnings),
        alternative=alternative,
    )
