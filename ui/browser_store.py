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
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v2 as components

from matchplan.planfile import PlanLoadError, dump_plan
from ui import planio, state

COMPONENT_KEY = "browser_store"
KEEP = "browser_keep"
"""Session key: the applicant's choice (read from the browser, changed by the toggle)."""
REPORTED = "browser_reported"
"""Session key: the browser has said what it holds, so writing to it is now safe."""
TOUCHED = "browser_touched"
"""Session key: the applicant used the toggle, so the browser held nothing to report."""
PROBLEM = "browser_problem"
JS = (Path(__file__).parent / "components" / "browser_store" / "store.js").read_text(
    encoding="utf-8"
)
_mount = components.component("matchplan.browser_store", js=JS)


def _on_stored() -> None:
    """What the browser holds, once per page load: restore the kept plan if there is one."""
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
    try:
        plan = planio.accept(raw.encode("utf-8"), state.today())
    except PlanLoadError as problem:
        st.session_state[PROBLEM] = f"The plan kept in this browser could not be used: {problem}"
        return
    state.replace(plan, f"Restored the plan kept in this browser (saved {plan.saved_on:%d %b %Y}).")


def _touched() -> None:
    st.session_state[TOUCHED] = True


def _forget() -> None:
    st.session_state[KEEP] = False
    st.session_state["browser_forgotten"] = True


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
        problem = st.session_state.pop(PROBLEM, None)
        if isinstance(problem, str):
            st.warning(problem[:300], icon=":material/error:")
    data: dict[str, Any] = {
        "ready": bool(st.session_state.get(REPORTED) or st.session_state.get(TOUCHED)),
        "keep": bool(keep),
        "forget": bool(forgotten),
        "plan": _plan_text() if keep else None,
    }
    _mount(data=data, key=COMPONENT_KEY, on_stored_change=_on_stored)
