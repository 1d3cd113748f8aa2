"""Two fixes to Streamlit itself that the promise "an edit is never lost" needs.

**Every callback runs.** A late commit from the page just left calls every one of
that page's callbacks (Streamlit has dropped their old values, so all look changed:
21 on Timeline). A page click arriving meanwhile stopped the run at the first
callback that sent anything to the browser (``StopException``), and the callbacks
after it, the typed letter date's among them, never ran: logged under load, 3 of 8
tries. Streamlit checks for a pending stop or rerun right after the callbacks
anyway; ``install`` makes it wait until then.

**Merging two reruns.**

When two reruns reach the server before the first has started (a box committed by
the blur of a page click, then the click), Streamlit 1.67 merges them keeping only
the newer request's widget values (``script_requests._coalesce_widget_states``).
The click's request does not carry the page being left, so the value typed there
was dropped: measured under load, a typed letter date was lost in 3 of 6 tries
with the value on the wire. The merge below keeps every value the newer request
does not mention; values it does mention still win, and triggers (buttons) are
merged exactly as Streamlit merges them.
"""

from __future__ import annotations

import threading
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.state import session_state

_streamlit_merge = script_requests._coalesce_widget_states
_streamlit_callbacks = session_state.SessionState._call_callbacks
_streamlit_control = script_runner.ScriptRunner._maybe_handle_execution_control_request
_running = threading.local()


def call_every_callback(self: session_state.SessionState, **kwargs: Any) -> None:
    """Streamlit's callback pass, with stop and rerun requests held until it ends."""
    _running.callbacks = True
    try:
        _streamlit_callbacks(self, **kwargs)
    finally:
        _running.callbacks = False


def control_after_callbacks(self: script_runner.ScriptRunner) -> None:
    """Streamlit's check for a stop or rerun request, except during the callbacks."""
    if getattr(_running, "callbacks", False):
        return
    _streamlit_control(self)


def coalesce_keeping_older_values(
    old_states: WidgetStates | None, new_states: WidgetStates | None
) -> WidgetStates | None:
    """Streamlit's merge, plus the older request's values for widgets the newer omits."""
    merged = _streamlit_merge(old_states, new_states)
    if not old_states or not new_states or merged is None:
        return merged
    present = {state.id for state in merged.widgets}
    merged.widgets.extend(state for state in old_states.widgets if state.id not in present)
    return merged


def install() -> None:
    """Idempotent; the entry script calls it on every run."""
    script_requests._coalesce_widget_states = coalesce_keeping_older_values
    session_state.SessionState._call_callbacks = call_every_callback  # type: ignore[method-assign]
    script_runner.ScriptRunner._maybe_handle_execution_control_request = (  # type: ignore[method-assign]
        control_after_callbacks
    )
