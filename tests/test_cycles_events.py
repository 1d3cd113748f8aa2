"""R-39: the cycle events the timeline added (interview season, ranking, rank list).

Published dates (facts §1.1, §1.3) read back exactly and are not flagged as
estimates; unpublished years follow the pattern (ranking opens Feb 1, or the
Monday after when Feb 1 is a weekend) and are flagged. tests/test_cycles.py
covers the ERAS dates and Match Day; this file does not repeat them.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan.cycles import CYCLE_EVENTS, cycle_calendar, cycle_date
from matchplan.reference import CycleEvent, load_reference

MONDAY = 0

PUBLISHED = [
    pytest.param(
        2024,
        "ranking_opens",
        date(2024, 2, 1),
        "nrmp-illuminator-2024",
        id="R-39-2024-ranking-opens-1-feb",
    ),
    pytest.param(
        2025,
        "ranking_opens",
        date(2025, 2, 3),
        "pixelation-rol-2025",
        id="R-39-2025-ranking-opens-3-feb",
    ),
    pytest.param(
        2025,
        "rol_deadline",
        date(2025, 3, 5),
        "pixelation-rol-2025",
        id="R-39-2025-rank-list-deadline-5-mar",
    ),
]


@pytest.mark.parametrize(("year", "event", "expected", "source"), PUBLISHED)
def test_published_event_dates_read_back_exactly(
    year: int, event: CycleEvent, expected: date, source: str
) -> None:
    published = cycle_date(year, event)
    assert (published.date, published.estimated, published.source) == (expected, False, source)
    assert source in load_reference().sources


def test_published_dates_reach_the_calendar_unchanged() -> None:
    calendar = cycle_calendar(2026)
    assert (calendar["interview_season_starts"], calendar["interview_season_ends"]) == (
        date(2025, 10, 1),
        date(2026, 1, 31),
    )
    # Issue 11: the source gives months only; the days are inferred, so estimated.
    assert calendar.dates["interview_season_starts"].estimated
    assert calendar.dates["interview_season_ends"].status == "estimated"
    assert calendar.dates["interview_season_starts"].source == "interview-season-days-inferred"
    # The 2027 MyERAS date is read in a secondary source only: never "published".
    assert cycle_calendar(2027).dates["myeras_opens"].status == "secondary"


ESTIMATED = [
    pytest.param(
        2026, "ranking_opens", date(2026, 2, 2), id="R-39-2026-feb-1-sunday-ranking-monday-2-feb"
    ),
    pytest.param(
        2027, "ranking_opens", date(2027, 2, 1), id="R-39-2027-feb-1-monday-ranking-1-feb"
    ),
    pytest.param(
        2028, "ranking_opens", date(2028, 2, 1), id="R-39-2028-feb-1-tuesday-ranking-1-feb"
    ),
    pytest.param(
        2031, "ranking_opens", date(2031, 2, 3), id="R-39-2031-feb-1-saturday-ranking-monday-3-feb"
    ),
    pytest.param(
        2027, "interview_season_starts", date(2026, 10, 1), id="R-39-2027-interviews-from-october"
    ),
    pytest.param(
        2027, "interview_season_ends", date(2027, 1, 31), id="R-39-2027-interviews-to-january"
    ),
    pytest.param(
        2028, "interview_season_starts", date(2027, 10, 1), id="R-39-2028-interviews-from-october"
    ),
    pytest.param(
        2027, "nrmp_registration_opens", date(2026, 9, 15), id="R-39-2027-nrmp-registration-15-sep"
    ),
    pytest.param(
        2028, "rol_deadline", date(2028, 3, 1), id="R-39-2028-rank-list-16-days-before-match-day"
    ),
]


@pytest.mark.parametrize(("year", "event", "expected"), ESTIMATED)
def test_unpublished_event_dates_follow_the_pattern_and_are_flagged(
    year: int, event: CycleEvent, expected: date
) -> None:
    estimate = cycle_date(year, event)
    assert (estimate.date, estimate.estimated, estimate.source) == (expected, True, "pattern")


@settings(max_examples=60, deadline=None)
@given(st.integers(2026, 2045))
def test_ranking_opens_feb_1_or_the_monday_after_a_weekend(year: int) -> None:
    opens = cycle_date(year, "ranking_opens")
    feb_first = date(year, 2, 1)
    if opens.estimated:
        if feb_first.weekday() < 5:
            assert opens.date == feb_first
        else:
            assert opens.date.weekday() == MONDAY
            assert 1 <= (opens.date - feb_first).days <= 2
    assert opens.date.weekday() < 5


@settings(max_examples=60, deadline=None)
@given(st.integers(2020, 2045))
def test_every_cycle_event_is_in_order(year: int) -> None:
    calendar = cycle_calendar(year)
    for earlier, later in pairwise(CYCLE_EVENTS):
        assert calendar[earlier] < calendar[later], (year, earlier, later)
    assert calendar["interview_season_starts"].year == year - 1
    assert calendar["interview_season_ends"].year == year
