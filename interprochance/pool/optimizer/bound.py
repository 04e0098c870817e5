"""Cost figures that do not need the solver: the 1:1 baseline and a combinatorial lower bound.

The lower bound relaxes the problem to each (school, class, day, slot) cell on
its own: the children needing support in the cell must be partitioned into
admissible groups (rule 3) and every group costs at least the cheapest assistant
that is qualified for all its children (rule 4), works at the school and is
available in that slot (rule 2). Rules 2 (one place at a time), 5, 6 and 7 are
dropped, so the true optimum can never be lower. The exact cell optimum is
found by a DP over subsets (cells are small: the children of one class).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from itertools import combinations

from .types import Child, Instance

_MAX_EXACT = 14  # children per cell for the exact subset DP; larger cells use a weaker bound


def baseline_cost(instance: Instance, rates: Mapping[str, Decimal] | None = None) -> Decimal:
    """1:1 baseline: every (child, day, slot) gets its own assistant.

    ``rates``: the approved hourly rate per child id (from its entitlement, what the cost
    bearer pays for one-to-one support); children without one, and every child when
    ``rates`` is not given (the exchange format carries no entitlement rates), are priced
    at the cheapest assistant of the pool who is qualified for the child and works at its
    school (falling back to the dearest rate in the pool when nobody is). That second
    price assumes as many cheap assistants as there are children, so it can lie below a
    pooled plan's cost when the cheap assistants are few.
    """
    rates = rates or {}
    total = Decimal("0")
    dearest = max((a.hourly_cost for a in instance.assistants), default=Decimal("0"))
    for ch in instance.children:
        rate = rates.get(ch.id)
        if rate is None:
            options = [
                a.hourly_cost
                for a in instance.assistants
                if ch.school in a.schools and set(ch.needs) <= a.qualifications
            ]
            rate = min(options) if options else dearest
        total += rate * instance.slot_minutes / Decimal(60) * len(ch.support)
    return total


def cell_lower_bound(instance: Instance) -> Decimal:
    """Sum over cells of the cheapest admissible partition (see module docstring).

    Cells that no admissible partition can cover contribute nothing (the
    instance is then infeasible anyway and the explanation says why).
    """
    cells: dict[tuple[str, str, str, int], list[Child]] = defaultdict(list)
    for ch in instance.children:
        for day, slot in ch.support:
            cells[(ch.school, ch.klass, day, slot)].append(ch)
    total = Decimal("0")
    for (school, _klass, day, slot), kids in cells.items():
        pool = [a for a in instance.assistants if school in a.schools and a.is_available(day, slot)]
        if not pool:
            continue
        kids = sorted(kids, key=lambda c: c.id)
        unit = instance.slot_minutes / Decimal(60)

        def group_cost(members: tuple[int, ...], kids=kids, pool=pool) -> Decimal | None:
            needs: set[str] = set()
            for i in members:
                needs |= set(kids[i].needs)
            rates = [a.hourly_cost for a in pool if needs <= a.qualifications]
            return min(rates) if rates else None

        if len(kids) <= _MAX_EXACT:
            best = _partition(kids, group_cost)
            if best is not None:
                total += best * unit
        else:
            # weak but valid: each child pays its cheapest rate divided by its group limit
            for i, ch in enumerate(kids):
                c = group_cost((i,))
                if c is not None:
                    total += c * unit / ch.group_limit
    return total


def _partition(kids: list[Child], group_cost) -> Decimal | None:
    n = len(kids)
    limits = [k.group_limit for k in kids]
    full = (1 << n) - 1
    cost_cache: dict[tuple[int, ...], Decimal | None] = {}

    def cost_of(members: tuple[int, ...]) -> Decimal | None:
        if members not in cost_cache:
            cost_cache[members] = group_cost(members)
        return cost_cache[members]

    @cache
    def best(mask: int) -> Decimal | None:
        if mask == 0:
            return Decimal("0")
        first = (mask & -mask).bit_length() - 1
        rest = [i for i in range(n) if mask >> i & 1 and i != first]
        result: Decimal | None = None
        for size in range(0, min(limits[first], len(rest) + 1)):
            for others in combinations(rest, size):
                members = (first, *others)
                if any(limits[i] < len(members) for i in members):
                    continue
                c = cost_of(members)
                if c is None:
                    continue
                sub = best(mask & ~sum(1 << i for i in members))
                if sub is None:
                    continue
                if result is None or c + sub < result:
                    result = c + sub
        return result

    return best(full)
