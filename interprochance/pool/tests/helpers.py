"""Small hand-made instances and an independent brute force for the optimiser tests."""

from __future__ import annotations

import itertools
from decimal import Decimal

from interprochance.pool.optimizer.checker import check
from interprochance.pool.optimizer.types import (
    Assignment,
    Assistant,
    Child,
    Instance,
    School,
    Solution,
)

SLOTS = ("08:00", "08:45", "09:50", "10:35")


def small_instance(**overrides) -> Instance:
    """Two schools 15 minutes apart; three children of class 3a at S1, one at S2."""
    schools = (
        School("S1", "Carl-Ulrich-Schule", {"S2": 15}),
        School("S2", "Astrid-Lindgren-Schule"),
    )
    children = (
        Child(
            "K1",
            "S1",
            "3a",
            "JA",
            "SGB VIII §35a",
            ("behaviour",),
            False,
            3,
            2,
            (("mo", 0), ("mo", 1), ("tu", 0)),
        ),
        Child(
            "K2", "S1", "3a", "EGH", "SGB IX §112", ("care",), False, 3, 2, (("mo", 0), ("mo", 1))
        ),
        Child("K3", "S1", "3a", "EGH", "SGB IX §112", ("care",), True, 1, 2, (("mo", 0),)),
        Child("K4", "S2", "1b", "JA", "SGB VIII §35a", (), False, 2, 1, (("mo", 3),)),
    )
    assistants = (
        Assistant("A1", frozenset({"behaviour", "care"}), 10, Decimal("36.50"), ("S1", "S2")),
        Assistant("A2", frozenset({"care"}), 10, Decimal("22.80"), ("S1",)),
        Assistant("A3", frozenset({"care", "behaviour"}), 2, Decimal("20.50"), ("S2",)),
    )
    inst = Instance(
        days=("mo", "tu"),
        slots=SLOTS,
        slot_minutes=45,
        schools=schools,
        children=children,
        assistants=assistants,
    )
    for key, value in overrides.items():
        inst = type(inst)(**{**inst.__dict__, key: value})
    return inst


def cost_of(inst: Instance, assignments) -> Decimal:
    rate = {a.id: a.hourly_cost for a in inst.assistants}
    return sum(
        (rate.get(x.assistant, Decimal(0)) * inst.slot_minutes / Decimal(60) for x in assignments),
        Decimal("0"),
    )


def brute_force(inst: Instance) -> Decimal | None:
    """Cheapest valid plan by enumerating every child-slot -> assistant map (tiny instances only).

    A plan is determined by who serves each (child, day, slot): rule 2 makes the
    children an assistant serves in one slot exactly one group. Validity is
    decided by the checker, not by the model.
    """
    items = [(c.id, d, s) for c in inst.children for d, s in c.support]
    ids = [a.id for a in inst.assistants]
    best = None
    for choice in itertools.product(ids, repeat=len(items)):
        groups: dict[tuple[str, str, int], list[str]] = {}
        for (k, d, s), a in zip(items, choice, strict=True):
            groups.setdefault((a, d, s), []).append(k)
        plan = [Assignment(a, d, s, tuple(ks)) for (a, d, s), ks in groups.items()]
        cost = cost_of(inst, plan)
        if best is not None and cost >= best:
            continue
        if check(inst, Solution("feasible", plan, cost)).valid:
            best = cost
    return best
