"""The pinned date, so tests and the benchmark fix the day everywhere at once.

Rule functions never read the clock: they take ``today``. The app
(``ui.state.today``), the CLI's default ``--today``, a profile validated without a
date and the benchmark all honour ``MATCHPLAN_TODAY`` through this module.
"""

from __future__ import annotations

import os
from datetime import date

TODAY_VARIABLE = "MATCHPLAN_TODAY"
"""``MATCHPLAN_TODAY=YYYY-MM-DD`` fixes the date (the tests set it, so nothing depends
on the real date or weekday)."""


def pinned_today() -> date | None:
    """``MATCHPLAN_TODAY`` when set (the tests and the benchmark set it), else None.

    This never reads the clock: the core is pure. The one place the machine's date is
    read is the app's ``ui.state.today`` (and the CLI's default ``--today``).
    """
    pinned = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(pinned) if pinned else None
