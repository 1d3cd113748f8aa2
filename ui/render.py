"""Rendering helpers shared by the pages: badges, reasons with their sources.

User- or file-supplied text goes through ``plain`` before it reaches markdown,
and nothing here ever uses ``unsafe_allow_html``.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io
import streamlit as st

from matchplan.assessment import LENS_QUESTIONS, Finding, LensResult, Reason
from matchplan.figure_data import figure_rows, figure_summary
from matchplan.figure_kit import scaled
from matchplan.reference import Level, load_reference
from matchplan.rule_ids import shown
from matchplan.textsafe import markdown_safe
from ui import state
from ui.live_chart import live_chart
from ui.session import SHOW_RULES, chart_scale, show_rules

LEVEL_BADGE: dict[Level, tuple[str, str]] = {
    # colour, icon: the words carry the level too, colour is never the only cue
    "low": ("green", ":material/check_circle:"),
    "moderate": ("orange", ":material/error:"),
    "high": ("red", ":material/warning:"),
}


def plain(text: str, limit: int | None = None) -> str:
    """Escape markdown so text from a user or a file shows exactly as typed (one function)."""
    return markdown_safe(text, limit)


def words(text: str) -> str:
    """A sentence as the applicant reads it: rule ids only when details are on (issue 12).

    Pages and core messages name their rule (``(R-20)``, ``(dual application, R-52)``);
    with "Show rule ids and details" off (the default outside the advisor's guided
    walk) the ids go and the sentence still reads (``matchplan.rule_ids``, the one
    place the handout uses too). Sources are never removed.
    """
    return shown(text, rule_ids=show_rules())


def ruled(rule: str, text: str) -> str:
    """'**R-xx** · text' with details on, the text alone otherwise."""
    return f"**{rule}** · {text}" if show_rules() else words(text)


def rules_toggle() -> None:
    """The one switch for rule ids and details (a session preference, on in the guided walk)."""
    st.toggle(
        "Show rule ids and details",
        key=SHOW_RULES,
        help="Adds the rulebook's rule ids beside each reason, for advisors.",
    )


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
            year = src.year or "year not stated"
            parts.append(
                f"[{src.title}]({src.url}) ({year}, {src.confidence})"
                if src.url
                else f"{src.title} ({year}, {src.confidence})"
            )
    return "Source: " + "; ".join(parts) if parts else ""


def reasons(items: Iterable[Reason | Finding]) -> None:
    """Each reason (with its rule id when details are on), and its sources as a caption."""
    for item in items:
        text = item.text if isinstance(item, Reason) else item.message
        st.markdown(f"- {ruled(item.rule, text)}")
        line = source_line(item.sources)
        if line:
            st.caption(line)


def finding_card(finding: Finding, heading: str = "") -> None:
    """An autopsy finding (R-07): the evidence, the fix, and the source of any number."""
    with st.container(border=True):
        message = ruled(finding.rule, finding.message)
        st.markdown(f"**{heading}** · {message}" if heading else message)
        st.markdown(f":material/build: {words(finding.fix)}")
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
                st.markdown(f"- {words(lever)}")


CHART_CONFIG = {"displayModeBar": False}


def chart(fig: go.Figure, key: str) -> None:
    """Show a figure; in screen-share mode taller and with larger text.

    The chart stays mounted under ``key`` (``ui.live_chart``): a slider move moves its
    bars, or redraws what changed, instead of drawing the whole chart anew. The figure
    carries the app's colours and fixed margins (``matchplan.figure_kit.lean_figure``),
    so no theme is applied in the browser.
    """
    scale = chart_scale()
    if scale != 1.0:
        fig = scaled(fig, scale)
    summary = figure_summary(fig)  # set as an attribute by the browser, never as markdown
    live_chart(plotly.io.to_json(fig, validate=False), summary, key=key, config=CHART_CONFIG)
    chart_data(fig, summary, key)


def chart_data(fig: go.Figure, summary: str, key: str) -> None:
    """The chart's values one click away, as a table (issue 12: accessible charts).

    The table is built only while its expander is open: a collapsed one costs a slider
    move nothing (a data table re-sent with every move cost ~2 ms on the server and
    a grid redraw in the browser, issue 14). Opening it re-runs the page (or the
    fragment it sits in), which then draws the table.
    """
    rows = figure_rows(fig)
    if not rows:
        return
    box = st.expander(
        f"Show the data: {plain(summary, limit=120)}", key=f"{key}_data_open", on_change="rerun"
    )
    with box:
        if box.open:
            st.dataframe(rows, hide_index=True, width="stretch", key=f"{key}_data")


class PageEnds(Exception):
    """Raised by a page that has said why it shows nothing more; the entry script
    catches it and still draws the sidebar after the page (``st.stop()`` would end the
    whole run, sidebar included)."""


def not_assessed() -> None:
    """For a blank or half-entered profile: what is missing and where to enter it.

    ``matchplan.completeness`` decides (``PlanResult.missing``); a page that would show
    tiers, counts or a plan computed from empty fields stops here.
    """
    missing = state.result().missing
    if not missing:
        return
    with st.container(border=True, key="not_assessed"):
        st.markdown("#### :material/hourglass_empty: Not assessed yet")
        st.markdown(
            "MatchPlan reads a profile the way programs would once it knows what happened. "
            "This profile does not say yet:"
        )
        for item in missing:
            st.markdown(f"- **{item.what}**: {item.why}.")
        st.page_link(
            "app_pages/intake.py",
            label="Enter your profile step by step",
            icon=":material/arrow_forward:",
        )
        st.caption("Or load your plan file in the sidebar.")
    raise PageEnds
