"""R-70: the weekly structure - template, hours per domain, warnings, the chart."""

from __future__ import annotations

from datetime import date, timedelta
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from matchplan.charts import DOMAIN_COLOURS, week_hours_chart
from matchplan.narrative import validate_data
from matchplan.profile import CurrentRole
from matchplan.reference import ReferenceDataError
from matchplan.week import (
    DAYS,
    DOMAIN_LABELS,
    DOMAINS,
    DayPlan,
    Domain,
    StudyWindow,
    WeekData,
    WeekPlan,
    hours_by_domain,
    study_fit,
    study_window_for_exam,
    study_window_from_profile,
    template_week,
    week_data,
    week_warnings,
)
from tests.strategies import TODAY, attempt, example_profile, profile_with

WEEK_HOURS = 7 * (4 + 4 + 3)


def uniform(domain: Domain) -> WeekPlan:
    return WeekPlan(
        days=tuple(DayPlan(day=d, morning=domain, afternoon=domain, evening=domain) for d in DAYS)
    )


def with_blocks(week: WeekPlan, **changes: Domain) -> WeekPlan:
    """A copy with some blocks changed, named like ``sun_morning="study"``."""
    days = []
    for plan in week.days:
        update = {
            slot: value
            for key, value in changes.items()
            for day, slot in [key.split("_", 1)]
            if day == plan.day
        }
        days.append(plan.model_copy(update=update))
    return WeekPlan(days=tuple(days))


def kinds(week: WeekPlan, window: StudyWindow | None = None) -> list[str]:
    return [w.kind for w in week_warnings(week, window)]


def window_of(weeks: float) -> StudyWindow:
    return StudyWindow(exam="Step 3", start=TODAY, end=TODAY + timedelta(days=round(weeks * 7)))


# --- template and hours ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "domain"),
    [
        pytest.param("research", "research", id="R-70-research-role-fills-role-blocks"),
        pytest.param("prelim_or_ty", "clinical", id="R-70-prelim-is-clinical"),
        pytest.param("clinical_job", "clinical", id="R-70-clinical-job"),
        pytest.param("observership", "clinical", id="R-70-observership"),
        pytest.param("non_clinical_job", "work", id="R-70-non-clinical-job-is-work"),
        pytest.param("none", "clinical", id="R-70-no-role-yet-plans-clinical"),
    ],
)
def test_r70_template_follows_the_role(role: CurrentRole, domain: Domain) -> None:
    hours = hours_by_domain(template_week(role))
    assert hours[domain] == 20
    assert hours["study"] == 23
    assert hours["mentoring"] == 4
    assert hours["rest"] == 30
    assert sum(hours.values()) == WEEK_HOURS


def test_r70_template_has_study_role_mentoring_and_rest_and_no_warning() -> None:
    week = template_week("research")
    assert week_warnings(week, window_of(15)) == ()


def test_r70_hours_list_every_domain_in_order_even_at_zero() -> None:
    hours = hours_by_domain(uniform("study"))
    assert list(hours) == list(DOMAINS)
    assert hours["rest"] == 0
    assert hours["study"] == WEEK_HOURS


# --- warnings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("week", "window", "expected"),
    [
        pytest.param(uniform("study"), None, "no_rest", id="R-70-no-rest-protected-warns"),
        pytest.param(
            with_blocks(
                template_week("research"),
                **{f"{d}_{s}": "study" for d in DAYS for s in ("afternoon", "evening")},
                sun_morning="rest",
            ),
            None,
            "little_rest",
            id="R-70-little-rest-warns",
        ),
        pytest.param(template_week("research"), window_of(8), "study_short", id="R-70-short-block"),
        pytest.param(uniform("rest"), window_of(15), "no_study", id="R-70-no-study-before-exam"),
        pytest.param(
            with_blocks(
                template_week("research"),
                wed_morning="study",
                wed_afternoon="study",
                mon_afternoon="rest",
                tue_afternoon="rest",
                fri_afternoon="rest",
            ),
            None,
            "no_role",
            id="R-70-no-clinical-research-or-work",
        ),
        pytest.param(
            with_blocks(template_week("research"), thu_afternoon="study"),
            None,
            "no_mentoring",
            id="R-70-no-mentor-meeting-is-a-note",
        ),
    ],
)
def test_r70_warnings(week: WeekPlan, window: StudyWindow | None, expected: str) -> None:
    assert expected in kinds(week, window)


def test_r70_protected_rest_silences_the_rest_warning() -> None:
    week = with_blocks(uniform("study"), sun_morning="rest", sun_afternoon="rest")
    assert "no_rest" not in kinds(week)
    assert "little_rest" not in kinds(week)  # 8 h is the default minimum


def test_r70_study_short_message_gives_the_numbers() -> None:
    (warning,) = week_warnings(template_week("research"), window_of(8))
    assert warning.severity == "warning"
    assert "23 h of study a week for the 8.0 weeks" in warning.message
    assert "gives 184 h" in warning.message
    assert "about 330 h" in warning.message
    assert "about 41 h a week" in warning.message


def test_r70_more_study_blocks_make_it_fit() -> None:
    week = with_blocks(
        template_week("research"),
        mon_evening="study",
        tue_evening="study",
        wed_evening="study",
        thu_evening="study",
        fri_evening="study",
        sat_afternoon="study",
        mon_afternoon="study",
        tue_afternoon="study",
    )
    fit = study_fit(week, window_of(8))
    assert fit.weekly_hours == 23 + 15 + 4 + 8
    assert fit.fits


@settings(max_examples=60, deadline=None)
@given(
    blocks=st.lists(st.sampled_from(DOMAINS), min_size=21, max_size=21),
    weeks=st.floats(min_value=0, max_value=40),
)
def test_r70_any_week_counts_every_hour_and_warns_consistently(
    blocks: list[Domain], weeks: float
) -> None:
    week = WeekPlan(
        days=tuple(
            DayPlan(
                day=d, morning=blocks[3 * i], afternoon=blocks[3 * i + 1], evening=blocks[3 * i + 2]
            )
            for i, d in enumerate(DAYS)
        )
    )
    hours = hours_by_domain(week)
    assert sum(hours.values()) == WEEK_HOURS
    found = kinds(week, window_of(weeks))
    assert ("no_rest" in found) == (hours["rest"] == 0)
    assert ("no_mentoring" in found) == (hours["mentoring"] == 0)
    fit = study_fit(week, window_of(weeks))
    assert ("study_short" in found) == (hours["study"] > 0 and not fit.fits)


# --- the study window ------------------------------------------------------------------------


def test_r70_window_comes_from_the_next_planned_attempt() -> None:
    profile = profile_with(
        exams=[
            attempt("step1", "2022-06-14", "pass"),
            attempt("step2ck", "2025-03-15", "fail"),
            attempt("step2ck", "2027-06-10", "planned"),
        ]
    )
    window = study_window_from_profile(profile, TODAY)
    assert window is not None
    assert window.exam == "Step 2 CK retake"
    assert window.end == date(2027, 6, 10)
    assert window.start == date(2027, 6, 10) - timedelta(weeks=15)


def test_r70_window_never_starts_before_today() -> None:
    window = study_window_for_exam(TODAY + timedelta(weeks=6), TODAY, "Step 3")
    assert window is not None
    assert window.start == TODAY
    assert window.weeks == 6


@pytest.mark.parametrize(
    ("exam", "expected"),
    [
        pytest.param(TODAY, None, id="R-70-exam-today-no-window"),
        pytest.param(TODAY - timedelta(days=3), None, id="R-70-exam-past-no-window"),
    ],
)
def test_r70_no_window_without_time_left(exam: date, expected: None) -> None:
    assert study_window_for_exam(exam, TODAY) is expected


def test_r70_timeline_can_pass_its_own_block_length() -> None:
    exam = TODAY + timedelta(weeks=30)
    window = study_window_for_exam(exam, TODAY, "Step 3", block_weeks=17)
    assert window is not None
    assert window.start == exam - timedelta(weeks=17)


def test_r70_no_planned_exam_no_window() -> None:
    assert study_window_from_profile(example_profile(), TODAY) is None


# --- model and data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "days",
    [
        pytest.param(DAYS[:6], id="R-70-six-days-rejected"),
        pytest.param(("tue", "mon", "wed", "thu", "fri", "sat", "sun"), id="R-70-order-kept"),
    ],
)
def test_r70_week_is_monday_to_sunday(days: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError):
        WeekPlan.model_validate(
            {
                "days": [
                    {"day": d, "morning": "rest", "afternoon": "rest", "evening": "rest"}
                    for d in days
                ]
            }
        )


def test_week_round_trips_as_json() -> None:
    week = template_week("research")
    assert WeekPlan.model_validate_json(week.model_dump_json()) == week


def test_bad_week_data_fails_naming_the_file() -> None:
    raw = week_data().model_dump()
    del raw["template"]["sun"]
    with pytest.raises(ReferenceDataError, match=r"matchplan/data/week_template.json"):
        validate_data("week_template.json", WeekData, raw)


def test_study_need_is_a_labelled_assumption() -> None:
    t = week_data().thresholds
    assert t.study_block_hours.source == "matchplan-assumption"
    assert t.min_rest_hours.source == "matchplan-assumption"
    assert t.study_block_weeks.source == "article"


# --- the chart -------------------------------------------------------------------------------


def test_r70_chart_shows_every_domain_with_its_hours() -> None:
    hours = hours_by_domain(uniform("study"))
    fig = week_hours_chart(dict(hours), dict(DOMAIN_LABELS))
    (bar,) = fig.data
    assert list(bar.y) == [DOMAIN_LABELS[d] for d in DOMAINS]
    assert list(bar.x) == [hours[d] for d in DOMAINS]
    assert list(bar.text)[DOMAINS.index("rest")] == "0 h"
    assert list(bar.marker.color) == [DOMAIN_COLOURS[d] for d in DOMAINS]
    assert not fig.layout.shapes


def test_r70_chart_marks_the_study_needed_each_week() -> None:
    fig = week_hours_chart(dict(hours_by_domain(template_week("research"))), {}, 24.4)
    assert fig.layout.shapes[0].x0 == 24.4
    assert "dotted line: the study needed, 24 h" in fig.layout.xaxis.title.text
    assert not fig.layout.annotations  # a label beside the line ran into the bar labels


def test_every_domain_has_a_colour_and_a_label() -> None:
    assert set(DOMAIN_COLOURS) == set(get_args(Domain)) == set(DOMAIN_LABELS)
