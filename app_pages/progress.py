"""Progress: the year's milestones ticked off, and practice scores against the standard.

Issue 6, item 6. The checklist is the Timeline's own milestones from the one
computation (``result.timeline``), so it follows the plan at once: record a Step 1
pass and its study block is gone here too. Ticks are bound to ``plan.progress``.
The score log is a data editor over the stored log: the edited log is validated
whole, kept as soon as every row is valid, and a bad row is named by number while
the stored log stays as it was. Each Step's trend is read against the passing
standard in force today (facts §2.1).
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from matchplan.progress import Progress, completion, with_scores
from matchplan.timeline import Milestone, MilestoneKind
from matchplan.timeline_charts import KIND_LABELS
from matchplan.views_year import log_step, milestone_names, score_log, score_trends, tick
from ui import render, state, study_view, year_view

today = state.today()

st.title("Progress")
st.caption(
    "Tick off the plan's milestones as they are done, and log every practice exam: "
    "each Step's scores are drawn against the passing standard the real exam uses."
)


def done_name(milestone: str) -> str:
    return "progress_done_" + re.sub(r"[^a-z0-9]+", "_", milestone.lower()).strip("_")


def tick_commit(milestone: str) -> state.Commit:
    def commit(value: Any) -> None:
        current = state.result()
        state.update(
            progress=tick(current.plan.progress, milestone, bool(value), milestone_names(current))
        )

    return commit


def group(kind: MilestoneKind, items: list[Milestone], progress: Progress) -> None:
    """One kind of milestone in a bordered box: a checkbox and its dates per milestone.

    A past task not ticked says whether it was answered "not done" (missed) or still
    asks "done?" (R-43); an event that has passed simply happened.
    """
    with st.container(border=True):
        st.markdown(f"**{KIND_LABELS[kind]}**")
        for milestone in items:
            ticked = milestone.name in progress.done
            st.checkbox(
                render.plain(milestone.name),
                value=ticked,
                **state.bind(done_name(milestone.name), tick_commit(milestone.name)),
            )
            note = ""
            if milestone.task and not ticked and milestone.end < today:
                missed = milestone.name in progress.not_done
                note = " · :orange[missed]" if missed else " · :orange[past its date: done?]"
            st.caption(year_view.when(milestone) + note)


@st.fragment
def checklist() -> None:
    """The completion bar and one checkbox per milestone, grouped by kind; reruns alone."""
    result = state.result()
    timeline = result.timeline
    done, total = completion(result.plan.progress, timeline.milestones)
    with st.container(key="progress_completion"):
        st.progress(
            done / total if total else 0.0,
            text=f"**{done} of {total}** milestones done for the {timeline.match_year} Match",
        )
    groups: dict[MilestoneKind, list[Milestone]] = {}
    for milestone in timeline.milestones:  # in date order, so groups come in order too
        groups.setdefault(milestone.kind, []).append(milestone)
    kinds = list(groups.items())
    for row in range(0, len(kinds), 3):  # rows of three, so the groups read in date order
        for column, (kind, items) in zip(st.columns(3), kinds[row : row + 3], strict=False):
            with column:
                group(kind, items, result.plan.progress)


def commit_scores(value: Any) -> None:
    state.update(progress=with_scores(state.plan().progress, value))


def practice_log() -> None:
    """The score log: each edit is kept as soon as the whole log is valid."""
    st.subheader("Practice exams")
    st.caption(
        "One row per practice exam: the date you took it, the Step, the three-digit score "
        "(1-300) and the form, for example NBME 12 or UWSA 2. Add a row at the bottom of the "
        "table; it is kept as soon as every row is valid. Rows are counted from the top."
    )
    base = state.editor_base("progress_scores_editor", state.plan().progress.practice_scores)
    with st.container(key="progress_scores"):
        edited = st.data_editor(
            year_view.score_frame(base),
            key=state.key("progress_scores_editor"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config=year_view.score_columns(log_step(state.result())),
        )
    scores, problems = score_log(year_view.score_rows(edited), today)
    if problems:
        with st.container(key="progress_score_errors"):
            for problem in problems:
                st.error(render.plain(problem.text()), icon=":material/error:")
            st.caption("Nothing was saved: the stored log is unchanged until every row is valid.")
        return
    if scores != state.plan().progress.practice_scores:
        if state.commit_now("progress_scores_editor", commit_scores, scores):
            st.success(
                f"Saved {len(scores)} practice score{'s' if len(scores) != 1 else ''}.",
                icon=":material/check_circle:",
            )
        state.error("progress_scores_editor")


st.subheader("Milestones")
checklist()
practice_log()
trends = score_trends(state.result())  # after the log's commit
if trends:
    st.subheader("Trend against the passing standard")
    for trend in trends:
        year_view.trend(trend)
else:
    st.info("Log a practice exam above to see its trend against the passing standard.")

study_view.study_plan()  # the plan inside the block, readiness vs the exam date
study_view.letters_status()  # R-81: letters against R-37's target
