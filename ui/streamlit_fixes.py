"""Fixes to Streamlit itself that the promise "an edit is never lost" needs.

**Every callback runs.** A late commit from the page just left calls every one of
that page's callbacks (Streamlit has dropped their old values, so all look changed:
21 on Timeline). A page click arriving meanwhile stopped the run at the first
callback that sent anything to the browser (``StopException``), and the callbacks
after it, the typed letter date's among them, never ran: logged under load, 3 of 8
tries. Streamlit checks for a pending stop or rerun right after the callbacks
anyway; ``install`` makes it wait until then.

**A run applies its values before it yields.** A run checks for a newer request on
entering its state update, before its request's values are applied. A page click
right behind a commit was found there and run instead, and the commit's values were
never applied: the typed letter date was lost in 1 of about 10 tries under
``stress-ng --cpu 4``, with one script run at a time (``runner.fastReruns`` off,
.streamlit/config.toml). The hold above now covers the whole update
(``apply_values_before_any_request``).

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

**Uploads with a bound** (issue 25, item 4; ``install_upload_bounds``). Streamlit
keeps every file a session uploads until the session ends, and nothing limits how
many: 60 uploads of 1.9 MB in one session held 114 MB. Each session now keeps its
newest ``UPLOADS_KEPT`` files (each at most ``server.maxUploadSize``), the older ones
dropped. A closed tab's session is kept ``server.disconnectedSessionTTL`` for a
reconnect, and its uploads went only when a later disconnect reaped it; they now go
at the disconnect (the app reads an upload in its uploader's callback, so a resumed
session needs none). Written against Streamlit's internals of one version
(``UPLOADS_WRITTEN_FOR``): on any other it stays off, with a warning.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import logging
import threading
from collections.abc import Callable
from typing import Any

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime import Runtime, app_session
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.runtime.session_manager import SessionClient
from streamlit.runtime.state import safe_session_state, session_state
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

_streamlit_merge = script_requests._coalesce_widget_states
_streamlit_callbacks = session_state.SessionState._call_callbacks
_streamlit_will_rerun = safe_session_state.SafeSessionState.on_script_will_rerun
_streamlit_control = script_runner.ScriptRunner._maybe_handle_execution_control_request
_streamlit_request = app_session.AppSession.request_rerun
_streamlit_run = script_runner.ScriptRunner._run_script
_streamlit_add_file = MemoryUploadedFileManager.add_file
_streamlit_disconnect = Runtime.disconnect_session
_running = threading.local()
_LOGGER = logging.getLogger(__name__)

UPLOADS_KEPT = 3
"""Files one session keeps: the sidebar's uploader holds one file, read in its
callback; the others cover a file chosen again while the last was on its way."""
UPLOADS_WRITTEN_FOR = "1.67.0"
"""The Streamlit whose upload store and disconnect the upload bounds were read from."""
STREAMLIT_VERSION = importlib.metadata.version("streamlit")
"""Read once: the lookup costs ~0.6 ms, and ``install`` runs on every script run."""


def call_every_callback(self: session_state.SessionState, **kwargs: Any) -> None:
    """Streamlit's callback pass, with stop and rerun requests held until it ends."""
    held = getattr(_running, "callbacks", False)
    _running.callbacks = True
    try:
        _streamlit_callbacks(self, **kwargs)
    finally:
        _running.callbacks = held


def apply_values_before_any_request(
    self: safe_session_state.SafeSessionState, *args: Any, **kwargs: Any
) -> None:
    """Streamlit's start of a run (the request's values, then their callbacks), whole.

    Streamlit checks for a newer request on entering this, before the run's values are
    applied; one found there (a page click right behind a commit) replaced the run,
    and the commit's values were never applied (a typed letter date lost, logged under
    ``stress-ng --cpu 4``). Held here, the click is taken right after the callbacks.
    """
    held = getattr(_running, "callbacks", False)
    _running.callbacks = True
    try:
        _streamlit_will_rerun(self, *args, **kwargs)
    finally:
        _running.callbacks = held


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


def keep_newest_uploads(manager: MemoryUploadedFileManager, session_id: str) -> None:
    """Drop all but the session's newest UPLOADS_KEPT files from Streamlit's store."""
    with manager._lock:
        files = manager.file_storage.get(session_id)
        older = list(files)[:-UPLOADS_KEPT] if files else []
    for file_id in older:
        manager.remove_file(session_id, file_id)


def add_file_keeping_the_newest(
    self: MemoryUploadedFileManager, session_id: str, file: UploadedFileRec
) -> None:
    """Streamlit's add_file, then the bound; an upload that outlived its session goes.

    A file sent again under its id counts as the newest. The upload route checks the
    session is connected before it reads the body, and the tab can close meanwhile.
    """
    _streamlit_add_file(self, session_id, file)
    with self._lock:
        files = self.file_storage.get(session_id)
        if files is not None and file.file_id in files:
            files[file.file_id] = files.pop(file.file_id)
    keep_newest_uploads(self, session_id)
    if Runtime.exists():
        server = Runtime.instance()
        if server.uploaded_file_mgr is self and not server.is_active_session(session_id):
            self.remove_session_files(session_id)


def disconnect_freeing_uploads(
    self: Runtime, session_id: str, *, client: SessionClient | None = None
) -> None:
    """Streamlit's disconnect, then the session's uploads go (not at its TTL's end)."""
    _streamlit_disconnect(self, session_id, client=client)
    if not self.is_active_session(session_id):
        self.uploaded_file_mgr.remove_session_files(session_id)


def bound_held_uploads(
    manager: MemoryUploadedFileManager, is_active: Callable[[str], bool]
) -> None:
    """Apply both bounds to what the store holds already: a session's first run
    installs them after the session could upload."""
    with manager._lock:
        sessions = list(manager.file_storage)
    for session_id in sessions:
        if is_active(session_id):
            keep_newest_uploads(manager, session_id)
        else:
            manager.remove_session_files(session_id)


@functools.cache  # once per process; no argument, so nothing a session sends is kept
def _warn_uploads_unbounded() -> None:
    _LOGGER.warning(
        "MatchPlan's upload bounds (ui/streamlit_fixes.py) were written for Streamlit "
        "%s and this is %s: not installed. Streamlit keeps every upload until the "
        "session ends; check install_upload_bounds against this version.",
        UPLOADS_WRITTEN_FOR,
        STREAMLIT_VERSION,
    )


def install_upload_bounds() -> bool:
    """Install the upload bounds if this is the Streamlit they were written for.

    Called by the entry script's first run, the earliest code of the app's that runs
    under ``streamlit run``. The upload route takes a session id, which a client first
    gets in its session's first run (``new_session``); uploads made before the bounds
    were in are bounded here, once.
    """
    if MemoryUploadedFileManager.add_file is add_file_keeping_the_newest:
        return True
    if STREAMLIT_VERSION != UPLOADS_WRITTEN_FOR:
        _warn_uploads_unbounded()
        return False
    MemoryUploadedFileManager.add_file = add_file_keeping_the_newest  # type: ignore[method-assign]
    Runtime.disconnect_session = disconnect_freeing_uploads  # type: ignore[method-assign]
    if Runtime.exists():
        server = Runtime.instance()
        if isinstance(server.uploaded_file_mgr, MemoryUploadedFileManager):
            bound_held_uploads(server.uploaded_file_mgr, server.is_active_session)
    return True


def install() -> None:
    """Idempotent; the entry script calls it on every run."""
    install_upload_bounds()
    script_requests._coalesce_widget_states = coalesce_keeping_older_values
    session_state.SessionState._call_callbacks = call_every_callback  # type: ignore[method-assign]
    safe_session_state.SafeSessionState.on_script_will_rerun = apply_values_before_any_request  # type: ignore[method-assign]
    script_runner.ScriptRunner._maybe_handle_execution_control_request = (  # type: ignore[method-assign]
        control_after_callbacks
    )
    app_session.AppSession.request_rerun = request_keeping_pending_commits  # type: ignore[method-assign]
    script_runner.ScriptRunner._run_script = run_removed_fragments_as_their_page  # type: ignore[method-assign]
