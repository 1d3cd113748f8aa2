"""Autopsy: every input of RULES.md §1, grouped as an advisor walks through them.

Each group is a form. On submit the whole profile is re-validated; a bad
value is named in a message inside that form and the stored plan stays as it
was, so nothing already entered is lost.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from matchplan.assessment import DIMENSION_LABELS
from matchplan.profile import (
    APPLICANT_TYPE_LABELS,
    CURRENT_ROLE_LABELS,
    STEP_LABELS,
    field_errors,
    with_changes,
)
from matchplan.reference import load_reference
from ui import render, session, state

ref = load_reference()
profile = state.profile()
today = state.today()
SPECIALTY_NAMES = {s.id: s.name for s in ref.specialties}
SPECIALTY_IDS = {s.name: s.id for s in ref.specialties}
STEP_IDS = {label: step for step, label in STEP_LABELS.items()}
EARLIEST = date(1980, 1, 1)
LATEST = date(today.year + 3, 12, 31)  # later dates are accepted, then rejected by the model


def save(section: str, changes: dict[str, Any]) -> None:
    """Validate the changed profile; store it, or show what is wrong in this form."""
    try:
        updated = with_changes(profile, changes, today)
    except ValidationError as exc:
        for error in field_errors(exc):
            st.error(error.message, icon=":material/error:")
        st.caption("Nothing was saved from this section; the plan is unchanged.")
        return
    state.set_profile(updated)
    state.clear_widgets(f"autopsy_{section}_")
    state.flash(f"Saved: {section.replace('_', ' ')}.")
    st.rerun()


def cell(value: Any) -> Any:
    """A data-editor cell as a plain Python value (empty cells become None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    return value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records = [{k: cell(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return [r for r in records if any(v not in (None, "") for v in r.values())]


st.title("Application autopsy")
st.caption("Last cycle, honestly, in five parts. Save each part; the tiers update at once.")

# --- 1. Applicant and exams -------------------------------------------------------------
with st.form("autopsy_exams_form"):
    st.subheader("1 · Applicant and exams")
    c1, c2, c3 = st.columns(3)
    applicant_type = c1.selectbox(
        "Applicant type",
        list(APPLICANT_TYPE_LABELS),
        format_func=APPLICANT_TYPE_LABELS.get,
        index=list(APPLICANT_TYPE_LABELS).index(profile.applicant_type),
        key="autopsy_exams_applicant_type",
    )
    graduation = c2.date_input(
        "Graduation date",
        value=profile.graduation_date,
        min_value=EARLIEST,
        max_value=LATEST,
        key="autopsy_exams_graduation_date",
    )
    hidden = session.hide_details()
    display_name = profile.display_name
    if hidden:
        c3.text_input(
            "Name",
            value="hidden while screen sharing",
            disabled=True,
            key="autopsy_exams_display_name_hidden",
        )
    else:
        display_name = c3.text_input(
            "Name (optional, stays in this tab)",
            value=profile.display_name,
            max_chars=120,
            key="autopsy_exams_display_name",
        )
    c4, c5 = st.columns(2)
    needs_visa = c4.checkbox(
        "Needs visa sponsorship", value=profile.needs_visa, key="autopsy_exams_needs_visa"
    )
    ecfmg = c5.checkbox(
        "ECFMG certified (IMGs)", value=profile.ecfmg_certified, key="autopsy_exams_ecfmg"
    )
    pass_fail = ref.usmle.step1_pass_fail_from
    st.markdown(
        "**Exam attempts**: every sitting, and planned ones. Step 1 taken on or after "
        f"{pass_fail.value:%d %b %Y} is pass/fail only, so leave its score empty."
    )
    st.caption(render.source_line([pass_fail.source]))
    exams_frame = pd.DataFrame(
        [
            {
                "Step": STEP_LABELS[a.step],
                "Exam date": a.exam_date,
                "Result": a.result,
                "Score": a.score,
            }
            for a in sorted(profile.exams, key=lambda a: a.exam_date)
        ],
        columns=["Step", "Exam date", "Result", "Score"],
    )
    edited_exams = st.data_editor(
        exams_frame,
        num_rows="dynamic",
        hide_index=True,
        key="autopsy_exams_editor",
        column_config={
            "Step": st.column_config.SelectboxColumn(options=list(STEP_IDS), required=True),
            "Exam date": st.column_config.DateColumn(format="YYYY-MM-DD", required=True),
            "Result": st.column_config.SelectboxColumn(
                options=["pass", "fail", "planned"], required=True
            ),
            "Score": st.column_config.NumberColumn(help="1-300 where reported", step=1),
        },
        width="stretch",
    )
    if st.form_submit_button("Save applicant and exams", type="primary"):
        exams = [
            {
                "step": STEP_IDS.get(r.get("Step") or "", r.get("Step")),
                "exam_date": r.get("Exam date"),
                "result": r.get("Result"),
                "score": None if r.get("Score") is None else int(r["Score"]),
            }
            for r in rows(edited_exams)
        ]
        save(
            "exams",
            {
                "applicant_type": applicant_type,
                "graduation_date": graduation,
                "display_name": display_name,
                "needs_visa": needs_visa,
                "ecfmg_certified": ecfmg,
                "exams": exams,
            },
        )

# --- 2. Specialty and applications ------------------------------------------------------
cycle = profile.last_cycle
with st.form("autopsy_specialty_form"):
    st.subheader("2 · Specialty and applications")
    c1, c2, c3 = st.columns(3)
    target = c1.selectbox(
        "Target specialty (next cycle)",
        list(SPECIALTY_NAMES),
        format_func=SPECIALTY_NAMES.get,
        index=list(SPECIALTY_NAMES).index(profile.target_specialty),
        key="autopsy_specialty_target",
    )
    target_year = c2.number_input(
        "Target Match year",
        min_value=2016,
        max_value=2045,
        value=profile.target_match_year,
        step=1,
        key="autopsy_specialty_target_year",
    )
    last_year = c3.number_input(
        "Match year of the last cycle",
        min_value=2015,
        max_value=2040,
        value=cycle.match_year,
        step=1,
        key="autopsy_specialty_last_year",
    )
    applied_to = st.multiselect(
        "Specialties applied to last cycle (main one first)",
        list(SPECIALTY_NAMES),
        format_func=SPECIALTY_NAMES.get,
        default=list(cycle.specialties_applied),
        key="autopsy_specialty_applied",
    )
    c4, c5, c6 = st.columns(3)
    programs = c4.number_input(
        "Programs applied to",
        min_value=0,
        max_value=1000,
        value=cycle.programs_applied,
        step=1,
        key="autopsy_specialty_programs",
    )
    divisions = c5.number_input(
        "US census divisions applied in",
        min_value=1,
        max_value=9,
        value=cycle.census_divisions,
        step=1,
        key="autopsy_specialty_divisions",
        help="MyERAS lets you name up to 3 preferred divisions "
        "(AAMC, 2025); this counts where you actually applied.",
    )
    cycles = c6.number_input(
        "Unsuccessful cycles so far",
        min_value=0,
        max_value=10,
        value=cycle.prior_unsuccessful_cycles,
        step=1,
        key="autopsy_specialty_cycles",
    )
    if st.form_submit_button("Save specialty and applications", type="primary"):
        save(
            "specialty",
            {
                "target_specialty": target,
                "target_match_year": int(target_year),
                "last_cycle": {
                    "match_year": int(last_year),
                    "specialties_applied": applied_to,
                    "programs_applied": int(programs),
                    "census_divisions": int(divisions),
                    "prior_unsuccessful_cycles": int(cycles),
                },
            },
        )

# --- 3. Interviews ----------------------------------------------------------------------
SOAP_LABELS = {
    "did_not_take_part": "Did not take part",
    "no_position": "Took part, no position",
    "ineligible": "Not eligible",
}
with st.form("autopsy_interviews_form"):
    st.subheader("3 · Interviews")
    c1, c2, c3, c4 = st.columns(4)
    offers = c1.number_input(
        "Interview offers",
        min_value=0,
        max_value=1000,
        value=cycle.interview_offers,
        step=1,
        key="autopsy_interviews_offers",
    )
    attended = c2.number_input(
        "Interviews attended",
        min_value=0,
        max_value=1000,
        value=cycle.interviews_attended,
        step=1,
        key="autopsy_interviews_attended",
    )
    ranked = c3.number_input(
        "Programs ranked",
        min_value=0,
        max_value=1000,
        value=cycle.programs_ranked,
        step=1,
        key="autopsy_interviews_ranked",
    )
    soap = c4.selectbox(
        "SOAP",
        list(SOAP_LABELS),
        format_func=SOAP_LABELS.get,
        index=list(SOAP_LABELS).index(cycle.soap),
        key="autopsy_interviews_soap",
    )
    feedback = st.text_area(
        "Explicit feedback received (from programs, advisors, emails)",
        value=cycle.feedback,
        max_chars=5000,
        key="autopsy_interviews_feedback",
    )
    if st.form_submit_button("Save interviews", type="primary"):
        save(
            "interviews",
            {
                "last_cycle": {
                    "interview_offers": int(offers),
                    "interviews_attended": int(attended),
                    "programs_ranked": int(ranked),
                    "soap": soap,
                    "feedback": feedback,
                }
            },
        )

# --- 4. Application content ---------------------------------------------------------------
content = profile.content
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
with st.form("autopsy_content_form"):
    st.subheader("4 · Application content")
    c1, c2 = st.columns(2)
    statement = c1.selectbox(
        "Personal statement",
        list(STATEMENT_LABELS),
        format_func=STATEMENT_LABELS.get,
        index=list(STATEMENT_LABELS).index(content.personal_statement),
        key="autopsy_content_statement",
    )
    activities = c2.selectbox(
        "Research, leadership, volunteering",
        list(ACTIVITY_LABELS),
        format_func=ACTIVITY_LABELS.get,
        index=list(ACTIVITY_LABELS).index(content.activities),
        key="autopsy_content_activities",
    )
    st.markdown("**Letters of recommendation**")
    letters_frame = pd.DataFrame(
        [
            {
                "Writer's title": x.writer_title,
                "Specialty": SPECIALTY_NAMES[x.specialty],
                "Date written": x.written_on,
                "US-based": x.us_based,
                "Strong": x.strong,
            }
            for x in content.letters
        ],
        columns=["Writer's title", "Specialty", "Date written", "US-based", "Strong"],
    )
    edited_letters = st.data_editor(
        letters_frame,
        num_rows="dynamic",
        hide_index=True,
        key="autopsy_content_letters",
        column_config={
            "Writer's title": st.column_config.TextColumn(max_chars=120, required=True),
            "Specialty": st.column_config.SelectboxColumn(
                options=list(SPECIALTY_IDS), required=True
            ),
            "Date written": st.column_config.DateColumn(format="YYYY-MM-DD", required=True),
            "US-based": st.column_config.CheckboxColumn(default=True),
            "Strong": st.column_config.CheckboxColumn(
                default=True, help="Specific and enthusiastic"
            ),
        },
        width="stretch",
    )
    if st.form_submit_button("Save application content", type="primary"):
        letters = [
            {
                "writer_title": r.get("Writer's title") or "",
                "specialty": SPECIALTY_IDS.get(r.get("Specialty") or "", r.get("Specialty")),
                "written_on": r.get("Date written"),
                "us_based": bool(r.get("US-based", True)),
                "strong": bool(r.get("Strong", True)),
            }
            for r in rows(edited_letters)
        ]
        save(
            "content",
            {
                "content": {
                    "personal_statement": statement,
                    "activities": activities,
                    "letters": letters,
                }
            },
        )

# --- 5. Timing and now --------------------------------------------------------------------
ROLE_LABELS = CURRENT_ROLE_LABELS
clinical = profile.clinical
with st.form("autopsy_timing_form"):
    st.subheader("5 · Timing last cycle, and now")
    c1, c2, c3 = st.columns(3)
    submitted_on = c1.date_input(
        "ERAS submitted on",
        value=cycle.eras_submitted_on,
        min_value=EARLIEST,
        max_value=LATEST,
        key="autopsy_timing_submitted",
    )
    letters_on = c2.date_input(
        "Last letter uploaded on",
        value=cycle.letters_uploaded_on,
        min_value=EARLIEST,
        max_value=LATEST,
        key="autopsy_timing_letters",
    )
    score_on = c3.date_input(
        "Latest score reported on",
        value=cycle.latest_score_reported_on,
        min_value=EARLIEST,
        max_value=LATEST,
        key="autopsy_timing_score",
    )
    c4, c5 = st.columns(2)
    months = c4.number_input(
        "Months since hands-on clinical work",
        min_value=0,
        max_value=600,
        value=clinical.months_since_clinical,
        step=1,
        key="autopsy_timing_months",
    )
    role = c5.selectbox(
        "Current or planned role",
        list(ROLE_LABELS),
        format_func=ROLE_LABELS.get,
        index=list(ROLE_LABELS).index(clinical.current_role),
        key="autopsy_timing_role",
    )
    c6, c7 = st.columns(2)
    us_based = c6.checkbox(
        "That clinical work was US-based", value=clinical.clinical_us_based, key="autopsy_timing_us"
    )
    in_target = c7.checkbox(
        "It was in the target specialty",
        value=clinical.clinical_in_target,
        key="autopsy_timing_in_target",
    )
    if st.form_submit_button("Save timing and now", type="primary"):
        save(
            "timing",
            {
                "last_cycle": {
                    "eras_submitted_on": submitted_on,
                    "letters_uploaded_on": letters_on,
                    "latest_score_reported_on": score_on,
                },
                "clinical": {
                    "months_since_clinical": int(months),
                    "clinical_us_based": us_based,
                    "clinical_in_target": in_target,
                    "current_role": role,
                },
            },
        )

# --- 6. Advisor ---------------------------------------------------------------------------
VIEW_LABELS = {
    None: "Use MatchPlan's proposal",
    "optimistic": "Optimistic but conditional",
    "cautious": "Neutral / cautious",
    "pessimistic": "Pessimistic",
}
with st.form("autopsy_advisor_form"):
    st.subheader("6 · Advisor")
    result = state.assessment()
    st.caption(
        f"MatchPlan proposes the {result.view.proposed} view (R-20). An advisor who "
        "sees it differently records that here; the choice is kept with the plan."
    )
    view_choice = st.selectbox(
        "Advisor's view",
        list(VIEW_LABELS),
        format_func=VIEW_LABELS.get,
        index=list(VIEW_LABELS).index(profile.advisor_view),
        key="autopsy_advisor_view",
    )
    notes = profile.advisor_notes
    if session.hide_details():
        st.caption("Advisor notes are hidden while screen sharing; they are kept with the plan.")
    else:
        notes = st.text_area(
            "Advisor notes",
            value=profile.advisor_notes,
            max_chars=5000,
            key="autopsy_advisor_notes",
        )
    if st.form_submit_button("Save advisor inputs", type="primary"):
        save("advisor", {"advisor_view": view_choice, "advisor_notes": notes})

# --- Findings -----------------------------------------------------------------------------
st.divider()
st.subheader("What the autopsy finds")
result = state.assessment()
for diagnosis in result.diagnosis:
    icon = ":material/cancel:" if diagnosis.failed else ":material/check:"
    with st.expander(
        f"{DIMENSION_LABELS[diagnosis.dimension]} ({len(diagnosis.evidence)} finding(s))",
        icon=icon,
        expanded=diagnosis.failed,
    ):
        if not diagnosis.evidence:
            st.markdown("Nothing found here.")
        for line in diagnosis.evidence:
            st.markdown(f"- {line}")
st.markdown("**Findings and fixes, most important first (R-07)**")
for finding in result.findings:
    render.finding_card(finding)
