"""Keep my plan in this browser (issue 12, item 7): opt-in, off by default.

When the applicant turns it on, the plan is written to the browser's own
``localStorage`` after every change and read back on the next visit; "Forget this
browser" clears it. The server never writes the plan to disk: it travels over the
app's own connection, as every page already does. A restored plan goes through the
same validation as a loaded file (``planio.accept``) and replaces the session's plan
with ``state.replace``.

A Streamlit ``components.v2`` component (plain JavaScript in
``ui/components/browser_store/store.js``, no build step, nothing fetched from a CDN)
reports once per page load what the browser holds (only when it was opted in, so a
browser that never opted in costs no extra run), and on every later run writes the plan
the session has (or clears it).

The kept copy may be the applicant's only one, so the tab never writes over it on its
own (issue 25, item 1). What the browser holds is offered, not taken: "Continue the plan
for <name>?" (the next person at a shared computer may not be its owner, and a shared
link's settings are not silently dropped). A kept plan the app refuses (damaged, from a
newer version) is left untouched and offered as a download. Until the applicant answers,
and after "Not now", nothing is written; the toggle and "Forget this browser" are the
explicit changes that write again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v2 as components

from matchplan.planfile import PlanFile, PlanLoadError, dump_plan
from matchplan.textsafe import cap
from ui import planio, render, session, state

COMPONENT_KEY = "browser_store"
KEEP = "browser_keep"
"""Session key: the applicant's choice (read from the browser, changed by the toggle)."""
REPORTED = "browser_reported"
"""Session key: the browser has said what it holds, so writing to it is now safe."""
TOUCHED = "browser_touched"
"""Session key: the applicant used the toggle, so the browser held nothing to report."""
HELD = "browser_held"
"""Session key: the kept plan this tab was offered and has not answered (a ``Held``)."""
PAUSED = "browser_paused"
"""Session key: the browser keeps a plan this tab did not take: write nothing to it."""
KEPT_TEXT_FILE = "matchplan-kept-plan.json"
JS = (Path(__file__).parent / "components" / "browser_store" / "store.js").read_text(
    encoding="utf-8"
)
_mount = components.component("matchplan.browser_store", js=JS)


@dataclass(frozen=True)
class Held:
    """What the browser keeps, as read at this page load: the plan, or why it is refused."""

    text: str
    plan: PlanFile | None
    problem: str | None
    revision: int
    """The session's plan revision when offered: a plan loaded or started since answers."""


def _on_stored() -> None:
    """What the browser holds, once per page load: offer the kept plan if there is one."""
    reported = st.session_state.get(COMPONENT_KEY)
    stored = getattr(reported, "stored", None)
    if stored is None and isinstance(reported, dict):
        stored = reported.get("stored")
    if not isinstance(stored, dict):
        return
    st.session_state[REPORTED] = True
    keep = bool(stored.get("keep"))
    st.session_state[KEEP] = keep
    raw = stored.get("plan")
    if not keep or not isinstance(raw, str) or not raw:
        return
    st.session_state[PAUSED] = True  # nothing is written before the applicant answers
    try:
        plan = planio.accept(raw.encode("utf-8"), state.today())
    except PlanLoadError as problem:
        st.session_state[HELD] = Held(raw, None, str(problem), state.revision())
        return
    st.session_state[HELD] = Held(raw, plan, None, state.revision())


def _continue() -> None:
    held = st.session_state.pop(HELD, None)
    st.session_state.pop(PAUSED, None)
    if isinstance(held, Held) and held.plan is not None:
        st.session_state[KEEP] = True
        state.replace(
            held.plan,
            f"Restored the plan kept in this browser (saved {held.plan.saved_on:%d %b %Y}).",
        )


def _set_aside() -> None:
    """Not now: the kept plan stays in the browser as it is; this tab keeps nothing."""
    st.session_state.pop(HELD, None)
    st.session_state[KEEP] = False


def _whose(plan: PlanFile) -> str:
    if session.hide_details():
        return "a plan (the name is hidden for screen sharing)"
    name = plan.profile.display_name
    return f"the plan for **{render.plain(name, limit=80)}**" if name else "an unnamed plan"


def offer() -> None:
    """At the top of the page: the plan this browser keeps, until the applicant answers."""
    held = st.session_state.get(HELD)
    if not isinstance(held, Held):
        return
    if held.revision != state.revision():  # a file loaded, the example, a blank start
        _set_aside()  # the applicant chose another plan; the kept one stays as it was
        return
    with st.container(border=True, key="browser_held"):
        if held.plan is None:
            st.warning(
                # The core quotes file text through markdown_safe already (issue 15).
                f"The plan kept in this browser could not be used: {cap(held.problem or '', 300)}",
                icon=":material/error:",
            )
            st.markdown(
                "It is left in this browser as it was. Download its text to keep a copy "
                "(a newer MatchPlan may open it), then set it aside to go on here."
            )
            st.download_button(
                "Download the kept text",
                data=held.text.encode("utf-8"),
                file_name=KEPT_TEXT_FILE,
                mime="application/json",
                on_click="ignore",
                icon=":material/download:",
                key="browser_held_download",
            )
            st.button("Set it aside", key="browser_held_aside", on_click=_set_aside)
            return
        st.markdown(
            f"#### :material/history: Continue {_whose(held.plan)}?\n"
            f"This browser keeps it, saved {held.plan.saved_on:%d %b %Y}."
        )
        if session.from_shared_link():
            st.markdown("Continuing it replaces the settings shared with you.")
        left, right = st.columns(2)
        left.button(
            "Continue that plan", key="browser_held_continue", on_click=_continue, type="primary"
        )
        right.button("Not now", key="browser_held_aside", on_click=_set_aside)
        st.caption(
            "Not now leaves it in this browser untouched, and nothing from this tab is kept "
            'there unless you turn on "Keep my plan in this browser" again.'
        )


def _touched() -> None:
    """The toggle: an explicit choice, so the tab writes again (over a plan it set aside)."""
    st.session_state[TOUCHED] = True
    st.session_state.pop(HELD, None)
    st.session_state.pop(PAUSED, None)


def _forget() -> None:
    st.session_state[KEEP] = False
    st.session_state["browser_forgotten"] = True
    st.session_state.pop(HELD, None)
    st.session_state.pop(PAUSED, None)


def _plan_text() -> str:
    plan = state.plan()
    return dump_plan(plan.model_copy(update={"saved_on": state.today()})).decode("utf-8")


def sidebar_control() -> None:
    """The opt-in toggle, the "Forget this browser" button and the component itself."""
    st.session_state.setdefault(KEEP, False)
    with st.container(key="browser_store_control"):
        keep = st.toggle(
            "Keep my plan in this browser",
            key=KEEP,
            on_change=_touched,
            help=(
                "Off by default. When on, your plan is saved in this browser's own storage as "
                "you work and comes back on your next visit. It is never saved on the server. "
                "Turn it off on a shared computer."
            ),
        )
        forgotten = st.session_state.pop("browser_forgotten", False)
        st.button(
            "Forget this browser",
            key="browser_forget",
            on_click=_forget,
            icon=":material/delete:",
            help="Clear the plan and this choice from this browser's storage.",
        )
        if forgotten:
            st.caption("This browser no longer keeps your plan.")
        if st.session_state.get(PAUSED):
            st.caption(
                "This browser keeps a plan not opened in this tab; it stays as it is until "
                "you answer above."
                if keep
                else "This browser keeps another plan, left as it is. Turning this on "
                "replaces it with the plan on screen."
            )
    paused = bool(st.session_state.get(PAUSED))
    data: dict[str, Any] = {
        "ready": not paused
        and bool(st.session_state.get(REPORTED) or st.session_state.get(TOUCHED)),
        "keep": bool(keep),
        "forget": bool(forgotten),
        "plan": _plan_text() if keep else None,
    }
    _mount(data=data, key=COMPONENT_KEY, on_stored_change=_on_stored)
