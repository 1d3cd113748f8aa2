"""Autopsy: every input of RULES.md §1, grouped as an advisor walks through them.

Each field is kept the moment it changes (no Save buttons): the whole profile is
re-validated, and a value that does not fit is named at its field, stays there
to be corrected, and is tried again after every later change, so fields can be
filled in any order. The widgets live in ``ui.autopsy_applicant``, ``ui.autopsy_cycle``
and ``ui.autopsy_now``; the findings come from ``state.result()``.
"""

from __future__ import annotations

import streamlit as st

from ui import autopsy_applicant, autopsy_cycle, autopsy_now, autopsy_view, state

today = state.today()
profile = state.plan().profile

st.title("Application autopsy")
st.caption(
    "Last cycle, honestly, in six parts. Each answer is kept as soon as you leave the "
    "field, and the tiers update at once."
)

autopsy_applicant.applicant_and_exams(profile, today)
autopsy_applicant.specialty_and_applications(profile)
autopsy_cycle.interviews(profile)
autopsy_cycle.content(profile)
autopsy_now.timing(profile, today)
result = state.result()  # after the tables' commits, so the findings include them
autopsy_now.advisor(profile, result.assessment)
autopsy_view.findings(result.assessment, result.findings)
