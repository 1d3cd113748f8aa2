"""Issue 14, first content: pandas and plotly are imported by the first page run that
needs them, not before Overview's first content, and never by two sessions at once."""

from __future__ import annotations

import gc
import sys
import threading

import pytest

from ui import process


@pytest.fixture
def cold_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process, "_first_runs", threading.Lock())
    monkeypatch.setattr(process, "_libraries_loaded", threading.Event())


@pytest.mark.usefixtures("cold_process")
def test_until_the_libraries_are_in_page_runs_take_turns() -> None:
    with process.first_runs_one_at_a_time():
        # another session's page run would wait here for this one
        assert process._first_runs.acquire(blocking=False) is False
    assert process._first_runs.acquire(blocking=False) is True
    process._first_runs.release()


@pytest.mark.usefixtures("cold_process")
def test_the_first_run_imports_and_freezes_the_libraries_its_page_did_not() -> None:
    frozen = gc.get_freeze_count()
    with process.first_runs_one_at_a_time():
        pass  # a page that needs neither pandas nor plotly
    assert all(name in sys.modules for name in process.LIBRARIES)
    assert gc.get_freeze_count() > frozen  # the new modules moved out of the collector
    assert process._libraries_loaded.is_set()


@pytest.mark.usefixtures("cold_process")
def test_once_the_libraries_are_in_runs_never_wait() -> None:
    with process.first_runs_one_at_a_time():
        pass
    with process.first_runs_one_at_a_time():
        assert process._first_runs.acquire(blocking=False) is True
        process._first_runs.release()


@pytest.mark.usefixtures("cold_process")
def test_a_page_stopped_or_rerun_midway_still_lets_the_next_run_in() -> None:
    with pytest.raises(RuntimeError), process.first_runs_one_at_a_time():
        raise RuntimeError("st.switch_page, st.stop: an exception through the page")
    assert process._libraries_loaded.is_set()
    assert not process._first_runs.locked()
