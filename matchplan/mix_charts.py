"""The program list's mix against its target (R-52): kind of program and region."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from matchplan.charts import (
    PROGRAM_COLOURS,
    PROGRAM_FONT,
    bar_trace,
    program_figure,
    value_axis_px,
)
from matchplan.figure_kit import (
    PAD,
    axis,
    line_px,
    text_px,
)
from matchplan.programs import ListMix
from matchplan.textsafe import chart_safe


def mix_chart(mix: ListMix, title: str | None = None) -> go.Figure:
    """R-53: the list's share by type and setting against the tier's target (assumption)."""
    rows = [*mix.types, *mix.settings]
    labels = [f"Type: {row.category}" for row in mix.types]
    labels += [f"Setting: {row.category}" for row in mix.settings]
    data = [
        bar_trace(
            [row.actual for row in rows],
            labels,
            "Your list",
            PROGRAM_COLOURS["target"],
            orientation="h",
            text=[f"{row.actual:.0f}%" for row in rows],
            textposition="outside",
        ),
        bar_trace(
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
    return program_figure(
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
    names = [chart_safe(name) for name, _ in mix.divisions]
    counts = [count for _, count in mix.divisions]
    bars = bar_trace(
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
    return program_figure(
        [bars],
        heading,
        360,
        left=value_axis_px(max(counts, default=0) * 1.2),
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
