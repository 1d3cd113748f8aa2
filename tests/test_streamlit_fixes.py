"""Issue 10: a value typed on the page being left survives Streamlit's merge of reruns.

A blur commit (the letter date, with the page left) and a page click (which does not
carry that page's fields) can reach the server before either has run; Streamlit then
merges the two requests (ui/streamlit_fixes.py). Issue 14 put Programs' what-if count
in a fragment: its commit can also wait behind the click's run, or name a fragment
the click's run removed. Issue 25 bounded what one session holds in Streamlit's upload
store (tests/test_server_uploads.py drives the real server).
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from conftest import ROOT
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime import Runtime
from streamlit.runtime.fragment import MemoryFragmentStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests
from streamlit.runtime.stats import CACHE_MEMORY_FAMILY, CacheStat
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from ui import streamlit_fixes


def states(**values: str) -> WidgetStates:
    out = WidgetStates()
    for widget_id, value in values.items():
        out.widgets.append(WidgetState(id=widget_id, string_value=value))
    return out


def button_pressed(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


def values(merged: WidgetStates | None) -> dict[str, object]:
    assert merged is not None
    return {s.id: getattr(s, s.WhichOneof("value")) for s in merged.widgets}


def test_streamlit_alone_drops_the_value_only_the_older_request_carries() -> None:
    """Why the fix exists; if this fails, Streamlit fixed it and the patch can go."""
    merged = streamlit_fixes._streamlit_merge(states(letters="2027-02-15"), states(other="x"))
    assert "letters" not in values(merged)


def test_the_value_only_the_older_request_carries_is_kept() -> None:
    merged = streamlit_fixes.coalesce_keeping_older_values(
        states(letters="2027-02-15"), states(other="x")
    )
    assert values(merged) == {"other": "x", "letters": "2027-02-15"}


def test_the_newer_value_of_the_same_widget_wins() -> None:
    merged = streamlit_fixes.coalesce_keeping_older_values(
        states(letters="2027-02-15"), states(letters="2027-03-01")
    )
    assert values(merged) == {"letters": "2027-03-01"}


def test_a_button_pressed_in_the_older_request_still_counts() -> None:
    older = states(letters="2027-02-15")
    older.widgets.append(button_pressed("save"))
    merged = streamlit_fixes.coalesce_keeping_older_values(older, states(other="x"))
    assert values(merged) == {"other": "x", "letters": "2027-02-15", "save": True}


def test_installed_the_server_merges_a_commit_and_a_page_click_without_loss(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        script_requests, "_coalesce_widget_states", script_requests._coalesce_widget_states
    )
    streamlit_fixes.install()
    requests = ScriptRequests()
    requests.request_rerun(
        RerunData(widget_states=states(letters="2027-02-15"), page_script_hash="timeline")
    )
    requests.request_rerun(RerunData(widget_states=states(other="x"), page_script_hash="overview"))
    pending = requests.on_scriptrunner_yield()
    assert pending is not None
    assert pending.rerun_data is not None
    assert pending.rerun_data.page_script_hash == "overview"
    assert values(pending.rerun_data.widget_states)["letters"] == "2027-02-15"


def test_a_stop_request_waits_until_every_callback_has_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page click arriving mid-callbacks stopped the run before the letter date's commit."""
    checks: list[str] = []
    ran: list[str] = []
    monkeypatch.setattr(streamlit_fixes, "_streamlit_control", lambda runner: checks.append("stop"))

    def streamlit_callbacks(session: object, **kwargs: object) -> None:
        for name in ("role", "letters"):
            streamlit_fixes.control_after_callbacks(None)  # type: ignore[arg-type]
            ran.append(name)

    monkeypatch.setattr(streamlit_fixes, "_streamlit_callbacks", streamlit_callbacks)
    streamlit_fixes.call_every_callback(None)  # type: ignore[arg-type]
    assert ran == ["role", "letters"]
    assert checks == []
    streamlit_fixes.control_after_callbacks(None)  # type: ignore[arg-type]
    assert checks == ["stop"]


def test_installed_streamlit_runs_callbacks_and_checks_requests_through_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state import SessionState

    monkeypatch.setattr(
        script_requests, "_coalesce_widget_states", script_requests._coalesce_widget_states
    )
    monkeypatch.setattr(SessionState, "_call_callbacks", SessionState._call_callbacks)
    monkeypatch.setattr(
        SafeSessionState, "on_script_will_rerun", SafeSessionState.on_script_will_rerun
    )
    monkeypatch.setattr(
        ScriptRunner,
        "_maybe_handle_execution_control_request",
        ScriptRunner._maybe_handle_execution_control_request,
    )
    monkeypatch.setattr(ScriptRunner, "_run_script", ScriptRunner._run_script)
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)
    streamlits_upload_methods(monkeypatch)
    streamlit_fixes.install()
    assert MemoryUploadedFileManager.add_file is streamlit_fixes.add_file_keeping_the_newest
    assert Runtime.disconnect_session is streamlit_fixes.disconnect_freeing_uploads
    assert AppSession.request_rerun is streamlit_fixes.request_keeping_pending_commits
    assert ScriptRunner._run_script is streamlit_fixes.run_removed_fragments_as_their_page
    assert SessionState._call_callbacks is streamlit_fixes.call_every_callback
    assert SafeSessionState.on_script_will_rerun is streamlit_fixes.apply_values_before_any_request
    assert (
        ScriptRunner._maybe_handle_execution_control_request
        is streamlit_fixes.control_after_callbacks
    )


class FakeSession:
    """What the request fix reads of an AppSession: its runner and its fragments."""

    def __init__(self, pending: RerunData | None, fragments: set[str]) -> None:
        self._scriptrunner = SimpleNamespace(_requests=ScriptRequests())
        if pending is not None:
            self._scriptrunner._requests.request_rerun(pending)
        self.fragments = fragments

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id in self.fragments


def sent(
    monkeypatch: pytest.MonkeyPatch, session: FakeSession, client_state: ClientState
) -> ClientState:
    """The request Streamlit receives once the fix has seen ``client_state``."""
    received: list[ClientState] = []
    monkeypatch.setattr(
        streamlit_fixes, "_streamlit_request", lambda _, state: received.append(state)
    )
    streamlit_fixes.request_keeping_pending_commits(session, client_state)  # type: ignore[arg-type]
    assert len(received) == 1
    return received[0]


def test_a_page_click_keeps_a_fragment_commit_queued_behind_the_current_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Programs' what-if count, committed in its fragment while the click's run ran."""
    queued = RerunData(widget_states=states(whatif="70"), fragment_id="counts")
    click = ClientState(page_script_hash="overview", widget_states=states(other="x"))
    request = sent(monkeypatch, FakeSession(queued, {"counts"}), click)
    assert request.page_script_hash == "overview"
    assert values(request.widget_states) == {"other": "x", "whatif": "70"}


def test_a_page_click_with_nothing_queued_is_passed_on_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click = ClientState(page_script_hash="overview", widget_states=states(other="x"))
    request = sent(monkeypatch, FakeSession(None, set()), click)
    assert request == click


def test_a_commit_from_a_fragment_the_click_removed_reruns_its_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Streamlit ignores it ("does not exist anymore"); the value must still commit."""
    late = ClientState(
        page_script_hash="programs", fragment_id="counts", widget_states=states(whatif="70")
    )
    request = sent(monkeypatch, FakeSession(None, set()), late)
    assert request.fragment_id == ""
    assert request.page_script_hash == "programs"
    assert values(request.widget_states) == {"whatif": "70"}


def test_a_commit_from_a_fragment_still_shown_stays_a_fragment_rerun(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = ClientState(
        page_script_hash="programs", fragment_id="counts", widget_states=states(whatif="70")
    )
    request = sent(monkeypatch, FakeSession(None, {"counts"}), commit)
    assert request == commit


@pytest.mark.parametrize(("registered", "queue_run"), [(set(), []), ({"counts"}, ["counts"])])
def test_a_queued_fragment_run_whose_fragment_is_gone_runs_the_page(
    monkeypatch: pytest.MonkeyPatch, registered: set[str], queue_run: list[str]
) -> None:
    """Queued before the click's run removed it, Streamlit ran nothing: a blank page."""
    runs: list[RerunData] = []
    monkeypatch.setattr(streamlit_fixes, "_streamlit_run", lambda _, data: runs.append(data))
    storage = MemoryFragmentStorage()
    for fragment_id in registered:
        storage.register(fragment_id, lambda: None)
    runner = SimpleNamespace(_fragment_storage=storage)
    queued = RerunData(widget_states=states(whatif="70"), fragment_id_queue=["counts"])
    streamlit_fixes.run_removed_fragments_as_their_page(runner, queued)  # type: ignore[arg-type]
    assert runs[0].fragment_id_queue == queue_run
    assert values(runs[0].widget_states) == {"whatif": "70"}


class RunningRunner:
    """A ScriptRunner in the middle of a run: it takes a rerun request into its queue."""

    def __init__(self) -> None:
        self.queued: list[RerunData] = []
        self.stopped = False

    def request_rerun(self, data: RerunData) -> bool:
        self.queued.append(data)
        return True

    def request_stop(self) -> None:
        self.stopped = True


class RunningSession(SimpleNamespace):
    """The parts of an AppSession whose script is running that request_rerun touches."""

    def __init__(self, runner: RunningRunner) -> None:
        super().__init__(_state=None, _scriptrunner=runner, _client_state=ClientState())
        self.started: list[RerunData] = []
        self._create_scriptrunner = self.started.append

    def has_fragment(self, fragment_id: str) -> bool:
        return False


def test_a_click_during_a_run_waits_for_that_run_instead_of_starting_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second run beside the first replaced the session's widget values while the
    first's callbacks read them (a typed letter date lost under load). With the app's
    settings the request goes to the running runner, which merges it (see above)."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    assert config.get_option("runner.fastReruns") is False
    runner = RunningRunner()
    session = RunningSession(runner)
    click = ClientState(page_script_hash="overview")
    streamlit_fixes._streamlit_request(session, click)  # type: ignore[arg-type]
    assert [data.page_script_hash for data in runner.queued] == ["overview"]
    assert not runner.stopped
    assert session.started == []

    monkeypatch.setattr(config, "get_option", lambda name: name == "runner.fastReruns")
    first = RunningRunner()
    streamlit_default = RunningSession(first)
    streamlit_fixes._streamlit_request(streamlit_default, click)  # type: ignore[arg-type]
    assert first.stopped  # Streamlit's default: the first run is told to stop ...
    assert len(streamlit_default.started) == 1  # ... and a second starts at once


# Issue 25, item 4: what one session holds in Streamlit's upload store.

UPLOAD = b"{".ljust(1_900_000, b" ")  # one object shared by every record: no 114 MB here


def upload(manager: MemoryUploadedFileManager, file_id: str, session_id: str = "tab") -> None:
    manager.add_file(session_id, UploadedFileRec(file_id, "plan.json", "application/json", UPLOAD))


def held(manager: MemoryUploadedFileManager) -> int:
    """The bytes the store reports holding (Streamlit's own count, as /_stcore/metrics)."""
    stats = manager.get_stats().get(CACHE_MEMORY_FAMILY, [])
    return sum(stat.byte_length for stat in stats if isinstance(stat, CacheStat))


def streamlits_upload_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit's own add_file and disconnect, whatever an earlier test installed, and
    what was there before put back after the test."""
    monkeypatch.setattr(MemoryUploadedFileManager, "add_file", streamlit_fixes._streamlit_add_file)
    monkeypatch.setattr(Runtime, "disconnect_session", streamlit_fixes._streamlit_disconnect)


@pytest.fixture
def upload_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """install() on Streamlit's own methods, undone after the test."""
    streamlits_upload_methods(monkeypatch)
    streamlit_fixes.install()


def test_streamlit_alone_keeps_every_upload_of_a_session() -> None:
    """Why the bound exists; if this fails, Streamlit bounds uploads and the patch can go."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for number in range(60):
        streamlit_fixes._streamlit_add_file(
            manager, "tab", UploadedFileRec(str(number), "p.json", "application/json", UPLOAD)
        )
    assert held(manager) == 60 * len(UPLOAD) == 114_000_000


@pytest.mark.usefixtures("upload_bounds")
def test_sixty_uploads_in_one_session_leave_its_newest_three() -> None:
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for number in range(60):
        upload(manager, f"file-{number}")
    assert held(manager) == 5_700_000  # 114_000_000 with Streamlit alone
    assert list(manager.file_storage["tab"]) == ["file-57", "file-58", "file-59"]
    assert streamlit_fixes.UPLOADS_KEPT == 3


@pytest.mark.usefixtures("upload_bounds")
def test_a_file_sent_again_under_its_id_counts_as_the_newest() -> None:
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for file_id in ["a", "b", "c", "a", "d"]:
        upload(manager, file_id)
    assert list(manager.file_storage["tab"]) == ["c", "a", "d"]


@pytest.mark.usefixtures("upload_bounds")
def test_each_session_keeps_its_own_newest_uploads() -> None:
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for number in range(5):
        upload(manager, f"mine-{number}", session_id="mine")
        upload(manager, f"other-{number}", session_id="other")
    assert list(manager.file_storage["mine"]) == ["mine-2", "mine-3", "mine-4"]
    assert list(manager.file_storage["other"]) == ["other-2", "other-3", "other-4"]


@pytest.mark.usefixtures("upload_bounds")
def test_an_upload_arriving_after_its_tab_closed_is_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The route checks the session before reading the body; the tab can close meanwhile."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    server = SimpleNamespace(uploaded_file_mgr=manager, is_active_session=lambda s: s == "open")
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: server))
    upload(manager, "late", session_id="closed")
    upload(manager, "on-time", session_id="open")
    assert "closed" not in manager.file_storage
    assert list(manager.file_storage["open"]) == ["on-time"]


def test_uploads_made_before_the_bounds_were_installed_are_bounded_once_installed() -> None:
    """A session's first run installs the bounds after its client got the session id."""
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for number in range(10):
        streamlit_fixes._streamlit_add_file(
            manager, "open", UploadedFileRec(f"o{number}", "p.json", "application/json", UPLOAD)
        )
        streamlit_fixes._streamlit_add_file(
            manager, "gone", UploadedFileRec(f"g{number}", "p.json", "application/json", UPLOAD)
        )
    streamlit_fixes.bound_held_uploads(manager, is_active=lambda session: session == "open")
    assert list(manager.file_storage) == ["open"]
    assert list(manager.file_storage["open"]) == ["o7", "o8", "o9"]
    assert held(manager) == 3 * len(UPLOAD)


def test_on_another_streamlit_the_upload_bounds_stay_off_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    streamlits_upload_methods(monkeypatch)
    monkeypatch.setattr(streamlit_fixes, "STREAMLIT_VERSION", "1.99.0")
    streamlit_fixes._warn_uploads_unbounded.cache_clear()
    with caplog.at_level(logging.WARNING, logger=streamlit_fixes.__name__):
        assert streamlit_fixes.install_upload_bounds() is False
        streamlit_fixes.install()  # every run: one warning per process
    assert MemoryUploadedFileManager.add_file is streamlit_fixes._streamlit_add_file
    assert Runtime.disconnect_session is streamlit_fixes._streamlit_disconnect
    assert [record.getMessage() for record in caplog.records] == [
        "MatchPlan's upload bounds (ui/streamlit_fixes.py) were written for Streamlit "
        "1.67.0 and this is 1.99.0: not installed. Streamlit keeps every upload until the "
        "session ends; check install_upload_bounds against this version."
    ]


def test_the_upload_bounds_are_written_for_the_pinned_streamlit() -> None:
    """requirements.txt pins what Community Cloud installs; the bounds must be on there."""
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").split()
    assert f"streamlit=={streamlit_fixes.UPLOADS_WRITTEN_FOR}" in pins
    assert streamlit_fixes.STREAMLIT_VERSION == streamlit_fixes.UPLOADS_WRITTEN_FOR


class ClickWaiting(Exception):
    """What Streamlit's check raises when a newer request waits (its RerunException)."""


def test_a_run_applies_its_commit_before_taking_the_click_behind_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The commit's run checked for a newer request on entering the state update, found
    the page click and ran that instead: the typed letter date never reached the plan
    (logged under stress-ng --cpu 4, 1 run in 5). Now its values and callbacks come
    first; the click is taken at the check right after them."""
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state import SessionState

    def click_waiting(runner: object) -> None:
        raise ClickWaiting

    monkeypatch.setattr(streamlit_fixes, "_streamlit_control", click_waiting)

    def runner_check() -> None:
        streamlit_fixes.control_after_callbacks(None)  # type: ignore[arg-type]

    streamlit_alone = SessionState()
    with pytest.raises(ClickWaiting):
        streamlit_fixes._streamlit_will_rerun(
            SafeSessionState(streamlit_alone, runner_check), states(letters="2027-02-15")
        )
    assert "letters" not in streamlit_alone._new_widget_state.states  # never applied

    fixed = SessionState()
    streamlit_fixes.apply_values_before_any_request(
        SafeSessionState(fixed, runner_check), states(letters="2027-02-15")
    )
    assert "letters" in fixed._new_widget_state.states
    with pytest.raises(ClickWaiting):  # the click is taken at the next check
        runner_check()
