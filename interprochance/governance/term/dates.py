"""Calendar arithmetic in whole months, following the German Civil Code (BGB).

No Django import: this module is pure and tested on its own.

Rules used (BGB §§ 187, 188):

* ``period_end(start, months)`` - a period that *begins* on ``start`` (the day
  itself counts, § 187 Abs. 2 BGB, e.g. "gilt zwei Jahre nach Unterzeichnung"
  counted from the day of signing) ends with the day *before* the day of the
  last month that corresponds by number to ``start`` (§ 188 Abs. 2 Alt. 2).
  If that day does not exist in the last month, the period ends on that
  month's last day (§ 188 Abs. 3).
* ``event_period_end(event, months)`` - a period triggered by an *event* on
  ``event`` (e.g. receipt of a notice; the day itself does not count,
  § 187 Abs. 1) ends on the day of the last month that corresponds by number
  to ``event`` (§ 188 Abs. 2 Alt. 1), clipped to the month's last day
  (§ 188 Abs. 3).
"""

from __future__ import annotations

import calendar
import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months_clipped(day: dt.date, months: int) -> dt.date:
    """The day with the same number ``months`` months later (or earlier when
    negative); if it does not exist there, the last day of that month."""
    year, month = _shift_month(day.year, day.month, months)
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def period_end(start: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months beginning on ``start``
    (start day included; § 187 Abs. 2, § 188 Abs. 2 Alt. 2 and Abs. 3 BGB).

    >>> period_end(dt.date(2014, 9, 16), 24)
    datetime.date(2016, 9, 15)
    >>> period_end(dt.date(2023, 1, 31), 1)
    datetime.date(2023, 2, 28)
    """
    if months < 1:
        raise ValueError("months must be >= 1")
    if start.day == 1:
        # The corresponding day is the 1st of the month after the last month;
        # the period ends the day before, i.e. on the last day of the month
        # ``months - 1`` after start's month.
        year, month = _shift_month(start.year, start.month, months - 1)
        return dt.date(year, month, days_in_month(year, month))
    year, month = _shift_month(start.year, start.month, months)
    return dt.date(year, month, min(start.day - 1, days_in_month(year, month)))


def event_period_end(event: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months triggered by an event on
    ``event`` (event day not counted; § 187 Abs. 1, § 188 Abs. 2 Alt. 1 and
    Abs. 3 BGB)."""
    if months < 0:
        raise ValueError("months must be >= 0")
    if months == 0:
        return event
    return add_months_clipped(event, months)


def latest_event_day(end: dt.date, months: int) -> dt.date:
    """The latest day on which an event (e.g. receipt of a notice) may happen
    so that a period of ``months`` months triggered by it has run out by the
    end of ``end``.

    The result ``d`` satisfies ``event_period_end(d, months) <= end`` and
    ``event_period_end(d + 1 day, months) > end``.

    >>> latest_event_day(dt.date(2016, 9, 15), 3)
    datetime.date(2016, 6, 15)
    >>> latest_event_day(dt.date(2025, 6, 30), 3)   # 31 Mar + 3 months -> 30 Jun
    datetime.date(2025, 3, 31)
    """
    if months == 0:
        return end
    candidate = add_months_clipped(end, -months)
    # Clipping may leave later days of the month that still qualify
    # (e.g. end 30 Jun: 31 Mar + 3 months = 30 Jun).  At most three steps.
    while event_period_end(candidate + ONE_DAY, months) <= end:
        candidate += ONE_DAY
    return candidate
