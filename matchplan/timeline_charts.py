"""Timeline figures: the Gantt (R-39) and the interview-chance curve (R-32).

Real dates on the x axis (never integers), tasks top-down, deadlines as
vertical lines, and missed milestones hatched as well as named in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from matchplan.figure_kit import (
    PAD,
    TEXT_COLOUR,
    axis,
    chart_title,
    lean_figure,
    line_px,
    text_px,
    title_lines,
    wrap_title,
)
from matchplan.textsafe import chart_safe
from matchplan.timeline import Milestone, MilestoneKind, Timeline, chance_curve

KIND_COLOURS: dict[MilestoneKind, str] = {  # Okabe-Ito, colour-blind safe
    "study": "#56B4E9",
    "exam": "#0072B2",
    "report": "#009E73",
    "step3": "#CC79A7",
    "role": "#999999",
    "letters": "#F0E442",
    "application": "#E69F00",
    "interviews": "#D55E00",
    "match": "#000000",
}
KIND_LABELS: dict[MilestoneKind, str] = {
    "study": "Study",
    "exam": "Exam",
    "report": "Score report",
    "step3": "Step 3",
    "role": "Gap-year role",
    "letters": "Letters",
    "application": "Application",
    "interviews": "Interviews",
    "match": "Rank list and Match",
}
MISSED = "misses its deadline"
MS_PER_DAY = 86_400_000
ROW_PX = 46
"""Height of one Gantt row: the task's name above its bar, readable on a phone."""
BAR_WIDTH = 0.36
"""A bar's share of its row; the name sits in the space above it."""
TICKS_PX = 30
"""Room under the plot for the month labels."""
KEY_FONT = 12
KEY_LINE_PX = 21
KEY_WIDTH = 46
"""Characters a line of the colour key holds: a 390 px phone fits it at 12 px."""
LINE_LABEL_PX = 17
"""Each deadline label has its own line above the chart, so close dates never overlap."""
DATE_TICK = "Sep 2027"
"""The widest month label: the last one centres on the plot's right edge."""


def _iso(day: date) -> str:
    return day.isoformat()


def _kind_label(milestone: Milestone) -> str:
    label = KIND_LABELS[milestone.kind]
    return f"{label} ({MISSED})" if milestone.missed else label


def colour_key(milestones: Sequence[Milestone], width: int = KEY_WIDTH) -> str:
    """The Gantt's colour key as one text block: a coloured square and the kind's name.

    Drawn as one annotation rather than a legend of one trace per kind: one trace
    draws in half the time, and a legend would push the margins. The bars carry
    their names, so the key is a help, never the only cue.
    """
    kinds = {m.kind for m in milestones}
    entries = [
        (
            f'<span style="color:{colour};font-size:17px">\u25a0</span> {KIND_LABELS[kind]}',
            KIND_LABELS[kind],
        )
        for kind, colour in KIND_COLOURS.items()
        if kind in kinds
    ]
    if any(m.missed for m in milestones):
        entries.append((f"Hatched: {MISSED}", f"Hatched: {MISSED}"))
    lines: list[list[str]] = [[]]
    used = 0
    for markup, words in entries:
        length = len(words) + 2
        if lines[-1] and used + 3 + length > width:
            lines.append([])
            used = 0
        used += length + (3 if lines[-1] else 0)
        lines[-1].append(markup)
    return "<br>".join("   ".join(line) for line in lines)


RANGE_PAD = 0.03
"""Room either side of a date axis, as a share of its span."""


def date_range(days: Sequence[date]) -> list[str]:
    """A fixed date axis around ``days``, a little wider.

    Fixed, not autoranged: a slider move that keeps every date inside it leaves the
    layout unchanged, so the browser moves the bars and markers without redrawing
    the axes and labels (``ui/components/live_chart/chart.js``).
    """
    first, last = min(days), max(days)
    pad = timedelta(days=max(1, round((last - first).days * RANGE_PAD)))
    return [_iso(first - pad), _iso(last + pad)]


def gantt_chart(timeline: Timeline, today: date) -> go.Figure:
    """Every milestone as a bar on real dates, with today and the deadlines as lines.

    One go.Bar trace (base = start date, length in milliseconds, a colour and a
    pattern per bar): what px.timeline draws, at a fraction of the cost, since the
    chart redraws on every slider move. Each bar's ``text`` names its kind (for the
    hover and the data table); the names sit above the bars as annotations.
    """
    rows = timeline.milestones
    ends = [max(m.end, m.start + timedelta(days=3)) for m in rows]  # 1-day events show
    names = [chart_safe(m.name) for m in rows]  # drawn as text, never as markup
    bars = {
        "type": "bar",
        "orientation": "h",
        "name": "Milestones",
        "y": names,
        "base": [_iso(m.start) for m in rows],
        "x": [(end - m.start).days * MS_PER_DAY for m, end in zip(rows, ends, strict=True)],
        "width": BAR_WIDTH,
        "marker": {
            "color": [KIND_COLOURS[m.kind] for m in rows],
            "pattern": {"shape": ["x" if m.missed else "" for m in rows]},
        },
        "text": [_kind_label(m) for m in rows],
        "textposition": "none",
        "customdata": [
            f"{m.start:%d %b %Y}"
            + (f" – {m.end:%d %b %Y}" if m.end != m.start else "")
            + (f"<br>{MISSED}" if m.missed else "")
            for m in rows
        ],
        "hovertemplate": "%{y} · %{text}<br>%{customdata}<extra></extra>",
        "showlegend": False,
    }
    calendar = timeline.calendar
    lines = [
        (today, "Today", "#555555", "dot"),
        (calendar["review_opens"], "Programs review", "#D55E00", "dash"),
        (calendar["rol_deadline"], "Rank list deadline", "#000000", "dash"),
        (calendar["match_day"], "Match Day", "#000000", "solid"),
    ]
    first = min([today, *(m.start for m in rows)])
    last = max([calendar["match_day"], *(m.end for m in rows)])
    middle = first + (last - first) / 2
    line_labels = [
        {
            "x": _iso(day),
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "text": f"{label} {day:%d %b}",
            "showarrow": False,
            "yanchor": "bottom",
            # Lines in the right half label leftwards, so no label runs off the chart.
            "xanchor": "right" if day > middle else "left",
            "yshift": 2 + LINE_LABEL_PX * (len(lines) - 1 - index),
            "font": {"size": 12, "color": colour},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        for index, (day, label, colour, _) in enumerate(lines)
    ]
    row_labels = [
        {
            "x": 0,
            "y": name,
            "xref": "paper",
            "yref": "y",
            "text": name + (f" ({MISSED})" if m.missed else ""),
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": ROW_PX * BAR_WIDTH / 2,
            "font": {"size": 12, "color": TEXT_COLOUR},
        }
        for m, name in zip(rows, names, strict=True)
    ]
    key = colour_key(rows)
    key_px = KEY_LINE_PX * title_lines(key) + 8
    key_label = {
        "x": 0,
        "y": 0,
        "xref": "paper",
        "yref": "paper",
        "yshift": -TICKS_PX,
        "text": key,
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "font": {"size": KEY_FONT, "color": TEXT_COLOUR},
    }
    top = 44 + LINE_LABEL_PX * len(lines)
    bottom = TICKS_PX + key_px
    return lean_figure(
        [bars],
        {
            "barmode": "overlay",
            # The names sit above the bars (annotations), so the bars get the full width.
            "yaxis": axis(
                categoryorder="array",
                categoryarray=names,
                autorange="reversed",
                showticklabels=False,
                showgrid=False,
                fixedrange=True,
            ),
            "xaxis": axis(type="date", showgrid=False, range=date_range([first, last, *ends])),
            # Vertical lines as plain shapes, set at once (add_vline per line is slow).
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": _iso(day),
                    "x1": _iso(day),
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": colour, "dash": dash, "width": 1.5},
                }
                for day, _, colour, dash in lines
            ],
            "annotations": [*line_labels, *row_labels, key_label],
            # The title at the very top, the deadline labels between it and the plot.
            "title": chart_title(
                f"The plan for the {timeline.match_year} Match",
                y=1,
                yref="container",
                yanchor="top",
                pad={"t": 8},
            ),
            "height": top + bottom + ROW_PX * len(rows),
            "margin": {"l": 10, "r": 4 + text_px(DATE_TICK, 13) // 2, "t": top, "b": bottom},
            "font": {"size": 13},
            "showlegend": False,
        },
    )


def chance_chart(timeline: Timeline) -> go.Figure:
    """R-32 curve (illustrative) with the planned score-report dates marked on it."""
    curve = chance_curve(timeline.calendar)
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": [_iso(d) for d, _ in curve],
            "y": [v for _, v in curve],
            "mode": "lines",
            "line": {"shape": "hv", "color": "#0072B2", "width": 3},
            "name": "Relative interview chance",
            "hovertemplate": "%{x|%d %b %Y}: %{y}<extra></extra>",
        }
    ]
    if timeline.exam is not None:
        exam = timeline.exam
        data.append(
            {
                "type": "scatter",
                "x": [_iso(exam.report_typical), _iso(exam.report_safe)],
                "y": [exam.chance.value, exam.chance_safe.value],
                "mode": "markers+text",
                "marker": {
                    "size": 14,
                    "color": ["#D55E00", "#E69F00"],
                    "symbol": ["diamond", "circle"],
                },
                "text": ["typical report", "safe report"],
                "textposition": ["top left", "bottom right"],
                "name": "This plan",
                "hovertemplate": "%{text}: %{x|%d %b %Y}, chance %{y}<extra></extra>",
            }
        )
    chance_days = [d for d, _ in curve]
    if timeline.exam is not None:
        chance_days += [timeline.exam.report_typical, timeline.exam.report_safe]
    review = _iso(timeline.calendar["review_opens"])
    size = 13
    title = wrap_title("Interview chance by when the score arrives (illustrative)")
    return lean_figure(
        data,
        {
            "title": chart_title(title),
            "yaxis": axis(
                range=[0, 115], title={"text": "Relative chance"}, fixedrange=True, showgrid=True
            ),
            "xaxis": axis(type="date", showgrid=False, range=date_range(chance_days)),
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": review,
                    "x1": review,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#D55E00", "dash": "dash", "width": 1.5},
                }
            ],
            "annotations": [
                {
                    "x": review,
                    "y": 1.0,
                    "yref": "paper",
                    "text": "Programs review",
                    "showarrow": False,
                    "yanchor": "bottom",
                    "font": {"size": 11},
                }
            ],
            "height": 340,
            "margin": {
                # the widest tick ("100") and the rotated axis title beside it
                "l": PAD + text_px("100", size) + 8 + line_px(size),
                "r": 4 + text_px(DATE_TICK, size) // 2,
                "t": 24 + line_px(size + 4, title_lines(title)),
                "b": PAD + line_px(size),
            },
            "font": {"size": size},
            "showlegend": False,
        },
    )
