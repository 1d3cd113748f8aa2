"""Handout: the one-page summary to take away from an advisor session (issues 6, 12)."""

from __future__ import annotations

import streamlit as st

from matchplan.handout import handout_content, program_sentence, title_of
from matchplan.handout_html import handout_figures, handout_html
from matchplan.handout_pdf import PAGE_SIZES, PageSize, handout_pdf
from ui import render, session, state

today = state.today()
result = state.result()

st.title("Handout")
st.caption(
    "A one-page summary for the end of a session: the target and path, how programs "
    "are likely to read the application, the timeline drawn as a chart, the program "
    "count and cost, letters, clinical work, statement, networking and the next actions."
)
render.not_assessed()  # a handout states tiers: none from empty fields

identify = st.toggle(
    "Include identifying details (name and advisor notes)",
    value=False,
    key="handout_identify",
    disabled=session.hide_details(),
    help="Off in screen-share mode. The applicant decides what the handout shows.",
)
identify = identify and not session.hide_details()
size = st.segmented_control(
    "Page size", PAGE_SIZES, default="Letter", key="handout_page_size", required=True
)
page_size: PageSize = "A4" if size == "A4" else "Letter"
content = handout_content(result, identify=identify, rule_ids=session.show_rules())
stem = f"matchplan-summary-{result.profile.target_specialty}-{today:%Y-%m-%d}"

c1, c2 = st.columns(2)
c1.download_button(
    f"Download PDF ({page_size})",
    data=lambda: handout_pdf(content, page_size),  # built when clicked
    mime="application/pdf",
    file_name=f"{stem}.pdf",
    on_click="ignore",
    icon=":material/picture_as_pdf:",
    type="primary",
    key="handout_pdf",
)
c2.download_button(
    "Download HTML with interactive charts",
    data=lambda: handout_html(content, handout_figures(result)),
    mime="text/html",
    file_name=f"{stem}.html",
    on_click="ignore",
    icon=":material/html:",
    key="handout_html",
)

with st.container(border=True, key="handout_preview"):
    st.markdown(f"**{render.plain(title_of(content))}**")
    who = f"For {render.plain(content.name)}. " if content.name else ""
    st.markdown(
        f"{who}Made on {content.made_on:%d %B %Y}. Overall risk **{content.overall}**. "
        f"Path: **{render.plain(content.path)}**."
    )
    for lens in content.lenses:
        reasons = " ".join(render.plain(r) for r in lens.reasons)
        st.markdown(f"- **{lens.name}: {lens.level}**. {reasons}")
    st.markdown("**Next actions**")
    st.markdown("\n".join(f"1. {render.plain(a)}" for a in content.next_actions))
    st.markdown("**Key dates**")
    st.markdown(
        "\n".join(
            f"- {d.day:%d %b %Y}: {render.plain(d.label)}" + (f" ({d.note})" if d.note else "")
            for d in content.dates
        )
    )
    st.markdown(f"**Programs and cost.** {render.plain(program_sentence(content))}")
    st.markdown("**Letters.** " + " ".join(render.plain(x) for x in content.letters))
    st.markdown(
        "**Clinical work and role.** "
        + " ".join(render.plain(x) for x in (content.clinical, *content.role))
    )
    st.markdown(
        f"**Statement and networking.** {render.plain(content.statement)} "
        f"{render.plain(content.networking)}"
    )
    if content.notes:
        st.markdown("**Advisor notes:** " + render.plain(content.notes))
    st.caption("Sources: " + render.plain("; ".join(content.sources)))
