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


def page(file: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(
        PAGES / f"{file}.py", title=title, icon=f":material/{icon}:", url_path=file, default=default
    )


navigation = st.navigation(
    {
        "Plan": [
            page("overview", "Overview", "dashboard", default=True),
            page("autopsy", "Autopsy", "assignment"),
            page("risk", "Risk", "speed"),
            page("pathway", "Stay or pivot", "alt_route"),
            page("timeline", "Timeline", "calendar_month"),
            page("programs", "Programs", "format_list_numbered"),
        ],
        "The year": [
            page("statement", "Personal statement", "edit_note"),
            page("networking", "Networking", "handshake"),
            page("week", "Weekly structure", "view_week"),
            page("careers", "Other careers", "work"),
        ],
        "Reference": [page("sources", "Sources and assumptions", "menu_book")],
    }
)

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

navigation.run()
