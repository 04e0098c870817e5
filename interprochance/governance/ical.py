"""iCalendar export of meetings (pure; uses the ``icalendar`` package)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

PRODID = "-//InterProChance//Gremien//DE"


@dataclass(frozen=True)
class MeetingEntry:
    uid: str  # stable, e.g. "meeting-12@<host>"
    title: str
    start: dt.datetime  # timezone-aware
    end: dt.datetime
    location: str = ""
    description: str = ""
    sequence: int = 0  # bump on change so calendars update the event
    cancelled: bool = False


def build_calendar(entries: Iterable[MeetingEntry], *, name: str, stamp: dt.datetime) -> bytes:
    """An RFC 5545 calendar with one VEVENT per meeting.  Raises ValueError
    for naive datetimes or an end before the start."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entry in entries:
        if entry.start.tzinfo is None or entry.end.tzinfo is None:
            raise ValueError(f"meeting {entry.uid}: times must be timezone-aware")
        if entry.end <= entry.start:
            raise ValueError(f"meeting {entry.uid}: end must be after start")
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
        event.add("summary", entry.title)
        event.add("sequence", entry.sequence)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()  # VTIMEZONE blocks, so every client resolves TZID
    return cal.to_ical()
