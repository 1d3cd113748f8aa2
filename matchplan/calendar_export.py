"""The timeline's milestones as an iCalendar (.ics) file, built with icalendar."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from matchplan.timeline import Timeline

PRODUCT_ID = "-//MatchPlan//Re-application timeline//EN"


def milestones_to_ics(timeline: Timeline, today: date) -> bytes:
    """One all-day event per milestone; stable UIDs so re-imports update, not duplicate."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"MatchPlan: {timeline.match_year} Match")
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for milestone in timeline.milestones:
        event = Event()
        key = f"{milestone.name}|{milestone.kind}|{timeline.match_year}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:24] + "@matchplan")
        event.add("summary", milestone.name)
        event.add("dtstart", milestone.start)
        event.add("dtend", milestone.end + timedelta(days=1))  # all-day: exclusive end
        event.add("dtstamp", stamp)
        event.add("categories", [milestone.kind])
        if milestone.missed:
            event.add("description", f"Misses its deadline: {milestone.reason}")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
