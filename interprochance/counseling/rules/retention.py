"""Retention arithmetic: when is a record due for deletion or anonymisation?

Periods are configurable per kind of record and run from the closure date
(optionally from the end of the calendar year of closure, as is usual for
German retention periods). A record under a hold (e.g. an open erasure
objection or a legal dispute) is never due. Pure functions, no Django.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date


class Action(enum.StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if min(self.years, self.months, self.days) < 0:
            raise ValueError("a retention period cannot be negative")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse '3y', '6m', '90d' or combinations like '1y6m'."""
        text = text.strip().lower()
        if not text:
            raise ValueError("empty period")
        values = {"y": 0, "m": 0, "d": 0}
        number = ""
        for char in text:
            if char.isdigit():
                number += char
            elif char in values and number:
                values[char] += int(number)
                number = ""
            else:
                raise ValueError(f"invalid period {text!r}")
        if number:
            raise ValueError(f"invalid period {text!r}: unit missing")
        return cls(years=values["y"], months=values["m"], days=values["d"])


def add_period(start: date, period: Period) -> date:
    """`start` plus the period; a month end that does not exist is clamped (31 Jan + 1m = 28/29 Feb)."""
    month_index = start.month - 1 + period.months + 12 * period.years
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date.fromordinal(date(year, month, day).toordinal() + period.days)


@dataclass(frozen=True)
class RetentionRule:
    kind: str
    period: Period
    action: Action
    from_year_end: bool = False


@dataclass(frozen=True)
class RetentionPolicy:
    rules: Mapping[str, RetentionRule]

    def rule(self, kind: str) -> RetentionRule:
        try:
            return self.rules[kind]
        except KeyError:
            raise KeyError(f"no retention rule for {kind!r}") from None

    @classmethod
    def from_mapping(cls, config: Mapping[str, Mapping[str, object]]) -> RetentionPolicy:
        """Build from settings like {'case': {'period': '3y', 'action': 'anonymise', 'from_year_end': True}}."""
        rules = {}
        for kind, spec in config.items():
            rules[kind] = RetentionRule(
                kind=kind,
                period=Period.parse(str(spec["period"])),
                action=Action(str(spec["action"])),
                from_year_end=bool(spec.get("from_year_end", False)),
            )
        return cls(rules=rules)


# Defaults applied by the retention job: a household whose cases are all closed
# is erased three years after the end of the year of the last closure (identity,
# members, documents, notes deleted; cases anonymised, topics/area/dates kept for
# statistics); appointment requests 90 days after they came in. The audit trail
# carries identifiers only and is retained by core.
DEFAULT_POLICY = RetentionPolicy.from_mapping(
    {
        "household": {"period": "3y", "action": "delete", "from_year_end": True},
        "appointment_request": {"period": "90d", "action": "delete"},
    }
)


def due_date(closed_on: date, rule: RetentionRule) -> date:
    start = date(closed_on.year, 12, 31) if rule.from_year_end else closed_on
    return add_period(start, rule.period)


@dataclass(frozen=True)
class Item:
    kind: str
    key: object
    closed_on: date | None  # None: still open, never due
    hold: bool = False


@dataclass(frozen=True)
class Decision:
    item: Item
    due_on: date
    action: Action


@dataclass(frozen=True)
class Plan:
    today: date
    due: tuple[Decision, ...] = field(default=())
    pending: tuple[Decision, ...] = field(default=())
    held: tuple[Item, ...] = field(default=())
    open: tuple[Item, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {
            "due": len(self.due),
            "pending": len(self.pending),
            "held": len(self.held),
            "open": len(self.open),
        }


def plan(items: Iterable[Item], policy: RetentionPolicy, today: date) -> Plan:
    """Sort items into due (on or after the due date), pending, held and still open."""
    due: list[Decision] = []
    pending: list[Decision] = []
    held: list[Item] = []
    still_open: list[Item] = []
    for item in items:
        if item.closed_on is None:
            still_open.append(item)
            continue
        if item.hold:
            held.append(item)
            continue
        rule = policy.rule(item.kind)
        decision = Decision(item=item, due_on=due_date(item.closed_on, rule), action=rule.action)
        (due if decision.due_on <= today else pending).append(decision)
    return Plan(
        today=today,
        due=tuple(due),
        pending=tuple(pending),
        held=tuple(held),
        open=tuple(still_open),
    )
