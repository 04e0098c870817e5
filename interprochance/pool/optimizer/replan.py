"""Re-planning when an assistant is absent for a day.

The published plan is kept wherever possible: the first objective maximises the
number of (child, day, slot) that keep their published assistant, the second
minimises cost. Only the component (schools linked by shared assistants) of
the absent assistant is re-solved; everything else stays as published.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from .bound import cell_lower_bound
from .explain import explain_unmet
from .model import PoolModel, _Var, components, solve_component
from .types import Assignment, Instance, Solution


@dataclass(frozen=True)
class Change:
    child: str
    day: str
    slot: int
    before: str | None
    after: str | None


def mark_absent(instance: Instance, assistant_id: str, day: str) -> Instance:
    """The same instance with the assistant unavailable on that day."""
    out = []
    for a in instance.assistants:
        if a.id == assistant_id:
            slots = (
                a.available
                if a.available is not None
                else frozenset((d, s) for d in instance.days for s in range(len(instance.slots)))
            )
            a = replace(a, available=frozenset(p for p in slots if p[0] != day))
        out.append(a)
    return replace(instance, assistants=tuple(out))


def replan(
    instance: Instance,
    published: list[Assignment],
    *,
    absent: str,
    day: str,
    time_limit: float = 10.0,
    workers: int = 1,
) -> tuple[Solution, list[Change]]:
    started = time.monotonic()
    changed = mark_absent(instance, absent, day)
    part = next((p for p in components(changed) if any(a.id == absent for a in p.assistants)), None)
    if part is None:  # the assistant serves no child: nothing to do
        part_ids: set[str] = set()
    else:
        part_ids = {a.id for a in part.assistants}
    kept_elsewhere = [x for x in published if x.assistant not in part_ids]
    before = {(k, x.day, x.slot): x.assistant for x in published for k in x.children}

    new_assignments: list[Assignment] = []
    status = "optimal"
    unmet = []
    if part is not None:
        child_ids = [c.id for c in part.children]
        assistant_ids = [a.id for a in part.assistants]

        def keep(pm: PoolModel, v: _Var) -> int:
            aid = assistant_ids[v.assistant]
            return sum(1 for k in v.children if before.get((child_ids[k], v.day, v.slot)) == aid)

        res = solve_component(
            part,
            deadline=started + time_limit,
            workers=workers,
            stages=[("keep", "max"), ("cost", "min")],
            keep_fn=keep,
        )
        new_assignments = res.assignments
        status = res.status
        if res.unmet:
            unmet = explain_unmet(changed, new_assignments, res.unmet)

    assignments = kept_elsewhere + new_assignments
    day_index = {d: i for i, d in enumerate(instance.days)}
    assignments.sort(key=lambda a: (a.assistant, day_index[a.day], a.slot))
    after = {(k, x.day, x.slot): x.assistant for x in assignments for k in x.children}
    changes = [
        Change(k, d, s, before.get((k, d, s)), after.get((k, d, s)))
        for (k, d, s) in sorted(
            set(before) | set(after), key=lambda t: (t[0], day_index.get(t[1], 99), t[2])
        )
        if before.get((k, d, s)) != after.get((k, d, s))
    ]
    rate = {a.id: a.hourly_cost for a in instance.assistants}
    cost = sum(
        (rate[x.assistant] * instance.slot_minutes / Decimal(60) for x in assignments), Decimal("0")
    )
    sol = Solution(
        status=status,
        assignments=assignments,
        cost=cost,
        lower_bound=cell_lower_bound(changed).quantize(Decimal("0.01"), rounding=ROUND_FLOOR),
        lower_bound_method="cell-partition",
        unmet=unmet,
        info={
            "absent": absent,
            "day": day,
            "changes": len(changes),
            "seconds": round(time.monotonic() - started, 2),
        },
    )
    return sol, changes
