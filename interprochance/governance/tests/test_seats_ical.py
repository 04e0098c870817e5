import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from interprochance.governance.ical import MeetingEntry, build_calendar
from interprochance.governance.seats import PROJEKTBEIRAT_SEATS, check_seats, seat_label

BERLIN = ZoneInfo("Europe/Berlin")


def test_projektbeirat_missing_seats():
    check = check_seats(
        "projektbeirat",
        ["buergermeister_stadt", "wohlfahrtsverbaende", "weitere", "buergermeister_stadt"],
    )
    assert len(check.required) == len(PROJEKTBEIRAT_SEATS) == 7
    assert "sozialdezernat_landkreis" in check.missing
    assert "buergermeister_stadt" not in check.missing
    assert len(check.missing) == 5 and not check.complete
    full = check_seats("projektbeirat", [c for c, _ in PROJEKTBEIRAT_SEATS])
    assert full.complete
    assert check_seats("arbeitskreis", []).complete  # no fixed seats
    assert seat_label("hochschulen_wissenschaft") == "Hochschulen/Wissenschaft"


def test_calendar_round_trip():
    start = dt.datetime(2026, 12, 3, 16, 0, tzinfo=BERLIN)
    data = build_calendar(
        [
            MeetingEntry(
                uid="meeting-1@interprochance",
                title="Projektbeirat",
                start=start,
                end=start + dt.timedelta(hours=2),
                location="Rathaus Weiterstadt",
                description="TOP 1: Bericht",
            )
        ],
        name="Gremien",
        stamp=dt.datetime(2026, 11, 25, tzinfo=dt.UTC),
    )
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Projektbeirat"
    assert events[0]["dtstart"].dt == start
    assert b"BEGIN:VCALENDAR" in data and b"TZID=Europe/Berlin" in data
    assert b"BEGIN:VTIMEZONE" in data


def test_calendar_rejects_bad_times():
    start = dt.datetime(2026, 12, 3, 16, 0)
    with pytest.raises(ValueError):
        build_calendar(
            [MeetingEntry("u", "x", start, start + dt.timedelta(hours=1))],
            name="x",
            stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
    aware = start.replace(tzinfo=BERLIN)
    with pytest.raises(ValueError):
        build_calendar(
            [MeetingEntry("u", "x", aware, aware)],
            name="x",
            stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
