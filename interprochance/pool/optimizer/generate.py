"""Synthetic instance generators (for tests, the benchmark and the demo).

Everything generated here is invented. The shapes follow practice: children
of one class share the timetable, most need one or two support areas, about
one in ten needs 1:1 support, some have no consent to joint provision;
assistants are non-specialists (about 20 EUR/h) or specialists (up to
39 EUR/h), mostly at one school, some at two or three schools of the same
Gemeinde; part-timers are missing one or two days.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from .types import Assistant, Child, Instance, School

AREAS = ("care", "mobility", "communication", "behaviour", "structure")
DAYS = ("mo", "tu", "we", "th", "fr")
SLOTS = ("08:00", "08:45", "09:50", "10:35", "11:40", "12:25", "13:30", "14:15")
BASIC_RATES = (2050, 2280, 2490)  # cents per hour, non-specialist assistants
SPECIALIST_RATES = (3420, 3650, 3890)  # specialists (e.g. Heilerziehungspfleger)
BEARERS = (("JA", "SGB VIII §35a"), ("EGH", "SGB IX §112"))


def _child(
    rng: random.Random,
    cid: str,
    school: str,
    klass: str,
    class_support: list[tuple[str, int]],
    *,
    p_exclusive: float = 0.1,
    p_no_consent: float = 0.05,
) -> Child:
    needs = tuple(sorted(rng.sample(AREAS, 1 if rng.random() < 0.75 else 2)))
    exclusive = rng.random() < p_exclusive
    consent = rng.random() >= p_no_consent
    # each child needs support in a large part of the class timetable
    keep = rng.uniform(0.35, 0.7)
    support = [p for p in class_support if rng.random() < keep] or class_support[:1]
    bearer, basis = BEARERS[0] if "behaviour" in needs or rng.random() < 0.3 else BEARERS[1]
    return Child(
        id=cid,
        school=school,
        klass=klass,
        cost_bearer=bearer,
        legal_basis=basis,
        needs=needs,
        exclusive=exclusive,
        consent=consent,
        max_group=1 if (exclusive or not consent) else rng.choice((2, 3, 3)),
        max_assistants=rng.choice((2, 3, 3)),
        support=tuple(support),
    )


def _class_timetable(
    rng: random.Random, days: tuple[str, ...], n_slots: int
) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for d in days:
        last = rng.randint(max(2, n_slots - 4), n_slots)  # school day ends after 4..8 lessons
        out.extend((d, s) for s in range(last))
    return out


def _assistant(
    rng: random.Random,
    aid: str,
    schools: list[str],
    days: tuple[str, ...],
    n_slots: int,
    must_have: tuple[str, ...] = (),
    p_part_time: float = 0.25,
) -> Assistant:
    k = rng.choice((2, 3, 3, 4, 5))
    quals = set(rng.sample(AREAS, k)) | set(must_have)
    specialist = len(quals) >= 4
    # providers pay by tariff: a few rates per qualification level, not one rate per person
    cents = rng.choice(SPECIALIST_RATES if specialist else BASIC_RATES)
    available = None
    if rng.random() < p_part_time:  # part-time: one or two days off
        off = set(rng.sample(days, rng.choice((1, 2))))
        available = frozenset((d, s) for d in days if d not in off for s in range(n_slots))
    return Assistant(
        id=aid,
        qualifications=frozenset(quals),
        max_slots_week=rng.choice((26, 30, 34, 38)),
        hourly_cost=Decimal(cents) / 100,
        schools=tuple(schools),
        available=available,
    )


def _peak_groups(children: list[Child]) -> int:
    """Most groups needed at one time at a school if classmates pair up (1:2)."""
    per_slot: dict[tuple[str, int], dict[str, list[Child]]] = {}
    for c in children:
        for p in c.support:
            per_slot.setdefault(p, {}).setdefault(c.klass, []).append(c)
    peak = 0
    for classes in per_slot.values():
        n = 0
        for kids in classes.values():
            alone = sum(1 for k in kids if k.group_limit == 1)
            n += alone + -(-(len(kids) - alone) // 2)
        peak = max(peak, n)
    return peak


def _cover_needs(
    rng: random.Random, children: list[Child], assistants: list[Assistant], school: str
) -> list[Assistant]:
    """Widen qualifications until every child of the school has two qualified assistants there
    (the more qualifications, the more likely a specialist rate)."""
    out = list(assistants)
    local = [i for i, a in enumerate(out) if school in a.schools]
    if not local:
        return out
    for c in children:
        if c.school != school:
            continue
        need = set(c.needs)
        have = [i for i in local if need <= out[i].qualifications]
        for i in sorted(
            (i for i in local if i not in have),
            key=lambda i: (len(out[i].qualifications), out[i].id),
        )[: max(0, min(2, len(local)) - len(have))]:
            quals = out[i].qualifications | need
            cents = rng.choice(SPECIALIST_RATES if len(quals) >= 4 else BASIC_RATES)
            out[i] = replace(
                out[i], qualifications=frozenset(quals), hourly_cost=Decimal(cents) / 100
            )
    return out


def _plant(
    rng: random.Random,
    children: list[Child],
    school_ids: list[str],
    days: tuple[str, ...],
    n_slots: int,
) -> list[Assistant]:
    """Assistants of a witness plan: each class split into fixed groups (1:1 where required,
    otherwise up to every member's group limit), one qualified assistant per group with the
    hours it needs. That plan keeps all seven rules, so the instance is feasible."""
    assistants: list[Assistant] = []
    m = 0
    for sid in school_ids:
        classes: dict[str, list[Child]] = {}
        for c in children:
            if c.school == sid:
                classes.setdefault(c.klass, []).append(c)
        for kids in classes.values():
            groups: list[list[Child]] = []
            for c in sorted(kids, key=lambda c: -c.group_limit):
                for g in groups:
                    if len(g) + 1 <= min(x.group_limit for x in (*g, c)):
                        g.append(c)
                        break
                else:
                    groups.append([c])
            for g in groups:
                m += 1
                needs = tuple(sorted({n for c in g for n in c.needs}))
                a = _assistant(rng, f"A{m:04d}", [sid], days, n_slots, needs, 0.0)
                slots = len({p for c in g for p in c.support})
                assistants.append(replace(a, max_slots_week=max(a.max_slots_week, slots)))
    return assistants


def school_pool(
    seed: int = 0,
    *,
    n_children: int = 30,
    n_assistants: int = 15,
    n_classes: int = 8,
    days: tuple[str, ...] = DAYS,
    n_slots: int = 8,
    planted: bool = False,
) -> Instance:
    """One school pool, e.g. the Carl-Ulrich-Schule pilot: 30 children, 15 assistants.
    ``planted``: assistants from a witness plan first (feasible by construction, see _plant),
    then random ones up to n_assistants."""
    rng = random.Random(seed)
    school = School(id="S1", name="Schule 1")
    classes = [f"{1 + i // 2}{'ab'[i % 2]}" for i in range(n_classes)]
    timetables = {k: _class_timetable(rng, days, n_slots) for k in classes}
    children = []
    for i in range(n_children):
        klass = classes[i % n_classes] if i < n_classes else rng.choice(classes)
        children.append(_child(rng, f"K{i + 1:03d}", "S1", klass, timetables[klass]))
    needed = sorted({n for c in children for n in c.needs})
    assistants = _plant(rng, children, ["S1"], days, n_slots) if planted else []
    for j in range(len(assistants), n_assistants):
        # make sure every need area is covered by a few assistants
        must = (needed[j % len(needed)],) if needed else ()
        assistants.append(
            _assistant(
                rng, f"A{j + 1:04d}" if planted else f"A{j + 1:03d}", ["S1"], days, n_slots, must
            )
        )
    if not planted:
        assistants = _cover_needs(rng, children, assistants, "S1")
    return Instance(
        days=days,
        slots=SLOTS[:n_slots],
        slot_minutes=45,
        schools=(school,),
        children=tuple(children),
        assistants=tuple(assistants),
    )


def landkreis(
    seed: int = 0,
    *,
    n_children: int = 600,
    n_schools: int = 150,
    n_assistants: int = 400,
    n_gemeinden: int = 23,
    days: tuple[str, ...] = DAYS,
    n_slots: int = 8,
    p_multi_school: float = 0.4,
) -> Instance:
    """A district-wide instance: schools in Gemeinden, assistants shared inside a Gemeinde."""
    rng = random.Random(seed)
    gemeinde_of = [i % n_gemeinden for i in range(n_schools)]
    schools = []
    by_gemeinde: dict[int, list[str]] = {}
    for i in range(n_schools):
        by_gemeinde.setdefault(gemeinde_of[i], []).append(f"S{i + 1:03d}")
    for i in range(n_schools):
        sid = f"S{i + 1:03d}"
        travel = {o: rng.randint(8, 25) for o in by_gemeinde[gemeinde_of[i]] if o > sid}
        schools.append(School(id=sid, name=f"Schule {i + 1}", travel_minutes=travel))
    # children: every school gets at least one, the rest spread unevenly (Förderschulen have many)
    weights = [rng.choice((1, 1, 2, 3, 6)) for _ in range(n_schools)]
    counts = [1] * n_schools
    for _ in range(n_children - n_schools):
        counts[rng.choices(range(n_schools), weights)[0]] += 1
    children = []
    demand = []  # peak simultaneous 1:1 demand per school, to size the assistant teams
    n = 0
    for i, sid in enumerate(s.id for s in schools):
        n_classes = max(1, counts[i] // 3)
        classes = [f"{1 + c}{'abcd'[c % 4]}" for c in range(n_classes)]
        tts = {k: _class_timetable(rng, days, n_slots) for k in classes}
        for j in range(counts[i]):
            n += 1
            klass = classes[j % n_classes]
            children.append(_child(rng, f"K{n:04d}", sid, klass, tts[klass]))
        demand.append(counts[i])
    # assistants, feasible by construction: the children of each class are split into fixed
    # groups (1:1 where required, otherwise up to every member's group limit), and each group
    # gets one assistant qualified for all its members with the hours it needs. That plan
    # (the witness) keeps all seven rules. The rest up to n_assistants are further
    # assistants, some shared inside the Gemeinde, some part-time; the optimiser is free to
    # pool differently and cheaper.
    assistants = _plant(rng, children, [s.id for s in schools], days, n_slots)
    m = len(assistants)
    j = 0
    while len(assistants) < n_assistants:
        i = rng.randrange(n_schools)
        m += 1
        j += 1
        home = [schools[i].id]
        mates = [o for o in by_gemeinde[gemeinde_of[i]] if o != schools[i].id]
        if mates and rng.random() < p_multi_school:
            home += rng.sample(mates, min(len(mates), rng.choice((1, 1, 2))))
        assistants.append(_assistant(rng, f"A{m:04d}", home, days, n_slots))
    return Instance(
        days=days,
        slots=SLOTS[:n_slots],
        slot_minutes=45,
        schools=tuple(schools),
        children=tuple(children),
        assistants=tuple(assistants),
    )


def tiny(rng: random.Random) -> Instance:
    """Small random instances for property tests, feasible or not, with 2 schools at most."""
    days = DAYS[: rng.randint(1, 2)]
    n_slots = rng.randint(2, 4)
    n_schools = rng.randint(1, 2)
    schools = [
        School(
            id=f"S{i + 1}",
            travel_minutes={"S2": rng.choice((5, 10, 60))} if i == 0 and n_schools == 2 else {},
        )
        for i in range(n_schools)
    ]
    areas = AREAS[:3]
    children = []
    for i in range(rng.randint(1, 4)):
        sid = rng.choice(schools).id
        support = [(d, s) for d in days for s in range(n_slots) if rng.random() < 0.6]
        exclusive = rng.random() < 0.2
        consent = rng.random() >= 0.15
        children.append(
            Child(
                id=f"K{i + 1}",
                school=sid,
                klass=rng.choice(("1a", "1b")) if rng.random() < 0.3 else "1a",
                cost_bearer="JA",
                legal_basis="SGB VIII §35a",
                needs=tuple(sorted(rng.sample(areas, rng.randint(0, 2)))),
                exclusive=exclusive,
                consent=consent,
                max_group=1 if (exclusive or not consent) else rng.randint(1, 3),
                max_assistants=rng.randint(1, 2),
                support=tuple(support),
            )
        )
    assistants = []
    for j in range(rng.randint(1, 3)):
        a_schools = [s.id for s in schools if rng.random() < 0.7] or [schools[0].id]
        available = None
        if rng.random() < 0.3:
            available = frozenset(
                (d, s) for d in days for s in range(n_slots) if rng.random() < 0.7
            )
        assistants.append(
            Assistant(
                id=f"A{j + 1}",
                qualifications=frozenset(rng.sample(areas, rng.randint(1, 3))),
                max_slots_week=rng.randint(1, 6),
                hourly_cost=Decimal(rng.randint(2000, 3900)) / 100,
                schools=tuple(a_schools),
                available=available,
            )
        )
    previous = tuple((c.id, rng.choice(assistants).id) for c in children if rng.random() < 0.4)
    return Instance(
        days=days,
        slots=SLOTS[:n_slots],
        slot_minutes=45,
        schools=tuple(schools),
        children=tuple(children),
        assistants=tuple(assistants),
        previous=previous,
    )
