"""Rendering helpers for the year pages (statement, networking, week, progress).

No rules here: each helper shows a value the core computed (matchplan.views_year,
matchplan.narrative, matchplan.networking, matchplan.progress). Text the user or a
file supplied goes through ``render.plain`` before it reaches markdown.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from matchplan.narrative import StatementCheck, StatementOutline, TextFinding, narrative_data
from matchplan.networking import CONNECTION_LABELS, STATUS_LABELS, EmailCheck, NetworkingTable
from matchplan.profile import STEP_LABELS
from matchplan.progress import PracticeScore, ScoreTrend
from matchplan.progress_charts import gap_label, score_trend_chart
from matchplan.reference import StepId, load_reference
from matchplan.timeline import Milestone
from ui import render

SHOWN_PER_KIND = 6

# --- statement -----------------------------------------------------------------------------


def outline(shown: StatementOutline) -> None:
    """R-60: each section's guidance, the facts from the plan and a first line."""
    for number, section in enumerate(shown.sections, start=1):
        st.markdown(f"**{number}. {section.title}**")
        st.caption(section.guidance)
        for fact in section.facts:
            st.markdown(f"- {render.plain(fact)}")
        if section.starter:
            st.markdown(f"*{render.plain(section.starter)}*")
    st.caption(shown.length_note)


def finding(item: TextFinding) -> None:
    icon = ":material/warning:" if item.severity == "warning" else ":material/info:"
    with st.container(border=True):
        st.markdown(f"{icon} {render.ruled(item.rule, render.plain(item.message))}")
        for quoted in item.quotes:
            st.markdown(f"> {render.plain(quoted)}")
        st.caption(item.hint)


def statement_check(check: StatementCheck) -> None:
    """R-61: counts, the setback's share against its limit, and each finding quoted."""
    c1, c2 = st.columns(2)
    c1.metric("Words", check.words)
    c2.metric("Sentences", check.sentences)
    st.progress(
        min(check.failure_share, 1.0),
        text=f"On the setback: {check.failure_share:.0%} of the text (MatchPlan warns above "
        f"{check.failure_share_limit:.0%}, an adjustable default)",
    )
    st.caption(render.source_line([narrative_data().thresholds.failure_share_warn.source]))
    if not check.findings:
        st.success(
            "Nothing found by these checks. They read English wording, not the story "
            "itself: ask a mentor to read it too.",
            icon=":material/check_circle:",
        )
        return
    shown: dict[str, int] = {}
    for item in check.findings:
        shown[item.kind] = shown.get(item.kind, 0) + 1
        if shown[item.kind] <= SHOWN_PER_KIND:
            finding(item)
    for kind, count in shown.items():
        if count > SHOWN_PER_KIND:
            st.caption(
                f"…and {count - SHOWN_PER_KIND} more like the {kind.replace('_', ' ')} ones."
            )


# --- networking ----------------------------------------------------------------------------

NETWORK_FIELDS = {  # editor column -> NetworkingTarget field
    "Program": "program",
    "Connection": "connection",
    "Advocate who could call": "advocate",
    "Status": "status",
    "Next step": "next_step",
}


def network_frame(table: NetworkingTable) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Program": t.program,
                "Connection": CONNECTION_LABELS[t.connection],
                "Advocate who could call": t.advocate,
                "Status": STATUS_LABELS[t.status],
                "Next step": t.next_step,
            }
            for t in table.targets
        ],
        columns=list(NETWORK_FIELDS),
    )


def network_columns() -> dict[str, Any]:
    return {
        "Program": st.column_config.TextColumn(max_chars=160, required=True, width="medium"),
        "Connection": st.column_config.SelectboxColumn(
            options=list(CONNECTION_LABELS.values()),
            required=True,
            default=CONNECTION_LABELS["rotation"],
        ),
        "Advocate who could call": st.column_config.TextColumn(
            max_chars=120, help="Someone who knows your work and can call the program director"
        ),
        "Status": st.column_config.SelectboxColumn(
            options=list(STATUS_LABELS.values()),
            required=True,
            default=STATUS_LABELS["not_started"],
        ),
        "Next step": st.column_config.TextColumn(
            max_chars=300, help="Leave empty to see a suggestion below", width="large"
        ),
    }


def network_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    """The editor's rows keyed by NetworkingTarget's field names."""
    return [
        {NETWORK_FIELDS[c]: v for c, v in row.items() if c in NETWORK_FIELDS}
        for row in edited.to_dict("records")
    ]


def email_check(check: EmailCheck) -> None:
    """R-62: the sentence count against its range and each finding quoted."""
    limits = narrative_data().thresholds
    st.caption(
        f"{check.sentences} sentence(s) in the body; aim for "
        f"{limits.email_sentences_min.value:.0f}-{limits.email_sentences_max.value:.0f}."
    )
    if not check.findings:
        st.success("Short, names the program and the connection.", icon=":material/check_circle:")
    for item in check.findings:
        with st.container(border=True):
            st.markdown(f":material/warning: {render.ruled(item.rule, render.plain(item.message))}")
            for quoted in item.quotes:
                st.markdown(f"> {render.plain(quoted)}")
            st.caption(item.hint)


# --- progress ------------------------------------------------------------------------------

STEP_IDS: dict[str, StepId] = {label: step for step, label in STEP_LABELS.items()}
SCORE_COLUMNS = {"Date taken": "taken_on", "Step": "step", "Score": "score", "Form": "form"}


def when(milestone: Milestone) -> str:
    start, end = milestone.start, milestone.end
    return f"{start:%d %b %Y}" if start == end else f"{start:%d %b %Y} – {end:%d %b %Y}"


def score_frame(scores: tuple[PracticeScore, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Date taken": s.taken_on,
                "Step": STEP_LABELS[s.step],
                "Score": s.score,
                "Form": s.form,
            }
            for s in scores
        ],
        columns=list(SCORE_COLUMNS),
    ).astype({"Score": "Int64"})


def score_columns(default_step: StepId) -> dict[str, Any]:
    return {
        "Date taken": st.column_config.DateColumn(
            format="DD/MM/YYYY", required=True, help="The day you took the form"
        ),
        "Step": st.column_config.SelectboxColumn(
            options=list(STEP_IDS), required=True, default=STEP_LABELS[default_step]
        ),
        "Score": st.column_config.NumberColumn(
            required=True, step=1, format="%d", help="Three-digit score, 1-300"
        ),
        "Form": st.column_config.TextColumn(max_chars=80, help="e.g. NBME 12, UWSA 2, Free 120"),
    }


def _cell(value: Any) -> Any:
    """An editor cell as the model reads it: empty is None, a timestamp is a date."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip() or None
    return value


def score_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    """The editor's rows keyed by PracticeScore's field names (Step label -> id)."""
    rows: list[dict[str, Any]] = []
    for row in edited.to_dict("records"):
        out = {name: _cell(row.get(column)) for column, name in SCORE_COLUMNS.items()}
        step = out["step"]
        out["step"] = STEP_IDS.get(step, step) if isinstance(step, str) else step
        if out["form"] is None:
            out["form"] = ""
        rows.append(out)
    return rows


def _standard_words(trend: ScoreTrend) -> str:
    label = STEP_LABELS[trend.step]
    since = f"{trend.standard_from:%d %b %Y}"
    if trend.pass_fail_only:
        pf_from = load_reference().usmle.step1_pass_fail_from.value
        return (
            f"{label} has been reported pass/fail only since {pf_from:%d %b %Y}; "
            f"{trend.standard} is the underlying three-digit standard (since {since}), "
            "which practice forms are scaled to."
        )
    return f"The {label} passing standard is {trend.standard} for exams from {since}."


def trend(shown: ScoreTrend) -> None:
    """One Step's latest score, the standard, the gap, the R-01/R-22 warning and the chart."""
    latest = shown.latest
    if latest is None or shown.gap is None:
        return
    label = STEP_LABELS[shown.step]
    with st.container(border=True, key=f"progress_trend_{shown.step}"):
        st.markdown(f"#### {label}")
        c1, c2, c3 = st.columns(3)
        form = f"{render.plain(latest.form)}, " if latest.form else ""
        c1.metric(
            "Latest practice score",
            str(latest.score),
            help=f"{form}taken {latest.taken_on:%d %b %Y}",
        )
        c2.metric(
            "Underlying passing standard" if shown.pass_fail_only else "Passing standard",
            str(shown.standard),
            help=f"In force since {shown.standard_from:%d %b %Y} (facts §2.1).",
        )
        average = (
            f"{shown.recent_gap:+.0f} on average over the last {shown.recent_count}"
            if shown.recent_gap is not None and shown.recent_count > 1
            else None
        )
        c3.metric(
            "Gap to the passing standard",
            f"{shown.gap:+d}",
            delta=average,
            help=f"Latest score minus the standard: {gap_label(shown.gap)}."
            + (" Below it: the mean of the recent scores minus the standard." if average else ""),
        )
        if shown.gap < 0:
            st.warning(
                f"The latest {label} practice score is {-shown.gap} points below the passing "
                "standard.",
                icon=":material/warning:",
            )
        elif shown.in_low_pass_zone:
            threshold = load_reference().thresholds.step2ck_low_pass_margin
            st.warning(
                render.ruled(
                    "R-01, R-22",
                    f"A pass within {shown.low_pass_margin} points of the standard still reads "
                    "to programs as a very low pass; aim higher before sitting the exam.",
                ),
                icon=":material/error:",
            )
            st.caption(render.source_line([threshold.source]) + " · adjustable default")
        render.chart(score_trend_chart(shown), key=f"progress_chart_{shown.step}")
        st.caption(_standard_words(shown))
        st.caption(render.source_line([shown.standard_source]))


def valid_pick(key: str, choices: list[int]) -> str:
    """The key of a view-only selectbox (which program to show; not plan data), its
    value moved to the first choice when rows were added or removed under it."""
    if st.session_state.get(key) not in choices:
        st.session_state[key] = choices[0] if choices else None
    return key
