"""Handout: the one-page summary to take away from an advisor session (issue 6)."""

from __future__ import annotations

import streamlit as st

from matchplan.handout import handout_content, handout_figures, handout_html, handout_pdf
from ui import render, session, state

today = state.today()
result = state.result()

st.title("Handout")
st.caption(
    "A one-page summary for the end of a session: tiers with reasons, the path, the key "
    "dates, the program count and cost, next actions and sources."
)

identify = st.toggle(
    "Include identifying details (name and advisor notes)",
    value=False,
    key="handout_identify",
    disabled=session.hide_details(),
    help="Off in screen-share mode. The applicant decides what the handout shows.",
)
identify = identify and not session.hide_details()
content = handout_content(result, identify=identify)

c1, c2 = st.columns(2)
c1.download_button(
    "Download PDF",
    data=lambda: handout_pdf(content),  # built when clicked
    mime="application/pdf",
    file_name=f"matchplan-summary-{today:%Y-%m-%d}.pdf",
    on_click="ignore",
    icon=":material/picture_as_pdf:",
    type="primary",
    key="handout_pdf",
)
c2.download_button(
    "Download HTML with interactive charts",
    data=lambda: handout_html(content, handout_figures(result)),
    mime="text/html",
    file_name=f"matchplan-summary-{today:%Y-%m-%d}.html",
    on_click="ignore",
    icon=":material/html:",
    key="handout_html",
)

with st.container(border=True, key="handout_preview"):
    who = f"For {render.plain(content.name)}. " if content.name else ""
    st.markdown(
        f"**MatchPlan summary** · {who}Made on {content.made_on:%d %B %Y} · "
        f"overall risk **{content.overall}**"
    )
    for lens in content.lenses:
        st.markdown(f"- **{lens.name}: {lens.level}** · " + "; ".join(lens.reasons))
    st.markdown(f"**Path:** {content.path}")
    st.markdown(
        "**Key dates:** "
        + "; ".join(
            f"{d.label} {d.day:%d %b %Y}" + (f" ({d.note})" if d.note else "")
            for d in content.dates
        )
    )
    st.markdown(
        f"**Programs:** about {content.programs} ({content.programs_range}); ERAS fees "
        f"about ${content.cost:,}"
    )
    st.markdown("**Next actions:** " + " · ".join(content.next_actions))
    if content.notes:
        st.markdown("**Advisor notes:** " + render.plain(content.notes))
    st.caption("Sources: " + "; ".join(content.sources))
