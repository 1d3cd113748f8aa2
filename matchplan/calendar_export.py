"""The timeline's milestones as an iCalendar (.ics) file, built with icalendar.

icalendar writes what RFC 5545 asks of the text: CRLF line ends, lines folded at
75 octets, and commas, semicolons, backslashes and newlines escaped in SUMMARY and
DESCRIPTION (``tests/test_calendar_export.py`` reads the raw bytes to check).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from matchplan.reference import Reference, load_reference
from matchplan.timeline import Milestone, Timeline

PRODUCT_ID = "-//MatchPlan//Re-application timeline//EN"
REGISTER = "Register for the Match (NRMP)"
"""The calendar's one event beyond the Gantt's milestones (issue 24): the day NRMP
registration opens, from the plan's own cycle dates (``Timeline.calendar``, the date the
Timeline page lists). Registering is something the applicant must do; the Gantt leaves
it out to keep the one-page handout's chart short."""
PATTERN_NOTE = (
    "derived from the pattern of earlier ERAS and NRMP cycles (third Friday of March for "
    "Match Day, first Wednesday of September for submission)"
)
CHECK_NOTE = "Check the official calendar."

WEEK_BEFORE = -timedelta(days=7) + timedelta(hours=9)
"""09:00 seven days before an all-day event (its start is midnight): ``-P6DT15H``."""
DAY_BEFORE = -timedelta(days=1) + timedelta(hours=9)
"""09:00 the day before an all-day event: ``-PT15H``."""


def reminder_before(milestone: Milestone) -> timedelta:
    """When a milestone's reminder goes off, relative to its (all-day) start.

    Something the applicant does (``task``: an exam, submitting ERAS, registering
    for the Match, the rank list deadline, a study block or letter requests to start)
    gets a week's notice: the work it needs (a last revision week, a signal list, a
    rank list, asking a writer) does not fit in a day. Something that happens to the
    applicant (MyERAS opening, programs' first review, a score report, Match Day)
    needs no preparation: a reminder the day before is enough, and a week's would
    only add noise. Both at 09:00, not at midnight.
    """
    return WEEK_BEFORE if milestone.task else DAY_BEFORE


def estimate_note(milestone: Milestone, ref: Reference) -> str:
    """R-41: what an estimated date rests on, with its source."""
    basis = []
    for source_id in milestone.sources:
        if source_id == "pattern":
            basis.append(PATTERN_NOTE)
        elif source_id in ref.sources and ref.source(source_id).confidence != "official":
            basis.append(f"read in {ref.source(source_id).label()}")  # an inference
    rests_on = "; ".join(basis) or "derived from the pattern of earlier cycles"
    return f"Estimated date: not yet published; {rests_on}. {CHECK_NOTE}"


def registration(timeline: Timeline) -> Milestone:
    """NRMP registration as a dated task, estimated and sourced like any cycle date (R-41)."""
    opens = timeline.calendar.dates["nrmp_registration_opens"]
    return Milestone(
        name=REGISTER,
        start=opens.date,
        end=opens.date,
        kind="application",
        estimated=opens.estimated,
        sources=(opens.source,),
    )


def registration_note(timeline: Timeline) -> str:
    """Why it matters and by when, from the plan's rank list deadline (R-86)."""
    return (
        f"NRMP registration opens. Register by the rank order list deadline "
        f"({timeline.calendar['rol_deadline']:%d %b %Y}): only a registered applicant is "
        "matched or can take part in SOAP."
    )


def _alarm(summary: str, milestone: Milestone) -> Alarm:
    before = reminder_before(milestone)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", before)
    when = "in a week" if before == WEEK_BEFORE else "tomorrow"
    alarm.add("description", f"{summary}: {when}")
    return alarm


def milestones_to_ics(timeline: Timeline, today: date) -> bytes:
    """One all-day event per milestone and one for NRMP registration, each with a
    reminder; stable UIDs so a re-import updates the events instead of duplicating them."""
    ref = load_reference()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"MatchPlan: {timeline.match_year} Match")
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    milestones = sorted(
        (*timeline.milestones, registration(timeline)), key=lambda m: (m.start, m.end, m.name)
    )
    for milestone in milestones:
        event = Event()
        key = f"{milestone.name}|{milestone.kind}|{timeline.match_year}"
        event.add("uid", hashlib.sha256(key.encode()).hexdigest()[:24] + "@matchplan")
        # an estimated date says so in the event text, with what it rests on.
        summary = f"{milestone.name} (estimated)" if milestone.estimated else milestone.name
        event.add("summary", summary)
        event.add("dtstart", milestone.start)
        event.add("dtend", milestone.end + timedelta(days=1))  # all-day: exclusive end
        event.add("dtstamp", stamp)
        event.add("categories", [milestone.kind])
        notes = [registration_note(timeline)] if milestone.name == REGISTER else []
        if milestone.missed:
            notes.append(f"Misses its deadline: {milestone.reason}")
        if milestone.estimated:
            notes.append(estimate_note(milestone, ref))
        if notes:
            event.add("description", " ".join(notes))
        event.add_component(_alarm(summary, milestone))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
