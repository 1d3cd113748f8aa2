"""Core: what the Timeline and Programs pages offer (matchplan.views_planning)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchplan import views_planning as views
from matchplan.examples import example_profile
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.planfile import ProgramChoices
from matchplan.timeline import PlanDateError

TODAY = date(2026, 12, 1)


def example(today: date = TODAY, **programs: object) -> PlanResult:
    plan = new_plan(example_profile(today), today)
    if programs:
        plan = plan.model_copy(update={"programs": ProgramChoices.model_validate(programs)})
    return build_plan(plan, today)


@pytest.mark.parametrize(
    "today",
    [TODAY + timedelta(days=n) for n in range(7)],
    ids=lambda d: f"R-30-slider-grid-{d:%a}",
)
def test_the_exam_slider_steps_through_the_latest_safe_date_whatever_the_weekday(
    today: date,
) -> None:
    result = example(today)
    slider = views.exam_slider(result)
    assert slider is not None
    latest_safe = result.timeline.deadlines.latest_safe
    assert today <= slider.first < today + views.WEEK
    assert (latest_safe - slider.first) % views.WEEK == timedelta(0)
    assert slider.first <= slider.value <= slider.last == result.last_exam_day


def test_no_exam_slider_when_no_exam_is_timed() -> None:
    result = example()
    candidate = views.timeline_candidate(result, {"exam_step": None, "exam_date": None})
    plan = result.plan.model_copy(update={"timeline": candidate})
    assert views.exam_slider(build_plan(plan, TODAY)) is None


def test_R39_an_override_equal_to_the_published_date_clears_it() -> None:
    result = example()
    published = views.published_date(result, "review_opens")
    later = published + timedelta(days=7)
    assert views.overrides_with(result, "review_opens", later) == {"review_opens": later}
    assert views.overrides_with(result, "review_opens", published) == {}


def test_R30_a_date_in_the_past_is_refused_with_its_field() -> None:
    result = example()
    with pytest.raises(PlanDateError, match="is in the past") as caught:
        views.timeline_candidate(result, {"letter_request_date": TODAY - timedelta(days=1)})
    assert caught.value.field == "letter_request_date"


def test_a_new_exam_starts_at_the_latest_safe_date() -> None:
    result = example()
    assert views.exam_date_for(result, "step3") == date(2027, 7, 28)
    assert views.exam_date_for(result, None) is None


def test_R38_role_facts_depend_on_the_kind() -> None:
    assert "produces_output" in views.role_facts("research")
    assert views.role_facts("observership") == ("paired_with_observership",)
    assert views.role_facts("none") == ()


def test_R36_target_years_follow_the_last_cycle() -> None:
    profile = example().profile
    last = profile.last_cycle.match_year
    assert views.target_years(profile)[:3] == [last + 1, last + 2, last + 3]


def test_R54_fee_text_quotes_the_bands_and_the_worked_examples() -> None:
    text = views.fee_schedule_text(example())
    assert "$11 each for programs 1-30" in text
    assert "$30 each from program 31 on" in text
    assert "$80 for the USMLE transcript" in text


def test_R54_fee_scenarios_in_order_with_the_what_if() -> None:
    result = example(what_if_count=70)
    labels = [label for label, _ in views.fee_scenarios(result)]
    assert labels == ["Last cycle", "Recommended", "What-if"]
    assert views.what_if_total(result) == 70
    assert [label for label, _ in views.fee_scenarios(example())] == ["Last cycle", "Recommended"]


def test_R50_interview_warning_when_the_target_needs_more_than_the_range() -> None:
    result = example()  # 12 interviews at 6.7% take 180 applications; the range tops at 120
    warning = views.interview_warning(result)
    assert warning is not None
    assert "180 applications" in warning
    assert views.interview_warning(example(yield_percent=20)) is None
    zero = views.interview_warning(example(yield_percent=0))
    assert zero is not None
    assert "0% yield" in zero


def test_tier_labels_name_the_assessed_level() -> None:
    labels = views.tier_labels(example())
    assert labels["assessed"] == "As assessed (high)"
    assert "risk_what_if" not in labels  # no Risk what-ifs in the example


def test_program_choices_are_validated() -> None:
    result = example()
    assert views.program_choices(result, what_if_count=5).what_if_count == 5
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        views.program_choices(result, what_if_count=-1)
