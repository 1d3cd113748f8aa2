"""The live charts are built lean (issue 14, "Live means live"), and stay readable.

A slider move redraws the Timeline, Programs, Risk and Overview charts, so each is
built from plain dicts without plotly's per-property validation, with fixed margins
(no axis automargin, margin autoexpand off: either makes Plotly lay a chart out and
draw it twice) and the Gantt as one trace. These tests pin those choices, check that
what the browser tests and the benchmark read (a bar found by its label, a trace by
its name) is still there, and validate every figure once, since building skips it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from matchplan import views_planning as views
from matchplan.charts import (
    fee_chart,
    program_count_chart,
    risk_chart,
)
from matchplan.examples import example_profile
from matchplan.figure_kit import nice_ceiling, scaled
from matchplan.mix_charts import division_chart, mix_chart
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.programs import ProgramRow
from matchplan.timeline_charts import KIND_COLOURS, chance_chart, date_range, gantt_chart
from ui import process

TODAY = date(2026, 12, 1)
ROWS = (
    ProgramRow(program="Mercy Community IM", state="OH", type="community", setting="suburban"),
    ProgramRow(program="Lakeside University IM", state="WA", type="university", setting="urban"),
)


def example(what_if: int | None = 60) -> PlanResult:
    plan = new_plan(example_profile(TODAY), TODAY)
    programs = plan.programs.model_copy(update={"what_if_count": what_if})
    return build_plan(plan.model_copy(update={"programs": programs, "program_list": ROWS}), TODAY)


RESULT = example()


def _mix() -> go.Figure:
    assert RESULT.mix is not None
    return mix_chart(RESULT.mix)


def _divisions() -> go.Figure:
    assert RESULT.mix is not None
    return division_chart(RESULT.mix)


LIVE: dict[str, Callable[[], go.Figure]] = {
    "gantt": lambda: gantt_chart(RESULT.timeline, TODAY),
    "chance": lambda: chance_chart(RESULT.timeline),
    "risk": lambda: risk_chart(RESULT.assessment),
    "count": lambda: program_count_chart(RESULT.programs, views.what_if_total(RESULT)),
    "fee": lambda: fee_chart(views.fee_scenarios(RESULT)),
    "mix": _mix,
    "divisions": _divisions,
}


@pytest.mark.parametrize("build", LIVE.values(), ids=list(LIVE))
def test_live_chart_has_fixed_margins_no_automargin_and_no_autoexpand(
    build: Callable[[], go.Figure],
) -> None:
    fig = build()
    assert fig.layout.margin.autoexpand is False
    assert all(getattr(fig.layout.margin, side) is not None for side in ("l", "r", "t", "b"))
    assert fig.layout.xaxis.automargin is False
    assert fig.layout.yaxis.automargin is False
    assert not fig.layout.title.automargin
    assert fig.layout.template.to_plotly_json() == {}  # the colours are the figure's own
    assert fig.layout.paper_bgcolor == fig.layout.plot_bgcolor == "#FFFFFF"


@pytest.mark.parametrize("build", LIVE.values(), ids=list(LIVE))
def test_live_chart_passes_plotlys_validation(build: Callable[[], go.Figure]) -> None:
    """Built without validation for speed, so every property is checked here instead."""
    go.Figure(build().to_dict())  # raises ValueError on any unknown property or bad value


def test_gantt_is_one_trace_and_the_exam_bar_is_found_by_its_label() -> None:
    """How tests/test_browser_timeline.py and bench/run.py find the exam bar."""
    fig = gantt_chart(RESULT.timeline, TODAY)
    assert len(fig.data) == 1
    planned = RESULT.timeline_plan.exam_date
    assert planned is not None
    found = [
        str(trace.base[list(trace.y).index("Step 3 exam")])[:10]
        for trace in fig.data
        if "Step 3 exam" in trace.y
    ]
    assert found == [planned.isoformat()]
    colours = dict(zip(fig.data[0].y, fig.data[0].marker.color, strict=True))
    assert colours["Step 3 exam"] == KIND_COLOURS["exam"]


def test_gantt_colour_key_names_every_kind_shown_in_lines_a_phone_fits() -> None:
    fig = gantt_chart(RESULT.timeline, TODAY)
    key = fig.layout.annotations[-1]
    shown = {m.kind for m in RESULT.timeline.milestones}
    for kind in shown:
        assert KIND_COLOURS[kind] in key.text
    plain = [line.split(">")[-1] for line in key.text.split("<br>")]
    assert all(len(line) <= 46 for line in plain)
    assert fig.layout.showlegend is False  # the key is text, never a legend that pushes margins


def test_chance_marker_and_what_if_bars_are_found_by_name() -> None:
    """What bench/run.py reads: 'This plan' on the chance chart, 'What-if' and 'total'."""
    exam = RESULT.timeline.exam
    assert exam is not None
    (plan,) = [t for t in chance_chart(RESULT.timeline).data if t.name == "This plan"]
    assert str(plan.x[0])[:10] == exam.report_typical.isoformat()
    assert plan.y[0] == exam.chance.value
    count = program_count_chart(RESULT.programs, views.what_if_total(RESULT))
    (bar,) = [t for t in count.data if t.name == "What-if"]
    assert bar.y[0] == views.what_if_total(RESULT)
    fees = fee_chart(views.fee_scenarios(RESULT))
    (totals,) = [t for t in fees.data if t.name == "total"]
    index = list(totals.x).index("What-if")
    assert RESULT.what_if_fees is not None
    assert totals.text[index] == f"${RESULT.what_if_fees.total:,}"


def test_program_legend_sits_below_the_axis_labels_inside_the_bottom_margin() -> None:
    fig = program_count_chart(RESULT.programs, 60)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    below_plot_px = -fig.layout.legend.y * plot
    assert fig.layout.legend.yanchor == "top"
    assert 20 <= below_plot_px < fig.layout.margin.b - 20  # under the ticks, above the edge


def test_screen_share_copy_grows_text_and_margins_and_leaves_the_original() -> None:
    fig = risk_chart(RESULT.assessment)
    bigger = scaled(fig, 1.35)
    assert bigger.layout.height == int(fig.layout.height * 1.35)
    assert bigger.layout.font.size == fig.layout.font.size + 4
    assert bigger.layout.margin.l > fig.layout.margin.l
    assert bigger.layout.margin.autoexpand is False
    assert fig.layout.font.size == 14  # the page's figure is untouched


def test_startup_objects_are_frozen_once_per_process() -> None:
    process.freeze_startup_objects()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    assert process.freeze_startup_objects() is False  # a rerun never freezes a session's objects
    assert gc.get_freeze_count() == frozen


def layout_at(**timeline: object) -> tuple[dict[str, object], dict[str, object]]:
    """The Gantt's and the chance chart's layouts for the example with timeline changes."""
    plan = new_plan(example_profile(TODAY), TODAY)
    moved = plan.model_copy(update={"timeline": plan.timeline.model_copy(update=timeline)})
    result = build_plan(moved, TODAY)
    return (
        gantt_chart(result.timeline, TODAY).layout.to_plotly_json(),
        chance_chart(result.timeline).layout.to_plotly_json(),
    )


def test_an_exam_date_move_inside_the_cycle_keeps_both_timeline_layouts() -> None:
    """Fixed date axes: moving the exam a few weeks earlier changes the bars and the
    marker only, so the browser takes Plotly.animate's path (ui/live_chart.py)."""
    planned = RESULT.timeline_plan.exam_date
    assert planned is not None
    before = layout_at(exam_date=planned)
    for weeks in (1, 2, 4):
        assert layout_at(exam_date=planned - timedelta(weeks=weeks)) == before


def test_date_axis_spans_every_date_with_room_either_side() -> None:
    first, last = date(2026, 12, 1), date(2028, 3, 17)
    start, end = (date.fromisoformat(day) for day in date_range([last, first]))
    assert start < first
    assert end > last
    assert (first - start).days == (end - last).days == round((last - first).days * 0.03)
    assert date_range([first]) == [(first - timedelta(days=1)).isoformat(), "2026-12-02"]


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (0.3, 0.3), (1, 1), (7, 8), (11, 12), (21, 25), (99, 100), (101, 120), (1032, 1200)],
)
def test_nice_ceiling_is_the_next_round_step(value: float, ceiling: float) -> None:
    assert nice_ceiling(value) == ceiling


def test_a_what_if_move_of_five_inside_one_axis_step_keeps_the_program_layouts() -> None:
    """The value axes end on a round number, so a what-if move that stays under it
    leaves the layout as it was (the browser moves the bars only)."""
    layouts = {
        what_if: (
            program_count_chart(example(what_if).programs, what_if).layout.to_plotly_json(),
            fee_chart(views.fee_scenarios(example(what_if))).layout.to_plotly_json(),
        )
        for what_if in (60, 65)
    }
    assert layouts[60] == layouts[65]
