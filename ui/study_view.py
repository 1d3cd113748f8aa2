"""Progress's year sections (issue 13): the study plan inside the block with its readiness
rule (R-82), and the clinical year's letters against R-37's target (R-81).

Bound widgets (``state.bind``) and a data editor kept whole (``state.commit_now``), as
on the rest of Progress; nothing here sits in a fragment.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.profile import STEP_LABELS
from matchplan.year.data import year_data
from matchplan.year.study_plan import StudyPlan
from ui import state, wholeyear_view


def _commit(field: str) -> state.Commit:
    def apply(value: Any) -> None:
        current = state.plan().study_plan.model_dump()
        state.update(study_plan=StudyPlan.model_validate({**current, field: value}))

    return apply


def _forms_editor() -> None:
    base = state.editor_base("study_forms", state.plan().study_plan.forms)
    with st.container(key="study_forms"):
        edited = st.data_editor(
            wholeyear_view.form_frame(base),
            key=state.key("study_forms"),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config=wholeyear_view.form_columns(),
        )
    rows = wholeyear_view.form_rows(edited)
    current = state.plan().study_plan
    try:
        candidate = StudyPlan.model_validate({**current.model_dump(), "forms": rows})
    except ValueError:
        st.error(
            "Every planned form needs a name and a date; nothing was saved.",
            icon=":material/error:",
        )
        return
    if candidate.forms != current.forms:
        state.commit_now("study_forms", _commit("forms"), [f.model_dump() for f in candidate.forms])
        state.error("study_forms")


def study_plan() -> None:
    """R-82: resources, weekly hours, the form schedule, then readiness against the date."""
    result = state.result()
    exam = result.timeline.exam
    st.subheader("Study plan and readiness")
    if exam is None:
        st.info("No exam is planned on Timeline, so there is no study block to fill.")
        return
    st.caption(
        f"Inside the {STEP_LABELS[exam.step]} block ({exam.study_start:%d %b} to "
        f"{exam.exam_date:%d %b %Y}): a structured curriculum, not just more questions."
    )
    plan = result.plan.study_plan
    labels = year_data().study.resources
    left, right = st.columns([3, 1])
    with left:
        st.multiselect(
            "Resources",
            list(labels),
            default=list(plan.resources),
            format_func=lambda k: labels[k],
            **state.bind("study_resources", _commit("resources")),
        )
    with right:
        st.number_input(
            "Study hours a week",
            min_value=0,
            max_value=100,
            step=1,
            value=plan.weekly_hours,
            placeholder="hours",
            **state.bind("study_hours", _commit("weekly_hours")),
        )
        state.error("study_hours")
    st.caption("Practice-form schedule: one row per form you plan to sit, with its date.")
    _forms_editor()
    wholeyear_view.readiness(state.result().readiness)


def letters_status() -> None:
    """R-81 on Progress: the clinical year's letters against R-37's target."""
    st.subheader("Letters and the clinical year")
    wholeyear_view.outputs_status(state.result().outputs)
    st.page_link(
        "app_pages/clinical.py",
        label="Record attendings on Clinical year",
        icon=":material/stethoscope:",
    )
