"""The practice-score trend figure (issue 6, item 6; facts §2.1).

Scores as a line with markers on real dates (never integers), the passing
standard as a dashed horizontal line labelled with its value, and the gap of
the latest score written beside that score, so the reading does not depend on
colour (Okabe-Ito palette).
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from matchplan.figure_kit import FONT, PAD, line_px, text_px, wrap_title
from matchplan.profile import STEP_LABELS
from matchplan.progress import ScoreTrend
from matchplan.textsafe import chart_safe

SCORE_COLOUR = "#0072B2"  # blue
STANDARD_COLOUR = "#D55E00"  # vermillion
ABOVE_COLOUR = "#009E73"  # bluish green
Y_PADDING = 10
X_PADDING = timedelta(days=7)


def _iso(day: date) -> str:
    return day.isoformat()


def standard_label(trend: ScoreTrend) -> str:
    """'Passing standard 218', with Step 1's underlying standard called what it is."""
    words = "Underlying passing standard" if trend.pass_fail_only else "Passing standard"
    return f"{words} {trend.standard}"


def gap_label(gap: int) -> str:
    """'+7 above the standard', '-4 below the standard', 'at the standard'."""
    if gap == 0:
        return "at the standard"
    return f"{gap:+d} {'above' if gap > 0 else 'below'} the standard"


def score_trend_chart(trend: ScoreTrend) -> go.Figure:
    """Practice scores over time against the passing standard, with the latest gap marked."""
    label = STEP_LABELS[trend.step]
    points = trend.points
    fig = go.Figure(
        go.Scatter(
            x=[_iso(p.taken_on) for p in points],
            y=[p.score for p in points],
            mode="lines+markers",
            line={"color": SCORE_COLOUR, "width": 3},
            marker={"size": 10, "color": SCORE_COLOUR},
            # the form is typed by the user: text in the hover, never a tag (issue 25)
            customdata=[[chart_safe(p.form) or "practice exam", f"{p.gap:+d}"] for p in points],
            hovertemplate=(
                "%{x|%d %b %Y}: %{y} (%{customdata[0]}), %{customdata[1]} vs the "
                "standard<extra></extra>"
            ),
            name=f"{label} practice scores",
        )
    )
    fig.add_hline(
        y=trend.standard,
        line_color=STANDARD_COLOUR,
        line_dash="dash",
        line_width=2,
        annotation_text=standard_label(trend),
        annotation_position="bottom left",
        annotation_font={"color": STANDARD_COLOUR, "size": 13},
    )
    if trend.latest is not None:
        latest = trend.latest
        fig.add_annotation(
            x=_iso(latest.taken_on),
            y=latest.score,
            text=f"<b>{gap_label(latest.gap)}</b>",
            showarrow=True,
            arrowhead=2,
            ax=-40,
            ay=-40 if latest.gap >= 0 else 40,
            font={"color": ABOVE_COLOUR if latest.gap >= 0 else STANDARD_COLOUR, "size": 13},
            bgcolor="rgba(255,255,255,0.85)",
        )
    scores = [p.score for p in points] + [trend.standard]
    days = [p.taken_on for p in points]
    xaxis: dict[str, object] = {"title": None, "type": "date", "tickformat": "%d %b %Y"}
    if days:
        xaxis["range"] = [_iso(min(days) - X_PADDING), _iso(max(days) + X_PADDING)]
    fig.update_layout(
        title={
            "text": wrap_title(f"{label}: practice scores against the passing standard"),
            "x": 0,
        },
        xaxis=xaxis,
        yaxis={
            "title": "Three-digit score",
            "range": [min(scores) - Y_PADDING, max(scores) + Y_PADDING],
            "automargin": False,
        },
        height=340,
        # fixed: charts are drawn without Streamlit's theme, which turned automargin on;
        # room for the axis title and three-digit ticks
        margin={"l": line_px(14) + text_px(999, 14) + 2 * PAD, "r": 10, "t": 70, "b": 30},
        font={"family": FONT, "size": 14},
        showlegend=False,
    )
    return fig
