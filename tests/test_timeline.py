"""R-30..R-39: the exam-timing planner and the 12-18 month timeline.

Every case runs against a fixed today (26 Nov 2026) and the 2028 Match, the
example applicant's target: programs first review on Wed 22 Sep 2027 (an
estimate from the pattern), submission opens Wed 1 Sep 2027, the rank list
closes Wed 1 Mar 2028 and Match Day is Fri 17 Mar 2028. Expected dates are
written out as a user would read them, not recomputed from the code's formulas.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import matchplan.timeline as timeline_module
import matchplan.timeline.exam as timeline_exam
from matchplan.cycles import cycle_calendar
from matchplan.examples import example_profile
from matchplan.plan import timeline_problem
from matchplan.profile import ApplicantProfile
from matchplan.reference import StepId
from matchplan.timeline import (
    GapRole,
    InterviewChance,
    PlanDateError,
    RetakeRefused,
    RoleKind,
    Timeline,
    TimelinePlan,
    build_timeline,
    default_plan,
    exam_deadlines,
    exam_to_time,
    interview_chance,
    is_final_attempt,
    report_date,
    retake_problems,
    retake_refusal,
    role_options,
    score_role,
    timeline_data,
)
from tests.strategies import (
    CLEAN,
    EXAMPLE_FILE,
    TODAY,
    attempt,
    data_with,
    profile_with,
    valid_profiles,
)

# The 2028 Match (estimated from the pattern of the published cycles).
REVIEW = date(2027, 9, 22)
SUBMISSION = date(2027, 9, 1)
MYERAS = date(2027, 6, 2)
ROL_DEADLINE = date(2028, 3, 1)
MATCH_WEEK = date(2028, 3, 13)
MATCH_DAY = date(2028, 3, 17)
LATEST_TYPICAL = date(2027, 8, 25)
LATEST_SAFE = date(2027, 7, 28)

EXAMPLE = example_profile(TODAY)
# A US MD who failed Step 2 CK this summer and has not passed it: the year's exam is a retake.
STEP2_FAILED_DATA = data_with(
    CLEAN,
    exams=[attempt("step1", "2023-04-10", "pass"), attempt("step2ck", "2026-06-10", "fail")],
)
STEP2_FAILED = profile_with(STEP2_FAILED_DATA)


def plan_for(profile: ApplicantProfile, **changes: Any) -> TimelinePlan:
    """The default plan for ``profile`` with ``changes``, validated like the page does."""
    base = default_plan(profile, TODAY).model_dump()
    return TimelinePlan.model_validate({**base, **changes})


def build(profile: ApplicantProfile, **changes: Any) -> Timeline:
    return build_timeline(profile, plan_for(profile, **changes), TODAY)


def warning_texts(timeline: Timeline, rule: str) -> list[str]:
    return [w.text for w in timeline.warnings if w.rule == rule]


def milestone(timeline: Timeline, name: str) -> timeline_module.Milestone:
    matches = [m for m in timeline.milestones if m.name == name]
    assert len(matches) == 1, [m.name for m in timeline.milestones]
    return matches[0]


def test_the_fixed_cycle_this_file_relies_on() -> None:
    """Guards every hand-written date below: the 2028 calendar as the pattern gives it."""
    calendar = cycle_calendar(2028)
    assert (
        calendar["myeras_opens"],
        calendar["submission_opens"],
        calendar["review_opens"],
        calendar["rol_deadline"],
        calendar["match_week_starts"],
        calendar["match_day"],
    ) == (MYERAS, SUBMISSION, REVIEW, ROL_DEADLINE, MATCH_WEEK, MATCH_DAY)
    assert EXAMPLE.target_match_year == 2028


# --- the exam deadline is the first review day minus the reporting delay ------------


@pytest.mark.parametrize(
    ("match_year", "review", "latest_typical", "latest_safe", "estimated"),
    [
        pytest.param(
            2026,
            date(2025, 9, 24),
            date(2025, 8, 27),
            date(2025, 7, 30),
            False,
            id="R-30-published-2026-typical-is-review-minus-4-weeks-safe-minus-8",
        ),
        pytest.param(
            2028,
            REVIEW,
            LATEST_TYPICAL,
            LATEST_SAFE,
            True,
            id="R-30-estimated-2028-typical-is-review-minus-4-weeks-safe-minus-8",
        ),
    ],
)
def test_r30_latest_exam_dates(
    match_year: int, review: date, latest_typical: date, latest_safe: date, estimated: bool
) -> None:
    calendar = cycle_calendar(match_year)
    assert calendar.dates["review_opens"].estimated is estimated
    deadlines = exam_deadlines(calendar)
    assert deadlines.review_day == review
    assert deadlines.latest_typical == latest_typical
    assert deadlines.latest_safe == latest_safe
    assert (deadlines.typical_weeks, deadlines.safe_weeks) == (4, 8)


@pytest.mark.parametrize(
    ("match_year", "latest_typical", "review"),
    [
        pytest.param(2026, date(2025, 8, 27), date(2025, 9, 24), id="R-30-2026"),
        pytest.param(2028, LATEST_TYPICAL, REVIEW, id="R-30-2028"),
    ],
)
def test_r30_an_exam_on_the_latest_typical_date_reports_on_review_day(
    match_year: int, latest_typical: date, review: date
) -> None:
    assert exam_deadlines(cycle_calendar(match_year)).latest_typical == latest_typical
    assert report_date(latest_typical, 4) == review
    # One day later misses the Wednesday release: the score posts a week after review.
    assert report_date(latest_typical + timedelta(days=1), 4) == review + timedelta(weeks=1)


@pytest.mark.parametrize(
    ("exam_date", "reported", "weekday"),
    [
        pytest.param(date(2027, 3, 1), date(2027, 3, 31), 2, id="R-30-monday-exam-posts-wednesday"),
        pytest.param(date(2027, 3, 3), date(2027, 3, 31), 2, id="R-30-wednesday-exam-4-weeks"),
        pytest.param(date(2027, 3, 4), date(2027, 4, 7), 2, id="R-30-thursday-waits-a-week"),
    ],
)
def test_r30_scores_post_on_the_wednesday_after_the_delay(
    exam_date: date, reported: date, weekday: int
) -> None:
    assert report_date(exam_date, 4) == reported
    assert reported.weekday() == weekday


def test_r30_exam_on_latest_typical_reaches_programs_on_review_day() -> None:
    timeline = build(STEP2_FAILED, exam_date=LATEST_TYPICAL)
    assert timeline.exam is not None
    assert timeline.exam.report_typical == REVIEW
    report = milestone(timeline, "Step 2 CK score reported (typical to safe)")
    assert (report.start, report.missed, report.deadline) == (REVIEW, False, REVIEW)
    assert timeline.exam.chance.value == 100
    # In time only at the typical delay: R-30 says to plan with the safe date.
    (text,) = warning_texts(timeline, "R-30")
    assert "Only a typical reporting delay" in text
    assert "28 Jul 2027" in text


def test_r30_one_day_after_latest_typical_misses_review_day() -> None:
    timeline = build(STEP2_FAILED, exam_date=LATEST_TYPICAL + timedelta(days=1))
    report = milestone(timeline, "Step 2 CK score reported (typical to safe)")
    assert report.start == date(2027, 9, 29)
    assert report.missed is True
    assert "29 Sep 2027" in report.reason
    assert "22 Sep 2027" in report.reason
    (text,) = warning_texts(timeline, "R-30")
    assert "take it by 25 Aug 2027 at the latest, 28 Jul 2027 to be safe" in text


def test_r30_exam_on_latest_safe_date_has_no_timing_warning() -> None:
    timeline = build(STEP2_FAILED, exam_date=LATEST_SAFE)
    assert timeline.exam is not None
    assert timeline.exam.report_safe == REVIEW
    assert warning_texts(timeline, "R-30") == []
    assert timeline.exam.chance_safe.label == "before_review"


# --- relative interview chance by when the score arrives ----------------------------

CHANCE_2028 = cycle_calendar(2028)


@pytest.mark.parametrize(
    ("reported_on", "label", "value", "words"),
    [
        pytest.param(
            REVIEW,
            "before_review",
            100,
            "before programs first review",
            id="R-32-on-review-day-100",
        ),
        pytest.param(
            REVIEW - timedelta(weeks=6),
            "before_review",
            100,
            "before programs first review",
            id="R-32-weeks-before-review-100",
        ),
        pytest.param(
            REVIEW + timedelta(days=1),
            "october",
            70,
            "in October",
            id="R-32-day-after-review-in-september-70",
        ),
        pytest.param(date(2027, 9, 30), "october", 70, "in October", id="R-32-30-september-70"),
        pytest.param(date(2027, 10, 31), "october", 70, "in October", id="R-32-31-october-70"),
        pytest.param(date(2027, 11, 1), "november", 40, "in November", id="R-32-1-november-40"),
        pytest.param(date(2027, 11, 30), "november", 40, "in November", id="R-32-30-november-40"),
        pytest.param(
            date(2027, 12, 1),
            "december_or_later",
            15,
            "in December or later",
            id="R-32-1-december-15",
        ),
        pytest.param(
            date(2028, 1, 15), "december_or_later", 15, "in December or later", id="R-32-january-15"
        ),
    ],
)
def test_r32_interview_chance_buckets(
    reported_on: date, label: str, value: int, words: str
) -> None:
    point = interview_chance(reported_on, CHANCE_2028)
    assert (point.label, point.value, point.words) == (label, value, words)


def test_r32_the_curve_values_are_the_ones_in_timeline_json() -> None:
    raw = json.loads((EXAMPLE_FILE.parent / "timeline.json").read_text(encoding="utf-8"))
    curve = raw["interview_chance"]
    assert curve["rule"] == "R-32"
    assert (
        curve["before_review"],
        curve["october"],
        curve["november"],
        curve["december_or_later"],
    ) == (100, 70, 40, 15)


def test_r32_interview_chance_reads_the_data_not_constants(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = timeline_data()
    changed = data.model_copy(
        update={
            "interview_chance": InterviewChance(
                rule="R-32",
                source="article",
                note="test",
                before_review=90,
                october=60,
                november=30,
                december_or_later=5,
            )
        }
    )
    monkeypatch.setattr(timeline_exam, "timeline_data", lambda: changed)
    values = [
        interview_chance(day, CHANCE_2028).value
        for day in (REVIEW, date(2027, 10, 1), date(2027, 11, 1), date(2027, 12, 1))
    ]
    assert values == [90, 60, 30, 5]


# --- the study block, a short runway, and the one-cycle-later alternative -----------


@pytest.mark.parametrize(
    ("months", "study_start", "days"),
    [
        pytest.param(3.0, date(2027, 4, 28), 91, id="R-33-3-months-ends-on-exam-date"),
        pytest.param(3.5, date(2027, 4, 12), 107, id="R-33-3.5-months-ends-on-exam-date"),
        pytest.param(4.0, date(2027, 3, 28), 122, id="R-33-4-months-ends-on-exam-date"),
    ],
)
def test_r33_study_block_ends_on_the_exam_date(months: float, study_start: date, days: int) -> None:
    timeline = build(STEP2_FAILED, exam_date=LATEST_SAFE, study_months=months)
    block = milestone(timeline, "Step 2 CK study block")
    assert block.kind == "study"
    assert (block.start, block.end) == (study_start, LATEST_SAFE)
    assert (block.end - block.start).days == days
    assert abs(days - months * 365.25 / 12) < 1  # "n months" in calendar terms
    assert timeline.exam is not None
    assert timeline.exam.study_start == study_start
    assert warning_texts(timeline, "R-33") == []


def test_r33_a_short_runway_warns() -> None:
    timeline = build(STEP2_FAILED, exam_date=date(2027, 1, 20), study_months=3)
    (text,) = warning_texts(timeline, "R-33")
    assert "3-month study block would have started on 21 Oct 2026" in text
    assert "only 7 weeks" in text


def test_r33_a_full_block_starting_today_does_not_warn() -> None:
    timeline = build(STEP2_FAILED, exam_date=TODAY + timedelta(days=91), study_months=3)
    assert milestone(timeline, "Step 2 CK study block").start == TODAY
    assert warning_texts(timeline, "R-33") == []


def test_r33_score_after_september_offers_the_next_cycle() -> None:
    timeline = build(STEP2_FAILED, exam_date=date(2027, 9, 2))
    assert timeline.exam is not None
    assert timeline.exam.report_typical == date(2027, 10, 6)
    alternative = timeline.alternative
    assert alternative is not None
    assert alternative.match_year == 2029
    assert alternative.review_day == date(2028, 9, 27)
    assert alternative.latest_safe == date(2028, 8, 2)
    assert (alternative.chance.label, alternative.chance.value) == ("before_review", 100)
    (text,) = warning_texts(timeline, "R-33")
    assert "cannot reach programs before October" in text
    assert "2029 Match" in text


def test_r33_score_still_in_september_has_no_alternative() -> None:
    timeline = build(STEP2_FAILED, exam_date=date(2027, 9, 1))
    assert timeline.exam is not None
    assert timeline.exam.report_typical == date(2027, 9, 29)
    assert timeline.exam.chance.value == 70
    assert timeline.alternative is None
    assert warning_texts(timeline, "R-33") == []
    assert len(warning_texts(timeline, "R-30")) == 1


def test_r33_an_on_time_plan_has_no_alternative() -> None:
    timeline = build_timeline(EXAMPLE, default_plan(EXAMPLE, TODAY), TODAY)
    assert timeline.exam is not None
    assert timeline.exam.exam_date == LATEST_SAFE
    assert timeline.alternative is None
    assert warning_texts(timeline, "R-33") == []


# --- retake rules --------------------------------------------------------------------


def test_r34_ecfmg_example_fourth_attempt_in_november_is_rejected() -> None:
    attempts = [date(2025, 1, 15), date(2025, 4, 15), date(2025, 9, 15), date(2025, 11, 15)]
    problems = retake_problems(attempts)
    assert any("4 attempts within 12 months" in p and "at most 3" in p for p in problems)
    assert any(
        "Attempt 4 on 15 Nov 2025 is too soon" in p and "earliest 15 Mar 2026" in p
        for p in problems
    )


@pytest.mark.parametrize(
    ("attempts", "expected"),
    [
        pytest.param(
            [date(2025, 1, 15), date(2025, 4, 15), date(2025, 9, 15), date(2026, 3, 15)],
            [],
            id="R-34-ecfmg-example-fourth-on-15-march-next-year-allowed",
        ),
        pytest.param(
            [date(2025, 1, 15), date(2025, 4, 15), date(2025, 9, 15), date(2026, 3, 14)],
            ["Attempt 4 on 14 Mar 2026 is too soon", "earliest 15 Mar 2026"],
            id="R-34-ecfmg-example-one-day-early-rejected",
        ),
        pytest.param(
            [date(2025, 1, 15), date(2025, 4, 15), date(2025, 12, 15), date(2026, 2, 15)],
            ["Attempt 4 on 15 Feb 2026 is too soon", "earliest 15 Jun 2026"],
            id="R-34-fourth-needs-6-months-after-the-latest",
        ),
        pytest.param(
            [date(2025, 1, 1), date(2025, 3, 1), date(2025, 5, 1)],
            [],
            id="R-34-three-attempts-in-12-months-allowed",
        ),
        pytest.param(
            [date(2025, 1, 1), date(2025, 3, 1), date(2025, 5, 1), date(2025, 7, 1)],
            ["4 attempts within 12 months up to 01 Jul 2025"],
            id="R-34-four-attempts-in-12-months-rejected",
        ),
        pytest.param(
            [
                date(2022, 1, 1),
                date(2022, 4, 1),
                date(2022, 8, 1),
                date(2023, 2, 1),
                date(2023, 9, 1),
            ],
            ["That would be attempt 5; USMLE allows 4 per Step."],
            id="R-34-fifth-attempt-rejected",
        ),
    ],
)
def test_r34_retake_rules(attempts: list[date], expected: list[str]) -> None:
    problems = retake_problems(attempts)
    if not expected:
        assert problems == []
    for words in expected:
        assert any(words in p for p in problems), problems


def test_r34_order_of_the_dates_does_not_matter() -> None:
    attempts = [date(2025, 9, 15), date(2025, 11, 15), date(2025, 1, 15), date(2025, 4, 15)]
    assert retake_problems(attempts) == retake_problems(sorted(attempts))
    assert retake_problems(attempts)


THREE_STEP2_FAILURES = profile_with(
    STEP2_FAILED_DATA,
    exams=[
        attempt("step1", "2023-04-10", "pass"),
        attempt("step2ck", "2026-01-15", "fail"),
        attempt("step2ck", "2026-04-15", "fail"),
        attempt("step2ck", "2026-09-15", "fail"),
    ],
)


def test_r34_revised_a_planned_retake_too_soon_is_refused_with_the_earliest_date() -> None:
    # Revised R-34: refused, not warned; no interview chance or milestone for the date.
    with pytest.raises(RetakeRefused) as caught:
        build(THREE_STEP2_FAILURES, exam_step="step2ck", exam_date=date(2027, 1, 15))
    refusal = caught.value.refusal
    assert caught.value.field == "exam_date"
    assert refusal.earliest_allowed == date(2027, 3, 15)
    assert any("Attempt 4 on 15 Jan 2027 is too soon" in r for r in refusal.reasons)
    assert "The earliest allowed date is 15 Mar 2027." in str(caught.value)


def test_r34_revised_the_earliest_allowed_day_is_accepted_and_marked_final() -> None:
    timeline = build(THREE_STEP2_FAILURES, exam_step="step2ck", exam_date=date(2027, 3, 15))
    assert timeline.exam is not None
    assert timeline.exam.retake_problems == ()
    assert timeline.exam.final_attempt is True
    (text,) = warning_texts(timeline, "R-34")
    assert "final Step 2 CK attempt" in text
    assert milestone(timeline, "Step 2 CK exam (final attempt)").kind == "exam"


def test_r34_revised_a_planned_fifth_attempt_is_refused() -> None:
    four_failures = profile_with(
        STEP2_FAILED_DATA,
        exams=[
            attempt("step1", "2023-04-10", "pass"),
            attempt("step2ck", "2025-01-10", "fail"),
            attempt("step2ck", "2025-04-10", "fail"),
            attempt("step2ck", "2025-09-10", "fail"),
            attempt("step2ck", "2026-03-10", "fail"),
        ],
    )
    with pytest.raises(RetakeRefused) as caught:
        build(four_failures, exam_step="step2ck", exam_date=date(2027, 3, 10))
    assert caught.value.refusal.reasons == ("That would be attempt 5; USMLE allows 4 per Step.",)
    assert caught.value.refusal.earliest_allowed is None
    assert default_plan(four_failures, TODAY).exam_date is None


def test_r34_revised_default_plan_never_proposes_a_refused_date_and_marks_final() -> None:
    plan = default_plan(THREE_STEP2_FAILURES, TODAY)
    assert plan.exam_date is not None
    assert plan.exam_date >= date(2027, 3, 15)
    timeline = build_timeline(THREE_STEP2_FAILURES, plan, TODAY)
    assert timeline.exam is not None
    assert timeline.exam.final_attempt is True
    assert is_final_attempt(THREE_STEP2_FAILURES, "step2ck")


# --- Step 3 before reapplying -----------------------------------------------------------


def test_r35_recommended_after_a_failure_when_eligible_and_in_time() -> None:
    timeline = build_timeline(EXAMPLE, default_plan(EXAMPLE, TODAY), TODAY)
    assert exam_to_time(EXAMPLE) == "step3"
    advice = timeline.step3
    assert (advice.recommended, advice.eligible, advice.fits_before_review) == (True, True, True)
    assert advice.latest_date == LATEST_SAFE
    assert any("R-05" in reason for reason in advice.reasons)
    assert warning_texts(timeline, "R-35") == []


def test_r35_not_recommended_without_a_failure() -> None:
    clean = profile_with(CLEAN)
    timeline = build(clean)
    advice = timeline.step3
    assert advice.eligible is True
    assert advice.recommended is False
    assert advice.reasons == ("No failed Step: Step 3 is optional before residency.",)


def test_r35_not_eligible_when_step2ck_not_passed() -> None:
    timeline = build(STEP2_FAILED, exam_step="step3", exam_date=LATEST_SAFE)
    advice = timeline.step3
    assert (advice.eligible, advice.recommended) == (False, False)
    assert any("Not yet eligible" in reason for reason in advice.reasons)
    assert any("before the applicant is eligible" in t for t in warning_texts(timeline, "R-35"))


def test_r35_a_separate_step3_date_before_eligibility_warns() -> None:
    no_step2 = profile_with(
        STEP2_FAILED_DATA,
        exams=[attempt("step1", "2023-01-10", "fail"), attempt("step1", "2023-04-10", "pass")],
    )
    timeline = build(no_step2, exam_step=None, exam_date=None, step3_date=LATEST_SAFE)
    assert timeline.step3.eligible is False
    assert any("before the applicant is eligible" in t for t in warning_texts(timeline, "R-35"))


def test_r35_revised_an_img_without_ecfmg_certification_is_not_eligible() -> None:
    # Revised R-35: Step 3 is not timed for someone not yet eligible; what is missing first.
    uncertified = profile_with(None, ecfmg_certified=False)
    assert uncertified.is_img
    assert exam_to_time(uncertified) is None
    timeline = build_timeline(uncertified, default_plan(uncertified, TODAY), TODAY)
    advice = timeline.step3
    assert (advice.eligible, advice.recommended) == (False, False)
    assert advice.reasons[0].startswith("Not yet eligible for Step 3 (R-35): first ECFMG")
    timeline = build(uncertified, exam_step="step3", exam_date=LATEST_SAFE)
    assert len(warning_texts(timeline, "R-35")) == 1


@pytest.mark.parametrize(
    ("step3_exam", "fits"),
    [
        pytest.param(LATEST_SAFE, True, id="R-35-step3-on-latest-safe-fits"),
        pytest.param(
            LATEST_SAFE + timedelta(days=1), False, id="R-35-step3-a-day-later-does-not-fit"
        ),
        pytest.param(date(2027, 9, 15), False, id="R-35-step3-in-september-does-not-fit"),
    ],
)
def test_r35_a_late_step3_does_not_fit_before_review(step3_exam: date, fits: bool) -> None:
    advice = build(EXAMPLE, exam_date=step3_exam).step3
    assert advice.fits_before_review is fits
    assert advice.recommended is fits
    if not fits:
        assert any(
            f"A Step 3 on {step3_exam:%d %b %Y}" in r and "take it by 28 Jul 2027" in r
            for r in advice.reasons
        )


def test_r35_a_separate_late_step3_is_a_missed_milestone() -> None:
    retake_then_step3 = build(STEP2_FAILED, exam_date=date(2027, 3, 1), step3_date=date(2027, 9, 1))
    assert retake_then_step3.step3.fits_before_review is False
    step3 = milestone(retake_then_step3, "Step 3 exam and report")
    assert (step3.start, step3.end, step3.missed) == (date(2027, 9, 1), date(2027, 9, 29), True)
    assert "29 Sep 2027" in step3.reason


# --- IMGs and the rank-list deadline -------------------------------------------------

IMG_STEP2_FAILED = profile_with(STEP2_FAILED_DATA, applicant_type="non_us_img")


@pytest.mark.parametrize(
    ("profile", "exam_date", "expect_warning"),
    [
        pytest.param(
            IMG_STEP2_FAILED, date(2028, 1, 6), True, id="R-36-img-safe-report-8-mar-after-rol"
        ),
        pytest.param(
            IMG_STEP2_FAILED, date(2028, 1, 5), False, id="R-36-img-safe-report-on-rol-day"
        ),
        pytest.param(STEP2_FAILED, date(2028, 1, 6), False, id="R-36-us-md-same-date-no-warning"),
    ],
)
def test_r36_img_step2ck_must_be_reported_before_the_rank_list_deadline(
    profile: ApplicantProfile, exam_date: date, expect_warning: bool
) -> None:
    timeline = build(profile, exam_step="step2ck", exam_date=exam_date)
    texts = warning_texts(timeline, "R-36")
    if expect_warning:
        assert len(texts) == 1
        assert "01 Mar 2028" in texts[0]
        assert "rank list is not used" in texts[0]
    else:
        assert texts == []


# --- letters and clinical recency -----------------------------------------------------


@pytest.mark.parametrize(
    ("ask", "missed"),
    [
        pytest.param(
            SUBMISSION - timedelta(days=1), False, id="R-37-letters-day-before-submission"
        ),
        pytest.param(SUBMISSION, True, id="R-37-letters-on-submission-day-missed"),
        pytest.param(date(2027, 9, 15), True, id="R-37-letters-after-submission-missed"),
    ],
)
def test_r37_letter_requests_before_submission_opens(ask: date, missed: bool) -> None:
    timeline = build(EXAMPLE, letter_request_date=ask)
    letters = milestone(timeline, "Letter requests to uploaded letters")
    assert letters.start == ask
    assert letters.deadline == SUBMISSION
    assert letters.missed is missed
    late = [t for t in warning_texts(timeline, "R-37") if "Letters requested" in t]
    if missed:
        assert letters.reason == "Letters requested after submission opens."
        assert len(late) == 1
        assert "ask by 23 Jun 2027" in late[0]
    else:
        assert (letters.reason, late) == ("", [])


def test_r37_default_letter_requests_go_out_ten_weeks_before_submission() -> None:
    plan = default_plan(EXAMPLE, TODAY)
    assert plan.letter_request_date == date(2027, 6, 23)
    assert not milestone(
        build_timeline(EXAMPLE, plan, TODAY), "Letter requests to uploaded letters"
    ).missed


@pytest.mark.parametrize(
    ("months_since", "role", "shown_months"),
    [
        pytest.param(26, "research", 35, id="R-37-26-months-plus-runway-research-warns"),
        pytest.param(26, "none", 35, id="R-37-26-months-no-role-warns"),
        pytest.param(3, "non_clinical_job", 12, id="R-37-3-months-plus-9-month-runway-warns"),
        pytest.param(2, "research", None, id="R-37-2-months-plus-runway-is-11-no-warning"),
        pytest.param(26, "clinical_job", None, id="R-37-clinical-job-until-submission-no-warning"),
        pytest.param(26, "prelim_or_ty", None, id="R-37-prelim-until-submission-no-warning"),
    ],
)
def test_r37_clinical_recency_at_submission(
    months_since: int, role: RoleKind, shown_months: int | None
) -> None:
    profile = profile_with(None, clinical={"months_since_clinical": months_since})
    timeline = build(profile, role=GapRole(kind=role))
    recency = [t for t in warning_texts(timeline, "R-37") if "hands-on clinical work" in t]
    if shown_months is None:
        assert recency == []
    else:
        assert len(recency) == 1
        assert f"will be {shown_months} months old" in recency[0]


# --- the gap-year role ----------------------------------------------------------------

GOOD_RESEARCH = GapRole(
    kind="research",
    in_target_specialty=True,
    department_has_program=True,
    visible_to_selection_faculty=True,
    produces_output=True,
)


@pytest.mark.parametrize(
    ("role", "profile", "verdict"),
    [
        pytest.param(
            GOOD_RESEARCH,
            EXAMPLE,
            "strong",
            id="R-38-research-target-program-visible-output-strong",
        ),
        pytest.param(
            GOOD_RESEARCH.model_copy(update={"produces_output": False}),
            EXAMPLE,
            "useful",
            id="R-38-research-without-output-useful",
        ),
        pytest.param(
            GOOD_RESEARCH.model_copy(update={"remote": True}),
            EXAMPLE,
            "wasteful",
            id="R-38-remote-research-wasteful",
        ),
        pytest.param(
            GOOD_RESEARCH.model_copy(update={"in_target_specialty": False}),
            EXAMPLE,
            "wasteful",
            id="R-38-research-in-abandoned-specialty-wasteful",
        ),
        pytest.param(
            GapRole(kind="prelim_or_ty"),
            STEP2_FAILED,
            "weak",
            id="R-38-prelim-with-unfixed-exam-weak",
        ),
        pytest.param(
            GapRole(kind="prelim_or_ty"),
            EXAMPLE,
            "strong",
            id="R-38-prelim-with-exams-fixed-strong",
        ),
        pytest.param(
            GapRole(kind="non_clinical_job"), EXAMPLE, "weak", id="R-38-other-role-alone-weak"
        ),
        pytest.param(
            GapRole(kind="non_clinical_job", paired_with_observership=True),
            EXAMPLE,
            "useful",
            id="R-38-other-role-with-observership-useful",
        ),
        pytest.param(
            GapRole(kind="clinical_job", paired_with_observership=True),
            EXAMPLE,
            "useful",
            id="R-38-clinical-job-with-observership-useful",
        ),
        pytest.param(GapRole(kind="none"), EXAMPLE, "weak", id="R-38-no-role-weak"),
    ],
)
def test_r38_role_score(role: GapRole, profile: ApplicantProfile, verdict: str) -> None:
    score = score_role(role, profile)
    assert score.verdict == verdict
    assert score.advice


def test_r38_remote_research_names_the_reason() -> None:
    score = score_role(GOOD_RESEARCH.model_copy(update={"remote": True}), EXAMPLE)
    assert "remote work" in score.advice


def test_r38_abandoned_specialty_names_the_reason_and_what_is_missing() -> None:
    score = score_role(GOOD_RESEARCH.model_copy(update={"in_target_specialty": False}), EXAMPLE)
    assert "an abandoned specialty" in score.advice
    assert "in the target specialty" in score.missing


def test_r38_prelim_with_an_unfixed_exam_says_fix_the_exam_first() -> None:
    score = score_role(GapRole(kind="prelim_or_ty"), STEP2_FAILED)
    assert score.missing == ("the exam fixed first",)


def test_r38_the_timeline_scores_the_plans_role() -> None:
    timeline = build(EXAMPLE, role=GOOD_RESEARCH)
    assert timeline.role.verdict == "strong"
    assert milestone(timeline, "Gap-year role: research").start == TODAY


# --- every milestone of the cycle, overrides, and dates that cannot be placed ---------

R39_MILESTONES = [
    pytest.param(
        "Step 3 study block", "study", date(2027, 4, 12), LATEST_SAFE, id="R-39-study-block"
    ),
    pytest.param("Step 3 exam", "exam", LATEST_SAFE, LATEST_SAFE, id="R-39-exam-is-step3"),
    pytest.param(
        "Step 3 score reported (typical to safe)",
        "report",
        LATEST_TYPICAL,
        REVIEW,
        id="R-39-score-report-typical-to-safe",
    ),
    pytest.param("Gap-year role: research", "role", TODAY, SUBMISSION, id="R-39-role"),
    pytest.param(
        "Letter requests to uploaded letters",
        "letters",
        date(2027, 6, 23),
        SUBMISSION,
        id="R-39-letter-requests",
    ),
    pytest.param("MyERAS opens", "application", MYERAS, MYERAS, id="R-39-myeras-opens"),
    pytest.param(
        "Submit ERAS and send signals",
        "application",
        SUBMISSION,
        SUBMISSION,
        id="R-39-submission-with-signals",
    ),
    pytest.param("Programs first review", "application", REVIEW, REVIEW, id="R-39-first-review"),
    pytest.param(
        "Interview season",
        "interviews",
        date(2027, 10, 1),
        date(2028, 1, 31),
        id="R-39-interview-season",
    ),
    pytest.param(
        "Rank order list deadline",
        "match",
        ROL_DEADLINE,
        ROL_DEADLINE,
        id="R-39-rank-list-deadline",
    ),
    pytest.param(
        "Match Week with SOAP", "match", MATCH_WEEK, MATCH_DAY, id="R-39-match-week-with-soap"
    ),
    pytest.param("Match Day", "match", MATCH_DAY, MATCH_DAY, id="R-39-match-day"),
]


@pytest.mark.parametrize(("name", "kind", "start", "end"), R39_MILESTONES)
def test_r39_every_milestone_for_the_example(name: str, kind: str, start: date, end: date) -> None:
    timeline = build_timeline(EXAMPLE, default_plan(EXAMPLE, TODAY), TODAY)
    found = milestone(timeline, name)
    assert (found.kind, found.start, found.end) == (kind, start, end)


def test_r39_the_example_has_exactly_the_listed_milestones() -> None:
    timeline = build_timeline(EXAMPLE, default_plan(EXAMPLE, TODAY), TODAY)
    assert sorted(m.name for m in timeline.milestones) == sorted(
        str(p.values[0]) for p in R39_MILESTONES
    )


def test_r39_a_separate_step3_gets_its_own_bars() -> None:
    timeline = build(STEP2_FAILED, exam_date=date(2027, 3, 1), step3_date=date(2027, 6, 2))
    step3 = [m for m in timeline.milestones if m.kind == "step3"]
    assert [(m.name, m.start, m.end) for m in step3] == [
        ("Step 3 study", date(2027, 4, 7), date(2027, 6, 2)),
        ("Step 3 exam and report", date(2027, 6, 2), date(2027, 6, 30)),
    ]
    assert timeline.step3.eligible is True  # the retake is planned to pass first
    assert not any(m.missed for m in step3)


def test_r39_an_advisor_override_replaces_a_date_and_is_marked() -> None:
    later_review = date(2027, 9, 29)
    timeline = build(EXAMPLE, calendar_overrides={"review_opens": later_review})
    review = timeline.calendar.dates["review_opens"]
    assert (review.date, review.source, review.estimated) == (later_review, "advisor", False)
    assert timeline.calendar.overridden == frozenset({"review_opens"})
    assert milestone(timeline, "Programs first review").start == later_review
    # The deadlines follow the advisor's date.
    assert timeline.deadlines.latest_typical == date(2027, 9, 1)
    assert timeline.deadlines.latest_safe == date(2027, 8, 4)
    # Dates the advisor did not touch keep their own source.
    assert timeline.calendar.dates["submission_opens"].source == "pattern"


def test_r39_an_override_putting_review_before_submission_is_refused() -> None:
    with pytest.raises(PlanDateError) as raised:
        build(EXAMPLE, calendar_overrides={"review_opens": date(2027, 8, 25)})
    assert raised.value.field == "calendar_overrides"
    assert "Programs first review applications (25 Aug 2027)" in str(raised.value)


def test_r39_an_override_moving_submission_after_review_is_refused() -> None:
    with pytest.raises(PlanDateError) as raised:
        build(EXAMPLE, calendar_overrides={"submission_opens": date(2027, 9, 29)})
    assert raised.value.field == "calendar_overrides"
    assert "Applications can be submitted (29 Sep 2027) cannot come after" in str(raised.value)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        pytest.param(
            {"exam_date": TODAY - timedelta(days=1)},
            "exam_date",
            "Exam date (25 Nov 2026) is in the past",
            id="R-39-exam-in-the-past",
        ),
        pytest.param(
            {"step3_date": date(2026, 11, 1)},
            "step3_date",
            "Step 3 date (01 Nov 2026) is in the past",
            id="R-39-step3-in-the-past",
        ),
        pytest.param(
            {"letter_request_date": date(2026, 6, 1)},
            "letter_request_date",
            "is in the past",
            id="R-39-letters-in-the-past",
        ),
        pytest.param(
            {"exam_date": date(2028, 1, 20)},
            "exam_date",
            "too late for the 2028 Match",
            id="R-39-exam-reported-after-match-day",
        ),
        pytest.param(
            {"step3_date": date(2028, 2, 1)},
            "step3_date",
            "before Match Day 17 Mar 2028",
            id="R-39-step3-reported-after-match-day",
        ),
        pytest.param(
            {"letter_request_date": MATCH_DAY},
            "letter_request_date",
            "too late for the 2028 Match",
            id="R-39-letters-on-match-day",
        ),
    ],
)
def test_r39_dates_that_cannot_be_placed_name_their_field(
    changes: dict[str, Any], field: str, words: str
) -> None:
    """A date entered on the Timeline is checked against today and the cycle."""
    problem = timeline_problem(
        EXAMPLE, plan_for(EXAMPLE, **changes), TODAY, before=plan_for(EXAMPLE)
    )
    assert isinstance(problem, PlanDateError)
    assert problem.field == field
    assert words in str(problem)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"exam_date": TODAY - timedelta(days=1)}, id="R-40-exam-since-passed"),
        pytest.param({"letter_request_date": date(2026, 6, 1)}, id="R-40-letters-since-passed"),
    ],
)
def test_R40_a_stored_date_that_has_since_passed_stays_on_the_timeline(
    changes: dict[str, Any],
) -> None:
    """R-40 (revised): the plan's record is kept, not refused or moved; an edit that
    leaves the date alone is not refused for it either."""
    stored = plan_for(EXAMPLE, **changes)
    timeline = build_timeline(EXAMPLE, stored, TODAY)
    (when,) = changes.values()
    assert any(m.start == when for m in timeline.milestones)
    edit = stored.model_copy(update={"study_months": 4.0})
    assert timeline_problem(EXAMPLE, edit, TODAY, before=stored) is None


def test_r39_the_last_exam_date_whose_safe_report_beats_match_day_is_accepted() -> None:
    # 13 Jan 2028 + 8 weeks -> Wed 15 Mar, two days before Match Day; 20 Jan (the case
    # above) would post on Wed 22 Mar, after it.
    timeline = build(EXAMPLE, exam_date=date(2028, 1, 13))
    assert timeline.exam is not None
    assert timeline.exam.report_safe == date(2028, 3, 15)
    assert max(m.end for m in timeline.milestones) == MATCH_DAY


# --- Hypothesis: invariants over valid profiles and exam dates -----------------------------

STEPS: tuple[StepId, ...] = ("step1", "step2ck", "step3")


@st.composite
def profiles_and_plans(draw: st.DrawFn) -> tuple[ApplicantProfile, TimelinePlan]:
    profile = draw(valid_profiles())
    match_day = cycle_calendar(profile.target_match_year)["match_day"]
    last_exam = match_day - timedelta(weeks=9)
    exam_date = draw(st.dates(TODAY, last_exam), label="exam_date")
    step = exam_to_time(profile) or draw(st.sampled_from(STEPS), label="exam_step")
    # Revised R-34: a date the retake rules forbid is refused, so it is not placeable.
    assume(retake_refusal(profile, step, exam_date) is None)
    step3_date = draw(st.none() | st.dates(TODAY, last_exam), label="step3_date")
    letters = draw(st.none() | st.dates(TODAY, match_day - timedelta(days=1)), label="letters")
    plan = default_plan(profile, TODAY).model_copy(
        update={
            "exam_step": step,
            "exam_date": exam_date,
            "study_months": draw(st.sampled_from([3.0, 3.5, 4.0]), label="study_months"),
            "step3_date": step3_date,
            "letter_request_date": letters,
        }
    )
    return profile, TimelinePlan.model_validate(plan.model_dump())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles_and_plans())
def test_timeline_invariants(case: tuple[ApplicantProfile, TimelinePlan]) -> None:
    profile, plan = case
    timeline = build_timeline(profile, plan, TODAY)  # never raises for placeable dates
    match_day = timeline.calendar["match_day"]
    assert timeline.match_year == profile.target_match_year
    exam = timeline.exam
    assert exam is not None
    assert plan.exam_date is not None

    # the study block ends on the exam date and lasts the chosen months.
    study = [m for m in timeline.milestones if m.kind == "study"]
    assert len(study) == 1
    assert study[0].end == plan.exam_date == exam.exam_date
    assert abs((study[0].end - study[0].start).days - plan.study_months * 365.25 / 12) < 1

    # every report follows its exam, on a Wednesday, typical before safe.
    assert plan.exam_date < exam.report_typical < exam.report_safe
    assert exam.report_typical.weekday() == exam.report_safe.weekday() == 2
    (report,) = [m for m in timeline.milestones if m.kind == "report"]
    assert (report.start, report.end) == (exam.report_typical, exam.report_safe)
    assert report.missed is (exam.report_typical > timeline.calendar["review_opens"])
    if plan.step3_date is not None and plan.exam_step != "step3":
        step3_report = next(m for m in timeline.milestones if m.name == "Step 3 exam and report")
        assert step3_report.start == plan.step3_date < step3_report.end

    # ordered by start, nothing after the target Match Day, Match Day last.
    starts = [m.start for m in timeline.milestones]
    assert starts == sorted(starts)
    assert all(m.start <= m.end <= match_day for m in timeline.milestones)
    assert timeline.milestones[-1].name == "Match Day"

    # the alternative exists exactly when the score reaches programs after September.
    after_september = exam.report_typical > date(match_day.year - 1, 9, 30)
    assert (timeline.alternative is not None) is after_september
    if timeline.alternative is not None:
        assert timeline.alternative.match_year == profile.target_match_year + 1
    assert all(m.reason for m in timeline.milestones if m.missed)


def test_R40_a_target_cycle_already_running_is_refused() -> None:
    """Targeting the 2027 Match on 26 Nov 2026 (applications opened in September)."""
    # Revised: R-40 refuses it at the field instead of planning exams in the past.
    with pytest.raises(ValidationError, match=r"Target Match year \(2027\).*2028 Match"):
        profile_with(None, target_match_year=2027)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_profiles())
def test_the_default_plan_always_builds(profile: ApplicantProfile) -> None:
    plan = default_plan(profile, TODAY)
    timeline = build_timeline(profile, plan, TODAY)
    assert (timeline.exam is None) is (plan.exam_date is None or plan.exam_step is None)
    assert all(m.end <= timeline.calendar["match_day"] for m in timeline.milestones)


def test_R37_revised_observership_does_not_clear_the_clinical_recency_warning() -> None:
    # Article §4.2: an observership is not hands-on work; before, it removed the warning.
    observing = profile_with(None, clinical={"current_role": "observership"})
    timeline = build_timeline(observing, default_plan(observing, TODAY), TODAY)
    assert any("months old" in t for t in warning_texts(timeline, "R-37"))
    assert timeline.role.verdict in ("useful", "weak")
    assert any("does not reset clinical recency" in m for m in timeline.role.missing)


@pytest.mark.parametrize(
    ("kind", "hands_on"),
    [
        pytest.param("research_with_clinical_duties", True, id="R-38-research-fellow-clinical"),
        pytest.param("clinical_assistant_or_scribe", True, id="R-37-clinical-assistant-scribe"),
        pytest.param("hospitalist_service_assistant", True, id="R-37-hospitalist-assistant"),
        pytest.param("longitudinal_observership", False, id="R-37-longitudinal-observership"),
        pytest.param("alumni_rotation", False, id="R-37-rotation-with-alumni"),
    ],
)
def test_R37_R38_img_roles_are_offered_and_scored(kind: RoleKind, hands_on: bool) -> None:
    example = example_profile(TODAY)
    assert kind in role_options(example)[:5]  # the article's IMG roles come first
    role = GapRole(
        kind=kind,
        in_target_specialty=True,
        department_has_program=True,
        visible_to_selection_faculty=True,
        produces_output=True,
    )
    score = score_role(role, example)
    assert (score.verdict == "strong") is hands_on
    plan = default_plan(example, TODAY).model_copy(update={"role": role})
    warned = any(
        "months old" in t for t in warning_texts(build_timeline(example, plan, TODAY), "R-37")
    )
    assert warned is not hands_on


def test_R42_licensing_window_warns_when_step3_falls_past_seven_years() -> None:
    old_pass = profile_with(
        None,
        exams=[
            attempt("step1", "2019-06-14", "fail"),
            attempt("step1", "2019-10-11", "pass"),
            attempt("step2ck", "2021-03-15", "pass", 231),
        ],
    )
    (text,) = warning_texts(build(old_pass, exam_date=LATEST_SAFE), "R-42")
    assert "within 7 years of the first pass (11 Oct 2019)" in text
    assert "weak" in text
    assert warning_texts(build(EXAMPLE, exam_date=LATEST_SAFE), "R-42") == []
