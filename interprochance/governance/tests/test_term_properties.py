"""Invariants of the term arithmetic, checked with hypothesis (no database)."""

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from interprochance.governance.term import (
    LateNoticeError,
    LatePolicy,
    Notice,
    Period,
    Status,
    TermRule,
    check_no_overlap,
    evaluate,
    event_period_end,
    iter_terms,
    latest_event_day,
    period_end,
    term_on,
)
from interprochance.governance.term.errors import OverlapError

ONE = dt.timedelta(days=1)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2080, 12, 31))


@st.composite
def rules(draw):
    initial = draw(st.integers(1, 60))
    renewal = draw(st.integers(0, 36))
    shortest = min(m for m in (initial, renewal) if m > 0)
    notice = draw(st.integers(0, shortest - 1))
    return TermRule(
        signed=draw(dates), initial_months=initial, renewal_months=renewal, notice_months=notice
    )


@given(dates, st.integers(1, 600))
def test_period_end_is_day_before_anniversary(start, months):
    end = period_end(start, months)
    nxt = end + ONE
    # The next period starts on the same day number, unless that day does not
    # exist in the month (then on the 1st of the month after).
    assert nxt.day == start.day or (nxt.day == 1 and start.day > 28)
    month_diff = (end.year - start.year) * 12 + end.month - start.month
    assert month_diff in (months - 1, months)


@given(dates, st.integers(1, 300), st.integers(1, 300))
def test_period_end_monotone(start, a, b):
    assume(a < b)
    assert period_end(start, a) < period_end(start, b)


@given(dates, st.integers(0, 36))
def test_latest_event_day_is_the_latest(end, months):
    d = latest_event_day(end, months)
    assert event_period_end(d, months) <= end
    assert event_period_end(d + ONE, months) > end


@settings(max_examples=200)
@given(rules(), st.integers(0, 40))
def test_terms_are_contiguous_and_deadline_inside(rule, count):
    previous = None
    for term in iter_terms(rule):
        if previous is None:
            assert term.start == rule.signed
        else:
            assert term.start == previous.end + ONE
        assert term.start <= term.notice_deadline <= term.end
        previous = term
        if term.index >= count:
            break


@settings(max_examples=200)
@given(rules(), st.integers(0, 20000))
def test_term_on_contains_day(rule, offset):
    day = rule.signed + dt.timedelta(days=offset)
    assume(day <= dt.date(2150, 1, 1))
    term = term_on(rule, day)
    if rule.renewal_months == 0:
        assert term.index == 0
    else:
        assert term.contains(day)


@settings(max_examples=200)
@given(rules(), st.integers(0, 4000), st.integers(0, 4000))
def test_status_consistent_with_notice(rule, notice_offset, on_offset):
    assume(rule.renewal_months > 0)
    received = rule.signed + dt.timedelta(days=notice_offset)
    on = rule.signed + dt.timedelta(days=on_offset)
    notice = Notice(received=received)
    term = term_on(rule, received)
    try:
        state = evaluate(rule, on, notice)
    except LateNoticeError:
        assert received > term.notice_deadline
        state = evaluate(rule, on, notice, late_policy=LatePolicy.NEXT_TERM)
        assert state.status is Status.RUNNING or state.ends_on > term.end
        return
    if received > on:
        assert state.status is Status.RUNNING
    else:
        assert state.ends_on == term.end
        assert state.status is (Status.ENDED if on > term.end else Status.NOTICE_GIVEN)


@given(st.lists(st.tuples(dates, st.integers(0, 800) | st.none()), max_size=6))
def test_overlap_check_matches_brute_force(raw):
    periods = [
        Period(str(i), s, None if n is None else s + dt.timedelta(days=n))
        for i, (s, n) in enumerate(raw)
    ]
    far = dt.date(9999, 12, 31)
    overlapping = any(
        a.start <= (b.end or far) and b.start <= (a.end or far)
        for i, a in enumerate(periods)
        for b in periods[i + 1 :]
    )
    try:
        check_no_overlap(periods)
    except OverlapError:
        assert overlapping
    else:
        assert not overlapping
