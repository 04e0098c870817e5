"""Report periods (pure)."""

from __future__ import annotations

import datetime as dt


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first_month, 1)
    end_month = first_month + 2
    next_start = dt.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


def last_complete_period(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The most recent quarter/year that has fully ended before ``today``."""
    if kind == "quarterly":
        start, _end = quarter_of(today)
        return quarter_of(start - dt.timedelta(days=1))
    if kind == "yearly":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    raise ValueError(f"no fixed period for {kind!r}")


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    if kind == "quarterly":
        return f"{(start.month - 1) // 3 + 1}. Quartal {start.year}"
    if kind == "yearly":
        return f"Jahr {start.year}"
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"
