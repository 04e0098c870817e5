"""Splitting the cost of a shared pool between cost bearers (pure, no Django).

No published rule exists for this (see docs/pool.md), so the rule is explicit
and configurable per pool:

- ``hours`` (default): each child carries the month's cost in proportion to its
  entitled hours per week; a bearer pays the sum over its children.
- ``groups``: the cost of every assignment is shared equally by the children
  actually served in it (1:1 -> the child alone, 1:3 -> a third each); a bearer
  pays the sum over its children. Cancelled hours reduce all shares alike.

Amounts are in cents; rounding uses the largest-remainder method so that the
shares add up to the total exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

RULES = ("hours", "groups")


@dataclass(frozen=True)
class ChildLine:
    child: str  # pseudonym
    bearer: str
    entitled_hours: Decimal  # per week


@dataclass
class ChildShare:
    child: str
    basis: Decimal  # entitled hours (hours rule) or attributed weekly cost (groups rule)
    amount_cents: int = 0
    slots_alone: int = 0
    slots_grouped: int = 0


@dataclass
class BearerShare:
    bearer: str
    basis: Decimal
    amount_cents: int
    children: list[ChildShare] = field(default_factory=list)


@dataclass
class Split:
    rule: str
    total_cents: int
    basis_total: Decimal
    bearers: list[BearerShare]

    def by_bearer(self) -> dict[str, BearerShare]:
        return {b.bearer: b for b in self.bearers}


def _largest_remainder(total_cents: int, weights: dict[str, Decimal]) -> dict[str, int]:
    wsum = sum(weights.values(), Decimal(0))
    if total_cents == 0 or wsum <= 0:
        return dict.fromkeys(weights, 0)
    exact = {k: Decimal(total_cents) * w / wsum for k, w in weights.items()}
    floors = {k: int(v.to_integral_value(rounding=ROUND_FLOOR)) for k, v in exact.items()}
    left = total_cents - sum(floors.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - floors[k]), k))[:left]:
        floors[k] += 1
    return floors


def split_cost(
    *,
    total_cents: int,
    children: list[ChildLine],
    assignments: list[tuple[Decimal, tuple[str, ...]]],
    rule: str,
) -> Split:
    """``assignments``: (weekly cost of the assignment, pseudonyms served) of the plan."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}")
    if total_cents < 0:
        raise ValueError("total must not be negative")
    lines = {c.child: c for c in children}
    shares = {c.child: ChildShare(c.child, Decimal(0)) for c in children}
    for cost, kids in assignments:
        served = [k for k in kids if k in shares]
        for k in served:
            if len(served) == 1:
                shares[k].slots_alone += 1
            else:
                shares[k].slots_grouped += 1
            if rule == "groups":
                shares[k].basis += cost / len(served)
    if rule == "hours":
        for c in children:
            shares[c.child].basis = c.entitled_hours
    per_child = _largest_remainder(total_cents, {k: s.basis for k, s in shares.items()})
    for k, cents in per_child.items():
        shares[k].amount_cents = cents
    bearers: dict[str, BearerShare] = {}
    for k, s in sorted(shares.items()):
        b = lines[k].bearer
        entry = bearers.setdefault(b, BearerShare(b, Decimal(0), 0))
        entry.basis += s.basis
        entry.amount_cents += s.amount_cents
        entry.children.append(s)
    basis_total = sum((s.basis for s in shares.values()), Decimal(0))
    return Split(rule, total_cents, basis_total, [bearers[b] for b in sorted(bearers)])
