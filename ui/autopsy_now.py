"""Autopsy sections 5-6: timing last cycle and now, and the advisor.

Each widget is bound to one profile field and commits when it changes. The role
chosen here is the profile's ``clinical.current_role``: the one source of the
gap-year role (build_plan carries it into the Timeline).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from matchplan.assessment import Assessment
from matchplan.profile import CURRENT_ROLE_LABELS, ApplicantProfile
from matchplan.timeline import role_options
from ui import autopsy_view as view
from ui import render, session, state

VIEW_LABELS = {
    None: "Use MatchPlan's proposal",
    "optimistic": "Optimistic but conditional",
    "cautious": "Neutral / cautious",
    "pessimistic": "Pessimistic",
}


def _day(label: str, name: str, path: str, value: date | None, today: date) -> None:
    st.date_input(
        label,
        value=value,
        min_value=view.EARLIEST,
        format="DD/MM/YYYY",
        max_value=view.latest(today),
        **view.bound(name, path),
    )
    state.error(name)


def timing(profile: ApplicantProfile, today: date) -> None:
    cycle, clinical = profile.last_cycle, profile.clinical
    st.subheader("5 · Timing last cycle, and now")
    c1, c2, c3 = st.columns(3)
    with c1:
        _day(
            "ERAS submitted on",
            "autopsy_submitted",
            "last_cycle.eras_submitted_on",
            cycle.eras_submitted_on,
            today,
        )
    with c2:
        _day(
            "Last letter uploaded on",
            "autopsy_letters_on",
            "last_cycle.letters_uploaded_on",
            cycle.letters_uploaded_on,
            today,
        )
    with c3:
        _day(
            "Latest score reported on",
            "autopsy_score_on",
            "last_cycle.latest_score_reported_on",
            cycle.latest_score_reported_on,
            today,
        )
    c4, c5 = st.columns(2)
    with c4:
        st.number_input(
            "Months since hands-on clinical work",
            min_value=0,
            max_value=600,
            value=clinical.months_since_clinical,
            step=1,
            **view.bound("autopsy_months", "clinical.months_since_clinical", int),
        )
        state.error("autopsy_months")
    c5.selectbox(
        "Current or planned role",
        **view.labelled({kind: CURRENT_ROLE_LABELS[kind] for kind in role_options(profile)}),
        index=list(role_options(profile)).index(clinical.current_role),
        help="The gap-year role the Timeline plans around.",
        **view.bound("autopsy_role", "clinical.current_role"),
    )
    c6, c7 = st.columns(2)
    c6.checkbox(
        "That clinical work was US-based",
        value=clinical.clinical_us_based,
        **view.bound("autopsy_us", "clinical.clinical_us_based"),
    )
    c7.checkbox(
        "It was in the target specialty",
        value=clinical.clinical_in_target,
        **view.bound("autopsy_in_target", "clinical.clinical_in_target"),
    )


def advisor(profile: ApplicantProfile, result: Assessment) -> None:
    st.subheader("6 · Advisor")
    st.caption(
        render.words(
            f"MatchPlan proposes the {result.view.proposed} view (R-20). An advisor who "
            "sees it differently records that here; the choice is kept with the plan."
        )
    )
    st.selectbox(
        "Advisor's view",
        **view.labelled(VIEW_LABELS),
        index=list(VIEW_LABELS).index(profile.advisor_view),
        **view.bound("autopsy_advisor_view", "advisor_view"),
    )
    if session.hide_details():
        st.caption("Advisor notes are hidden while screen sharing; they are kept with the plan.")
    else:
        st.text_area(
            "Advisor notes",
            value=profile.advisor_notes,
            max_chars=5000,
            **view.bound("autopsy_advisor_notes", "advisor_notes"),
        )
        state.error("autopsy_advisor_notes")
