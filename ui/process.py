"""Settings of the server process itself, made once whatever the number of sessions."""

from __future__ import annotations

import gc


def freeze_startup_objects() -> bool:
    """Put every object alive now (the imported libraries) out of the collector's reach.

    Streamlit runs ``gc.collect(2)`` after every script run, and a full collection
    walks every long-lived object: the modules of streamlit, plotly, pandas and
    pydantic cost 170-440 ms a slider move (issue 14). Those objects are never
    garbage, so ``gc.freeze()`` moves them to the permanent generation. No
    ``gc.collect()`` first: it would cost a full walk at start-up for the little
    garbage the imports leave. The freeze count is the guard: later runs of the entry
    script (every rerun of every session) must not freeze their sessions' objects,
    which would then never be freed. Returns True on the call that froze.
    """
    if gc.get_freeze_count() > 0:
        return False
    gc.freeze()
    return True
