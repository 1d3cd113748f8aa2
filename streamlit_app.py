"""MatchPlan entry point: page config, session defaults, shared sidebar, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import state

HERE = Path(__file__).parent
# Not "pages/": Streamlit treats a pages/ folder beside the entry as a v1 multipage app
# until st.navigation has run once, so a cold deep link would skip this script.
PAGES = HERE / "app_pages"

st.set_page_config(page_title="MatchPlan", page_icon=":material/route:", layout="wide")
state.init()

overview = st.Page(
    PAGES / "overview.py",
    title="Overview",
    icon=":material/dashboard:",
    url_path="overview",
    default=True,
)
autopsy = st.Page(
    PAGES / "autopsy.py", title="Autopsy", icon=":material/assignment:", url_path="autopsy"
)
risk = st.Page(PAGES / "risk.py", title="Risk", icon=":material/speed:", url_path="risk")
sources = st.Page(
    PAGES / "sources.py",
    title="Sources and assumptions",
    icon=":material/menu_book:",
    url_path="sources",
)
page = st.navigation({"Plan": [overview, autopsy, risk], "Reference": [sources]})

with st.sidebar:
    st.markdown("### MatchPlan")
    current = state.profile()
    name = current.display_name or "Unnamed applicant"
    st.caption(f"Plan for: {name}")
    st.button(
        "Load the example applicant",
        key="sidebar_load_example",
        on_click=state.load_example,
        icon=":material/person:",
        width="stretch",
    )
    with st.popover("Start a blank profile", icon=":material/note_add:", width="stretch"):
        st.markdown("This replaces the plan on screen with an empty one.")
        st.button(
            "Yes, start blank",
            key="sidebar_start_blank",
            on_click=state.start_blank,
            type="primary",
        )
    st.caption(
        ":material/lock: Nothing you enter is stored on the server or sent anywhere; "
        "it lives in this browser tab only."
    )

page.run()
