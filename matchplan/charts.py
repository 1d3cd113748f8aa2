"""Figure builders: plain results in, plotly figures out (no streamlit here).

One colour map for risk levels, from the Okabe-Ito colour-blind-safe palette;
every bar also carries its level as text, so colour is never the only cue.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

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


TITLE_WIDTH = 34
"""Characters a chart title's line holds before it wraps: a 390 px phone shows about 36."""


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


def risk_chart(result: Assessment, title: str = "Risk as programs read it") -> go.Figure:
    """Horizontal bars: each lens and the overall tier on a low / moderate / high scale."""
    rows = [(lens.lens.capitalize(), lens.level) for lens in result.lenses]
    rows.append(("Overall", result.overall))
    names = [name for name, _ in rows]
    levels = [level for _, level in rows]
    fig = go.Figure(
        go.Bar(
            x=[LEVELS.index(level) + 1 for level in levels],
            y=names,
            orientation="h",
            marker={"color": [LEVEL_COLOURS[level] for level in levels]},
            text=list(levels),
            textposition="inside",
            insidetextanchor="end",
            hovertemplate="%{y}: %{text}<extra></extra>",
            name="risk",
        )
    )
    fig.update_layout(
        title={"text": title, "x": 0},
        xaxis={
            "range": [0, 3.05],
            "tickvals": [1, 2, 3],
            "ticktext": [level.capitalize() for level in LEVELS],
            "fixedrange": True,
        },
        yaxis={"autorange": "reversed", "fixedrange": True},
        height=260,
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        font={"family": FONT, "size": 14},
        showlegend=False,
    )
    return fig


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


def _program_layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    wrapped = wrap_title(title)
    fig.update_layout(
        title={"text": wrapped, "x": 0},
        height=height + 18 * (title_lines(wrapped) - 1),
        margin={"l": 10, "r": 10, "t": 32 + 18 * title_lines(wrapped), "b": 30},
        font={"family": FONT, "size": 14},
        legend={"orientation": "h", "y": -0.15, "traceorder": "normal"},
    )
    return fig


def program_count_chart(
    plan: ProgramPlan, what_if: int | None = None, title: str = "Programs: last cycle and plan"
) -> go.Figure:
    """R-50..R-52: last cycle's count beside the recommendation (split by specialty), with its
    range as an error bar, and an optional what-if count."""
    fig = go.Figure()
    fig.add_bar(
        x=["Last cycle"],
        y=[plan.last_cycle],
        name="Last cycle",
        marker={"color": PROGRAM_COLOURS["last_cycle"]},
        text=[str(plan.last_cycle)],
        textposition="inside",
        insidetextanchor="middle",
    )
    for part in plan.parts:
        fig.add_bar(
            x=["Recommended"],
            y=[part.count.recommended],
            name=f"{part.name} (recommended)",
            marker={"color": PROGRAM_COLOURS[part.role]},
            text=[str(part.count.recommended)],
            textposition="inside",
            insidetextanchor="middle",
        )
    total = plan.total
    fig.add_scatter(
        x=["Recommended"],
        y=[total.recommended],
        mode="markers",
        name=f"Range {total.min}-{total.max}",
        marker={"color": PROGRAM_COLOURS["range"], "size": 9, "symbol": "diamond"},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [total.max - total.recommended],
            "arrayminus": [total.recommended - total.min],
            "color": PROGRAM_COLOURS["range"],
            "thickness": 2,
            "width": 14,
        },
        hovertemplate=f"Recommended {total.recommended} (range {total.min}-{total.max})"
        "<extra></extra>",
    )
    if what_if is not None:
        fig.add_bar(
            x=["What-if"],
            y=[what_if],
            name="What-if",
            marker={"color": PROGRAM_COLOURS["what_if"]},
            text=[str(what_if)],
            textposition="inside",
            insidetextanchor="middle",
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"title": "Programs", "rangemode": "tozero", "fixedrange": True},
        xaxis={"fixedrange": True},
    )
    return _program_layout(fig, title, 380)


def fee_chart(
    scenarios: list[tuple[str, FeeBreakdown]],
    title: str = "ERAS fees (US$)",
    order: list[str] | None = None,
) -> go.Figure:
    """R-54: stacked fees per specialty plus the transcript fee, one bar per scenario.

    ``order`` lists specialty ids first (the plan's target, then its second) so each
    keeps the colour it has in the program-count chart.
    """
    fig = go.Figure()
    names = [label for label, _ in scenarios]
    found = {line.specialty_id: line.name for _, b in scenarios for line in b.lines}
    ids = [i for i in (order or []) if i in found] + [i for i in found if i not in (order or [])]
    specialties = [(i, found[i]) for i in ids]
    for index, (specialty_id, name) in enumerate(specialties):
        fees = [
            sum(line.fee for line in b.lines if line.specialty_id == specialty_id)
            for _, b in scenarios
        ]
        fig.add_bar(
            x=names,
            y=fees,
            name=name,
            marker={"color": _SPECIALTY_SEQUENCE[index % len(_SPECIALTY_SEQUENCE)]},
            hovertemplate=f"{name}: $%{{y:,}}<extra></extra>",
        )
    fig.add_bar(
        x=names,
        y=[b.transcript_fee for _, b in scenarios],
        name="USMLE transcript",
        marker={"color": PROGRAM_COLOURS["transcript"]},
        hovertemplate="Transcript: $%{y:,}<extra></extra>",
    )
    fig.add_scatter(
        x=names,
        y=[b.total for _, b in scenarios],
        mode="text",
        text=[f"${b.total:,}" for _, b in scenarios],
        textposition="top center",
        showlegend=False,
        hoverinfo="skip",
        name="total",
    )
    top = max([b.total for _, b in scenarios] + [1])
    fig.update_layout(
        barmode="stack",
        yaxis={"title": "US$", "range": [0, top * 1.2], "fixedrange": True},
        xaxis={"fixedrange": True},
    )
    return _program_layout(fig, title, 360)


def mix_chart(mix: ListMix, title: str | None = None) -> go.Figure:
    """R-53: the list's share by type and setting against the tier's target (assumption)."""
    rows = [*mix.types, *mix.settings]
    labels = [f"Type: {row.category}" for row in mix.types]
    labels += [f"Setting: {row.category}" for row in mix.settings]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=[row.actual for row in rows],
        orientation="h",
        name="Your list",
        marker={"color": PROGRAM_COLOURS["target"]},
        text=[f"{row.actual:.0f}%" for row in rows],
        textposition="outside",
    )
    fig.add_bar(
        y=labels,
        x=[row.target for row in rows],
        orientation="h",
        name=f"Target, {mix.level} tier (assumption)",
        marker={"color": PROGRAM_COLOURS["target_mix"]},
        text=[f"{row.target:.0f}%" for row in rows],
        textposition="outside",
    )
    fig.update_layout(
        barmode="group",
        xaxis={"title": "% of the list", "range": [0, 110], "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True},
    )
    heading = title or f"List mix: {mix.programs} programs against the {mix.level}-tier target"
    return _program_layout(fig, heading, 420)


def division_chart(mix: ListMix, title: str | None = None) -> go.Figure:
    """R-53 / R-07: programs per census division, so narrow geography shows at a glance."""
    names = [name for name, _ in mix.divisions]
    counts = [count for _, count in mix.divisions]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=counts,
            marker={"color": PROGRAM_COLOURS["target"]},
            text=[str(c) for c in counts],
            textposition="outside",
            name="programs",
        )
    )
    fig.update_layout(
        showlegend=False,
        yaxis={
            "title": "Programs",
            "rangemode": "tozero",
            "dtick": max(1, math.ceil(max(counts, default=0) / 5)),
            "fixedrange": True,
        },
        xaxis={"fixedrange": True, "tickangle": -30},
    )
    heading = title or f"Census divisions covered: {mix.divisions_used} of {len(names)}"
    return _program_layout(fig, heading, 360)


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

    Horizontal bars with a base (a Gantt) give each task's start and end dates;
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
