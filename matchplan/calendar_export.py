"""The timeline's milestones as an iCalendar (.ics) file, built with icalendar."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from matchplan.timeline import Timeline

PRODUCT_ID = "-//MatchPlan//Re-application timeline//EN"
ESTIMATE_NOTE = (
    "Estimated date (R-41): not yet published; derived from the pattern of earlier ERAS and "
    "NRMP cycles (third Friday of March for Match Day, first Wednesday of September for "
    "submission) or read only in a secondary source. Check the official calendar."
)


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
        # an estimated date says so in the event text, with the pattern's basis.
        summary = f"{milestone.name} (estimated)" if milestone.estimated else milestone.name
        event.add("summary", summary)
        event.add("dtstart", milestone.start)
        event.add("dtend", milestone.end + timedelta(days=1))  # all-day: exclusive end
        event.add("dtstamp", stamp)
        event.add("categories", [milestone.kind])
        notes = []
        if milestone.missed:
            notes.append(f"Misses its deadline: {milestone.reason}")
        if milestone.estimated:
            notes.append(ESTIMATE_NOTE)
        if notes:
            event.add("description", " ".join(notes))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
