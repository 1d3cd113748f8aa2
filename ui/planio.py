"""Save and load the whole plan: the sidebar's download button and uploader.

Loading happens in the uploader's callback: the file is validated completely
(``load_plan``) and its whole plan is built once (``build_plan``) before it is
accepted; only then does it replace the session's plan. The uploader is then
cleared (its key rotates), so the browser does not send the file again on a
later interaction and the server does not keep the upload in memory. A bad
file changes nothing and gets its message beside the uploader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import streamlit as st
from streamlit import runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from matchplan.examples import blank_profile, example_profile
from matchplan.plan import build_plan, new_plan, open_plan
from matchplan.planfile import PlanFile, PlanLoadError, dump_plan
from ui import state

UPLOADER = "sidebar_plan_upload"
UPLOADS = "plan_upload_count"
LOAD_ERROR = "plan_load_error"


def plan_file_name(plan: PlanFile, today: date) -> str:
    """The download's name: the target and the date, never the applicant's name."""
    profile = plan.profile
    return f"matchplan-{profile.target_specialty}-{profile.target_match_year}-{today:%Y-%m-%d}.json"


COMMIT_WAIT_SECONDS = 10.0
"""How long a download waits for an edit sent just before its click (a loaded machine)."""


def _runs_done(session_id: str) -> Callable[[float], bool]:
    """A wait until the session runs no script and has none queued; True when reached.

    Reads Streamlit 1.67's ``AppSession._scriptrunner`` (set while a run chain goes
    on); a session Streamlit no longer has, or another version's, is not waited for.
    """
    try:
        info = runtime.get_instance()._session_mgr.get_session_info(session_id)
    except AttributeError:  # AppTest's stand-in runtime, or another Streamlit
        info = None
    app_session = getattr(info, "session", None)
    tick = threading.Event()  # never set: a 20 ms pause between looks

    def wait(timeout: float) -> bool:
        for _ in range(int(timeout / 0.02)):
            if getattr(app_session, "_scriptrunner", None) is None:
                return True
            tick.wait(0.02)
        return False

    return wait


def plan_download() -> Callable[[], bytes]:
    """The download's data: the plan as it is once the click's edits are in.

    A box typed in and left by a click on the download button commits on its blur;
    the browser sends that value with the click's rerun, and asks for the file
    (built on another thread) before either. The file held the previous draft in 3 of
    4 tries (issue 25, item 3). So the button reruns on its click (``on_click``), and
    the file waits until that rerun has started and every run has ended: each edit
    made before the click is in it. If that takes more than ``COMMIT_WAIT_SECONDS``
    the plan as it is goes. The timeline saved is the one the pages show (build_plan's,
    with stale dates repaired), so the file never disagrees with itself.
    """
    read = state.plan_reader()
    today = state.today()
    clicked = state.click_waiter()
    ctx = get_script_run_ctx()
    runs_done = _runs_done(ctx.session_id) if ctx is not None and runtime.exists() else None

    def data() -> bytes:
        if clicked(COMMIT_WAIT_SECONDS) and runs_done is not None:
            runs_done(COMMIT_WAIT_SECONDS)
        plan = read()
        shown = build_plan(plan, today).timeline_plan
        return dump_plan(plan.model_copy(update={"saved_on": today, "timeline": shown}))

    return data


on_download_click = state.download_clicked


def uploader_key() -> str:
    return f"{UPLOADER}.{st.session_state.get(UPLOADS, 0)}"


def release(uploaded: UploadedFile) -> bytes:
    """Read an upload once and drop Streamlit's copy of it at once (issue 15, item 5).

    Streamlit keeps every uploaded file in memory until its session ends, even when
    the uploader is cleared; removing it here (as st.chat_input does with its files)
    means an applicant's file is not held after it has been read.
    """
    raw = uploaded.getvalue()
    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=uploaded.file_id)
    return raw


def _clear_uploader() -> None:
    st.session_state.pop(uploader_key(), None)
    st.session_state[UPLOADS] = int(st.session_state.get(UPLOADS, 0)) + 1


def accept(raw: bytes, today: date) -> PlanFile:
    """Validate a file and build its plan once; raise PlanLoadError if either fails."""
    return open_plan(raw, today)


def on_upload() -> None:
    """Uploader callback: load the chosen file, or say why not and change nothing."""
    uploaded = st.session_state.get(uploader_key())
    if uploaded is None:
        return
    raw = release(uploaded)
    _clear_uploader()
    try:
        plan = accept(raw, state.today())
    except PlanLoadError as problem:
        st.session_state[LOAD_ERROR] = str(problem)
        return
    st.session_state.pop(LOAD_ERROR, None)
    state.replace(plan, f"Loaded your plan file (saved {plan.saved_on:%d %b %Y}).")


def load_error() -> str | None:
    value = st.session_state.get(LOAD_ERROR)
    return value if isinstance(value, str) else None


def load_example() -> None:
    """Start over on the built-in example; every part of the old plan goes."""
    today = state.today()
    state.replace(new_plan(example_profile(today), today), "Loaded the example applicant.")


def start_blank() -> None:
    today = state.today()
    state.replace(new_plan(blank_profile(today), today), "Started a blank profile.")
