"""Figure builders: plain results in, plotly figures out (no streamlit here).

One colour map for risk levels, from the Okabe-Ito colour-blind-safe palette;
every bar also carries its level as text, so colour is never the only cue.

The charts on live pages (Timeline, Programs, Risk, Overview) redraw on every
control move, so they are built lean with ``matchplan.figure_kit`` (issue 14);
``matchplan.figure_data`` turns any of them into a table.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from matchplan.assessment import LEVELS, Assessment
from matchplan.figure_kit import (
    FONT,
    PAD,
    axis,
    chart_title,
    lean_figure,
    legend_rows,
    line_px,
    nice_ceiling,
    text_px,
    title_lines,
    wrap_title,
)
from matchplan.programs import FeeBreakdown, ProgramPlan
from matchplan.reference import Level
from matchplan.textsafe import chart_safe

LEVEL_COLOURS: dict[Level, str] = {
    "low": "#009E73",  # bluish green
    "moderate": "#E69F00",  # orange
    "high": "#D55E00",  # vermillion
}


def risk_chart(result: Assessment, title: str = "Risk as programs read it") -> go.Figure:
    """Horizontal bars: each lens and the overall tier on a low / moderate / high scale."""
    rows = [(lens.lens.capitalize(), lens.level) for lens in result.lenses]
    rows.append(("Overall", result.overall))
    names = [name for name, _ in rows]
    levels = [level for _, level in rows]
    size = 14
    ticks = [level.capitalize() for level in LEVELS]
    bars = {
        "type": "bar",
        "x": [LEVELS.index(level) + 1 for level in levels],
        "y": names,
        "orientation": "h",
        "marker": {"color": [LEVEL_COLOURS[level] for level in levels]},
        "text": list(levels),
        "textposition": "inside",
        "insidetextanchor": "end",
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "name": "risk",
    }
    return lean_figure(
        [bars],
        {
            "title": chart_title(title),
            "xaxis": axis(
                range=[0, 3.05], tickvals=[1, 2, 3], ticktext=ticks, fixedrange=True, showgrid=True
            ),
            "yaxis": axis(autorange="reversed", fixedrange=True, showgrid=False),
            "height": 260,
            "margin": {
                "l": PAD + max(text_px(name, size) for name in names),
                "r": PAD + text_px(ticks[-1], size) // 2,  # the last tick centres on the edge
                "t": 40,
                "b": PAD + line_px(size),
            },
            "font": {"size": size},
            "showlegend": False,
        },
    )


# --- Programs: counts, fees and the list's mix (issue 4: R-50..R-54) -------------------------

PROGRAM_COLOURS: dict[str, str] = {
    "last_cycle": "#999999",  # grey
    "target": "#0072B2",  # blue
    "second": "#56B4E9",  # sky blue
    "what_if": "#CC79A7",  # reddish purple
    "transcript": "#E69F00",  # orange
    "range": "#000000",  # black
    "target_mix": "#999999",  # grey: the assumption the list is measured against
}
_SPECIALTY_SEQUENCE = ("#0072B2", "#56B4E9", "#009E73")
PROGRAM_FONT = 14


def program_figure(
    data: list[dict[str, Any]],
    title: str,
    height: int,
    *,
    left: int,
    bottom: int,
    right: int = 16,
    layout: dict[str, Any] | None = None,
) -> go.Figure:
    """The Programs charts' shared frame: a wrapped title, fixed margins, the legend below.

    ``left`` and ``bottom`` are the px the axis labels need; the legend (when any
    trace shows in it) gets rows enough for a phone, under the bottom labels.
    """
    size = PROGRAM_FONT
    wrapped = wrap_title(title)
    lines = title_lines(wrapped)
    names = [str(t["name"]) for t in data if t.get("showlegend", True) and t.get("name")]
    shown = (layout or {}).get("showlegend", True) and bool(names)
    legend_px = line_px(size, legend_rows(names, size)) + 6 if shown else 0
    top = 32 + 18 * lines
    total = height + 18 * (lines - 1) + legend_px
    plot = total - top - bottom - legend_px
    frame: dict[str, Any] = {
        "title": chart_title(wrapped),
        "height": total,
        "margin": {"l": left, "r": right, "t": top, "b": bottom + legend_px},
        "font": {"size": size},
        "legend": {
            "orientation": "h",
            "traceorder": "normal",
            "x": 0,
            "xanchor": "left",
            "y": -bottom / plot,  # just under the axis labels (paper coordinates)
            "yanchor": "top",
        },
    }
    return lean_figure(data, {**frame, **(layout or {})})


def value_axis_px(top_value: float) -> int:
    """Left margin for a vertical value axis: its widest tick and its rotated title."""
    return PAD + text_px(f"{top_value:,.0f}", PROGRAM_FONT) + 8 + line_px(PROGRAM_FONT)


def bar_trace(x: list[Any], y: list[Any], name: str, colour: str, **more: Any) -> dict[str, Any]:
    return {"type": "bar", "x": x, "y": y, "name": name, "marker": {"color": colour}, **more}


def _inside(values: list[int]) -> dict[str, Any]:
    return {
        "text": [str(v) for v in values],
        "textposition": "inside",
        "insidetextanchor": "middle",
    }


def program_count_chart(
    plan: ProgramPlan, what_if: int | None = None, title: str = "Programs: last cycle and plan"
) -> go.Figure:
    """R-50..R-52: last cycle's count beside the recommendation (split by specialty), with its
    range as an error bar, and an optional what-if count."""
    colours = PROGRAM_COLOURS
    data = [
        bar_trace(
            ["Last cycle"],
            [plan.last_cycle],
            "Last cycle",
            colours["last_cycle"],
            **_inside([plan.last_cycle]),
        )
    ]
    for part in plan.parts:
        count = part.count.recommended
        data.append(
            bar_trace(
                ["Recommended"],
                [count],
                f"{chart_safe(part.name)} (recommended)",
                colours[part.role],
                **_inside([count]),
            )
        )
    total = plan.total
    data.append(
        {
            "type": "scatter",
            "x": ["Recommended"],
            "y": [total.recommended],
            "mode": "markers",
            "name": f"Range {total.min}-{total.max}",
            "marker": {"color": colours["range"], "size": 9, "symbol": "diamond"},
            "error_y": {
                "type": "data",
                "symmetric": False,
                "array": [total.max - total.recommended],
                "arrayminus": [total.recommended - total.min],
                "color": colours["range"],
                "thickness": 2,
                "width": 14,
            },
            "hovertemplate": f"Recommended {total.recommended} (range {total.min}-{total.max})"
            "<extra></extra>",
        }
    )
    if what_if is not None:
        data.append(
            bar_trace(["What-if"], [what_if], "What-if", colours["what_if"], **_inside([what_if]))
        )
    top = nice_ceiling(max([plan.last_cycle, total.max, what_if or 0]) * 1.1)
    return program_figure(
        data,
        title,
        380,
        left=value_axis_px(top),
        bottom=PAD + line_px(PROGRAM_FONT),
        layout={
            "barmode": "stack",
            "yaxis": axis(title={"text": "Programs"}, range=[0, top], fixedrange=True),
            "xaxis": axis(fixedrange=True, showgrid=False),
        },
    )


def fee_chart(
    scenarios: list[tuple[str, FeeBreakdown]],
    title: str = "ERAS fees (US$)",
    order: list[str] | None = None,
) -> go.Figure:
    """R-54: stacked fees per specialty plus the transcript fee, one bar per scenario.

    ``order`` lists specialty ids first (the plan's target, then its second) so each
    keeps the colour it has in the program-count chart.
    """
    names = [label for label, _ in scenarios]
    found = {line.specialty_id: chart_safe(line.name) for _, b in scenarios for line in b.lines}
    ids = [i for i in (order or []) if i in found] + [i for i in found if i not in (order or [])]
    data: list[dict[str, Any]] = []
    for index, specialty_id in enumerate(ids):
        name = found[specialty_id]
        fees = [
            sum(line.fee for line in b.lines if line.specialty_id == specialty_id)
            for _, b in scenarios
        ]
        data.append(
            bar_trace(
                names,
                fees,
                name,
                _SPECIALTY_SEQUENCE[index % len(_SPECIALTY_SEQUENCE)],
                hovertemplate=f"{name}: $%{{y:,}}<extra></extra>",
            )
        )
    data.append(
        bar_trace(
            names,
            [b.transcript_fee for _, b in scenarios],
            "USMLE transcript",
            PROGRAM_COLOURS["transcript"],
            hovertemplate="Transcript: $%{y:,}<extra></extra>",
        )
    )
    data.append(
        {
            "type": "scatter",
            "x": names,
            "y": [b.total for _, b in scenarios],
            "mode": "text",
            "text": [f"${b.total:,}" for _, b in scenarios],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
            "name": "total",
        }
    )
    top = nice_ceiling(max([b.total for _, b in scenarios] + [1]) * 1.2)
    return program_figure(
        data,
        title,
        360,
        left=value_axis_px(top),
        bottom=PAD + line_px(PROGRAM_FONT),
        layout={
            "barmode": "stack",
            "yaxis": axis(title={"text": "US$"}, range=[0, top], fixedrange=True),
            "xaxis": axis(fixedrange=True, showgrid=False),
        },
    )


DOMAIN_COLOURS: dict[str, str] = {
    # Okabe-Ito; every bar also carries its hours as text, so colour is never the only cue
    "study": "#0072B2",  # blue
    "clinical": "#009E73",  # bluish green
    "research": "#56B4E9",  # sky blue
    "work": "#E69F00",  # orange
    "mentoring": "#CC79A7",  # reddish purple
    "rest": "#F0E442",  # yellow
    "open": "#BBBBBB",  # grey: unplanned
}


def week_hours_chart(
    hours: dict[str, float],
    labels: dict[str, str],
    needed_study_per_week: float | None = None,
    title: str = "Hours a week, by domain",
) -> go.Figure:
    """R-70: horizontal bars of weekly hours per domain, zero bars kept so a missing
    domain (no rest) shows; a dotted line marks the study hours a week the block needs."""
    domains = list(hours)
    values = [hours[d] for d in domains]
    names = [chart_safe(labels.get(d, d)) for d in domains]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker={"color": [DOMAIN_COLOURS.get(d, "#999999") for d in domains]},
            text=[f"{v:g} h" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:g} h a week<extra></extra>",
            name="hours",
        )
    )
    top = max([*values, needed_study_per_week or 0.0, 1.0])
    x_title = "Hours a week"
    if needed_study_per_week is not None:
        # named under the axis: a label beside the line ran into the bars' own labels
        fig.add_vline(x=needed_study_per_week, line={"dash": "dot", "color": "#1B2430", "width": 2})
        x_title += f"<br>dotted line: the study needed, {needed_study_per_week:.0f} h"
    fig.update_layout(
        title={"text": wrap_title(title), "x": 0},
        xaxis={"title": x_title, "range": [0, top * 1.25], "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": False},
        height=320,
        # fixed: charts are drawn without Streamlit's theme, which turned automargin on
        margin={
            "l": max(text_px(n, 14) for n in names) + PAD,
            "r": 30,
            "t": 60,
            "b": 40 + line_px(14, title_lines(x_title) - 1),
        },
        font={"family": FONT, "size": 14},
        showlegend=False,
    )
    return fig
