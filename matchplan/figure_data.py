"""Every chart's data as a table and a sentence (issue 12: accessible, one click away)."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go

from matchplan.textsafe import chart_plain

# --- every chart's data as a table (issue 12: accessible, one click away) ---------------------


def _plain_label(value: object) -> str:
    """A label as typed: the builders' line breaks as spaces, ``chart_safe``'s escapes undone
    (after the breaks, so a typed ``<br>`` stays text)."""
    return chart_plain(str(value).replace("<br>", " "))


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
