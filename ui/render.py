"""Rendering helpers shared by the pages: badges, reasons with their sources.

User- or file-supplied text goes through ``plain`` before it reaches markdown,
and nothing here ever uses ``unsafe_allow_html``.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import streamlit as st

from matchplan.assessment import LENS_QUESTIONS, Finding, LensResult, Reason
from matchplan.charts import figure_rows, figure_summary
from matchplan.reference import Level, load_reference
from matchplan.textsafe import markdown_safe
from ui.session import chart_scale

LEVEL_BADGE: dict[Level, tuple[str, str]] = {
    # colour, icon: the words carry the level too, colour is never the only cue
    "low": ("green", ":material/check_circle:"),
    "moderate": ("orange", ":material/error:"),
    "high": ("red", ":material/warning:"),
}


def plain(text: str, limit: int | None = None) -> str:
    """Escape markdown so text from a user or a file shows exactly as typed (one function)."""
    return markdown_safe(text, limit)


def level_badge(level: Level, prefix: str = "") -> None:
    colour, icon = LEVEL_BADGE[level]
    label = f"{prefix}{level.capitalize()} risk"
    st.badge(label, icon=icon, color=colour)  # type: ignore[arg-type]


def source_line(source_ids: Iterable[str]) -> str:
    """'Source: title (year, confidence)' for the ids given; estimates say so."""
    ref = load_reference()
    parts: list[str] = []
    for source_id in dict.fromkeys(source_ids):
        if source_id == "pattern":
            parts.append("estimated from the pattern of earlier cycles")
        elif source_id in ref.sources:
            src = ref.sources[source_id]
            parts.append(
                f"[{src.title}]({src.url}) ({src.year}, {src.confidence})"
                if src.url
                else f"{src.title} ({src.year}, {src.confidence})"
            )
    return "Source: " + "; ".join(parts) if parts else ""


def reasons(items: Iterable[Reason | Finding]) -> None:
    """Each reason with its rule id, and its sources as a caption."""
    for item in items:
        text = item.text if isinstance(item, Reason) else item.message
        st.markdown(f"- **{item.rule}** · {text}")
        line = source_line(item.sources)
        if line:
            st.caption(line)


def finding_card(finding: Finding, heading: str = "") -> None:
    """An autopsy finding (R-07): the evidence, the fix, and the source of any number."""
    with st.container(border=True):
        st.markdown(f"**{heading}** · {finding.message}" if heading else finding.message)
        st.markdown(f":material/build: {finding.fix}")
        line = source_line(finding.sources)
        if line:
            st.caption(line)


def lens_card(lens: LensResult) -> None:
    """One lens: the question programs ask, the level, why, and what would lower it."""
    with st.container(border=True):
        st.markdown(f"#### {lens.lens.capitalize()}")
        st.caption(LENS_QUESTIONS[lens.lens])
        level_badge(lens.level)
        reasons(lens.reasons)
        if lens.would_lower:
            st.markdown("**What would lower it**")
            for lever in lens.would_lower:
                st.markdown(f"- {lever}")


def chart(fig: go.Figure, key: str) -> None:
    """Show a figure; in screen-share mode taller and with larger text."""
    scale = chart_scale()
    if scale != 1.0:
        height = fig.layout.height or 400
        size = fig.layout.font.size if fig.layout.font and fig.layout.font.size else 13
        fig = go.Figure(fig).update_layout(height=int(height * scale), font={"size": size + 4})
    st.plotly_chart(fig, key=key, width="stretch", config={"displayModeBar": False})
    chart_data(fig, key)


def chart_data(fig: go.Figure, key: str) -> None:
    """The chart's values one click away, as a table (issue 12: accessible charts)."""
    rows = figure_rows(fig)
    if rows:
        with st.expander(f"Show the data: {plain(figure_summary(fig), limit=120)}"):
            st.dataframe(rows, hide_index=True, width="stretch", key=f"{key}_data")
