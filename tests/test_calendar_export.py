"""The timeline's .ics export parses back with icalendar into the same events; the raw
bytes follow RFC 5545 (issue 24, item 8: reminders, NRMP registration, estimates)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from matchplan.calendar_export import (
    DAY_BEFORE,
    REGISTER,
    WEEK_BEFORE,
    milestones_to_ics,
    registration,
)
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


def milestone_events(ics: bytes) -> list[Any]:
    """The events of the Gantt's milestones: all but NRMP registration."""
    return [e for e in events(ics) if not str(e["SUMMARY"]).startswith(REGISTER)]


def by_summary(ics: bytes) -> dict[str, Any]:
    """Events by milestone name (R-41's "(estimated)" mark taken off the summary)."""
    return {str(event["SUMMARY"]).removesuffix(" (estimated)"): event for event in events(ics)}


@pytest.mark.parametrize("timeline", [ON_TIME, LATE], ids=["on-time", "late"])
def test_ics_has_one_event_per_milestone_with_its_dates(timeline: Timeline) -> None:
    parsed = milestone_events(milestones_to_ics(timeline, TODAY))
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
    assert "Estimated date: not yet published" in str(match_day["DESCRIPTION"])
    assert "pattern of earlier ERAS and NRMP cycles" in str(match_day["DESCRIPTION"])
    assert all(m.estimated for m in ON_TIME.milestones if m.kind in ("application", "match"))
    assert not any(m.estimated for m in ON_TIME.milestones if m.kind in ("exam", "study"))


# --- issue 24, item 8 ---------------------------------------------------------------------


def content_lines(ics: bytes) -> list[str]:
    """RFC 5545 §3.1: the raw lines unfolded (a CRLF then one space or tab continues)."""
    text = ics.decode("utf-8")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescaped(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT read back: \\n, \\, \\; and \\\\ as the characters they stand for."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_every_event_has_one_display_reminder_a_week_before_a_task_a_day_before_an_event() -> None:
    parsed = events(milestones_to_ics(ON_TIME, TODAY))
    expected = sorted(
        (*ON_TIME.milestones, registration(ON_TIME)), key=lambda m: (m.start, m.end, m.name)
    )
    assert len(parsed) == len(ON_TIME.milestones) + 1
    for event, milestone in zip(parsed, expected, strict=True):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1, milestone.name
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]).startswith(str(event["SUMMARY"]))
        before = alarm.decoded("TRIGGER")
        assert before == (WEEK_BEFORE if milestone.task else DAY_BEFORE), milestone.name
    raw = milestones_to_ics(ON_TIME, TODAY).decode()
    assert raw.count("BEGIN:VALARM") == raw.count("BEGIN:VEVENT") == len(expected)
    # 09:00 a week before an exam or a deadline; 09:00 the day before a date that just happens
    exam = by_summary(milestones_to_ics(ON_TIME, TODAY))["Step 3 exam"]
    assert exam.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(days=6, hours=15)
    match_day = by_summary(milestones_to_ics(ON_TIME, TODAY))["Match Day"]
    assert match_day.walk("VALARM")[0].decoded("TRIGGER") == -timedelta(hours=15)
    assert "TRIGGER:-P6DT15H" in raw
    assert "TRIGGER:-PT15H" in raw


def test_nrmp_registration_is_in_the_calendar_on_its_cycle_date_as_a_task() -> None:
    event = by_summary(milestones_to_ics(ON_TIME, TODAY))[REGISTER]
    # 2028 Match: not published yet, so from the pattern (15 September of the year before)
    assert ON_TIME.calendar["nrmp_registration_opens"] == date(2027, 9, 15)
    assert event.decoded("DTSTART") == date(2027, 9, 15)
    assert event.decoded("DTEND") == date(2027, 9, 16)
    assert str(event["SUMMARY"]) == f"{REGISTER} (estimated)"
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "NRMP registration opens. Register by the rank order list deadline (01 Mar 2028): "
        "only a registered applicant is matched or can take part in SOAP."
    )
    assert "Estimated date: not yet published" in description
    assert event.walk("VALARM")[0].decoded("TRIGGER") == WEEK_BEFORE


def test_a_published_registration_date_is_not_marked_as_an_estimate() -> None:
    published = ON_TIME.calendar.dates["nrmp_registration_opens"].model_copy(
        update={"estimated": False, "source": "nrmp-registration-2026", "status": "published"}
    )
    dates = {**ON_TIME.calendar.dates, "nrmp_registration_opens": published}
    timeline = ON_TIME.model_copy(
        update={"calendar": ON_TIME.calendar.model_copy(update={"dates": dates})}
    )
    event = by_summary(milestones_to_ics(timeline, TODAY))[REGISTER]
    assert str(event["SUMMARY"]) == REGISTER
    assert "stimated" not in str(event["DESCRIPTION"])


def test_estimates_say_so_with_what_they_rest_on_and_published_dates_do_not() -> None:
    parsed = milestone_events(milestones_to_ics(ON_TIME, TODAY))
    for event, milestone in zip(parsed, ON_TIME.milestones, strict=True):
        summary, description = str(event["SUMMARY"]), str(event.get("DESCRIPTION", ""))
        if milestone.estimated:
            assert summary.endswith(" (estimated)")
            assert description.startswith("Estimated date: not yet published; derived from")
            assert "pattern of earlier ERAS and NRMP cycles" in description
        else:
            assert "estimated" not in summary.lower()
            assert "Estimated" not in description
    assert not re.search(rb"R-\d\d", milestones_to_ics(ON_TIME, TODAY))  # no rule ids


def test_an_inferred_date_names_its_source() -> None:
    match_day = next(m for m in ON_TIME.milestones if m.name == "Match Day")
    inferred = match_day.model_copy(
        update={"name": "Interview season", "sources": ("interview-season-days-inferred",)}
    )
    timeline = ON_TIME.model_copy(update={"milestones": (inferred,)})
    description = str(milestone_events(milestones_to_ics(timeline, TODAY))[0]["DESCRIPTION"])
    assert "read in " in description
    assert "inferred)" in description


HOSTILE = "Call Dr. O'Neil, then Dr. Ng; path C:\\plans\\2028\nsecond line, " + "é" * 60


def test_ics_lines_end_in_crlf_fold_at_75_octets_and_text_is_escaped() -> None:
    exam = next(m for m in ON_TIME.milestones if m.kind == "exam")
    odd = exam.model_copy(update={"name": HOSTILE, "missed": True, "reason": HOSTILE})
    timeline = ON_TIME.model_copy(update={"milestones": (odd,)})
    ics = milestones_to_ics(timeline, TODAY)
    assert ics.endswith(b"\r\n")
    assert b"\n" not in ics.replace(b"\r\n", b"")  # every line ends CRLF, none a bare LF
    physical = ics.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75  # octets, not characters
    for line in physical:
        line.decode("utf-8")  # a fold never splits a multi-octet character
    assert any(line.startswith(b" ") for line in physical)  # the long text was folded
    lines = content_lines(ics)
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    raw = summary.removeprefix("SUMMARY:")
    for escaped in ("\\,", "\\;", "\\\\", "\\n"):
        assert escaped in raw
    assert not re.search(r"(?<!\\)[,;]", raw.replace("\\\\", ""))  # none left bare
    assert unescaped(raw) == HOSTILE
    description = next(line for line in lines if line.startswith("DESCRIPTION:Misses"))
    assert unescaped(description.removeprefix("DESCRIPTION:")) == f"Misses its deadline: {HOSTILE}"
    parsed = milestone_events(ics)[0]
    assert str(parsed["SUMMARY"]) == HOSTILE  # and a calendar program reads it back as typed


def test_every_event_has_a_dtstamp_and_a_uid() -> None:
    lines = content_lines(milestones_to_ics(ON_TIME, TODAY))
    count = len(ON_TIME.milestones) + 1  # and NRMP registration
    assert lines.count("BEGIN:VEVENT") == count
    stamp = f"DTSTAMP:{TODAY:%Y%m%d}T000000Z"  # the day of the export, in UTC
    assert sum(line == stamp for line in lines) == count
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == count
