"""Three fixes to Streamlit itself that the promise "an edit is never lost" needs.

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

**A commit from a fragment the page click removed.** A number box inside a
fragment commits on blur with a rerun of that fragment alone. When the page click's
full run gets there first, it drops the fragment, and Streamlit then ignores the
commit (``AppSession.request_rerun``) or runs no script at all for it ("Couldn't find
fragment"): the value was lost, or the page drawn blank (Programs' what-if count
under load: 3 of 6 tries). Such a commit now runs as a full rerun of the page it
came from, the same late commit as from a box outside any fragment, which
``ui.state.stale_page`` keeps while the user stays on the page they clicked.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime import app_session
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.runtime.state import session_state

_streamlit_merge = script_requests._coalesce_widget_states
_streamlit_callbacks = session_state.SessionState._call_callbacks
_streamlit_control = script_runner.ScriptRunner._maybe_handle_execution_control_request
_streamlit_request = app_session.AppSession.request_rerun
_streamlit_run = script_runner.ScriptRunner._run_script
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


def _pending_widget_states(session: app_session.AppSession) -> WidgetStates | None:
    """The widget values of a rerun the session's runner holds but has not started."""
    runner = session._scriptrunner
    if runner is None:
        return None
    requests = runner._requests
    with requests._lock:
        if requests._state != script_requests.ScriptRequestType.RERUN:
            return None
        return requests._rerun_data.widget_states


def request_keeping_pending_commits(
    self: app_session.AppSession, client_state: ClientState | None
) -> None:
    """Streamlit's rerun request, losing no commit that waits in the runner.

    With ``runner.fastReruns`` (Streamlit's default; off in .streamlit/config.toml,
    where the reason is) a full rerun (a page click) stops the runner and starts a
    new one, dropping a fragment's commit queued behind the current run: its values
    are merged in the way two queued reruns are merged.
    A commit from a fragment the page click already removed runs its page instead.
    """
    if client_state is None:
        _streamlit_request(self, client_state)
        return
    rerun = ClientState()
    rerun.CopyFrom(client_state)
    if rerun.fragment_id and not self.has_fragment(rerun.fragment_id):
        rerun.fragment_id = ""
    if not rerun.fragment_id:
        pending = _pending_widget_states(self)
        merged = coalesce_keeping_older_values(pending, rerun.widget_states)
        if pending is not None and merged is not None:
            rerun.widget_states.CopyFrom(merged)
    _streamlit_request(self, rerun)


def run_removed_fragments_as_their_page(
    self: script_runner.ScriptRunner, rerun_data: RerunData
) -> None:
    """Streamlit's run; a queue of fragments all gone since the request runs the page."""
    queue = rerun_data.fragment_id_queue
    if queue and not any(self._fragment_storage.contains(f) for f in queue):
        rerun_data = dataclasses.replace(
            rerun_data, fragment_id=None, fragment_id_queue=[], is_fragment_scoped_rerun=False
        )
    _streamlit_run(self, rerun_data)


def install() -> None:
    """Idempotent; the entry script calls it on every run."""
    script_requests._coalesce_widget_states = coalesce_keeping_older_values
    session_state.SessionState._call_callbacks = call_every_callback  # type: ignore[method-assign]
    script_runner.ScriptRunner._maybe_handle_execution_control_request = (  # type: ignore[method-assign]
        control_after_callbacks
    )
    app_session.AppSession.request_rerun = request_keeping_pending_commits  # type: ignore[method-assign]
    script_runner.ScriptRunner._run_script = run_removed_fragments_as_their_page  # type: ignore[method-assign]
