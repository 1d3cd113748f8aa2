"""Timeline figures: the Gantt (R-39) and the interview-chance curve (R-32).

Real dates on the x axis (never integers), tasks top-down, deadlines as
vertical lines, and missed milestones hatched as well as named in words.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from matchplan.charts import FONT, wrap_title
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
LEGEND_PX = 120
"""Room under the plot for the month labels and the legend."""
LINE_LABEL_PX = 17
"""Each deadline label has its own line above the chart, so close dates never overlap."""


def _iso(day: date) -> str:
    return day.isoformat()


def gantt_chart(timeline: Timeline, today: date) -> go.Figure:
    """Every milestone as a bar on real dates, with today and the deadlines as lines.

    Built from go.Bar directly (base = start date, length in milliseconds), which is
    what px.timeline produces, at a tenth of the cost: the chart redraws on every
    slider move.
    """
    fig = go.Figure()
    groups: dict[tuple[MilestoneKind, bool], list[Milestone]] = {}
    for milestone in timeline.milestones:
        groups.setdefault((milestone.kind, milestone.missed), []).append(milestone)
    for kind in KIND_COLOURS:
        for missed in (False, True):
            items = groups.get((kind, missed), [])
            if not items:
                continue
            ends = [max(m.end, m.start + timedelta(days=3)) for m in items]  # 1-day events show
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=[m.name for m in items],
                    base=[_iso(m.start) for m in items],
                    x=[
                        (end - m.start).days * MS_PER_DAY
                        for m, end in zip(items, ends, strict=True)
                    ],
                    name=f"{KIND_LABELS[kind]} ({MISSED})" if missed else KIND_LABELS[kind],
                    marker={
                        "color": KIND_COLOURS[kind],
                        "pattern": {"shape": "x" if missed else ""},
                    },
                    customdata=[
                        f"{m.start:%d %b %Y}"
                        + (f" – {m.end:%d %b %Y}" if m.end != m.start else "")
                        + (f"<br>{MISSED}" if missed else "")
                        for m in items
                    ],
                    hovertemplate="%{y}<br>%{customdata}<extra></extra>",
                )
            )
    rows = timeline.milestones
    fig.update_traces(width=BAR_WIDTH)
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=[m.name for m in rows])
    # The names sit above the bars (annotations below), so the bars get the full width.
    fig.update_yaxes(autorange="reversed", title=None, showticklabels=False, fixedrange=True)
    fig.update_xaxes(title=None, type="date")
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
            "y": m.name,
            "xref": "paper",
            "yref": "y",
            "text": m.name + (f" ({MISSED})" if m.missed else ""),
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": ROW_PX * BAR_WIDTH / 2,
            "font": {"size": 12, "color": "#1B2430"},
        }
        for m in rows
    ]
    top = 44 + LINE_LABEL_PX * len(lines)
    fig.update_layout(
        # Vertical lines as plain shapes, set at once (add_vline per line is slow).
        shapes=[
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
        annotations=line_labels + row_labels,
        # The title at the very top, the deadline labels between it and the plot.
        title={
            "text": f"The plan for the {timeline.match_year} Match",
            "x": 0,
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 8},
        },
        height=top + LEGEND_PX + ROW_PX * len(rows),
        margin={"l": 10, "r": 10, "t": top, "b": LEGEND_PX},
        font={"family": FONT, "size": 13},
        # The legend at the foot of the figure, below the month labels (up to 4 rows on
        # a phone).
        legend={
            "title": None,
            "orientation": "h",
            "x": 0,
            "y": 0,
            "yref": "container",
            "yanchor": "bottom",
        },
    )
    return fig


def chance_chart(timeline: Timeline) -> go.Figure:
    """R-32 curve (illustrative) with the planned score-report dates marked on it."""
    curve = chance_curve(timeline.calendar)
    fig = go.Figure(
        go.Scatter(
            x=[_iso(d) for d, _ in curve],
            y=[v for _, v in curve],
            mode="lines",
            line={"shape": "hv", "color": "#0072B2", "width": 3},
            name="Relative interview chance",
            hovertemplate="%{x|%d %b %Y}: %{y}<extra></extra>",
        )
    )
    if timeline.exam is not None:
        exam = timeline.exam
        fig.add_trace(
            go.Scatter(
                x=[_iso(exam.report_typical), _iso(exam.report_safe)],
                y=[exam.chance.value, exam.chance_safe.value],
                mode="markers+text",
                marker={
                    "size": 14,
                    "color": ["#D55E00", "#E69F00"],
                    "symbol": ["diamond", "circle"],
                },
                text=["typical report", "safe report"],
                textposition=["top left", "bottom right"],
                name="This plan",
                hovertemplate="%{text}: %{x|%d %b %Y}, chance %{y}<extra></extra>",
            )
        )
    review = timeline.calendar["review_opens"]
    fig.add_vline(x=_iso(review), line_color="#D55E00", line_dash="dash", line_width=1.5)
    fig.add_annotation(
        x=_iso(review),
        y=1.0,
        yref="paper",
        text="Programs review",
        showarrow=False,
        yanchor="bottom",
        font={"size": 11},
    )
    fig.update_layout(
        title={
            "text": wrap_title("Interview chance by when the score arrives (illustrative)"),
            "x": 0,
        },
        yaxis={"range": [0, 115], "title": "Relative chance", "fixedrange": True},
        xaxis={"type": "date", "title": None},
        height=340,
        margin={"l": 10, "r": 10, "t": 80, "b": 30},
        font={"family": FONT, "size": 13},
        showlegend=False,
    )
    return fig
