"""The timeline's .ics export parses back with icalendar into the same events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from matchplan.calendar_export import milestones_to_ics
from matchplan.examples import example_profile
from matchplan.timeline import Timeline, TimelinePlan, build_timeline, default_plan
from tests.strategies import TODAY

EXAMPLE = example_profile(TODAY)


def timeline_with(**changes: Any) -> Timeline:
    plan = default_plan(EXAMPLE, TODAY).model_dump()
    return build_timeline(EXAMPLE, TimelinePlan.model_validate({**plan, **changes}), TODAY)


ON_TIME = timeline_with()
LATE = timeline_with(exam_date=date(2027, 9, 10), letter_request_date=date(2027, 9, 10))


def events(ics: bytes) -> list[Any]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def by_summary(ics: bytes) -> dict[str, Any]:
    """Events by milestone name (R-41's "(estimated)" mark taken off the summary)."""
    return {str(event["SUMMARY"]).removesuffix(" (estimated)"): event for event in events(ics)}


@pytest.mark.parametrize("timeline", [ON_TIME, LATE], ids=["on-time", "late"])
def test_ics_has_one_event_per_milestone_with_its_dates(timeline: Timeline) -> None:
    parsed = events(milestones_to_ics(timeline, TODAY))
    assert len(parsed) == len(timeline.milestones)
    for event, milestone in zip(parsed, timeline.milestones, strict=True):
        mark = " (estimated)" if milestone.estimated else ""
        assert str(event["SUMMARY"]) == milestone.name + mark
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date  # all-day events, not midnight datetimes
        assert start == milestone.start
        assert end == milestone.end + timedelta(days=1)  # iCalendar's exclusive end


def test_ics_calendar_is_named_for_the_match() -> None:
    calendar = Calendar.from_ical(milestones_to_ics(ON_TIME, TODAY))
    assert str(calendar["X-WR-CALNAME"]) == "MatchPlan: 2028 Match"
    assert str(calendar["VERSION"]) == "2.0"


def test_ics_match_day_reads_as_a_single_day() -> None:
    match_day = by_summary(milestones_to_ics(ON_TIME, TODAY))["Match Day"]
    assert match_day.decoded("DTSTART") == date(2028, 3, 17)
    assert match_day.decoded("DTEND") == date(2028, 3, 18)


def test_ics_uids_are_unique_and_stable_across_exports() -> None:
    first = [str(e["UID"]) for e in events(milestones_to_ics(ON_TIME, TODAY))]
    again = [str(e["UID"]) for e in events(milestones_to_ics(ON_TIME, TODAY + timedelta(days=7)))]
    assert len(set(first)) == len(first)
    assert first == again


def test_ics_uids_survive_moving_the_exam_so_a_reimport_updates() -> None:
    on_time = {str(e["SUMMARY"]): str(e["UID"]) for e in events(milestones_to_ics(ON_TIME, TODAY))}
    late = {str(e["SUMMARY"]): str(e["UID"]) for e in events(milestones_to_ics(LATE, TODAY))}
    assert on_time == late
    moved = by_summary(milestones_to_ics(LATE, TODAY))["Step 3 exam"]
    assert moved.decoded("DTSTART") == date(2027, 9, 10)


def test_ics_missed_milestones_describe_the_reason() -> None:
    parsed = by_summary(milestones_to_ics(LATE, TODAY))
    missed = [m for m in LATE.milestones if m.missed]
    assert {m.name for m in missed} == {
        "Letter requests to uploaded letters",
        "Step 3 score reported (typical to safe)",
    }
    for milestone in missed:
        description = str(parsed[milestone.name]["DESCRIPTION"])
        assert description.startswith("Misses its deadline")
        assert milestone.reason in description
    letters = str(parsed["Letter requests to uploaded letters"]["DESCRIPTION"])
    assert "Letters requested after submission opens." in letters
    on_time = [m.name for m in LATE.milestones if not m.missed and not m.estimated]
    assert all("DESCRIPTION" not in parsed[name] for name in on_time)


def test_R41_estimated_2028_dates_say_so_in_the_ics() -> None:
    # Revised R-41: the 2028 cycle is estimated from the pattern; the .ics must say so.
    parsed = events(milestones_to_ics(ON_TIME, TODAY))
    summaries = {str(e["SUMMARY"]): e for e in parsed}
    match_day = summaries["Match Day (estimated)"]
    assert "Estimated date (R-41)" in str(match_day["DESCRIPTION"])
    assert "pattern of earlier ERAS and NRMP cycles" in str(match_day["DESCRIPTION"])
    assert all(m.estimated for m in ON_TIME.milestones if m.kind in ("application", "match"))
    assert not any(m.estimated for m in ON_TIME.milestones if m.kind in ("exam", "study"))
