"""Greedy construction of a plan: a fast start for CP-SAT and a fallback.

Walks the week slot by slot; in each class cell it serves the most constrained
child first with the assistant that already serves it (continuity, rule 7) or
else the cheapest free one, and lets classmates join that group where rules 3,
4 and 7 allow. Every step keeps rules 2-7, so the result is valid except that
some (child, day, slot) may stay uncovered; those are returned as well.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict

from .exchange import minutes_of
from .types import Assignment, Child, Instance


def greedy_plan(
    inst: Instance, rng: random.Random | None = None
) -> tuple[list[Assignment], list[tuple[str, str, int]]]:
    jitter = (lambda: rng.random()) if rng is not None else (lambda: 0.0)
    starts = [minutes_of(s) for s in inst.slots]
    schools = inst.school_by_id()

    def travel(x: str, y: str) -> int | None:
        if y in schools[x].travel_minutes:
            return schools[x].travel_minutes[y]
        return schools[y].travel_minutes.get(x)

    cells: dict[tuple[str, int], dict[tuple[str, str], list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for ci, ch in enumerate(inst.children):
        for d, s in ch.support:
            cells[(d, s)][(ch.school, ch.klass)].append(ci)
    busy: set[tuple[int, str, int]] = set()
    load = [0] * len(inst.assistants)
    last_at: dict[
        tuple[int, str], tuple[int, str]
    ] = {}  # (assistant, day) -> (slot, school) of the latest assignment
    helpers: dict[int, set[int]] = defaultdict(set)
    out: list[Assignment] = []
    uncovered: list[tuple[str, str, int]] = []
    kids = inst.children
    helpers_of_school: dict[str, list[int]] = defaultdict(list)
    for ai, a in enumerate(inst.assistants):
        for sid in a.schools:
            helpers_of_school[sid].append(ai)

    def usable(ai: int, ci: int, d: str, s: int, school: str) -> bool:
        a = inst.assistants[ai]
        if (ai, d, s) in busy or load[ai] >= a.max_slots_week or not a.is_available(d, s):
            return False
        if not set(kids[ci].needs) <= a.qualifications:
            return False
        if ai not in helpers[ci] and len(helpers[ci]) >= kids[ci].max_assistants:
            return False
        prev = last_at.get((ai, d))
        if prev is not None and prev[1] != school:
            need = travel(prev[1], school)
            gap = starts[s] - starts[prev[0]] - inst.slot_minutes
            if need is None or gap < need:
                return False
        return True

    day_order = list(inst.days)
    if rng is not None:
        rng.shuffle(day_order)
    for d in day_order:
        for s in range(len(inst.slots)):
            for (school, _klass), members in sorted(
                cells.get((d, s), {}).items(), key=lambda kv: -len(kv[1])
            ):
                todo = sorted(
                    members,
                    key=lambda ci: (
                        kids[ci].group_limit,
                        -len(kids[ci].needs),
                        jitter(),
                        kids[ci].id,
                    ),
                )
                while todo:
                    ci = todo.pop(0)
                    options = [
                        ai for ai in helpers_of_school[school] if usable(ai, ci, d, s, school)
                    ]
                    if not options:
                        uncovered.append((kids[ci].id, d, s))
                        continue

                    def reach(x: int, ci: int = ci) -> int:
                        # how much of the child's week this assistant could still take over
                        a = inst.assistants[x]
                        free = a.max_slots_week - load[x]
                        slots = sum(
                            1
                            for p in kids[ci].support
                            if a.is_available(*p) and (x, *p) not in busy
                        )
                        return min(free, slots)

                    ai = min(
                        options,
                        key=lambda x: (
                            x not in helpers[ci],
                            -reach(x) * (1 + 0.5 * jitter()),
                            inst.assistants[x].hourly_cost,
                        ),
                    )
                    group = [ci]
                    for cj in sorted(todo, key=lambda c: (ai not in helpers[c], kids[c].id)):
                        size = len(group) + 1
                        if any(kids[m].group_limit < size for m in (*group, cj)):
                            continue
                        if usable(ai, cj, d, s, school):
                            group.append(cj)
                    for cj in group[1:]:
                        todo.remove(cj)
                    busy.add((ai, d, s))
                    load[ai] += 1
                    last_at[(ai, d)] = (s, school)
                    for m in group:
                        helpers[m].add(ai)
                    out.append(
                        Assignment(
                            inst.assistants[ai].id, d, s, tuple(sorted(kids[m].id for m in group))
                        )
                    )
    return out, uncovered


def best_greedy_plan(
    inst: Instance, *, budget_seconds: float = 1.0, seed: int = 0
) -> tuple[list[Assignment], list[tuple[str, str, int]]]:
    """The deterministic greedy plan, then randomised restarts within the budget; the plan
    with the fewest uncovered slots (then the lowest cost) wins."""
    rate = {a.id: a.hourly_cost for a in inst.assistants}

    def score(result: tuple[list[Assignment], list[tuple[str, str, int]]]) -> tuple:
        plan, gaps = result
        return (len(gaps), sum(rate[x.assistant] for x in plan))

    best = greedy_plan(inst)
    fixed = fixed_group_plan(inst)
    if score(fixed) < score(best):
        best = fixed
    rng = random.Random(seed)
    stop = time.monotonic() + budget_seconds
    while best[1] and time.monotonic() < stop:
        candidate = greedy_plan(inst, rng)
        if score(candidate) < score(best):
            best = candidate
    return best


def fixed_group_plan(inst: Instance) -> tuple[list[Assignment], list[tuple[str, str, int]]]:
    """The case-dependent pool of practice: each class is split into fixed groups (1:1 where
    required, otherwise up to every member's group limit) and every group gets one assistant
    for the whole week, the cheapest one qualified, present in all the group's slots and with
    the hours left. Groups that find nobody are split into single children and tried again;
    what still finds nobody stays uncovered. Keeps rules 2-7."""
    starts = [minutes_of(s) for s in inst.slots]
    schools = inst.school_by_id()

    def travel(x: str, y: str) -> int | None:
        if y in schools[x].travel_minutes:
            return schools[x].travel_minutes[y]
        return schools[y].travel_minutes.get(x)

    day_of: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    busy: set[tuple[int, str, int]] = set()
    load = [0] * len(inst.assistants)

    def day_ok(ai: int, day: str, add: list[int], school: str) -> bool:
        items = sorted(day_of[(ai, day)] + [(s, school) for s in add])
        for (s1, x), (s2, y) in zip(items, items[1:], strict=False):
            if x != y:
                need = travel(x, y)
                if need is None or starts[s2] - starts[s1] - inst.slot_minutes < need:
                    return False
        return True

    classes: dict[tuple[str, str], list[Child]] = defaultdict(list)
    for c in inst.children:
        classes[(c.school, c.klass)].append(c)
    groups: list[list[Child]] = []
    for kids in classes.values():
        mine: list[list[Child]] = []
        for c in sorted(kids, key=lambda c: (-c.group_limit, c.id)):
            for g in mine:
                if len(g) + 1 <= min(x.group_limit for x in (*g, c)):
                    g.append(c)
                    break
            else:
                mine.append([c])
        groups.extend(mine)

    out: list[Assignment] = []
    uncovered: list[tuple[str, str, int]] = []

    def place(g: list[Child]) -> bool:
        school = g[0].school
        needs = {n for c in g for n in c.needs}
        slots = sorted(
            {p for c in g for p in c.support}, key=lambda p: (inst.days.index(p[0]), p[1])
        )
        best = None
        for ai, a in enumerate(inst.assistants):
            if school not in a.schools or not needs <= a.qualifications:
                continue
            if load[ai] + len(slots) > a.max_slots_week:
                continue
            if any(not a.is_available(d, s) or (ai, d, s) in busy for d, s in slots):
                continue
            by_day: dict[str, list[int]] = defaultdict(list)
            for d, s in slots:
                by_day[d].append(s)
            if not all(day_ok(ai, d, ss, school) for d, ss in by_day.items()):
                continue
            key = (a.hourly_cost, a.max_slots_week - load[ai] - len(slots), a.id)
            if best is None or key < best[0]:
                best = (key, ai)
        if best is None:
            return False
        ai = best[1]
        for d, s in slots:
            busy.add((ai, d, s))
            day_of[(ai, d)].append((s, school))
            members = tuple(sorted(c.id for c in g if (d, s) in c.support))
            out.append(Assignment(inst.assistants[ai].id, d, s, members))
        load[ai] += len(slots)
        return True

    # hardest groups first: most needs, then most slots
    for g in sorted(
        groups,
        key=lambda g: (
            -len({n for c in g for n in c.needs}),
            -len({p for c in g for p in c.support}),
        ),
    ):
        if place(g):
            continue
        for c in g:
            if not place([c]):
                uncovered.extend((c.id, d, s) for d, s in c.support)
    return out, uncovered
