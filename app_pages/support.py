"""Looking after yourself (R-85, article §8): comparison and shame named kindly, protected
rest from the weekly structure (R-70), and where to turn - crisis lines shown plainly
and first. No questionnaire, no score, no diagnosis: only the applicant's own anchors
are kept (``plan.wellbeing``, bound text inputs outside any fragment).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.year.wellbeing import ANCHOR_MAX, WellbeingPlan
from ui import render, state

result = state.result()
view = result.wellbeing
anchors = result.plan.wellbeing

st.title("Looking after yourself")

with st.container(border=True, key="support_crisis"):
    st.markdown("#### If you are in crisis or thinking about suicide")
    for resource in view.crisis:
        st.markdown(f"**{resource.name}**: {resource.how}")
    st.markdown(f"**{view.emergency}**")
    st.caption(render.source_line(r.source for r in view.crisis))

st.caption(
    "A failed exam and an unmatched cycle are hard, and the months of waiting can be the "
    "hardest part. This page does not assess you; it keeps the year's shape humane."
)
for item in view.named:
    st.markdown(f"- {item.text}")
st.caption(render.source_line(i.source for i in view.named))

st.subheader("Protected time")
with st.container(border=True, key="support_rest"):
    st.markdown(render.ruled("R-85 / R-70", view.rest_note))
    st.page_link("app_pages/week.py", label="Open Weekly structure", icon=":material/view_week:")

st.subheader("Support for physicians and trainees")
for resource in view.support:
    st.markdown(f"**{resource.name}**: {resource.how}")
st.caption(render.source_line(r.source for r in view.support))
st.caption(
    "Your medical school's student affairs office, an employee assistance program, your "
    "own doctor or a therapist are good places too. Asking for help is part of the plan "
    "programs want to see: support taken, then steady work."
)


def commit(field: str) -> state.Commit:
    def apply(value: Any) -> None:
        current = state.plan().wellbeing.model_dump()
        state.update(wellbeing=WellbeingPlan.model_validate({**current, field: value}))

    return apply


st.subheader("Your anchors for the year")
st.caption("In your own words; kept only in your plan file. Leave any of them empty.")
for field, label in (
    ("people", "Who I talk to when it gets heavy"),
    ("not_medicine", "What my protected time is for (not medicine)"),
    ("mentor", "My weekly meeting with a mentor or accountability partner"),
):
    st.text_input(
        label,
        value=getattr(anchors, field),
        max_chars=ANCHOR_MAX,
        **state.bind(f"support_{field}", commit(field)),
    )
    state.error(f"support_{field}")
for prompt in view.prompts:
    st.caption(f":material/lightbulb: {prompt}")
