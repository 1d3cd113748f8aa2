"""Figure builders: plain results in, plotly figures out (no streamlit here).

One colour map for risk levels, from the Okabe-Ito colour-blind-safe palette;
every bar also carries its level as text, so colour is never the only cue.

The charts on live pages (Timeline, Programs, Risk, Overview) redraw on every
control move, so they are built lean (issue 14): plain dicts without plotly's
per-property validation (``lean_figure``), margins fixed here from the labels'
lengths with no axis automargin and no margin autoexpand (either makes Plotly
lay a chart out and draw it twice in the browser), and legends placed inside
those margins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from matchplan.assessment import LEVELS, Assessment
from matchplan.programs import FeeBreakdown, ListMix, ProgramPlan
from matchplan.reference import Level

LEVEL_COLOURS: dict[Level, str] = {
    "low": "#009E73",  # bluish green
    "moderate": "#E69F00",  # orange
    "high": "#D55E00",  # vermillion
}
FONT = "sans-serif"
TEXT_COLOUR = "#1B2430"
GRID_COLOUR = "#E3E8EF"
PAPER_COLOUR = "#FFFFFF"
"""Charts draw on white in either app theme: their colours are set here, not by Streamlit."""


TITLE_WIDTH = 34
"""Characters a chart title's line holds before it wraps: a 390 px phone shows about 36."""
CHAR_EM = 0.6
"""A sans-serif character's mean width, in ems: a generous estimate, so labels fit."""
LINE_EM = 1.4
"""A line of text's height, in ems."""
PAD = 10
"""px between a chart's labels and the edge of the figure."""
PHONE_PLOT_PX = 300
"""Width a legend can count on: a 390 px phone's chart, less the page's padding."""


def wrap_title(text: str, width: int = TITLE_WIDTH) -> str:
    """A chart title broken into lines at word boundaries (plotly never wraps titles)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def title_lines(text: str) -> int:
    return text.count("<br>") + 1


def text_px(text: object, size: float) -> int:
    """The width a label needs at a font size (an estimate erring wide)."""
    return math.ceil(len(str(text)) * size * CHAR_EM)


def line_px(size: float, lines: int = 1) -> int:
    return math.ceil(size * LINE_EM * lines)


def legend_rows(names: Sequence[str], size: float, width: int = PHONE_PLOT_PX) -> int:
    """Rows a horizontal legend takes on a phone (symbol and gap ~40 px an entry)."""
    rows, used = 1, 0
    for name in names:
        entry = 40 + text_px(name, size)
        if used and used + entry > width:
            rows, used = rows + 1, 0
        used += entry
    return rows


def axis(**settings: Any) -> dict[str, Any]:
    """An axis with the app's colours and no automargin (the margins are fixed)."""
    return {
        "automargin": False,
        "gridcolor": GRID_COLOUR,
        "zerolinecolor": GRID_COLOUR,
        "linecolor": GRID_COLOUR,
        "tickfont": {"color": TEXT_COLOUR},
        **settings,
    }


def lean_figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain dicts, without plotly's per-property validation.

    Validating every property cost 10-20 ms a chart on each slider move; the tests
    validate every builder's output once instead (``tests/test_lean_figures.py``).
    The figure carries its own colours and an empty template, so it looks the same in
    Streamlit with ``theme=None``, in the handout and in any default template.
    Margins never autoexpand: every builder sets them.
    """
    base: dict[str, Any] = {
        "template": {},
        "font": {"family": FONT, "color": TEXT_COLOUR},
        "paper_bgcolor": PAPER_COLOUR,
        "plot_bgcolor": PAPER_COLOUR,
        "hoverlabel": {"bgcolor": PAPER_COLOUR, "font": {"color": TEXT_COLOUR}},
    }
    merged = {**base, **layout}
    merged["font"] = {**base["font"], **layout.get("font", {})}
    merged["margin"] = {**layout.get("margin", {}), "autoexpand": False}
    return go.Figure({"data": data, "layout": merged}, _validate=False)


TITLE_FONT = 16
TITLE_FAMILY = '"Source Sans", sans-serif'
"""Streamlit's own heading face (served with the page); plain sans-serif elsewhere."""


def chart_title(text: str, **settings: Any) -> dict[str, Any]:
    """A chart's title: left-aligned, bold and 16 px, as Streamlit's own chart theme drew it."""
    font = {"size": TITLE_FONT, "weight": "bold", "family": TITLE_FAMILY}
    return {"text": text, "x": 0, "xanchor": "left", "font": font, **settings}


def scaled(fig: go.Figure, scale: float, grow: int = 4) -> go.Figure:
    """A copy for screen sharing: taller, the text ``grow`` px larger, margins to match.

    The margins hold labels, so they grow with the text; a legend placed below the
    plot (paper coordinates) keeps its distance from the tick labels.
    """
    layout = fig.layout
    size = layout.font.size if layout.font and layout.font.size else 13
    ratio = (size + grow) / size
    height = layout.height or 400
    margin = layout.margin
    old = {side: getattr(margin, side) or 0 for side in ("l", "r", "t", "b")}
    new = {side: math.ceil(value * ratio) for side, value in old.items()}
    new_height = int(height * scale)
    update: dict[str, Any] = {
        "height": new_height,
        "font": {"size": size + grow},
        "title": {"font": {"size": (layout.title.font.size or TITLE_FONT) + grow}},
        "margin": new,
    }
    legend_y = layout.legend.y if layout.legend else None
    if legend_y is not None and legend_y < 0 and layout.legend.yref in (None, "paper"):
        old_plot = height - old["t"] - old["b"]
        new_plot = new_height - new["t"] - new["b"]
        update["legend"] = {"y": legend_y * ratio * old_plot / new_plot}
    return go.Figure(fig.to_dict(), _validate=False).update_layout(update)


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


def _program_figure(
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


def _value_axis_px(top_value: float) -> int:
    """Left margin for a vertical value axis: its widest tick and its rotated title."""
    return PAD + text_px(f"{top_value:,.0f}", PROGRAM_FONT) + 8 + line_px(PROGRAM_FONT)


def _bar(x: list[Any], y: list[Any], name: str, colour: str, **more: Any) -> dict[str, Any]:
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
        _bar(
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
            _bar(
                ["Recommended"],
                [count],
                f"{part.name} (recommended)",
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
            _bar(["What-if"], [what_if], "What-if", colours["what_if"], **_inside([what_if]))
        )
    top = max([plan.last_cycle, total.max, what_if or 0])
    return _program_figure(
        data,
        title,
        380,
        left=_value_axis_px(top * 1.2),
        bottom=PAD + line_px(PROGRAM_FONT),
        layout={
            "barmode": "stack",
            "yaxis": axis(title={"text": "Programs"}, rangemode="tozero", fixedrange=True),
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
    found = {line.specialty_id: line.name for _, b in scenarios for line in b.lines}
    ids = [i for i in (order or []) if i in found] + [i for i in found if i not in (order or [])]
    data: list[dict[str, Any]] = []
    for index, specialty_id in enumerate(ids):
        name = found[specialty_id]
        fees = [
            sum(line.fee for line in b.lines if line.specialty_id == specialty_id)
            for _, b in scenarios
        ]
        data.append(
            _bar(
                names,
                fees,
                name,
                _SPECIALTY_SEQUENCE[index % len(_SPECIALTY_SEQUENCE)],
                hovertemplate=f"{name}: $%{{y:,}}<extra></extra>",
            )
        )
    data.append(
        _bar(
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
    top = max([b.total for _, b in scenarios] + [1])
    return _program_figure(
        data,
        title,
        360,
        left=_value_axis_px(top * 1.2),
        bottom=PAD + line_px(PROGRAM_FONT),
        layout={
            "barmode": "stack",
            "yaxis": axis(title={"text": "US$"}, range=[0, top * 1.2], fixedrange=True),
            "xaxis": axis(fixedrange=True, showgrid=False),
        },
    )


def mix_chart(mix: ListMix, title: str | None = None) -> go.Figure:
    """R-53: the list's share by type and setting against the tier's target (assumption)."""
    rows = [*mix.types, *mix.settings]
    labels = [f"Type: {row.category}" for row in mix.types]
    labels += [f"Setting: {row.category}" for row in mix.settings]
    data = [
        _bar(
            [row.actual for row in rows],
            labels,
            "Your list",
            PROGRAM_COLOURS["target"],
            orientation="h",
            text=[f"{row.actual:.0f}%" for row in rows],
            textposition="outside",
        ),
        _bar(
            [row.target for row in rows],
            labels,
            f"Target, {mix.level} tier (assumption)",
            PROGRAM_COLOURS["target_mix"],
            orientation="h",
            text=[f"{row.target:.0f}%" for row in rows],
            textposition="outside",
        ),
    ]
    heading = title or f"List mix: {mix.programs} programs against the {mix.level}-tier target"
    return _program_figure(
        data,
        heading,
        420,
        left=PAD + max(text_px(label, PROGRAM_FONT) for label in labels),
        bottom=PAD + line_px(PROGRAM_FONT, 2),  # ticks and the axis title
        right=PAD + text_px("100%", PROGRAM_FONT),  # room for a bar's text outside it
        layout={
            "barmode": "group",
            "xaxis": axis(
                title={"text": "% of the list"}, range=[0, 110], fixedrange=True, showgrid=True
            ),
            "yaxis": axis(autorange="reversed", fixedrange=True),
        },
    )


def division_chart(mix: ListMix, title: str | None = None) -> go.Figure:
    """R-53 / R-07: programs per census division, so narrow geography shows at a glance."""
    names = [name for name, _ in mix.divisions]
    counts = [count for _, count in mix.divisions]
    bars = _bar(
        names,
        counts,
        "programs",
        PROGRAM_COLOURS["target"],
        text=[str(c) for c in counts],
        textposition="outside",
    )
    # Tick labels slant at 30 degrees: half their length drops below the axis.
    slant = max((text_px(name, PROGRAM_FONT) for name in names), default=0) // 2
    heading = title or f"Census divisions covered: {mix.divisions_used} of {len(names)}"
    return _program_figure(
        [bars],
        heading,
        360,
        left=_value_axis_px(max(counts, default=0) * 1.2),
        bottom=PAD + slant + line_px(PROGRAM_FONT),
        layout={
            "showlegend": False,
            "yaxis": axis(
                title={"text": "Programs"},
                rangemode="tozero",
                dtick=max(1, math.ceil(max(counts, default=0) / 5)),
                fixedrange=True,
            ),
            "xaxis": axis(fixedrange=True, tickangle=-30, showgrid=False),
        },
    )


# --- Weekly structure (issue 5, R-70) ---------------------------------------------------

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
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[labels.get(d, d) for d in domains],
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
    if needed_study_per_week is not None:
        fig.add_vline(
            x=needed_study_per_week,
            line={"dash": "dot", "color": "#1B2430", "width": 2},
            annotation_text=f"Study needed: {needed_study_per_week:.0f} h/week",
            annotation_position="top right",
        )
    fig.update_layout(
        title={"text": wrap_title(title), "x": 0},
        xaxis={"title": "Hours a week", "range": [0, top * 1.25], "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True},
        height=320,
        margin={"l": 10, "r": 30, "t": 60, "b": 40},
        font={"family": FONT, "size": 14},
        showlegend=False,
    )
    return fig


# --- every chart's data as a table (issue 12: accessible, one click away) ---------------------


def _plain_label(value: object) -> str:
    return str(value).replace("<br>", " ")


def _as_day(value: object) -> str:
    return str(value)[:10]


def figure_rows(fig: go.Figure) -> list[dict[str, object]]:
    """The values a figure draws, one row per point, for a table under the chart.

    Horizontal bars with a base (a Gantt) give each task's start and end dates, and
    its series from the bar's text when the bars carry one (one trace, many kinds);
    other horizontal bars give the category and the value (the bar's text when it
    has one, e.g. a risk level); everything else gives x and y.
    """
    rows: list[dict[str, object]] = []
    for trace in fig.data:
        series = _plain_label(trace.name) if trace.name else ""
        xs = list(trace.x) if getattr(trace, "x", None) is not None else []
        ys = list(trace.y) if getattr(trace, "y", None) is not None else []
        texts = getattr(trace, "text", None)
        text_list = list(texts) if isinstance(texts, (list, tuple)) else []
        base = getattr(trace, "base", None)
        horizontal = getattr(trace, "orientation", None) == "h"
        for index in range(max(len(xs), len(ys))):
            x = xs[index] if index < len(xs) else None
            y = ys[index] if index < len(ys) else None
            row: dict[str, object] = {"Series": series}
            if horizontal and isinstance(base, (list, tuple)):
                start = date.fromisoformat(_as_day(base[index]))
                if index < len(text_list):  # a Gantt's bar names its own kind
                    row["Series"] = _plain_label(text_list[index])
                row |= {
                    "Item": _plain_label(y),
                    "From": start.isoformat(),
                    "To": (start + timedelta(milliseconds=float(str(x)))).isoformat(),
                }
            elif horizontal:
                shown = text_list[index] if index < len(text_list) else x
                row |= {"Item": _plain_label(y), "Value": _plain_label(shown)}
            else:
                shown = text_list[index] if index < len(text_list) else None
                row |= {"x": _plain_label(x), "y": _plain_label(y)}
                if shown is not None:
                    row["Label"] = _plain_label(shown)
            rows.append(row)
    return rows


def figure_summary(fig: go.Figure) -> str:
    """A short text alternative for the chart: its title, else what it shows."""
    title = fig.layout.title.text if fig.layout.title else None
    if title:
        return _plain_label(title)
    series = [_plain_label(t.name) for t in fig.data if t.name]
    return ", ".join(dict.fromkeys(series)) or "Chart"
