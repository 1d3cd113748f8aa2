"""The lean-figure kit every chart shares (issue 14): fonts, measured margins, axes.

Live charts redraw on every control move, so they are built from plain dicts without
plotly's per-property validation (``lean_figure``), with margins fixed here from the
labels' lengths, no axis automargin and no margin autoexpand (either makes Plotly lay
a chart out and draw it twice in the browser), and legends inside those margins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

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


NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest round number (a ``NICE_STEPS`` multiple of a power of ten) >= ``value``.

    A value axis ends there rather than at the data's maximum, so a what-if move of a
    few programs or dollars rarely changes the axis: the layout stays the same and the
    browser moves only the bars (``ui/components/live_chart/chart.js``).
    """
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    steps = (round(step * power, 10) for step in NICE_STEPS)  # 3 x 0.1 is 0.30000000000000004
    return next(step for step in steps if step >= value * (1 - 1e-9))


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
