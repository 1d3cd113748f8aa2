"""Overview: the at-a-glance dashboard - a badge per lens, the overall tier,
the top findings, the next three actions."""

from __future__ import annotations

import streamlit as st

from matchplan.assessment import DIMENSION_LABELS, VIEW_PATHS
from matchplan.charts import risk_chart
from ui import render, session, standing_view, state

plan = state.result()
result = plan.assessment

st.title("Overview")
standing_view.standing_card(plan)
render.not_assessed()
who = render.plain(session.display_name()) or "this applicant"
st.caption(f"How residency programs are likely to read {who} today, {state.today():%d %b %Y}.")

columns = st.columns(4)
for column, lens in zip(columns, result.lenses, strict=False):
    with column, st.container(border=True):
        st.markdown(f"**{lens.lens.capitalize()}**")
        render.level_badge(lens.level)
        st.caption(render.words(lens.reasons[0].text))
with columns[3], st.container(border=True):
    st.markdown("**Overall tier**")
    render.level_badge(result.overall)
    st.caption(render.words(result.overall_reasons[-1].text))

left, right = st.columns([3, 2])
with left:
    render.chart(risk_chart(result), key="overview_risk_chart")
with right, st.container(border=True):
    view = result.view
    st.markdown(render.words("**Proposed path (R-20)**"))
    st.markdown(f"{view.effective.capitalize()} view: {VIEW_PATHS[view.effective]}.")
    if view.advisor_override and view.advisor_override != view.proposed:
        st.caption(f"Advisor's choice; MatchPlan proposed the {view.proposed} view.")
    render.reasons(view.reasons)

careers = plan.careers
if careers.prominent:  # shown as real options beside residency, never as the verdict
    with st.container(border=True, key="overview_other_careers"):
        st.markdown(
            render.words("**Worth weighing alongside residency (R-25):** ")
            + "; ".join(render.words(trigger.text).rstrip(".") for trigger in careers.triggers)
            + ". Careers that use medical training without residency are real options; the "
            "plan for reapplying stays on this page."
        )
        st.page_link(
            "app_pages/careers.py", label="See the other careers", icon=":material/arrow_forward:"
        )

st.subheader("Next three actions")
for number, action in enumerate(plan.next_actions, start=1):
    st.markdown(f"{number}. {render.words(action)}")

st.subheader("What failed last cycle")
cycle = plan.profile.last_cycle
st.caption(
    f"Last cycle ({cycle.match_year} Match): applied to {cycle.programs_applied} programs, "
    f"{cycle.interview_offers} interview offer(s), ranked {cycle.programs_ranked}."
)
failed = [d for d in result.diagnosis if d.failed]
if failed:
    st.markdown(
        "Dimensions that failed, most important first: "
        + ", ".join(DIMENSION_LABELS[d.dimension] for d in failed)
        + "."
    )
for finding in plan.findings[:3]:
    render.finding_card(finding, heading=DIMENSION_LABELS[finding.dimension])
if len(plan.findings) > 3:
    st.page_link(
        "app_pages/autopsy.py",
        label=f"All {len(plan.findings)} findings on Autopsy",
        icon=":material/arrow_forward:",
    )
st.page_link(
    "app_pages/risk.py", label="Explore what would lower the risk", icon=":material/arrow_forward:"
)
