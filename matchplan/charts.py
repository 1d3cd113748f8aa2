"""Figure builders: plain results in, plotly figures out (no streamlit here).

One colour map for risk levels, from the Okabe-Ito colour-blind-safe palette;
every bar also carries its level as text, so colour is never the only cue.
"""

from __future__ import annotations

import plotly.graph_objects as go

from matchplan.assessment import LEVELS, Assessment
from matchplan.reference import Level

LEVEL_COLOURS: dict[Level, str] = {
    "low": "#009E73",  # bluish green
    "moderate": "#E69F00",  # orange
    "high": "#D55E00",  # vermillion
}
FONT = "sans-serif"


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
