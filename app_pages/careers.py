"""Other careers: paths that use medical training without residency (R-72, R-25).

Always reachable. When R-25 fires the page opens with the reasons and the paths
that build on the applicant's current role first - beside what staying would
take, never as the only message.
"""

from __future__ import annotations

import streamlit as st

from matchplan.careers import PathView
from ui import render, state

result = state.result()
advice = result.careers

st.title("Other careers")
if advice.prominent:
    with st.container(border=True, key="careers_callout"):
        st.markdown(render.words("#### Worth weighing now (R-25)"))
        st.markdown(
            "Some parts of this profile are the ones that make the road back to residency "
            "much steeper:"
        )
        for trigger in advice.triggers:
            st.markdown(f"- {render.ruled(trigger.rule, trigger.text)}")
        st.markdown(
            "This is not a verdict. Reapplying can still be the right decision, with the plan "
            "on the other pages. The careers below are here so the choice is made with every "
            "option in view - ideally in a frank conversation with an advisor who knows the "
            "Match data, and with yourself."
        )
        st.markdown("**If you reapply, the first things to do**")
        for number, action in enumerate(result.next_actions, start=1):
            st.markdown(f"{number}. {render.words(action)}")
        st.page_link(
            "app_pages/pathway.py",
            label="Weigh staying against pivoting",
            icon=":material/alt_route:",
        )
else:
    st.caption(
        render.words(
            "Nothing in this profile points away from residency (R-25). These paths are here "
            "for anyone who wants to weigh them, at any point in the year."
        )
    )

st.markdown(
    "Each of these uses what you learned in medical school. They are different careers, "
    "not lesser ones - and a move to one makes most sense after an honest look at the "
    "odds of matching, not instead of it."
)


def show_path(view: PathView) -> None:
    path = view.path
    with st.container(border=True):
        st.markdown(f"#### {path.name}")
        st.markdown(path.what)
        st.markdown("**What it needs**")
        for need in path.needs:
            st.markdown(f"- {need}")
        st.markdown(f"**How your training carries over.** {path.carries_over}")
        if view.role_note:
            st.markdown(f":material/check_circle: {view.role_note}")
        st.markdown(f"**A first step.** {path.first_step}")


columns = st.columns(2, gap="medium")
for number, view in enumerate(advice.paths):
    with columns[number % 2]:
        show_path(view)

sources = [p.path.source for p in advice.paths] + [p.path.needs_source for p in advice.paths]
st.caption(
    "The paths come from the source article (§9); what each needs and the first steps are "
    "MatchPlan's general guidance - check current job postings. " + render.source_line(sources)
)
