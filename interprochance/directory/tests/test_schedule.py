"""Opening hours: RRULE occurrences, overlap and end-before-start checks, weekly hours."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.directory.validation.schedule import (
    WEEKDAYS,
    OpeningSlot,
    check_slot,
    find_overlaps,
    occurrences,
    parse_byday,
    parse_hhmm,
    validate_schedule,
    weekly_hours,
)

REF = date(2026, 1, 5)  # a Monday


def slot(days, start, end, **kw):
    return OpeningSlot(weekdays=tuple(days), opens_at=time(*start), closes_at=time(*end), **kw)


def test_end_before_start_is_rejected_in_german():
    problems = validate_schedule([slot(["MO"], (16, 0), (14, 0))], reference=REF)
    assert len(problems) == 1
    assert "Ende (14:00) liegt nicht nach dem Beginn (16:00)" in problems[0].message


def test_validity_period_reversed():
    s = slot(["MO"], (9, 0), (10, 0), valid_from=date(2026, 5, 1), valid_to=date(2026, 4, 1))
    (p,) = validate_schedule([s], reference=REF)
    assert "gültig bis 01.04.2026 liegt vor gültig ab 01.05.2026" in p.message


def test_overlap_same_weekday_is_reported_with_date():
    problems = validate_schedule(
        [slot(["MO", "WE"], (14, 0), (16, 0)), slot(["WE"], (15, 30), (17, 0))], reference=REF
    )
    assert len(problems) == 1
    msg = problems[0].message
    assert "Öffnungszeiten 1 und 2 überschneiden sich" in msg
    assert "07.01.2026" in msg  # first Wednesday


def test_touching_slots_do_not_overlap():
    assert (
        validate_schedule(
            [slot(["MO"], (9, 0), (12, 0)), slot(["MO"], (12, 0), (14, 0))], reference=REF
        )
        == []
    )


def test_alternating_weeks_do_not_overlap():
    a = slot(["FR"], (9, 0), (12, 0), interval=2, dtstart=date(2026, 1, 9))
    b = slot(["FR"], (9, 0), (12, 0), interval=2, dtstart=date(2026, 1, 16))
    assert validate_schedule([a, b], reference=REF) == []
    c = slot(["FR"], (11, 0), (13, 0), interval=2, dtstart=date(2026, 1, 23))  # same weeks as a
    assert len(validate_schedule([a, c], reference=REF)) == 1


def test_different_locations_may_overlap():
    a = slot(["TU"], (9, 0), (12, 0), location_key="A")
    b = slot(["TU"], (9, 0), (12, 0), location_key="B")
    assert validate_schedule([a, b], reference=REF) == []


def test_non_overlapping_validity_periods():
    a = slot(["MO"], (9, 0), (12, 0), valid_to=date(2026, 3, 31))
    b = slot(["MO"], (9, 0), (12, 0), valid_from=date(2026, 4, 1))
    assert validate_schedule([a, b], reference=REF) == []


def test_monthly_first_tuesday():
    s = slot(["TU"], (18, 0), (20, 0), freq="MONTHLY", setpos=1)
    assert check_slot(s) == []
    days = occurrences(s, date(2026, 1, 1), date(2026, 3, 31))
    assert days == [date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3)]
    assert s.byday() == "1TU"
    assert s.label() == "jeden 1. Di im Monat 18:00–20:00"
    last = slot(["FR"], (9, 0), (10, 0), freq="MONTHLY", setpos=-1)
    assert occurrences(last, date(2026, 1, 1), date(2026, 2, 28)) == [
        date(2026, 1, 30),
        date(2026, 2, 27),
    ]


def test_monthly_without_position_and_bad_weekday():
    msgs = [p.message for p in check_slot(slot(["XX"], (9, 0), (10, 0), freq="MONTHLY"))]
    assert any("unbekannter Wochentag XX" in m for m in msgs)
    assert any("der wievielte Wochentag" in m for m in msgs)
    assert any(
        "mindestens einen Wochentag" in p.message for p in check_slot(slot([], (9, 0), (10, 0)))
    )


def test_rrule_string():
    s = slot(["MO", "WE"], (14, 0), (16, 0), interval=2, valid_to=date(2026, 7, 31))
    assert s.rrule_string() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO;UNTIL=20260731T235959"


def test_weekly_hours():
    slots = [
        slot(["MO", "WE"], (14, 0), (16, 0)),
        slot(["FR"], (9, 0), (12, 0), interval=2, dtstart=REF),
    ]
    assert weekly_hours(slots, start=REF, weeks=52) == pytest.approx(4 + 1.5)


def test_parse_helpers():
    assert parse_byday("1MO,1WE", "MONTHLY") == (("MO", "WE"), 1)
    assert parse_byday("th, fr", "WEEKLY") == (("TH", "FR"), None)
    assert parse_hhmm("10:00:00") == time(10)
    assert parse_hhmm("10:30Z") == time(10, 30)
    assert parse_hhmm("10:30+01:00") == time(10, 30)
    with pytest.raises(ValueError):
        parse_hhmm("zehn Uhr")


# ---------------------------------------------------------------- property: overlap vs. brute force

days_st = st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True)
minute_st = st.integers(6 * 60, 20 * 60)


@st.composite
def weekly_slots(draw):
    days = draw(days_st)
    start = draw(minute_st)
    length = draw(st.integers(15, 240))
    interval = draw(st.sampled_from([1, 1, 2, 3]))
    anchor = REF + timedelta(days=draw(st.integers(0, 20)))
    return OpeningSlot(
        weekdays=tuple(days),
        opens_at=time(start // 60, start % 60),
        closes_at=time(
            min(23, (start + length) // 60),
            (start + length) % 60 if (start + length) < 24 * 60 else 59,
        ),
        interval=interval,
        dtstart=anchor,
    )


def _brute_dates(s: OpeningSlot, start: date, end: date) -> set[date]:
    anchor = s.dtstart or start
    anchor_monday = anchor - timedelta(days=anchor.weekday())
    out = set()
    d = start
    while d <= end:
        week = (d - timedelta(days=d.weekday()) - anchor_monday).days // 7
        if d >= anchor and WEEKDAYS[d.weekday()] in s.weekdays and week % s.interval == 0:
            out.add(d)
        d += timedelta(days=1)
    return out


@given(st.lists(weekly_slots(), min_size=2, max_size=4))
@settings(max_examples=60, deadline=None)
def test_overlaps_match_brute_force(slots):
    start, end = REF, REF + timedelta(days=200)
    expected = set()
    for i in range(len(slots)):
        for j in range(i + 1, len(slots)):
            a, b = slots[i], slots[j]
            if not (a.opens_at < b.closes_at and b.opens_at < a.closes_at):
                continue
            if _brute_dates(a, start, end) & _brute_dates(b, start, end):
                expected.add((i, j))
    for s in slots:
        assert set(occurrences(s, start, end)) == _brute_dates(s, start, end)
    found = {(i, j) for i, j, _ in find_overlaps(slots, reference=REF)}
    # find_overlaps looks two years ahead; all patterns here repeat within 21 weeks
    assert found == expected


@given(st.lists(weekly_slots(), min_size=1, max_size=4))
@settings(max_examples=40, deadline=None)
def test_weekly_hours_equal_total_duration(slots):
    start = REF
    total = sum(
        len(_brute_dates(s, start, start + timedelta(days=7 * 52 - 1))) * s.duration_hours()
        for s in slots
    )
    assert weekly_hours(slots, start=start) == pytest.approx(total / 52, abs=0.01)
