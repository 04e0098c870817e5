"""Hand-computed cases for the BGB month arithmetic (no database)."""

import datetime as dt

import pytest

from interprochance.governance.term.dates import (
    add_months_clipped,
    event_period_end,
    latest_event_day,
    period_end,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2014, 9, 16), 24, D(2016, 9, 15)),  # the agreement's initial term
        (D(2014, 9, 16), 36, D(2017, 9, 15)),  # ... and its first renewal
        (D(2023, 1, 31), 1, D(2023, 2, 28)),  # 31 Jan + 1 month, § 188 Abs. 3
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # same in a leap year
        (D(2023, 1, 30), 1, D(2023, 2, 28)),  # "29 Feb" missing in 2023
        (D(2024, 1, 30), 1, D(2024, 2, 29)),  # ... exists in 2024
        (D(2024, 1, 29), 1, D(2024, 2, 28)),
        (D(2023, 3, 31), 1, D(2023, 4, 30)),
        (D(2024, 3, 1), 1, D(2024, 3, 31)),  # starts on the 1st: whole month
        (D(2024, 2, 1), 1, D(2024, 2, 29)),
        (D(2023, 2, 1), 1, D(2023, 2, 28)),
        (D(2024, 1, 1), 12, D(2024, 12, 31)),
        (D(2024, 12, 1), 1, D(2024, 12, 31)),
        (D(2024, 12, 15), 1, D(2025, 1, 14)),  # across the year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # signed on a leap day
        (D(2024, 2, 29), 48, D(2028, 2, 28)),  # 4 years later: day before 29 Feb
        (D(2024, 2, 28), 12, D(2025, 2, 27)),
    ],
)
def test_period_end(start, months, expected):
    assert period_end(start, months) == expected


def test_period_end_rejects_zero_months():
    with pytest.raises(ValueError):
        period_end(D(2024, 1, 1), 0)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), -12, D(2023, 2, 28)),
        (D(2025, 5, 31), -3, D(2025, 2, 28)),
        (D(2024, 5, 31), -3, D(2024, 2, 29)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
    ],
)
def test_add_months_clipped(day, months, expected):
    assert add_months_clipped(day, months) == expected


def test_event_period_end():
    assert event_period_end(D(2016, 6, 15), 3) == D(2016, 9, 15)
    assert event_period_end(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert event_period_end(D(2025, 3, 5), 0) == D(2025, 3, 5)


@pytest.mark.parametrize(
    ("end", "months", "expected"),
    [
        (D(2016, 9, 15), 3, D(2016, 6, 15)),  # the agreement's first deadline
        (D(2025, 6, 30), 3, D(2025, 3, 31)),  # quarter end: 31 Mar, not 30 Mar
        (D(2025, 12, 31), 3, D(2025, 9, 30)),
        (D(2025, 11, 30), 3, D(2025, 8, 31)),
        (D(2027, 2, 28), 3, D(2026, 11, 30)),  # term ends end of February
        (D(2025, 5, 31), 3, D(2025, 2, 28)),
        (D(2024, 5, 31), 3, D(2024, 2, 29)),  # leap year
        (D(2024, 5, 30), 3, D(2024, 2, 29)),
        (D(2025, 5, 30), 3, D(2025, 2, 28)),
        (D(2025, 5, 28), 3, D(2025, 2, 28)),
        (D(2025, 5, 27), 3, D(2025, 2, 27)),
        (D(2025, 3, 31), 1, D(2025, 2, 28)),
        (D(2025, 3, 31), 0, D(2025, 3, 31)),
    ],
)
def test_latest_event_day(end, months, expected):
    assert latest_event_day(end, months) == expected
