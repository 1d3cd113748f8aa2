"""Progress across the year (issue 6, item 6): ticks, completion, practice scores and the gap.

The gap is always the latest practice score minus the USMLE passing standard in
force today (facts §2.1): Step 1 196 (underlying, pass/fail reporting), Step 2 CK
218 from 1 Jul 2025, Step 3 200 from 1 Jan 2024.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from matchplan.examples import example_profile
from matchplan.profile import STEP_LABELS
from matchplan.progress import (
    MAX_DONE,
    PracticeScore,
    Progress,
    completion,
    forget_removed,
    mark_done,
    score_trend,
    scores_from_rows,
    steps_with_scores,
    with_scores,
)
from matchplan.progress_charts import score_trend_chart
from matchplan.reference import StepId
from matchplan.timeline import Milestone, build_timeline, default_plan
from tests.conftest import TODAY as APP_TODAY
from tests.strategies import TODAY
from tests.widgets import plan_of, widget

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

EXAMPLE = example_profile(TODAY)
MILESTONES = build_timeline(EXAMPLE, default_plan(EXAMPLE, TODAY), TODAY).milestones
STEPS: tuple[StepId, ...] = ("step1", "step2ck", "step3")


def score(day: str | date, step: StepId, value: int, form: str = "") -> PracticeScore:
    taken_on = date.fromisoformat(day) if isinstance(day, str) else day
    return PracticeScore(taken_on=taken_on, step=step, score=value, form=form)


def log(*scores: PracticeScore) -> Progress:
    return Progress(practice_scores=scores)


def row(taken_on: Any, step: Any = "step2ck", value: Any = 230, form: Any = "") -> dict[str, Any]:
    return {"taken_on": taken_on, "step": step, "score": value, "form": form}


# --- ticking milestones off ----------------------------------------------------------------


def test_mark_done_ticks_and_unticks_and_is_idempotent() -> None:
    progress = mark_done(Progress(), "Match Day", done=True)
    assert progress.done == ("Match Day",)
    assert mark_done(progress, "Match Day", done=True).done == ("Match Day",)
    both = mark_done(progress, "Interview season", done=True)
    assert both.done == ("Match Day", "Interview season")
    assert mark_done(both, "Match Day", done=False).done == ("Interview season",)
    assert mark_done(Progress(), "Match Day", done=False) == Progress()


def test_mark_done_keeps_the_score_log() -> None:
    progress = log(score("2026-10-01", "step3", 205))
    assert mark_done(progress, "Match Day", done=True).practice_scores == progress.practice_scores


def test_completion_counts_only_milestones_still_in_the_timeline() -> None:
    names = [m.name for m in MILESTONES]
    progress = Progress(done=(names[0], names[1], "Step 2 CK exam (an exam no longer planned)"))
    assert completion(progress, MILESTONES) == (2, len(set(names)))


def test_completion_of_an_empty_timeline_is_zero_of_zero() -> None:
    assert completion(Progress(done=("Match Day",)), ()) == (0, 0)


def test_removing_a_milestone_lowers_the_total_and_the_done_count() -> None:
    progress = Progress(done=tuple(m.name for m in MILESTONES))
    assert completion(progress, MILESTONES) == (len(MILESTONES), len(MILESTONES))
    fewer = tuple(m for m in MILESTONES if m.kind != "exam")
    assert completion(progress, fewer) == (len(fewer), len(fewer))


def test_forget_removed_makes_room_at_the_cap() -> None:
    stale = tuple(f"Old milestone {i}" for i in range(MAX_DONE))
    full = Progress(done=stale)
    with pytest.raises(ValidationError, match="done"):
        mark_done(full, "Match Day", done=True)
    pruned = mark_done(forget_removed(full, MILESTONES), "Match Day", done=True)
    assert pruned.done == ("Match Day",)


@pytest.mark.parametrize(
    ("done", "message"),
    [
        (("Match Day", "Match Day"), "'Match Day' is listed twice"),
        (("",), "at least 1 character"),
        (("x" * 201,), "at most 200 characters"),
        (tuple(f"m{i}" for i in range(MAX_DONE + 1)), "at most 50 items"),
    ],
    ids=["duplicate", "empty-name", "name-too-long", "too-many"],
)
def test_bad_done_lists_are_rejected(done: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Progress(done=done)


def test_extra_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Progress.model_validate({"done": [], "practice_scores": [], "script": "<b>x</b>"})


# --- the trend and the gap against the standard in force (facts §2.1) ------------------------


def test_step2ck_225_on_10_jan_2026_is_7_above_218() -> None:
    trend = score_trend(log(score("2026-01-10", "step2ck", 225, "NBME 12")), "step2ck", TODAY)
    assert trend.standard == 218
    assert trend.standard_from == date(2025, 7, 1)
    assert trend.standard_source == "medvily-step2-218"
    assert trend.gap == 7
    assert trend.latest is not None
    assert trend.latest.form == "NBME 12"


@pytest.mark.parametrize(
    ("step", "today", "standard"),
    [
        ("step1", date(2026, 11, 26), 196),
        ("step1", date(2021, 6, 1), 194),
        ("step2ck", date(2026, 11, 26), 218),
        ("step2ck", date(2025, 6, 30), 214),
        ("step2ck", date(2025, 7, 1), 218),
        ("step3", date(2026, 11, 26), 200),
        ("step3", date(2023, 12, 31), 198),
    ],
    ids=[
        "step1-196-underlying",
        "step1-194-before-2022",
        "step2ck-218",
        "step2ck-214-day-before-change",
        "step2ck-218-from-1-jul-2025",
        "step3-200",
        "step3-198-before-2024",
    ],
)
def test_the_standard_is_the_one_in_force_today(step: StepId, today: date, standard: int) -> None:
    trend = score_trend(log(score(today - timedelta(days=30), step, 230)), step, today)
    assert trend.standard == standard
    assert trend.gap == 230 - standard


def test_an_older_score_is_read_against_todays_standard() -> None:
    """Taken under 214, but the coming exam is marked against 218: the gap is -2, not +2."""
    trend = score_trend(log(score("2025-03-01", "step2ck", 216)), "step2ck", TODAY)
    assert (trend.standard, trend.gap) == (218, -2)


def test_trend_orders_by_date_and_averages_the_last_three() -> None:
    progress = log(
        score("2026-10-01", "step2ck", 230),
        score("2026-06-01", "step2ck", 200),
        score("2026-08-01", "step2ck", 215),
        score("2026-09-01", "step2ck", 221),
        score("2026-09-15", "step3", 190),
    )
    trend = score_trend(progress, "step2ck", TODAY)
    assert [p.score for p in trend.points] == [200, 215, 221, 230]
    assert [p.gap for p in trend.points] == [-18, -3, 3, 12]
    assert trend.gap == 12
    assert trend.recent_count == 3
    assert trend.recent_average == pytest.approx((215 + 221 + 230) / 3)
    assert trend.recent_gap == pytest.approx((215 + 221 + 230) / 3 - 218)


def test_same_day_scores_take_the_one_logged_last_as_latest() -> None:
    progress = log(score("2026-10-01", "step3", 199), score("2026-10-01", "step3", 207))
    assert score_trend(progress, "step3", TODAY).gap == 7


def test_a_step_without_scores_has_no_gap() -> None:
    trend = score_trend(log(score("2026-10-01", "step3", 207)), "step2ck", TODAY)
    assert trend.points == ()
    assert trend.latest is None
    assert trend.gap is None
    assert trend.recent_average is None
    assert trend.standard == 218


def test_steps_with_scores_come_in_exam_order() -> None:
    progress = log(score("2026-10-01", "step3", 207), score("2026-09-01", "step1", 200))
    assert steps_with_scores(progress) == ("step1", "step3")
    assert steps_with_scores(Progress()) == ()


def test_step1_is_marked_pass_fail_with_its_underlying_standard() -> None:
    trend = score_trend(log(score("2026-10-01", "step1", 190)), "step1", TODAY)
    assert trend.pass_fail_only
    assert (trend.standard, trend.gap) == (196, -6)
    assert not score_trend(log(score("2026-10-01", "step3", 190)), "step3", TODAY).pass_fail_only


@pytest.mark.parametrize(
    ("value", "zone"),
    [(217, False), (218, True), (228, True), (229, False)],
    ids=["R-22-below-standard", "R-22-at-standard", "R-22-ten-above", "R-22-eleven-above"],
)
def test_step2ck_low_pass_zone_follows_r01_r22(value: int, zone: bool) -> None:
    trend = score_trend(log(score("2026-10-01", "step2ck", value)), "step2ck", TODAY)
    assert trend.low_pass_margin == 10
    assert trend.in_low_pass_zone is zone


def test_low_pass_zone_is_only_for_step2ck() -> None:
    trend = score_trend(log(score("2026-10-01", "step3", 201)), "step3", TODAY)
    assert trend.low_pass_margin is None
    assert not trend.in_low_pass_zone


practice_scores = st.builds(
    PracticeScore,
    taken_on=st.dates(min_value=date(2020, 1, 1), max_value=TODAY),
    step=st.sampled_from(STEPS),
    score=st.integers(min_value=1, max_value=300),
    form=st.text(max_size=20).map(str.strip),
)


@settings(max_examples=200, deadline=None)  # a loaded CI machine must not fail on timing
@given(scores=st.lists(practice_scores, max_size=40), step=st.sampled_from(STEPS))
def test_gap_is_always_latest_minus_the_standard(scores: list[PracticeScore], step: StepId) -> None:
    trend = score_trend(Progress(practice_scores=tuple(scores)), step, TODAY)
    mine = [s for s in scores if s.step == step]
    if not mine:
        assert trend.gap is None
        return
    last_day = max(s.taken_on for s in mine)
    latest = [s for s in mine if s.taken_on == last_day][-1]
    assert trend.gap == latest.score - trend.standard
    assert [p.taken_on for p in trend.points] == sorted(p.taken_on for p in trend.points)
    assert len(trend.points) == len(mine)
    assert trend.recent_count == min(3, len(mine))


# --- the log: rows validated as a whole, problems named by row and field ----------------------


def test_rows_become_scores_in_date_order() -> None:
    scores, problems = scores_from_rows(
        [row("2026-10-01", value=230, form="NBME 13"), row(date(2026, 9, 1), value=221.0)],
        TODAY,
    )
    assert problems == ()
    assert [(s.taken_on, s.score, s.form) for s in scores] == [
        (date(2026, 9, 1), 221, ""),
        (date(2026, 10, 1), 230, "NBME 13"),
    ]


def test_blank_rows_are_skipped() -> None:
    scores, problems = scores_from_rows([row(None, None, None, None), row(TODAY)], TODAY)
    assert problems == ()
    assert len(scores) == 1


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (row(TODAY + timedelta(days=1)), "taken_on", "Date taken (27 Nov 2026) is in the future"),
        (row(TODAY, value=301), "score", "Score (301) must be between 1 and 300"),
        (row(TODAY, value=0), "score", "Score (0) must be between 1 and 300"),
        (row(TODAY, value=220.5), "score", "Score (220.5) must be a whole number"),
        (row(TODAY, value=None), "score", "Score is missing"),
        (row(None), "taken_on", "Date taken is missing"),
        (row(TODAY, step="step4"), "step", "Step must be one of Step 1, Step 2 CK, Step 3"),
        (row(TODAY, form="x" * 81), "form", "Form: String should have at most 80 characters"),
    ],
    ids=[
        "future-date",
        "score-above-300",
        "score-zero",
        "score-fraction",
        "score-missing",
        "date-missing",
        "unknown-step",
        "form-too-long",
    ],
)
def test_bad_rows_are_named_by_row_and_field(bad: dict[str, Any], field: str, message: str) -> None:
    good = row("2026-10-01")
    scores, problems = scores_from_rows([good, bad], TODAY)
    assert scores == (), "one bad row means nothing is saved"
    assert [(p.row, p.field) for p in problems] == [(2, field)]
    assert problems[0].text().startswith(f"Row 2 – {message}")


def test_every_bad_row_is_reported() -> None:
    rows = [row(TODAY, value=400), row("2026-10-01"), row(TODAY + timedelta(days=3))]
    _, problems = scores_from_rows(rows, TODAY)
    assert [p.row for p in problems] == [1, 3]


def test_the_log_is_capped() -> None:
    rows = [row(None, None, None, None)] + [row(TODAY - timedelta(days=i)) for i in range(201)]
    scores, problems = scores_from_rows(rows, TODAY)
    assert scores == ()
    assert [p.text() for p in problems] == [
        "Row 202 – The log holds at most 200 scores; remove older ones"
    ]


@pytest.mark.parametrize("value", [0, 301, -5], ids=["zero", "above-300", "negative"])
def test_out_of_range_scores_are_rejected_naming_the_field(value: int) -> None:
    with pytest.raises(ValidationError) as caught:
        score(TODAY, "step2ck", value)
    assert caught.value.errors()[0]["loc"] == ("score",)


def test_with_scores_replaces_the_log_and_keeps_the_ticks() -> None:
    progress = Progress(done=("Match Day",), practice_scores=(score("2026-01-01", "step3", 190),))
    new = with_scores(progress, [score("2026-02-01", "step3", 205)])
    assert new.done == ("Match Day",)
    assert [s.score for s in new.practice_scores] == [205]


# --- the figure -------------------------------------------------------------------------------


def as_date(value: Any) -> date:
    return datetime.fromisoformat(str(value)).date()


@pytest.mark.parametrize("step", STEPS, ids=[STEP_LABELS[s] for s in STEPS])
def test_trend_chart_draws_scores_on_dates_and_the_standard_line(step: StepId) -> None:
    progress = log(
        score("2026-08-01", step, 205, "NBME 10"),
        score("2026-09-01", step, 214, "NBME 11"),
        score("2026-10-01", step, 225, "NBME 12"),
    )
    trend = score_trend(progress, step, TODAY)
    fig = score_trend_chart(trend)
    assert isinstance(fig, go.Figure)
    (line,) = fig.data
    assert line.mode == "lines+markers"
    assert [as_date(x) for x in line.x] == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    assert list(line.y) == [205, 214, 225]
    assert fig.layout.xaxis.type == "date"
    (standard,) = fig.layout.shapes
    assert standard.y0 == standard.y1 == trend.standard
    assert standard.line.dash == "dash"
    texts = [str(a.text) for a in fig.layout.annotations]
    assert any(t.endswith(f"standard {trend.standard}") for t in texts), texts
    gap = 225 - trend.standard
    assert any(f"{gap:+d} above the standard" in t for t in texts), texts
    low, high = fig.layout.yaxis.range
    assert low < min(205, trend.standard)
    assert high > max(225, trend.standard)


def test_trend_chart_of_step2ck_225_marks_plus_7_against_218() -> None:
    fig = score_trend_chart(score_trend(log(score("2026-01-10", "step2ck", 225)), "step2ck", TODAY))
    assert fig.layout.shapes[0].y0 == 218
    texts = [str(a.text) for a in fig.layout.annotations]
    assert "Passing standard 218" in texts
    assert "<b>+7 above the standard</b>" in texts
    assert "Step 2 CK" in str(fig.layout.title.text)


def test_trend_chart_names_a_gap_below_and_step1_s_underlying_standard() -> None:
    fig = score_trend_chart(score_trend(log(score("2026-10-01", "step1", 190)), "step1", TODAY))
    texts = [str(a.text) for a in fig.layout.annotations]
    assert "Underlying passing standard 196" in texts
    assert "<b>-6 below the standard</b>" in texts


def test_milestones_used_here_have_unique_names() -> None:
    """Ticks are stored by name, so two milestones with one name would tick together."""
    names = [m.name for m in MILESTONES]
    assert len(names) == len(set(names))
    assert all(isinstance(m, Milestone) for m in MILESTONES)


# --- the page (AppTest): ticks reach the stored Progress, the gap reaches the metric ----------

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
PAGE = "app_pages/progress.py"


def progress_page(stored: Progress | None = None) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    if stored is not None:  # seed the one plan the session holds
        box = app.session_state["plan_box"]
        box.plan = box.plan.model_copy(update={"progress": stored})
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def stored_progress(app: AppTest) -> Progress:
    return plan_of(app).progress


def test_page_ticking_a_milestone_stores_it_and_moves_the_bar() -> None:
    app = progress_page()
    # 12 cycle and exam milestones and the 2 SOAP items before Match Week
    assert "**0 of 14** milestones done" in str(app.get("progress")[0].proto.text)
    widget(app, "checkbox", "progress_done_match_day").check().run()
    assert not app.exception
    assert stored_progress(app).done == ("Match Day",)
    assert "**1 of 14** milestones done" in str(app.get("progress")[0].proto.text)
    widget(app, "checkbox", "progress_done_match_day").uncheck().run()
    assert stored_progress(app).done == ()


def test_page_shows_the_gap_for_each_step_with_scores() -> None:
    today = date.fromisoformat(APP_TODAY)
    stored = log(
        score(today - timedelta(days=20), "step2ck", 215, "NBME 11"),
        score(today - timedelta(days=10), "step2ck", 225, "NBME 12"),
        score(today - timedelta(days=5), "step3", 195),
    )
    app = progress_page(stored)
    metrics = {(m.label, m.value) for m in app.metric}
    assert ("Gap to the passing standard", "+7") in metrics  # Step 2 CK: 225 - 218
    assert ("Gap to the passing standard", "-5") in metrics  # Step 3: 195 - 200
    assert ("Passing standard", "218") in metrics
    warnings = " ".join(str(w.value) for w in app.warning)
    assert "very low pass" in warnings  # 225 passes by 7: still a very low pass
    assert "R-01" not in warnings  # rule ids only with details on (issue 12)
    assert "5 points below the passing standard" in warnings
    assert any("medvily" in str(c.value).lower() for c in app.caption)


def test_page_user_text_in_a_form_name_is_escaped() -> None:
    taken = date.fromisoformat(APP_TODAY) - timedelta(days=1)
    app = progress_page(log(score(taken, "step3", 210, "**bold** [x](y)")))
    helps = [str(m.proto.help) for m in app.metric if m.label == "Latest practice score"]
    assert helps == [r"\*\*bold\*\* \[x\]\(y\), taken " + f"{taken:%d %b %Y}"]


def test_loading_another_applicant_clears_the_progress() -> None:
    app = progress_page(Progress(done=("Match Day",)))
    assert widget(app, "checkbox", "progress_done_match_day").value is True
    app.button(key="sidebar_load_example").click().run()
    assert not app.exception
    assert stored_progress(app) == Progress()
    assert widget(app, "checkbox", "progress_done_match_day").value is False
