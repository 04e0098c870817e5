"""Anonymous counts for the monitoring: cases and contacts per area, topic and quarter.

Input rows carry only an area code, a topic code and a date; output is counts.
Disclosure control (small numbers) is applied by the monitoring when it
publishes; this module additionally never emits a count for a row without an
area. Pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(label: str) -> tuple[date, date]:
    """First and last day of a quarter label like '2025-Q3'."""
    try:
        year_text, q_text = label.split("-Q")
        year, q = int(year_text), int(q_text)
    except ValueError:
        raise ValueError(f"invalid quarter {label!r}") from None
    if not 1 <= q <= 4:
        raise ValueError(f"invalid quarter {label!r}")
    first = date(year, 3 * q - 2, 1)
    last = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


@dataclass(frozen=True)
class Row:
    area_code: str | None
    topic: str | None
    day: date


@dataclass(frozen=True)
class Count:
    area_code: str
    period: str
    measure: str
    value: int


def count_rows(rows: Iterable[Row], *, measure: str, by_topic: bool = False) -> list[Count]:
    """Counts per (area, quarter), or per (area, quarter, topic) as measure '<measure>_<topic>'."""
    counter: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        if not row.area_code:
            continue
        name = measure
        if by_topic:
            if not row.topic:
                continue
            name = f"{measure}_{row.topic}"
        counter[(row.area_code, quarter_of(row.day), name)] += 1
    return [Count(a, p, m, v) for (a, p, m), v in sorted(counter.items())]
