"""Start here: the guided intake - five short steps, one save at the end (issue 12, item 1).

Each step is a form: its values reach the session's draft (``ui.intake_view``)
when the user moves on or back, never the plan. "Save my profile" validates the
whole draft and replaces the plan; a problem opens the step that holds it.
The detailed Autopsy stays for advisors and corrections. The steps live in
``ui.intake_steps``.
"""

from __future__ import annotations

import streamlit as st

from ui import intake_steps, render, state
from ui import intake_view as intake

today = state.today()
draft = intake.draft()
number = intake.step()


st.title("Start here")
st.caption(
    "Five short steps about you and your last application. Nothing is kept until you "
    "press **Save my profile** at the end; you can go back to any step. Dates are "
    "day/month/year (DD/MM/YYYY). Advisors can correct any detail later on Autopsy."
)
st.progress(
    (number + 1) / len(intake.STEPS), text=f"Step {number + 1} of 5: {intake.STEPS[number]}"
)


STEPS = (
    intake_steps.step_0,
    intake_steps.step_1,
    intake_steps.step_2,
    intake_steps.step_3,
    intake_steps.step_4,
)
STEPS[number](draft, today)

if intake.errors() and number != 1:
    st.caption(render.words("Fix the marked fields; everything you entered is kept."))
