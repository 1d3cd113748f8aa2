"""Figure tests for the Timeline page: the Gantt (R-39) and the interview-chance chart (R-32).

Checked on ``fig.data`` / ``fig.layout``: what the applicant sees is one bar
per milestone on real calendar dates, deadlines as vertical lines, missed
milestones hatched and named, and the plan's report dates on the R-32 curve.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import plotly.graph_objects as go
import pytest

from matchplan.examples import example_profile
from matchplan.figure_data import figure_rows, figure_summary
from matchplan.figure_kit import TITLE_WIDTH
from matchplan.timeline import Timeline, TimelinePlan, build_timeline, default_plan
from matchplan.timeline_charts import chance_chart, gantt_chart
from tests.strategies import TODAY

EXAMPLE = example_profile(TODAY)
REVIEW = date(2027, 9, 22)  # 2028 Match, estimated
ROL_DEADLINE = date(2028, 3, 1)
MATCH_DAY = date(2028, 3, 17)
MISSED_WORDS = "misses its deadline"


def timeline_with(**changes: Any) -> Timeline:
    plan = default_plan(EXAMPLE, TODAY).model_dump()
    return build_timeline(EXAMPLE, TimelinePlan.model_validate({**plan, **changes}), TODAY)


ON_TIME = timeline_with()
# Step 3 on 10 Sep 2027 reports 13 Oct; letters asked 10 Sep, after submission opened.
LATE = timeline_with(exam_date=date(2027, 9, 10), letter_request_date=date(2027, 9, 10))


def as_date(value: Any) -> date:
    return datetime.fromisoformat(str(value)).date()


def bars(fig: go.Figure) -> dict[str, tuple[date, date, str]]:
    """Milestone name -> (bar start, bar end, the bar's kind), from the figure alone.

    Read the way the browser tests and the benchmark read it: every trace's ``y``
    scanned for the name, the start at the same index in ``base``.
    """
    out: dict[str, tuple[date, date, str]] = {}
    for trace in fig.data:
        kinds = list(trace.text) if trace.text is not None else [""] * len(trace.y)
        for name, base, width_ms, kind in zip(trace.y, trace.base, trace.x, kinds, strict=True):
            start = as_date(base)
            end = start + timedelta(milliseconds=float(width_ms))
            assert str(name) not in out, f"{name} drawn twice"
            out[str(name)] = (start, end, str(kind))
    return out


def line_labels(fig: go.Figure) -> list[Any]:
    """The deadline lines' labels: the annotations placed at a date."""
    return [a for a in fig.layout.annotations if a.xref == "x"]


# --- the Gantt -----------------------------------------------------------------------------


@pytest.mark.parametrize("timeline", [ON_TIME, LATE], ids=["R-39-on-time", "R-39-late"])
def test_gantt_has_one_bar_per_milestone_on_real_dates(timeline: Timeline) -> None:
    fig = gantt_chart(timeline, TODAY)
    drawn = bars(fig)
    assert sorted(drawn) == sorted(m.name for m in timeline.milestones)
    assert all(trace.orientation == "h" for trace in fig.data)
    assert fig.layout.xaxis.type == "date"
    for milestone in timeline.milestones:
        start, end, _ = drawn[milestone.name]
        assert start == milestone.start, milestone.name
        assert start.year in {2026, 2027, 2028}  # never 1970: dates, not integers
        if (milestone.end - milestone.start).days >= 3:
            assert end == milestone.end, milestone.name
        else:  # a one-day event gets a short but visible bar
            assert milestone.end <= end <= milestone.start + timedelta(days=3)


def test_gantt_example_bars_read_as_the_plan() -> None:
    drawn = bars(gantt_chart(ON_TIME, TODAY))
    assert drawn["Step 3 study block"][:2] == (date(2027, 4, 12), date(2027, 7, 28))
    assert drawn["Interview season"][:2] == (date(2027, 10, 1), date(2028, 1, 31))
    assert drawn["Match Day"][0] == MATCH_DAY


def test_gantt_lists_tasks_top_down() -> None:
    fig = gantt_chart(ON_TIME, TODAY)
    assert fig.layout.yaxis.autorange == "reversed"


def test_gantt_vertical_lines_at_today_review_rank_list_and_match_day() -> None:
    fig = gantt_chart(ON_TIME, TODAY)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [as_date(s.x0) for s in lines] == [TODAY, REVIEW, ROL_DEADLINE, MATCH_DAY]
    assert all(s.x0 == s.x1 for s in lines)  # vertical
    labels = {as_date(a.x): a.text for a in line_labels(fig)}
    assert labels == {
        TODAY: f"Today {TODAY:%d %b}",
        REVIEW: f"Programs review {REVIEW:%d %b}",
        ROL_DEADLINE: f"Rank list deadline {ROL_DEADLINE:%d %b}",
        MATCH_DAY: f"Match Day {MATCH_DAY:%d %b}",
    }


def test_gantt_line_labels_each_have_their_own_line_so_close_dates_never_overlap() -> None:
    """Issue 12: "Rank list deadline" and "Match Day" are 16 days apart and overlapped."""
    fig = gantt_chart(ON_TIME, TODAY)
    labels = line_labels(fig)
    shifts = [a.yshift for a in labels]
    assert len(set(shifts)) == len(labels) == 4
    assert min(abs(a - b) for a in shifts for b in shifts if a != b) >= 14  # 12 px text
    assert all(a.textangle is None for a in labels)  # level, not slanted
    assert fig.layout.margin.t >= max(shifts) + 30  # room above the plot for all of them
    by_text = {a.text.rsplit(" ", 2)[0]: a for a in labels}
    assert by_text["Today"].xanchor == "left"
    assert by_text["Match Day"].xanchor == "right"  # never past the chart's right edge


def test_gantt_names_sit_above_their_bars_in_tall_rows() -> None:
    """Issue 12: on a phone the names took half the width and the rows were squeezed."""
    fig = gantt_chart(ON_TIME, TODAY)
    assert fig.layout.yaxis.showticklabels is False
    names = [a for a in fig.layout.annotations if a.yref == "y"]
    assert [a.text for a in names] == [m.name for m in ON_TIME.milestones]
    assert all(a.xref == "paper" and a.x == 0 and a.xanchor == "left" for a in names)
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_height / len(ON_TIME.milestones) >= 40
    assert all(trace.width <= 0.4 for trace in fig.data)  # the name has room above the bar
    key = fig.layout.annotations[-1]  # the colour key, under the month labels
    assert (key.yref, key.y, key.yanchor) == ("paper", 0, "top")
    assert key.yshift < 0


def test_gantt_today_line_follows_today() -> None:
    other_today = date(2026, 12, 3)
    timeline = build_timeline(EXAMPLE, default_plan(EXAMPLE, other_today), other_today)
    fig = gantt_chart(timeline, other_today)
    assert as_date(fig.layout.shapes[0].x0) == other_today


def test_gantt_missed_milestones_are_hatched_and_named() -> None:
    missed = {m.name for m in LATE.milestones if m.missed}
    assert missed == {
        "Letter requests to uploaded letters",
        "Step 3 score reported (typical to safe)",
    }
    fig = gantt_chart(LATE, TODAY)
    (trace,) = fig.data
    shapes = list(trace.marker.pattern.shape)
    hatched = {str(name) for name, shape in zip(trace.y, shapes, strict=True) if shape == "x"}
    named = {name for name, (_, _, kind) in bars(fig).items() if MISSED_WORDS in kind}
    labelled = {
        str(a.y) for a in fig.layout.annotations if a.yref == "y" and MISSED_WORDS in a.text
    }
    assert hatched == named == labelled == missed
    assert MISSED_WORDS in fig.layout.annotations[-1].text  # the colour key explains hatching


def test_gantt_on_time_plan_has_nothing_hatched() -> None:
    fig = gantt_chart(ON_TIME, TODAY)
    assert not any(MISSED_WORDS in kind for _, _, kind in bars(fig).values())
    assert not any(shape for t in fig.data for shape in t.marker.pattern.shape)
    assert MISSED_WORDS not in fig.layout.annotations[-1].text


# --- the interview-chance chart (R-32) -------------------------------------------------------


def test_chance_chart_step_line_has_the_r32_values() -> None:
    fig = chance_chart(ON_TIME)
    curve = fig.data[0]
    assert curve.line.shape == "hv"
    assert list(curve.y) == [100, 70, 40, 15, 15]
    assert [as_date(x) for x in curve.x] == [
        date(2027, 6, 2),
        date(2027, 9, 23),  # the day after review: "October" (70)
        date(2027, 11, 1),
        date(2027, 12, 1),
        date(2028, 1, 31),
    ]
    assert [as_date(s.x0) for s in fig.layout.shapes] == [REVIEW]


def test_chance_chart_marks_the_plans_typical_and_safe_reports() -> None:
    fig = chance_chart(ON_TIME)
    markers = fig.data[1]
    assert list(markers.text) == ["typical report", "safe report"]
    assert [as_date(x) for x in markers.x] == [date(2027, 8, 25), REVIEW]
    assert list(markers.y) == [100, 100]


def test_chance_chart_late_plan_markers_fall_on_the_curve() -> None:
    markers = chance_chart(LATE).data[1]
    assert [as_date(x) for x in markers.x] == [date(2027, 10, 13), date(2027, 11, 10)]
    assert list(markers.y) == [70, 40]


def test_moving_the_exam_later_moves_the_marker_and_lowers_it() -> None:
    earlier = chance_chart(timeline_with(exam_date=date(2027, 8, 25))).data[1]
    later = chance_chart(timeline_with(exam_date=date(2027, 10, 20))).data[1]
    assert as_date(earlier.x[0]) == REVIEW
    assert as_date(later.x[0]) == date(2027, 11, 17)
    assert (earlier.y[0], later.y[0]) == (100, 40)
    # ...and the exam bar moves on the Gantt too.
    assert bars(gantt_chart(timeline_with(exam_date=date(2027, 10, 20)), TODAY))["Step 3 exam"][
        0
    ] == date(2027, 10, 20)


def test_chance_chart_without_an_exam_has_only_the_curve() -> None:
    timeline = timeline_with(exam_step=None, exam_date=None)
    fig = chance_chart(timeline)
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == [100, 70, 40, 15, 15]


def test_gantt_data_table_gives_every_task_with_its_dates() -> None:
    """Issue 12: every chart's data one click away as a table."""
    rows = figure_rows(gantt_chart(ON_TIME, TODAY))
    by_item = {row["Item"]: row for row in rows}
    assert set(by_item) == {m.name for m in ON_TIME.milestones}
    for milestone in ON_TIME.milestones:
        row = by_item[milestone.name]
        assert row["From"] == milestone.start.isoformat()
        shown_end = max(milestone.end, milestone.start + timedelta(days=3))
        assert row["To"] == shown_end.isoformat()


def test_long_chart_titles_wrap_for_a_phone() -> None:
    fig = chance_chart(ON_TIME)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2
    assert all(len(line) <= TITLE_WIDTH for line in lines)
    assert " ".join(lines) == "Interview chance by when the score arrives (illustrative)"
    assert "Interview chance" in figure_summary(fig)
