"""Progress: the year's milestones ticked off, and practice scores against the standard.

Issue 6, item 6. The checklist is the Timeline's own milestones, so it follows
the plan as it changes; ticks live in the stored Progress, never only in a
widget. The score log is validated as a whole on "Save scores": a bad row is
named by number and the stored log stays as it was. Each Step's trend is read
against the passing standard in force today (facts §2.1).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from matchplan.profile import STEP_LABELS
from matchplan.progress import (
    Progress,
    ScoreTrend,
    completion,
    forget_removed,
    mark_done,
    score_trend,
    scores_from_rows,
    steps_with_scores,
    with_scores,
)
from matchplan.progress_charts import gap_label, score_trend_chart
from matchplan.reference import StepId, load_reference
from matchplan.timeline import (
    Milestone,
    MilestoneKind,
    PlanDateError,
    Timeline,
    build_timeline,
    default_plan,
)
from matchplan.timeline_charts import KIND_LABELS
from ui import render, state

today = state.today()
STEP_IDS: dict[str, StepId] = {label: step for step, label in STEP_LABELS.items()}
COLUMNS = {"Date taken": "taken_on", "Step": "step", "Score": "score", "Form": "form"}

st.title("Progress")
st.caption(
    "Tick off the plan's milestones as they are done, and log every practice exam: "
    "each Step's scores are drawn against the passing standard the real exam uses."
)


def current_timeline() -> Timeline | None:
    """The Timeline page's plan; its default if a date in it can no longer be placed."""
    profile = state.profile()
    try:
        return build_timeline(profile, state.timeline_plan(), today)
    except PlanDateError:
        st.info(
            "The plan on the Timeline page has a date that cannot be placed; the "
            "checklist follows the default plan until it is fixed there.",
            icon=":material/info:",
        )
    try:
        return build_timeline(profile, default_plan(profile, today), today)
    except PlanDateError as problem:
        st.error(f"No timeline to tick off: {problem}", icon=":material/event_busy:")
        return None


def done_key(name: str) -> str:
    return "progress_done_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def when(milestone: Milestone) -> str:
    start, end = milestone.start, milestone.end
    return f"{start:%d %b %Y}" if start == end else f"{start:%d %b %Y} – {end:%d %b %Y}"


def toggle(name: str, key: str, milestones: tuple[Milestone, ...]) -> None:
    """Checkbox callback: the tick goes into the stored Progress before the rerun."""
    ticked = bool(st.session_state.get(key))
    progress = state.progress()
    try:
        state.set_progress(mark_done(progress, name, ticked))
    except ValidationError:  # the cap on ticks: forget ticks of milestones no longer planned
        state.set_progress(mark_done(forget_removed(progress, milestones), name, ticked))


def group(
    kind: MilestoneKind,
    items: list[Milestone],
    progress: Progress,
    milestones: tuple[Milestone, ...],
) -> None:
    """One kind of milestone in a bordered box: a checkbox and its dates per milestone."""
    with st.container(border=True):
        st.markdown(f"**{KIND_LABELS[kind]}**")
        for milestone in items:
            key = done_key(milestone.name)
            ticked = milestone.name in progress.done
            st.session_state[key] = ticked  # the stored Progress is the truth
            late = not ticked and milestone.end < today
            st.checkbox(
                render.plain(milestone.name),
                key=key,
                on_change=toggle,
                args=(milestone.name, key, milestones),
            )
            st.caption(when(milestone) + (" · :orange[past its date]" if late else ""))


@st.fragment
def checklist(timeline: Timeline) -> None:
    """The completion bar and one checkbox per milestone, grouped by kind; reruns alone."""
    progress = state.progress()
    milestones = timeline.milestones
    done, total = completion(progress, milestones)
    with st.container(key="progress_completion"):
        st.progress(
            done / total if total else 0.0,
            text=f"**{done} of {total}** milestones done for the {timeline.match_year} Match",
        )
    groups: dict[MilestoneKind, list[Milestone]] = {}
    for milestone in milestones:  # already in date order, so groups come in order too
        groups.setdefault(milestone.kind, []).append(milestone)
    kinds = list(groups.items())
    for row in range(0, len(kinds), 3):  # rows of three, so the groups read in date order
        for column, (kind, items) in zip(st.columns(3), kinds[row : row + 3], strict=False):
            with column:
                group(kind, items, progress, milestones)


# --- the practice-score log --------------------------------------------------------------
def log_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Date taken": s.taken_on,
                "Step": STEP_LABELS[s.step],
                "Score": s.score,
                "Form": s.form,
            }
            for s in state.progress().practice_scores
        ],
        columns=list(COLUMNS),
    ).astype({"Score": "Int64"})


def editor_key() -> str:
    """A new editor whenever the stored log changes (a save, a loaded plan): no stale edits."""
    stored = "|".join(s.model_dump_json() for s in state.progress().practice_scores)
    return "progress_scores_editor_" + hashlib.sha256(stored.encode()).hexdigest()[:12]


def cell(value: Any) -> Any:
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


def to_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    out = {field: cell(row.get(column)) for column, field in COLUMNS.items()}
    step = out["step"]
    out["step"] = STEP_IDS.get(step, step) if isinstance(step, str) else step
    if out["form"] is None:
        out["form"] = ""
    return out


def score_log(default_step: StepId) -> None:
    st.subheader("Practice exams")
    st.caption(
        "One row per practice exam: the date you took it, the Step, the three-digit score "
        "(1-300) and the form, for example NBME 12 or UWSA 2. Add a row at the bottom of the "
        "table, then save. Rows are counted from the top."
    )
    with st.container(key="progress_scores"), st.form("progress_scores_form", border=False):
        edited = st.data_editor(
            log_frame(),
            key=editor_key(),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "Date taken": st.column_config.DateColumn(
                    format="YYYY-MM-DD", required=True, help="The day you took the form"
                ),
                "Step": st.column_config.SelectboxColumn(
                    options=list(STEP_IDS), required=True, default=STEP_LABELS[default_step]
                ),
                "Score": st.column_config.NumberColumn(
                    required=True, step=1, format="%d", help="Three-digit score, 1-300"
                ),
                "Form": st.column_config.TextColumn(
                    max_chars=80, help="e.g. NBME 12, UWSA 2, Free 120"
                ),
            },
        )
        submitted = st.form_submit_button("Save scores", type="primary", icon=":material/save:")
    if not submitted:
        return
    rows = [to_fields(row) for row in edited.to_dict("records")]
    scores, problems = scores_from_rows(rows, today)
    if problems:
        with st.container(key="progress_score_errors"):
            for problem in problems:
                st.error(render.plain(problem.text()), icon=":material/error:")
            st.caption("Nothing was saved: the stored log is unchanged until every row is valid.")
        return
    state.set_progress(with_scores(state.progress(), scores))
    state.flash(f"Saved {len(scores)} practice score{'s' if len(scores) != 1 else ''}.")
    st.rerun()


# --- the trend per Step ------------------------------------------------------------------
def standard_words(trend: ScoreTrend) -> str:
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


def show_trend(trend: ScoreTrend) -> None:
    latest = trend.latest
    if latest is None or trend.gap is None:
        return
    label = STEP_LABELS[trend.step]
    with st.container(border=True, key=f"progress_trend_{trend.step}"):
        st.markdown(f"#### {label}")
        c1, c2, c3 = st.columns(3)
        form = f"{render.plain(latest.form)}, " if latest.form else ""
        c1.metric(
            "Latest practice score",
            str(latest.score),
            help=f"{form}taken {latest.taken_on:%d %b %Y}",
        )
        c2.metric(
            "Underlying passing standard" if trend.pass_fail_only else "Passing standard",
            str(trend.standard),
            help=f"In force since {trend.standard_from:%d %b %Y} (facts §2.1).",
        )
        average = (
            f"{trend.recent_gap:+.0f} on average over the last {trend.recent_count}"
            if trend.recent_gap is not None and trend.recent_count > 1
            else None
        )
        c3.metric(
            "Gap to the passing standard",
            f"{trend.gap:+d}",
            delta=average,
            help=f"Latest score minus the standard: {gap_label(trend.gap)}."
            + (" Below it: the mean of the recent scores minus the standard." if average else ""),
        )
        if trend.gap < 0:
            st.warning(
                f"The latest {label} practice score is {-trend.gap} points below the passing "
                "standard.",
                icon=":material/warning:",
            )
        elif trend.in_low_pass_zone:
            threshold = load_reference().thresholds.step2ck_low_pass_margin
            st.warning(
                f"**R-01, R-22** · A pass within {trend.low_pass_margin} points of the standard "
                "still reads to programs as a very low pass; aim higher before sitting the exam.",
                icon=":material/error:",
            )
            st.caption(render.source_line([threshold.source]) + " · adjustable default")
        st.plotly_chart(
            score_trend_chart(trend),
            key=f"progress_chart_{trend.step}",
            width="stretch",
            config={"displayModeBar": False},
        )
        st.caption(standard_words(trend))
        st.caption(render.source_line([trend.standard_source]))


timeline = current_timeline()
st.subheader("Milestones")
if timeline is not None:
    checklist(timeline)
score_log(timeline.exam.step if timeline is not None and timeline.exam else "step2ck")
progress = state.progress()
trends = [score_trend(progress, step, today) for step in steps_with_scores(progress)]
if trends:
    st.subheader("Trend against the passing standard")
    for trend in trends:
        show_trend(trend)
else:
    st.info("Log a practice exam above to see its trend against the passing standard.")
