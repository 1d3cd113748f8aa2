"""ERAS / NRMP cycle calendars: published dates, or estimates from their pattern.

R-39: dates not yet published are derived from the pattern of earlier cycles
(facts §1.2, §1.4) and flagged as estimates so the UI can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Literal

from matchplan.frozen import Frozen
from matchplan.reference import CycleEvent, Reference, load_reference

WEDNESDAY, FRIDAY = 2, 4
DateStatus = Literal["published", "secondary", "estimated", "advisor"]


class CycleDate(Frozen):
    """One calendar date with where it came from."""

    event: CycleEvent
    date: date
    estimated: bool
    source: str  # a source id; "pattern" for an estimate; "advisor" for an override
    status: DateStatus = "published"
    """published (official source), secondary (read in a secondary or weak source only),
    estimated (inferred or from the pattern), advisor (an override). Never call a
    secondary date 'published' (R-41)."""


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _pattern(match_year: int, event: CycleEvent) -> date:
    """The date an event falls on by the pattern of the published cycles.

    MyERAS opens on the first Wednesday of June and submission on the first
    Wednesday of September of the year before the Match; programs review three
    weeks later; NRMP registration opens Sept 15; interviews run October to
    January; ranking opens Feb 1 (the Monday after, on a weekend); Match Day is
    the third Friday of March; Match Week starts that Monday; the rank list
    closes 16 days before Match Day (a Wednesday), as in 2024, 2025 and 2026.
    """
    season_year = match_year - 1
    match_day = _nth_weekday(match_year, 3, FRIDAY, 3)
    submission = _nth_weekday(season_year, 9, WEDNESDAY, 1)
    feb_first = date(match_year, 2, 1)
    ranking = feb_first + timedelta(
        days=(7 - feb_first.weekday()) % 7 if feb_first.weekday() >= 5 else 0
    )
    return {
        "myeras_opens": _nth_weekday(season_year, 6, WEDNESDAY, 1),
        "submission_opens": submission,
        "review_opens": submission + timedelta(weeks=3),
        "nrmp_registration_opens": date(season_year, 9, 15),
        "interview_season_starts": date(season_year, 10, 1),
        "interview_season_ends": date(match_year, 1, 31),
        "ranking_opens": ranking,
        "rol_deadline": match_day - timedelta(days=16),
        "match_week_starts": match_day - timedelta(days=4),
        "match_day": match_day,
    }[event]


def cycle_date(match_year: int, event: CycleEvent, ref: Reference | None = None) -> CycleDate:
    """A cycle date: the published one when the data has it, else the estimate."""
    ref = ref or load_reference()
    published = ref.cycles.get(match_year, {}).get(event)
    if published is not None:
        # cycles.json: a listed date whose source is only an inference is shown as an estimate.
        confidence = ref.source(published.source).confidence
        inferred = confidence == "inferred"
        status: DateStatus = (
            "estimated" if inferred else "published" if confidence == "official" else "secondary"
        )
        return CycleDate(
            event=event,
            date=published.date,
            estimated=inferred,
            source=published.source,
            status=status,
        )
    return CycleDate(
        event=event,
        date=_pattern(match_year, event),
        estimated=True,
        source="pattern",
        status="estimated",
    )


CYCLE_EVENTS: tuple[CycleEvent, ...] = (
    "myeras_opens",
    "submission_opens",
    "nrmp_registration_opens",
    "review_opens",
    "interview_season_starts",
    "interview_season_ends",
    "ranking_opens",
    "rol_deadline",
    "match_week_starts",
    "match_day",
)
EVENT_LABELS: dict[CycleEvent, str] = {
    "myeras_opens": "MyERAS opens",
    "submission_opens": "Applications can be submitted",
    "nrmp_registration_opens": "NRMP registration opens",
    "review_opens": "Programs first review applications",
    "interview_season_starts": "Interview season starts",
    "interview_season_ends": "Interview season ends",
    "ranking_opens": "Ranking opens",
    "rol_deadline": "Rank order list deadline",
    "match_week_starts": "Match Week and SOAP begin",
    "match_day": "Match Day",
}


class CycleCalendar(Frozen):
    """Every date of one Match cycle, each published, estimated or overridden (R-39)."""

    match_year: int
    dates: dict[CycleEvent, CycleDate]

    @property
    def overridden(self) -> frozenset[CycleEvent]:
        """The events an advisor replaced for this session."""
        return frozenset(e for e, d in self.dates.items() if d.source == "advisor")

    def __getitem__(self, event: CycleEvent) -> date:
        return self.dates[event].date


def cycle_calendar(
    match_year: int,
    overrides: Mapping[CycleEvent, date] | None = None,
    ref: Reference | None = None,
) -> CycleCalendar:
    """The whole calendar for a Match year; an advisor's overrides replace single dates."""
    ref = ref or load_reference()
    overrides = overrides or {}
    dates = {event: cycle_date(match_year, event, ref) for event in CYCLE_EVENTS}
    for event, when in overrides.items():
        dates[event] = CycleDate(
            event=event, date=when, estimated=False, source="advisor", status="advisor"
        )
    return CycleCalendar(match_year=match_year, dates=dates)
