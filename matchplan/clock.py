"""The one place MatchPlan reads the clock, so tests and the benchmark can pin it.

Rule functions never read it: they take ``today``. The app (``ui.state.today``),
the CLI's default ``--today`` and the profile's validation fallback all ask this
function, so one variable fixes the date everywhere at once.
"""

from __future__ import annotations

import os
from datetime import date

TODAY_VARIABLE = "MATCHPLAN_TODAY"
"""``MATCHPLAN_TODAY=YYYY-MM-DD`` fixes the date (the tests set it, so nothing depends
on the real date or weekday)."""


def today() -> date:
    """The pinned date when ``MATCHPLAN_TODAY`` is set, otherwise the local calendar date."""
    pinned = os.environ.get(TODAY_VARIABLE)
    if pinned:
        return date.fromisoformat(pinned)
    return date.today()  # noqa: DTZ011 - the local calendar date is what the applicant means
