"""Independent solution checker.

Deliberately written apart from the CP-SAT model (model.py): it shares only the
data types, walks the plan as a coordinator would read it and tests the seven
rules of the exchange format one by one. Every solution the optimiser returns
must pass this check (see the hypothesis tests).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .types import Instance, Problem, Solution


@dataclass
class CheckReport:
    violations: list[Problem] = field(default_factory=list)
    cost: Decimal = Decimal("0")

    @property
    def valid(self) -> bool:
        return not self.violations

    def rules_broken(self) -> list[int]:
        return sorted({v.rule for v in self.violations})


def _clock(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return 60 * int(h) + int(m)


def _travel(instance: Instance, a: str, b: str) -> int | None:
    """Minutes from school a to b; given on either side; None = not reachable."""
    by_id = {s.id: s for s in instance.schools}
    if b in by_id.get(a, _NO_SCHOOL).travel_minutes:
        return by_id[a].travel_minutes[b]
    if a in by_id.get(b, _NO_SCHOOL).travel_minutes:
        return by_id[b].travel_minutes[a]
    return None


class _NoSchool:
    travel_minutes: dict[str, int] = {}


_NO_SCHOOL = _NoSchool()


def check(instance: Instance, solution: Solution, *, verify_cost: bool = True) -> CheckReport:
    report = CheckReport()
    out = report.violations

    def bad(rule: int, code: str, message: str, **params: object) -> None:
        out.append(Problem(code=code, message=message, rule=rule, params=params))

    children = {c.id: c for c in instance.children}
    assistants = {a.id: a for a in instance.assistants}
    days = set(instance.days)
    n_slots = len(instance.slots)

    covered: dict[tuple[str, str, int], int] = defaultdict(int)
    held: dict[tuple[str, str, int], int] = defaultdict(int)
    per_week: dict[str, int] = defaultdict(int)
    per_day: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    helpers_of: dict[str, set[str]] = defaultdict(set)
    cost = Decimal("0")

    for n, asg in enumerate(solution.assignments):
        where = f"assignment {n + 1} ({asg.assistant}, {asg.day}, slot {asg.slot})"
        a = assistants.get(asg.assistant)
        if a is None:
            bad(
                0,
                "unknown_assistant",
                f"{where}: unknown assistant '{asg.assistant}'",
                assistant=asg.assistant,
            )
        if asg.day not in days:
            bad(0, "unknown_day", f"{where}: unknown day '{asg.day}'", day=asg.day)
        if not 0 <= asg.slot < n_slots:
            bad(0, "slot_out_of_range", f"{where}: slot {asg.slot} out of range", slot=asg.slot)
        if not asg.children:
            bad(0, "empty_assignment", f"{where}: no children", assistant=asg.assistant)
        if len(set(asg.children)) != len(asg.children):
            bad(0, "duplicate_child", f"{where}: a child is listed twice", assistant=asg.assistant)
        kids = []
        for k in dict.fromkeys(asg.children):
            if k not in children:
                bad(0, "unknown_child", f"{where}: unknown child '{k}'", child=k)
            else:
                kids.append(children[k])
        if a is None or asg.day not in days or not 0 <= asg.slot < n_slots:
            continue

        cost += a.hourly_cost * instance.slot_minutes / Decimal(60)

        # rule 1 bookkeeping
        for ch in kids:
            covered[(ch.id, asg.day, asg.slot)] += 1
            if (asg.day, asg.slot) not in set(ch.support):
                bad(
                    1,
                    "not_in_support",
                    f"{where}: child {ch.id} has no entitlement in this slot",
                    child=ch.id,
                    day=asg.day,
                    slot=asg.slot,
                )
            helpers_of[ch.id].add(a.id)

        # rule 2
        held[(a.id, asg.day, asg.slot)] += 1
        if a.available is not None and (asg.day, asg.slot) not in a.available:
            bad(
                2,
                "not_available",
                f"{where}: assistant {a.id} is not available in this slot",
                assistant=a.id,
                day=asg.day,
                slot=asg.slot,
            )
        group_schools = {ch.school for ch in kids}
        for s in sorted(group_schools):
            if s not in a.schools:
                bad(
                    2,
                    "wrong_school",
                    f"{where}: assistant {a.id} does not work at school {s}",
                    assistant=a.id,
                    school=s,
                )

        # rule 3
        if len(group_schools) > 1 or len({ch.klass for ch in kids}) > 1:
            bad(
                3,
                "mixed_group",
                f"{where}: children from different schools or classes: {', '.join(ch.id for ch in kids)}",
                children=[ch.id for ch in kids],
            )
        if kids:
            for ch in kids:
                if len(kids) > 1 and (ch.exclusive or not ch.consent):
                    why = (
                        "needs 1:1 support" if ch.exclusive else "has no consent to joint provision"
                    )
                    bad(
                        3,
                        "exclusive_grouped",
                        f"{where}: child {ch.id} {why} but is grouped with {', '.join(o.id for o in kids if o is not ch)}",
                        child=ch.id,
                        consent=ch.consent,
                        exclusive=ch.exclusive,
                    )
            limit = min(ch.max_group for ch in kids)
            if len(kids) > limit:
                bad(
                    3,
                    "group_too_large",
                    f"{where}: group of {len(kids)} exceeds the limit {limit}",
                    size=len(kids),
                    limit=limit,
                )

        # rule 4
        for ch in kids:
            missing = sorted(set(ch.needs) - set(a.qualifications))
            if missing:
                bad(
                    4,
                    "not_qualified",
                    f"{where}: assistant {a.id} lacks {', '.join(missing)} for child {ch.id}",
                    assistant=a.id,
                    child=ch.id,
                    missing=missing,
                )

        per_week[a.id] += 1
        if kids:
            per_day[(a.id, asg.day)].append((asg.slot, kids[0].school))

    # rule 1: coverage
    for ch in instance.children:
        for day, slot in ch.support:
            times = covered.get((ch.id, day, slot), 0)
            if times != 1:
                declared = next(
                    (u for u in solution.unmet if (u.child, u.day, u.slot) == (ch.id, day, slot)),
                    None,
                )
                note = f" (declared unmet: {declared.reason})" if declared else ""
                bad(
                    1,
                    "not_covered" if times == 0 else "covered_twice",
                    f"child {ch.id} on {day} slot {slot} is covered {times} times{note}",
                    child=ch.id,
                    day=day,
                    slot=slot,
                    times=times,
                )

    # rule 2: one assignment per assistant and slot
    for (aid, day, slot), times in sorted(held.items()):
        if times > 1:
            bad(
                2,
                "double_booked",
                f"assistant {aid} holds {times} assignments on {day} slot {slot}",
                assistant=aid,
                day=day,
                slot=slot,
            )

    # rule 5
    for aid, total in sorted(per_week.items()):
        if total > assistants[aid].max_slots_week:
            bad(
                5,
                "too_many_slots",
                f"assistant {aid} holds {total} assignments, at most {assistants[aid].max_slots_week} allowed",
                assistant=aid,
                slots=total,
                limit=assistants[aid].max_slots_week,
            )

    # rule 6: school changes within a day need the travel time between consecutive assignments
    for (aid, day), items in sorted(per_day.items()):
        items.sort()
        for (s1, school1), (s2, school2) in zip(items, items[1:], strict=False):
            if school1 == school2:
                continue
            gap = _clock(instance.slots[s2]) - (_clock(instance.slots[s1]) + instance.slot_minutes)
            need = _travel(instance, school1, school2)
            if need is None or gap < need:
                bad(
                    6,
                    "travel",
                    f"assistant {aid} on {day}: from {school1} (slot {s1}) to {school2} (slot {s2}) "
                    f"leaves {gap} minutes, travel needs {'an unknown time' if need is None else f'{need} minutes'}",
                    assistant=aid,
                    day=day,
                    slots=[s1, s2],
                    gap=gap,
                    travel=need,
                )

    # rule 7
    for cid, helpers in sorted(helpers_of.items()):
        limit = children[cid].max_assistants
        if len(helpers) > limit:
            bad(
                7,
                "too_many_assistants",
                f"child {cid} has {len(helpers)} different assistants, at most {limit} allowed",
                child=cid,
                count=len(helpers),
                limit=limit,
            )

    report.cost = cost
    if verify_cost and abs(cost - solution.cost) > Decimal("0.01") and solution.assignments:
        bad(
            0,
            "cost_mismatch",
            f"stated cost {solution.cost} differs from the plan's cost {cost.quantize(Decimal('0.01'))}",
            stated=str(solution.cost),
            actual=str(cost),
        )
    return report
