"""Autopsy sections 3-4: interviews and application content.

Each widget is bound to one profile field and commits when it changes.
"""

from __future__ import annotations

import streamlit as st

from matchplan.profile import ApplicantProfile
from ui import autopsy_view as view
from ui import state

SOAP_LABELS = {
    "did_not_take_part": "Did not take part",
    "no_position": "Took part, no position",
    "ineligible": "Not eligible",
}
STATEMENT_LABELS = {
    "generic": "Generic",
    "targeted": "Targeted to the specialty",
    "weak": "Weak",
    "addressed_failure": "Addressed the failure",
}
ACTIVITY_LABELS = {
    "relevant": "Relevant to the target specialty",
    "scattered": "Scattered across specialties",
    "none": "Little or none",
}


def _count(label: str, name: str, path: str, value: int) -> None:
    st.number_input(
        label, min_value=0, max_value=1000, value=value, step=1, **view.bound(name, path, int)
    )
    state.error(name)


def interviews(profile: ApplicantProfile) -> None:
    cycle = profile.last_cycle
    st.subheader("3 · Interviews")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        _count(
            "Interview offers",
            "autopsy_offers",
            "last_cycle.interview_offers",
            cycle.interview_offers,
        )
    with c2:
        _count(
            "Interviews attended",
            "autopsy_attended",
            "last_cycle.interviews_attended",
            cycle.interviews_attended,
        )
    with c3:
        _count(
            "Programs ranked", "autopsy_ranked", "last_cycle.programs_ranked", cycle.programs_ranked
        )
    c4.selectbox(
        "SOAP",
        **view.labelled(SOAP_LABELS),
        index=list(SOAP_LABELS).index(cycle.soap),
        **view.bound("autopsy_soap", "last_cycle.soap"),
    )
    st.text_area(
        "Explicit feedback received (from programs, advisors, emails)",
        value=cycle.feedback,
        max_chars=5000,
        **view.bound("autopsy_feedback", "last_cycle.feedback"),
    )
    state.error("autopsy_feedback")


def content(profile: ApplicantProfile) -> None:
    content = profile.content
    st.subheader("4 · Application content")
    c1, c2 = st.columns(2)
    c1.selectbox(
        "Personal statement",
        **view.labelled(STATEMENT_LABELS),
        index=list(STATEMENT_LABELS).index(content.personal_statement),
        **view.bound("autopsy_statement", "content.personal_statement"),
    )
    c2.selectbox(
        "Research, leadership, volunteering",
        **view.labelled(ACTIVITY_LABELS),
        index=list(ACTIVITY_LABELS).index(content.activities),
        **view.bound("autopsy_activities", "content.activities"),
    )
    st.markdown("**Letters of recommendation**")
    edited = st.data_editor(
        state.editor_base("autopsy_letters", view.letters_frame(profile)),
        num_rows="dynamic",
        hide_index=True,
        key=state.key("autopsy_letters"),
        column_config={
            "Writer's title": st.column_config.TextColumn(max_chars=120, required=True),
            "Specialty": st.column_config.SelectboxColumn(
                options=list(view.SPECIALTY_IDS), required=True
            ),
            "Date written": st.column_config.DateColumn(format="DD/MM/YYYY", required=True),
            "US-based": st.column_config.CheckboxColumn(default=True),
            "Strong": st.column_config.CheckboxColumn(
                default=True, help="Specific and enthusiastic"
            ),
        },
        width="stretch",
    )
    view.commit_table(
        "autopsy_letters", view.letters_of(edited), [x.model_dump() for x in content.letters]
    )
