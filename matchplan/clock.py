"""The app's pinned date, so tests and demos can fix the day the app runs on.

Rule functions never read the clock: they take ``today``, and no model's validity
depends on the day. The app reads its date in one place (``ui.state.today``), which
honours ``MATCHPLAN_TODAY`` when set; the command line takes ``--today`` (default: the
machine's date) and ignores the variable.
"""

from __future__ import annotations

import os
from datetime import date

TODAY_VARIABLE = "MATCHPLAN_TODAY"
"""``MATCHPLAN_TODAY=YYYY-MM-DD`` fixes the app's date (the app tests set it per test and
per server, the benchmark and the screenshot tool for their servers)."""


def pinned_today() -> date | None:
    """``MATCHPLAN_TODAY`` when set, else None; never the clock (the core is pure)."""
    pinned = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(pinned) if pinned else None
