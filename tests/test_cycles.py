"""R-39: cycle calendars, published dates as published, the rest estimated by the pattern.

Published dates come from matchplan/data/cycles.json (facts §1.1-§1.3). The
pattern in matchplan.cycles must reproduce every one of them, so that its
estimates for unpublished years (facts §1.2, §1.4) can be trusted as far as the
pattern holds; estimates are flagged so the UI can label them.
"""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan.cycles import cycle_date
from matchplan.reference import CycleEvent, PublishedDate, Reference, Source, load_reference

EVENTS: tuple[CycleEvent, ...] = get_args(CycleEvent)
FRIDAY = 4

PUBLISHED = [
    pytest.param(2026, "myeras_opens", date(2025, 6, 4), id="R-39-2026-myeras-opens"),
    pytest.param(2026, "submission_opens", date(2025, 9, 3), id="R-39-2026-submission-opens"),
    pytest.param(2026, "review_opens", date(2025, 9, 24), id="R-39-2026-programs-review"),
    pytest.param(
        2026, "nrmp_registration_opens", date(2025, 9, 15), id="R-39-2026-nrmp-registration"
    ),
    pytest.param(2026, "match_week_starts", date(2026, 3, 16), id="R-39-2026-match-week"),
    pytest.param(2026, "match_day", date(2026, 3, 20), id="R-39-2026-match-day"),
    pytest.param(2025, "match_week_starts", date(2025, 3, 17), id="R-39-2025-match-week"),
    pytest.param(2025, "match_day", date(2025, 3, 21), id="R-39-2025-match-day"),
    pytest.param(2024, "rol_deadline", date(2024, 2, 28), id="R-39-2024-rank-list-deadline"),
    pytest.param(2024, "match_day", date(2024, 3, 15), id="R-39-2024-match-day"),
]


@pytest.mark.parametrize(("year", "event", "expected"), PUBLISHED)
def test_published_dates_read_back_exactly(year: int, event: CycleEvent, expected: date) -> None:
    published = cycle_date(year, event)
    assert published.date == expected
    assert published.estimated is False
    assert published.source in load_reference().sources
    assert published.source != "pattern"


def _without_published(ref: Reference) -> Reference:
    return ref.model_copy(update={"cycles": {}})


def test_the_pattern_reproduces_every_published_date() -> None:
    ref = load_reference()
    pattern_only = _without_published(ref)
    checked = 0
    for year, events in ref.cycles.items():
        for event, published in events.items():
            estimate = cycle_date(year, event, pattern_only)
            assert estimate.date == published.date, (year, event)
            checked += 1
    assert checked >= len(PUBLISHED) + 1  # every pinned date, the 2027 MyERAS date, and any new


@pytest.mark.parametrize(
    ("year", "event", "expected"),
    [
        pytest.param(2027, "myeras_opens", date(2026, 6, 3), id="R-39-2027-myeras-secondary"),
    ],
)
def test_secondary_source_date_is_used_as_published(
    year: int, event: CycleEvent, expected: date
) -> None:
    published = cycle_date(year, event)
    assert (published.date, published.estimated, published.source) == (
        expected,
        False,
        "quantaprep-eras-2027",
    )


ESTIMATED = [
    pytest.param(2027, "submission_opens", date(2026, 9, 2), id="R-39-2027-submission-estimated"),
    pytest.param(2027, "review_opens", date(2026, 9, 23), id="R-39-2027-review-estimated"),
    pytest.param(2027, "rol_deadline", date(2027, 3, 3), id="R-39-2027-rank-list-estimated"),
    pytest.param(2027, "match_week_starts", date(2027, 3, 15), id="R-39-2027-match-week-estimated"),
    pytest.param(2027, "match_day", date(2027, 3, 19), id="R-39-2027-match-day-estimated"),
    pytest.param(2028, "match_day", date(2028, 3, 17), id="R-39-2028-match-day-third-friday"),
    pytest.param(2028, "review_opens", date(2027, 9, 22), id="R-39-2028-review-estimated"),
    pytest.param(2026, "rol_deadline", date(2026, 3, 4), id="R-39-2026-rank-list-not-published"),
    pytest.param(2023, "rol_deadline", date(2023, 3, 1), id="R-39-2023-rank-list-matches-nrmp"),
]


@pytest.mark.parametrize(("year", "event", "expected"), ESTIMATED)
def test_unpublished_dates_are_estimated_and_flagged(
    year: int, event: CycleEvent, expected: date
) -> None:
    estimate = cycle_date(year, event)
    assert estimate.date == expected
    assert estimate.estimated is True
    assert estimate.source == "pattern"


def test_match_day_2028_is_the_third_friday_of_march() -> None:
    match_day = cycle_date(2028, "match_day").date
    fridays = [date(2028, 3, d) for d in range(1, 32) if date(2028, 3, d).weekday() == FRIDAY]
    assert match_day == fridays[2]


def test_a_listed_date_whose_source_is_only_inferred_is_flagged_estimated() -> None:
    """cycles.json: dates listed with confidence 'inferred' are shown as estimates."""
    ref = load_reference()
    inferred = Source(title="Inferred from the pattern", url="", year=2026, confidence="inferred")
    with_inference = ref.model_copy(
        update={
            "sources": {**ref.sources, "inferred-2027": inferred},
            "cycles": {
                **ref.cycles,
                2027: {"match_day": PublishedDate(date=date(2027, 3, 19), source="inferred-2027")},
            },
        }
    )
    listed = cycle_date(2027, "match_day", with_inference)
    assert (listed.date, listed.estimated, listed.source) == (
        date(2027, 3, 19),
        True,
        "inferred-2027",
    )


ORDERED: tuple[CycleEvent, ...] = (
    "myeras_opens",
    "submission_opens",
    "review_opens",
    "rol_deadline",
    "match_week_starts",
    "match_day",
)


@settings(max_examples=200, deadline=None)
@given(st.integers(2020, 2040))
def test_r39_events_in_order_and_match_day_is_a_friday(year: int) -> None:
    dates = [cycle_date(year, event).date for event in ORDERED]
    assert dates == sorted(dates)
    assert len(set(dates)) == len(dates)
    match_day = dates[-1]
    assert match_day.weekday() == FRIDAY
    assert (match_day.year, match_day.month) == (year, 3)
    assert 15 <= match_day.day <= 21  # the third Friday
    assert (match_day - cycle_date(year, "match_week_starts").date).days == 4


@pytest.mark.parametrize("event", EVENTS)
def test_every_event_has_a_date_for_every_season(event: CycleEvent) -> None:
    for year in range(2020, 2041):
        assert cycle_date(year, event).date.year in {year - 1, year}
