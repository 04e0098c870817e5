from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.counseling.rules.retention import (
    DEFAULT_POLICY,
    Action,
    Item,
    Period,
    RetentionPolicy,
    RetentionRule,
    add_period,
    due_date,
    plan,
)


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        (date(2024, 1, 31), Period(months=1), date(2024, 2, 29)),
        (date(2023, 1, 31), Period(months=1), date(2023, 2, 28)),
        (date(2024, 2, 29), Period(years=1), date(2025, 2, 28)),
        (date(2024, 12, 31), Period(years=3), date(2027, 12, 31)),
        (date(2024, 11, 15), Period(months=2, days=1), date(2025, 1, 16)),
        (date(2024, 5, 1), Period(days=90), date(2024, 7, 30)),
    ],
)
def test_add_period(start, period, expected):
    assert add_period(start, period) == expected


def test_parse_period():
    assert Period.parse("3y") == Period(years=3)
    assert Period.parse("1y6m10d") == Period(1, 6, 10)
    for bad in ("", "3", "y", "3w", "-1y"):
        with pytest.raises(ValueError):
            Period.parse(bad)
    with pytest.raises(ValueError):
        Period(years=-1)


def test_due_from_year_end():
    rule = RetentionRule("case", Period(years=3), Action.ANONYMISE, from_year_end=True)
    assert due_date(date(2023, 2, 1), rule) == date(2026, 12, 31)
    assert due_date(date(2023, 12, 31), rule) == date(2026, 12, 31)


POLICY = RetentionPolicy.from_mapping(
    {
        "case": {"period": "3y", "action": "anonymise", "from_year_end": True},
        "appointment_request": {"period": "90d", "action": "delete"},
    }
)


def test_default_policy_covers_what_the_job_applies():
    assert DEFAULT_POLICY.rule("household").period == Period(years=3)
    assert DEFAULT_POLICY.rule("appointment_request").period == Period(days=90)


def test_plan_sorts_items():
    items = [
        Item("case", 1, date(2020, 6, 1)),  # due 2023-12-31
        Item("case", 2, date(2024, 6, 1)),  # due 2027-12-31
        Item("case", 3, None),  # still open
        Item("case", 4, date(2019, 1, 1), hold=True),
        Item("appointment_request", 5, date(2026, 1, 1)),  # due 2026-04-01
    ]
    result = plan(items, POLICY, date(2026, 4, 1))
    assert [d.item.key for d in result.due] == [1, 5]
    assert [d.action for d in result.due] == [Action.ANONYMISE, Action.DELETE]
    assert [d.item.key for d in result.pending] == [2]
    assert [i.key for i in result.open] == [3]
    assert [i.key for i in result.held] == [4]
    assert result.counts() == {"due": 2, "pending": 1, "held": 1, "open": 1}


def test_unknown_kind_is_an_error():
    with pytest.raises(KeyError):
        plan([Item("nope", 1, date(2020, 1, 1))], DEFAULT_POLICY, date(2026, 1, 1))


def test_policy_from_settings_mapping():
    policy = RetentionPolicy.from_mapping({"case": {"period": "5y", "action": "delete"}})
    assert policy.rule("case") == RetentionRule("case", Period(years=5), Action.DELETE)
    with pytest.raises(ValueError):
        RetentionPolicy.from_mapping({"case": {"period": "5y", "action": "shred"}})


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(0, 10),
    st.integers(0, 24),
    st.integers(0, 400),
    st.booleans(),
    st.integers(0, 6000),
)
def test_due_exactly_from_due_date_on(closed, years, months, days, year_end, offset):
    rule = RetentionRule("case", Period(years, months, days), Action.DELETE, from_year_end=year_end)
    policy = RetentionPolicy({"case": rule})
    due_on = due_date(closed, rule)
    assert due_on >= closed
    today = closed + timedelta(days=offset)
    result = plan([Item("case", 1, closed)], policy, today)
    assert (len(result.due) == 1) is (today >= due_on)
    # moving time forward never makes a due item pending again
    later = plan([Item("case", 1, closed)], policy, today + timedelta(days=1))
    assert len(later.due) >= len(result.due)
