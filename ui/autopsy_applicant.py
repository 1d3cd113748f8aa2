"""Autopsy sections 1-2: the applicant and exams, the specialty and applications.

Each widget is bound to one profile field and commits when it changes.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from matchplan.profile import APPLICANT_TYPE_LABELS, ApplicantProfile
from matchplan.reference import load_reference
from ui import autopsy_view as view
from ui import render, session, state


def applicant_and_exams(profile: ApplicantProfile, today: date) -> None:
    st.subheader("1 · Applicant and exams")
    c1, c2, c3 = st.columns(3)
    with c1:
        st.selectbox(
            "Applicant type",
            **view.labelled(APPLICANT_TYPE_LABELS),
            index=list(APPLICANT_TYPE_LABELS).index(profile.applicant_type),
            **view.bound("autopsy_applicant_type", "applicant_type"),
        )
        state.error("autopsy_applicant_type")
    with c2:
        st.date_input(
            "Graduation date",
            value=profile.graduation_date,
            min_value=view.EARLIEST,
            format="DD/MM/YYYY",
            max_value=view.latest(today),
            **view.bound("autopsy_graduation_date", "graduation_date"),
        )
        state.error("autopsy_graduation_date")
    with c3:
        if session.hide_details():
            st.text_input(
                "Name",
                value="hidden while screen sharing",
                disabled=True,
                key=state.key("autopsy_display_name_hidden"),
            )
        else:
            st.text_input(
                "Name (optional, stays in this tab)",
                value=profile.display_name,
                max_chars=120,
                **view.bound("autopsy_display_name", "display_name"),
            )
            state.error("autopsy_display_name")
    c4, c5 = st.columns(2)
    c4.checkbox(
        "Needs visa sponsorship",
        value=profile.needs_visa,
        **view.bound("autopsy_needs_visa", "needs_visa"),
    )
    c5.checkbox(
        "ECFMG certified (IMGs)",
        value=profile.ecfmg_certified,
        **view.bound("autopsy_ecfmg", "ecfmg_certified"),
    )
    pass_fail = load_reference().usmle.step1_pass_fail_from
    st.markdown(
        "**Exam attempts**: every sitting, and planned ones. Step 1 taken on or after "
        f"{pass_fail.value:%d %b %Y} is pass/fail only, so leave its score empty."
    )
    st.caption(render.source_line([pass_fail.source]))
    edited = st.data_editor(
        state.editor_base("autopsy_exams", view.exams_frame(profile)),
        num_rows="dynamic",
        hide_index=True,
        key=state.key("autopsy_exams"),
        column_config={
            "Step": st.column_config.SelectboxColumn(options=list(view.STEP_IDS), required=True),
            "Exam date": st.column_config.DateColumn(format="DD/MM/YYYY", required=True),
            "Result": st.column_config.SelectboxColumn(
                options=["pass", "fail", "planned"], required=True
            ),
            "Score": st.column_config.NumberColumn(help="1-300 where reported", step=1),
        },
        width="stretch",
    )
    view.commit_table(
        "autopsy_exams", view.exams_of(edited), [a.model_dump() for a in profile.exams]
    )


def specialty_and_applications(profile: ApplicantProfile) -> None:
    cycle = profile.last_cycle
    names = view.SPECIALTY_NAMES
    st.subheader("2 · Specialty and applications")
    c1, c2, c3 = st.columns(3)
    with c1:
        st.selectbox(
            "Target specialty (next cycle)",
            **view.labelled(names),
            index=list(names).index(profile.target_specialty),
            **view.bound("autopsy_target", "target_specialty"),
        )
        state.error("autopsy_target")
    with c2:
        st.number_input(
            "Target Match year",
            min_value=2016,
            max_value=2045,
            value=profile.target_match_year,
            step=1,
            **view.bound("autopsy_target_year", "target_match_year", int),
        )
        state.error("autopsy_target_year")
    with c3:
        st.number_input(
            "Match year of the last cycle",
            min_value=2015,
            max_value=2040,
            value=cycle.match_year,
            step=1,
            **view.bound("autopsy_last_year", "last_cycle.match_year", int),
        )
        state.error("autopsy_last_year")
    st.multiselect(
        "Specialties applied to last cycle (main one first)",
        **view.labelled(names),
        default=list(cycle.specialties_applied),
        **view.bound("autopsy_applied", "last_cycle.specialties_applied", list),
    )
    state.error("autopsy_applied")
    c4, c5, c6 = st.columns(3)
    with c4:
        st.number_input(
            "Programs applied to",
            min_value=0,
            max_value=1000,
            value=cycle.programs_applied,
            step=1,
            **view.bound("autopsy_programs", "last_cycle.programs_applied", int),
        )
        state.error("autopsy_programs")
    with c5:
        st.number_input(
            "US census divisions applied in",
            min_value=1,
            max_value=9,
            value=cycle.census_divisions,
            step=1,
            help="MyERAS lets you name up to 3 preferred divisions "
            "(AAMC, 2025); this counts where you actually applied.",
            **view.bound("autopsy_divisions", "last_cycle.census_divisions", int),
        )
        state.error("autopsy_divisions")
    with c6:
        st.number_input(
            "Unsuccessful cycles so far",
            min_value=0,
            max_value=10,
            value=cycle.prior_unsuccessful_cycles,
            step=1,
            **view.bound("autopsy_cycles", "last_cycle.prior_unsuccessful_cycles", int),
        )
        state.error("autopsy_cycles")
