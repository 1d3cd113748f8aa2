"""MatchPlan entry point: page config, session defaults, shared sidebar, navigation."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from matchplan.planfile import MAX_PLAN_BYTES
from matchplan.textsafe import cap
from ui import browser_store, planio, process, render, session, state, streamlit_fixes

streamlit_fixes.install()
# Once per process: the collector Streamlit runs after every script run (a page switch
# too) no longer walks the objects alive now (ui/process.py); pandas and plotly are
# frozen once imported, at the end of the first page run.
process.freeze_startup_objects()

HERE = Path(__file__).parent
# Not "pages/": Streamlit treats a pages/ folder beside the entry as a v1 multipage app
# until st.navigation has run once, so a cold deep link would skip this script.
PAGES = HERE / "app_pages"

state.init()
session.sync_screen_share()
# The tab title never carries the name in screen-share mode (issue 12, item 5).
# The icon is local: ":material/route:" made every visit fetch it from an outside host,
# and so does a page's own material icon if it arrives before the page config's. But
# Streamlit imports numpy and PIL to read any icon file, 45 ms before Overview's first
# content on a cold server (issue 14); until they are in (the end of the process's
# first run), an emoji holds the place (drawn by the browser) and the file follows.
ICON = str(HERE / "assets" / "matchplan-icon.svg")
ICON_NOW = "numpy" in sys.modules and "PIL.Image" in sys.modules
st.set_page_config(
    page_title=session.page_title(), page_icon=ICON if ICON_NOW else "🩺", layout="wide"
)


def page(file: str, title: str, icon: str) -> st.Page:
    return st.Page(PAGES / f"{file}.py", title=title, icon=f":material/{icon}:", url_path=file)


# The root address shows Overview through a hidden page running the same script, and
# /overview is Overview's own address (a default page is served only at "/"), so a
# bookmark of either works. Forwarding "/" to /overview instead cost every cold
# start a second script run before its first content (issue 14).
home = st.Page(
    PAGES / "overview.py", title="Overview", url_path="home", default=True, visibility="hidden"
)
SECTIONS = {
    "Plan": [
        home,
        page("intake", "Start here", "waving_hand"),
        page("overview", "Overview", "dashboard"),
        page("autopsy", "Autopsy", "assignment"),
        page("risk", "Risk", "speed"),
        page("pathway", "Stay or pivot", "alt_route"),
        page("timeline", "Timeline", "calendar_month"),
        page("programs", "Programs", "format_list_numbered"),
        page("scenarios", "Scenarios", "compare"),
        page("handout", "Handout", "description"),
    ],
    "The year": [
        page("progress", "Progress", "checklist"),
        page("statement", "Personal statement", "edit_note"),
        page("networking", "Networking", "handshake"),
        page("week", "Weekly structure", "view_week"),
        page("careers", "Other careers", "work"),
        page("advisor", "Advisor conversation", "forum"),
        page("clinical", "Clinical year", "stethoscope"),
        page("interview", "Interview answer", "record_voice_over"),
        page("soap", "SOAP readiness", "emergency"),
        page("support", "Looking after yourself", "favorite"),
    ],
    "Reference": [page("sources", "Sources and assumptions", "menu_book")],
}
# One flat list, in the sections' order: Streamlit's sectioned sidebar puts each
# section's <div> straight inside the <ul> (the <li> items inside the div), which
# axe-core reports as a serious violation on every page; a flat list is plain ul > li.
navigation = st.navigation(
    [p for pages in SECTIONS.values() for p in pages],
    expanded=True,  # show every page: the walk through the plan is the point
)

shown = "overview" if navigation is home else navigation.url_path
stay_on = state.stale_page(shown)
if stay_on is not None:  # a late commit from the page just left: keep the user's click
    st.switch_page(PAGES / f"{stay_on or 'overview'}.py")

session.apply_shared_link()

BLANK = "sidebar_start_blank"
if st.session_state.get(BLANK):  # the sidebar's "Yes, start blank" (drawn after the page)
    planio.start_blank()
    st.switch_page(PAGES / "intake.py")

if state.session_lost():
    st.warning(
        "This tab's earlier session ended (the server restarted or the tab was idle too "
        "long), so what was on screen is gone; nothing from it was kept or merged. Load "
        "your plan file to continue, or start from the example below.",
        icon=":material/sync_problem:",
    )
state.show_flash()  # one place for confirmations, whichever page comes next
browser_store.offer()  # "Continue the plan kept in this browser?" until answered
session.shared_link_banner()


def sidebar() -> None:
    """The shared sidebar, drawn after the page so the page's content reaches the screen
    first (issue 14); its widgets' callbacks run before any page, whatever the order."""
    with st.sidebar:
        st.markdown("### MatchPlan")
        name = session.display_name() or "Unnamed applicant"
        if session.hide_details():
            name = "details hidden for screen sharing"
        elif session.from_shared_link():
            name = "nobody yet (settings shared with you)"
        st.caption(f"Plan for: {render.plain(name)}")
        position = session.guided_progress(shown)
        if st.session_state.get(session.GUIDED):
            with st.container(border=True, key="sidebar_guided"):
                st.markdown("**Advisor session**")
                done = position[0] if position else 0
                st.progress(
                    done / len(session.GUIDED_STEPS),
                    text=f"Step {done} of {len(session.GUIDED_STEPS)}"
                    if position
                    else "Start with step 1",
                )
                for number, (path, what) in enumerate(session.GUIDED_STEPS, start=1):
                    marker = ":material/arrow_right:" if position and number == done else ""
                    st.page_link(
                        PAGES / f"{path}.py", label=f"{number}. {what}", icon=marker or None
                    )
        st.toggle(
            "Advisor session: guided walk", key=session.GUIDED, on_change=session.on_guided_toggle
        )
        st.toggle(
            "Screen-share mode",
            key=session.HIDE_DETAILS,
            on_change=session.on_screen_share_toggle,
            help="Hides the name, file names and notes, and enlarges charts. Kept in the "
            "address, so a reload keeps it on.",
        )
        render.rules_toggle()

        st.markdown("**Your plan file**")
        st.download_button(
            "Download plan (.json)",
            data=planio.plan_download(),  # built after the click's run: it holds every edit
            file_name=planio.plan_file_name(state.plan(), state.today()),
            mime="application/json",
            on_click=planio.on_download_click,
            icon=":material/download:",
            width="stretch",
            key="sidebar_download_plan",
        )
        st.file_uploader(
            "Load a saved plan",
            type=["json"],
            key=planio.uploader_key(),
            on_change=planio.on_upload,
            max_upload_size=MAX_PLAN_BYTES // 10**6,  # megabytes, as the page counts them
            help="Checked completely before anything changes.",
        )
        problem = planio.load_error()
        if problem:
            # Core messages quote file text through markdown_safe already (issue 15).
            st.error(cap(problem, 600), icon=":material/error:")
            st.caption("The plan on screen is unchanged.")
        st.button(
            "Load the example applicant",
            key="sidebar_load_example",
            on_click=planio.load_example,
            icon=":material/person:",
            width="stretch",
        )
        # The key carries the plan's revision: a blank start is a new popover, so it closes.
        with st.popover(
            "Start a blank profile",
            icon=":material/note_add:",
            width="stretch",
            key=f"sidebar_blank_popover_{state.revision()}",
        ):
            st.markdown(
                "This replaces the plan on screen with an empty one and opens **Start here** "
                "to enter a profile. Download the current plan first if you want to keep it."
            )
            # The click only marks the request: the next run switches before any page,
            # so the popover closes and the user lands on the intake (issue 12, item 2).
            st.button("Yes, start blank", key=BLANK, type="primary")
        with st.popover("Share these settings", icon=":material/link:", width="stretch"):
            st.markdown(session.carried_text())
            query = "&".join(f"{k}={v}" for k, v in session.share_query().items())
            base = (st.context.url or "").split("?")[0]  # None outside a browser session
            st.code(f"{base}?{query}", language=None)
        st.caption(
            ":material/lock: Nothing you enter is stored on the server or sent anywhere; "
            "it lives in this browser tab only. Reloading the page starts over unless you "
            "keep the plan in this browser (below): download the plan file to keep your work."
        )
        browser_store.sidebar_control()  # last: opt-in, off by default (ui/browser_store.py)


with process.first_runs_one_at_a_time():  # pandas and plotly: imported once, in turn
    try:
        navigation.run()
    except render.PageEnds:
        pass  # the page said why it ends early (render.not_assessed)
    finally:  # after a page that failed too: the plan file stays one click away
        sidebar()
        if not ICON_NOW:
            st.set_page_config(page_icon=ICON)
