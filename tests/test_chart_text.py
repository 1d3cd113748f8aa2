"""Issue 25, items 2 and 5: text from a plan or a data file is drawn in charts as text.

Plotly reads ``<a href>``, ``<span style>``, ``<b>``, ``<br>`` ... and HTML entities in
hover labels, text, trace names, annotations and category labels. Every figure builder
is given hostile text wherever it draws a value it did not write itself; no string in
the figure may then hold a tag, a ``url(`` inside a tag or a bidi control, the text
must be there escaped (so the user sees what was typed), and the chart's data table
(``figure_rows``) must show it as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan.charts import fee_chart, program_count_chart, risk_chart, week_hours_chart
from matchplan.figure_data import figure_rows, figure_summary
from matchplan.mix_charts import division_chart, mix_chart
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.programs import ProgramRow
from matchplan.progress import PracticeScore, Progress, score_trend
from matchplan.progress_charts import score_trend_chart
from matchplan.textsafe import BIDI_CONTROLS, chart_plain, chart_safe, without_bidi
from matchplan.timeline_charts import chance_chart, gantt_chart
from tests.strategies import TODAY, example_profile

RLO = "\u202e"
HOSTILE = (
    '<span style="background:url(http://evil.example/bg.png)">bg</span>',
    '<a href="http://evil.example/a">link</a>',
    "<b>bold</b><br><i>it</i><sup>1</sup><em>x</em>",
    "&lt;a href=x&gt;",
    "&#60;b&#62;",
    "A & B <",
    f"Dr Ann {RLO}wol :ksir llarevO",
)
"""Each fits a practice form (80 characters)."""
BUILDER_MARKUP = re.compile(
    r"<br>|</?b>|<extra></extra>|<span style=\"color:#[0-9A-F]{6};font-size:17px\">|</span>"
)
"""Markup the builders write themselves (line breaks, bold, the Gantt's colour key)."""


def strings(value: object) -> Iterator[str]:
    """Every string in a figure's JSON: data, layout, annotations, shapes."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def assert_inert(fig: go.Figure, *typed: str) -> None:
    """No tag but the builder's own, no bidi control; each typed text there, escaped."""
    found = list(strings(fig.to_plotly_json()))
    for text in found:
        rest = BUILDER_MARKUP.sub("", text)
        assert not {"<", ">"} & set(rest), text
        assert not set(text) & set(BIDI_CONTROLS), text
    joined = "\n".join(found)
    for text in typed:
        assert chart_safe(text) in joined, text


@pytest.fixture(scope="module")
def result() -> PlanResult:
    profile = example_profile()
    scores = tuple(
        PracticeScore(taken_on=date(2026, 5 + n, 1), step="step3", score=190 + n, form=form)
        for n, form in enumerate(HOSTILE)
    )
    programs = tuple(
        ProgramRow(program=f"P{n}", state=state, type="community", setting="urban")
        for n, state in enumerate(("NY", "CA", "TX"))
    )
    plan = new_plan(profile, TODAY).model_copy(
        update={"progress": Progress(practice_scores=scores), "program_list": programs}
    )
    return build_plan(plan, TODAY)


# --- the function -------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:24]))
def test_chart_safe_leaves_no_tag_and_undoes_to_the_text(text: str) -> None:
    out = chart_safe(text)
    assert not {"<", ">"} & set(out)
    assert re.sub("&(amp|lt|gt);", "", out).count("&") == 0  # no entity but its own
    assert not set(out) & set(BIDI_CONTROLS)
    assert chart_plain(out) == without_bidi(text)


@given(
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)), max_size=10).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_chart_safe_any_text_is_tagless_and_round_trips(text: str) -> None:
    out = chart_safe(text)
    assert not {"<", ">"} & set(out)
    assert chart_plain(out) == without_bidi(text)


def test_chart_safe_limit_puts_text_on_one_capped_line() -> None:
    assert chart_safe("<b>\n" + "x" * 100, limit=10) == "&lt;b&gt; xxxxx…"
    assert chart_safe("a & b", limit=60) == "a &amp; b"


def test_chart_safe_is_one_pass_over_30k_characters() -> None:
    text = "<&>" * 10_000 + RLO * 1000
    out = chart_safe(text)
    assert out == "&lt;&amp;&gt;" * 10_000
    assert chart_plain(out) == "<&>" * 10_000


# --- every figure with hostile text ------------------------------------------------------


def test_progress_chart_hover_shows_each_form_as_text(result: PlanResult) -> None:
    trend = score_trend(result.plan.progress, "step3", TODAY)
    fig = score_trend_chart(trend)
    assert_inert(fig, *HOSTILE)
    forms = [row[0] for row in fig.data[0].customdata]
    assert forms == [chart_safe(form) for form in HOSTILE]
    assert "%{customdata[0]}" in fig.data[0].hovertemplate


def test_gantt_names_are_text_in_bars_labels_and_table(result: PlanResult) -> None:
    timeline = result.timeline
    first, *rest = timeline.milestones
    hostile = first.model_copy(update={"name": HOSTILE[0]})
    fig = gantt_chart(timeline.model_copy(update={"milestones": (hostile, *rest)}), TODAY)
    assert_inert(fig, HOSTILE[0])
    assert fig.data[0].y[0] == chart_safe(HOSTILE[0])
    assert fig.layout.yaxis.categoryarray[0] == chart_safe(HOSTILE[0])
    row_label = next(a for a in fig.layout.annotations if a.yref == "y" and a.y == fig.data[0].y[0])
    assert row_label.text.startswith(chart_safe(HOSTILE[0]))
    assert figure_rows(fig)[0]["Item"] == HOSTILE[0]  # the table: as typed


def test_program_and_fee_charts_name_specialties_as_text(result: PlanResult) -> None:
    programs = result.programs
    part = programs.parts[0].model_copy(update={"name": HOSTILE[1]})
    counts = program_count_chart(programs.model_copy(update={"parts": (part,)}))
    assert_inert(counts, HOSTILE[1])
    assert figure_rows(counts)[1]["Series"] == f"{HOSTILE[1]} (recommended)"

    fees = result.fees
    line = fees.lines[0].model_copy(update={"name": HOSTILE[6]})
    chart = fee_chart([("Recommended", fees.model_copy(update={"lines": (line,)}))])
    assert_inert(chart, HOSTILE[6])
    assert chart.data[0].name == chart_safe(HOSTILE[6])
    assert chart.data[0].hovertemplate.startswith(chart_safe(HOSTILE[6]))
    assert figure_rows(chart)[0]["Series"] == without_bidi(HOSTILE[6])


def test_mix_and_division_charts_draw_category_labels_as_text(result: PlanResult) -> None:
    mix = result.mix
    assert mix is not None
    (_, count), *others = mix.divisions
    hostile = mix.model_copy(update={"divisions": ((HOSTILE[2], count), *others)})
    divisions = division_chart(hostile)
    assert_inert(divisions, HOSTILE[2])
    assert figure_rows(divisions)[0]["x"] == HOSTILE[2]
    assert_inert(mix_chart(mix))


def test_week_chart_labels_are_text(result: PlanResult) -> None:
    fig = week_hours_chart({"study": 20.0, "rest": 5.0}, {"study": HOSTILE[3], "rest": HOSTILE[5]})
    assert_inert(fig, HOSTILE[3], HOSTILE[5])
    assert [row["Item"] for row in figure_rows(fig)] == [HOSTILE[3], HOSTILE[5]]


def test_charts_without_user_text_keep_their_own_markup(result: PlanResult) -> None:
    for fig in (risk_chart(result.assessment), chance_chart(result.timeline)):
        assert_inert(fig)
    assert "<br>" in str(gantt_chart(result.timeline, TODAY).layout.annotations[-1].text)


def test_figure_table_keeps_a_typed_line_break_as_text() -> None:
    fig = go.Figure(go.Bar(x=[1], y=[chart_safe("a<br>b & c")], orientation="h"))
    fig.update_layout(title={"text": "Two<br>lines"})
    assert figure_rows(fig) == [{"Series": "", "Item": "a<br>b & c", "Value": "1"}]
    assert figure_summary(fig) == "Two lines"
