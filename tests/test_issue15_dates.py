"""Issue 15, item 2: every date in the models is bounded to what the app can plan with.

A date that validates must not break a page: 9999-12-31 and 0001-01-01 in an exam,
Step 3, letter-request or calendar-override field made the timeline arithmetic
overflow, and a graduation in 1979 (a realistic older graduate) must load and run.
Each bound is pinned at the bound and one day past it, with a message naming the
field and the allowed range.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from matchplan.planfile import PlanLoadError, load_plan
from matchplan.profile import (
    EARLIEST_GRADUATION,
    EARLIEST_RECORD,
    LATEST_PLANNABLE,
    field_errors,
    parse_profile,
)
from matchplan.progress import PracticeScore
from matchplan.textsafe import plain_text
from matchplan.timeline import TimelinePlan
from tests.core_pipeline import exercise
from tests.strategies import TODAY, attempt, data_with, example_data, letter
from tests.test_planfile import plan_data

DAY = timedelta(days=1)
RANGE = f"{EARLIEST_RECORD:%d %b %Y} to {LATEST_PLANNABLE:%d %b %Y}"
EXTREMES = [date.min, date.max, EARLIEST_RECORD - DAY, LATEST_PLANNABLE + DAY]


def load(data: dict[str, Any]) -> Any:
    return load_plan(json.dumps(data, default=str).encode("utf-8"), TODAY)


def refusal(data: dict[str, Any]) -> str:
    with pytest.raises(PlanLoadError) as refused:
        load(data)
    return plain_text(str(refused.value))


def test_issue15_graduation_1979_is_accepted_and_every_page_computation_runs() -> None:
    data = plan_data()
    data["profile"]["graduation_date"] = "1979-06-01"
    plan = load(data)
    assert plan.profile.graduation_date == date(1979, 6, 1)
    exercise(plan, TODAY)


def test_issue15_graduation_bound_is_1950() -> None:
    assert parse_profile(data_with(graduation_date=EARLIEST_GRADUATION), TODAY)
    with pytest.raises(ValidationError) as caught:
        parse_profile(data_with(graduation_date=EARLIEST_GRADUATION - DAY), TODAY)
    (error,) = field_errors(caught.value)
    assert error.message.startswith("Graduation date: the date (31 Dec 1949) is outside")
    assert f"{EARLIEST_GRADUATION:%d %b %Y} to {LATEST_PLANNABLE:%d %b %Y}" in error.message


@pytest.mark.parametrize("when", EXTREMES, ids=str)
def test_issue15_exam_attempt_date_out_of_range_is_refused(when: date) -> None:
    data = example_data()
    data["exams"] = [*data["exams"], attempt("step3", when, "planned")]
    with pytest.raises(ValidationError) as caught:
        parse_profile(data, TODAY)
    messages = [e.message for e in field_errors(caught.value)]
    assert any(m.startswith("Exam attempt") and "Exam date" in m and RANGE in m for m in messages)


def test_issue15_planned_exam_on_the_last_plannable_day_is_accepted() -> None:
    data = example_data()
    data["exams"] = [*data["exams"], attempt("step3", LATEST_PLANNABLE, "planned")]
    assert parse_profile(data, TODAY).planned("step3")[-1].exam_date == LATEST_PLANNABLE


@pytest.mark.parametrize("when", EXTREMES, ids=str)
def test_issue15_letter_date_out_of_range_is_refused(when: date) -> None:
    data = data_with(content={"letters": [letter("im", when)]})
    with pytest.raises(ValidationError, match="outside the dates MatchPlan can plan with"):
        parse_profile(data, TODAY)


@pytest.mark.parametrize(
    "field", ["eras_submitted_on", "letters_uploaded_on", "latest_score_reported_on"]
)
def test_issue15_last_cycle_dates_are_bounded_and_in_the_past(field: str) -> None:
    assert parse_profile(data_with(last_cycle={field: EARLIEST_RECORD}), TODAY)
    assert parse_profile(data_with(last_cycle={field: TODAY}), TODAY)
    for when in (EARLIEST_RECORD - DAY, date.max):
        with pytest.raises(ValidationError, match="outside the dates"):
            parse_profile(data_with(last_cycle={field: when}), TODAY)
    with pytest.raises(ValidationError, match="is after today; the last cycle is over"):
        parse_profile(data_with(last_cycle={field: TODAY + DAY}), TODAY)


@pytest.mark.parametrize("field", ["exam_date", "step3_date", "letter_request_date"])
@pytest.mark.parametrize("when", EXTREMES, ids=str)
def test_issue15_timeline_dates_out_of_range_are_refused(field: str, when: date) -> None:
    with pytest.raises(ValidationError, match=RANGE):
        TimelinePlan.model_validate({field: when})
    data = plan_data()
    data["timeline"][field] = when.isoformat()
    message = refusal(data)
    assert "outside the dates MatchPlan can plan with" in message
    assert RANGE in message


@pytest.mark.parametrize("field", ["exam_date", "step3_date", "letter_request_date"])
def test_issue15_timeline_dates_at_the_bounds_are_accepted(field: str) -> None:
    for when in (EARLIEST_RECORD, LATEST_PLANNABLE):
        assert getattr(TimelinePlan.model_validate({field: when}), field) == when


@pytest.mark.parametrize("when", EXTREMES, ids=str)
def test_issue15_calendar_override_out_of_range_is_refused(when: date) -> None:
    data = plan_data()
    data["timeline"]["calendar_overrides"] = {"match_day": when.isoformat()}
    message = refusal(data)
    assert "match_day" in message
    assert RANGE in message


@pytest.mark.parametrize("when", EXTREMES, ids=str)
def test_issue15_practice_score_date_out_of_range_is_refused(when: date) -> None:
    with pytest.raises(ValidationError, match=RANGE):
        PracticeScore(taken_on=when, step="step2ck", score=230)


@pytest.mark.parametrize("when", [date.min, date.max], ids=str)
def test_issue15_saved_on_out_of_range_is_refused(when: date) -> None:
    data = plan_data()
    data["saved_on"] = when.isoformat()
    assert RANGE in refusal(data)


@pytest.mark.parametrize("field", ["exam_date", "step3_date", "letter_request_date"])
def test_issue15_a_plan_with_bounded_dates_runs_on_every_page(field: str) -> None:
    for when in (EARLIEST_RECORD, LATEST_PLANNABLE):
        data = plan_data()
        data["timeline"][field] = when.isoformat()
        exercise(load(data), TODAY)
