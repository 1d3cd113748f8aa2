"""Settings of the server process itself, made once whatever the number of sessions."""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_startup_objects() -> bool:
    """Put every object alive now (the imported libraries) out of the collector's reach.

    Streamlit runs ``gc.collect(2)`` after every script run, and a full collection
    walks every long-lived object: the modules of streamlit, plotly, pandas and
    pydantic cost 170-440 ms a slider move (issue 14). Those objects are never
    garbage, so ``gc.freeze()`` moves them to the permanent generation. No
    ``gc.collect()`` first: it would cost a full walk at start-up for the little
    garbage the imports leave. The freeze count is the guard: later runs (every rerun
    of every session) must not freeze their sessions' objects, whose cycles would then
    never be collected. Returns True on the call that froze.
    """
    if gc.get_freeze_count() > 0:
        return False
    gc.freeze()
    return True


LIBRARIES = ("numpy", "pandas", "pyarrow", "plotly.graph_objects")
"""Imported by the first page run that needs them, or at the end of the process's
first run; never by two sessions at once (see ``first_runs_one_at_a_time``)."""
_first_runs = threading.Lock()
_libraries_loaded = threading.Event()


@contextmanager
def first_runs_one_at_a_time() -> Iterator[None]:
    """Run pages one at a time until the big libraries are imported, then freely.

    The entry script imported pandas and plotly before every page: 0.3 s of a cold
    start before Overview's first content (issue 14). Importing them lazily instead,
    two sessions on a cold server could import pandas at once and one see a
    half-initialised module (found by the load test). So until the libraries are in,
    page runs take turns, and the first run imports whatever its page did not, after
    its page has been sent, then freezes them like the start-up objects (with that one
    run's objects). Later runs never wait.
    """
    if _libraries_loaded.is_set():
        yield
        return
    with _first_runs:
        try:
            yield
        finally:
            for name in LIBRARIES:
                importlib.import_module(name)
            gc.freeze()  # the libraries, and this one run's objects: once per process
            _libraries_loaded.set()
