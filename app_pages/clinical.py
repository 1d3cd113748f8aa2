"""Clinical year: the three outputs of the year (R-81, article §4.2) and, in a prelim or
transitional year, its checklist with dates (R-83, article §5.2).

The attendings table is a data editor over ``plan.clinical_outputs``: the edited
table is validated whole and kept as soon as every row is valid (the score log's
pattern, ``state.commit_now``). The prelim items are bound widgets.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.year.clinical_outputs import ClinicalOutputs, attendings_from_rows
from matchplan.year.prelim import PD_LABELS, PrelimPlan
from ui import render, state, wholeyear_view

today = state.today()
st.title("Clinical year")
st.caption(
    "The year is not about staying busy: it should give three things - strong new letters, "
    "specific comments on your work, and attendings who will pick up the phone when a "
    "program calls. Record each supervising attending here."
)


def commit_attendings(value: Any) -> None:
    state.update(clinical_outputs=ClinicalOutputs(attendings=value))


st.subheader("Attendings and what each gives")
base = state.editor_base("clinical_attendings", state.plan().clinical_outputs.attendings)
with st.container(key="clinical_attendings"):
    edited = st.data_editor(
        wholeyear_view.attending_frame(base),
        key=state.key("clinical_attendings"),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=wholeyear_view.attending_columns(state.plan().profile.target_specialty),
    )
attendings, problems = attendings_from_rows(wholeyear_view.attending_rows(edited))
if problems:
    for problem in problems:
        st.error(render.plain(problem, limit=300), icon=":material/error:")
    st.caption("Nothing was saved: the stored table is unchanged until every row is valid.")
elif attendings is not None and attendings != state.plan().clinical_outputs.attendings:
    state.commit_now("clinical_attendings", commit_attendings, attendings)
    state.error("clinical_attendings")

result = state.result()  # after the table's commit
wholeyear_view.outputs_status(result.outputs)

st.subheader("Prelim or transitional year")
if not result.prelim_items:
    st.info(
        "These items apply when the year's role is a prelim or transitional year (set the "
        "current role on Autopsy).",
        icon=":material/info:",
    )
else:
    st.caption(
        "A prelim or TY year gives US clinical work and core letters, and sometimes an "
        "in-house categorical spot - if the exam is already behind you and the interview "
        "season is planned for. The items are on the Timeline's Gantt too."
    )
    prelim = result.plan.prelim

    def prelim_field(name: str) -> state.Commit:
        def apply(value: Any) -> None:
            current = state.plan().prelim.model_dump()
            state.update(prelim=PrelimPlan.model_validate({**current, name: value}))

        return apply

    left, right = st.columns(2)
    with left:
        st.checkbox(
            "Interview days off requested",
            value=prelim.days_off_requested,
            **state.bind("prelim_days_off", prelim_field("days_off_requested")),
        )
    with right:
        st.selectbox(
            "The program's support for a categorical application",
            list(PD_LABELS),
            index=list(PD_LABELS).index(prelim.pd_support),
            format_func=lambda k: PD_LABELS[k],
            **state.bind("prelim_pd_support", prelim_field("pd_support")),
        )
    with st.container(border=True, key="prelim_checklist"):
        wholeyear_view.checklist(result.prelim_items, today)
        st.caption(render.source_line(["article", "matchplan-assumption"]))
