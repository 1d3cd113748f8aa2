"""Issue 10: a value typed on the page being left survives Streamlit's merge of reruns.

A blur commit (the letter date, with the page left) and a page click (which does not
carry that page's fields) can reach the server before either has run; Streamlit then
merges the two requests (ui/streamlit_fixes.py).
"""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

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
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.runtime.state.session_state import SessionState

    monkeypatch.setattr(
        script_requests, "_coalesce_widget_states", script_requests._coalesce_widget_states
    )
    monkeypatch.setattr(SessionState, "_call_callbacks", SessionState._call_callbacks)
    monkeypatch.setattr(
        ScriptRunner,
        "_maybe_handle_execution_control_request",
        ScriptRunner._maybe_handle_execution_control_request,
    )
    streamlit_fixes.install()
    assert SessionState._call_callbacks is streamlit_fixes.call_every_callback
    assert (
        ScriptRunner._maybe_handle_execution_control_request
        is streamlit_fixes.control_after_callbacks
    )
