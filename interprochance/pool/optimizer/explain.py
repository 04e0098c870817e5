"""Explanations for (child, day, slot) that no valid plan can cover.

Input: the instance, the best partial plan (the most support slots coverable,
from the relaxed model) and the uncovered triples. For every uncovered triple
the reason is derived from the instance and that plan, from the most basic
to the most specific:

- ``no_qualified_assistant``: nobody in the pool has the qualifications the child
  needs, or nobody qualified works at its school, or nobody qualified is
  available in that slot (the message says which)
- ``hours_exhausted``: qualified assistants exist for the slot, but those not
  busy elsewhere in that slot have used up their weekly hours (rule 5)
- ``group_limits``: every qualified assistant of the slot is serving other
  children then and the child cannot join them (exclusive, max_group, other
  class, missing qualification for the joint group)
- ``travel_or_continuity``: a qualified assistant would be free but the day's
  school change (rule 6) or the child's limit of distinct assistants (rule 7)
  stands in the way
"""

from __future__ import annotations

from collections import defaultdict

from .types import Assignment, Instance, Unmet


def explain_unmet(
    instance: Instance, assignments: list[Assignment], triples: list[tuple[str, str, int]]
) -> list[Unmet]:
    children = instance.child_by_id()
    load: dict[str, int] = defaultdict(int)
    busy: set[tuple[str, str, int]] = set()
    for x in assignments:
        load[x.assistant] += 1
        busy.add((x.assistant, x.day, x.slot))
    out = []
    day_order = {d: i for i, d in enumerate(instance.days)}
    for cid, day, slot in sorted(triples, key=lambda t: (t[0], day_order[t[1]], t[2])):
        ch = children[cid]
        needs = set(ch.needs)
        qualified = [a for a in instance.assistants if needs <= a.qualifications]
        at_school = [a for a in qualified if ch.school in a.schools]
        present = [a for a in at_school if a.is_available(day, slot)]
        base = {"child": cid, "day": day, "slot": slot}
        if not qualified:
            out.append(
                Unmet(
                    cid,
                    day,
                    slot,
                    "no_qualified_assistant",
                    f"no assistant in the pool is qualified for {', '.join(sorted(needs)) or 'the child'}",
                    {**base, "detail": "qualification", "needs": sorted(needs)},
                )
            )
        elif not at_school:
            out.append(
                Unmet(
                    cid,
                    day,
                    slot,
                    "no_qualified_assistant",
                    f"no qualified assistant works at school {ch.school}",
                    {**base, "detail": "school", "school": ch.school, "needs": sorted(needs)},
                )
            )
        elif not present:
            out.append(
                Unmet(
                    cid,
                    day,
                    slot,
                    "no_qualified_assistant",
                    f"none of the {len(at_school)} qualified assistants at school {ch.school} is available in this slot",
                    {**base, "detail": "availability", "qualified": len(at_school)},
                )
            )
        else:
            free = [a for a in present if (a.id, day, slot) not in busy]
            exhausted = [a for a in free if load[a.id] >= a.max_slots_week]
            if not free:
                out.append(
                    Unmet(
                        cid,
                        day,
                        slot,
                        "group_limits",
                        f"all {len(present)} qualified assistants available in this slot serve other children "
                        f"then and group limits (1:1, max. group size {ch.group_limit}, same class) do not allow joining",
                        {**base, "busy": [a.id for a in present], "max_group": ch.group_limit},
                    )
                )
            elif len(exhausted) == len(free):
                out.append(
                    Unmet(
                        cid,
                        day,
                        slot,
                        "hours_exhausted",
                        f"the qualified assistants free in this slot ({', '.join(a.id for a in exhausted)}) "
                        f"have used up their weekly hours",
                        {**base, "assistants": [a.id for a in exhausted]},
                    )
                )
            else:
                out.append(
                    Unmet(
                        cid,
                        day,
                        slot,
                        "travel_or_continuity",
                        "a qualified assistant would be free but travel between schools on that day or "
                        f"the limit of {ch.max_assistants} different assistants for the child prevents it",
                        {**base, "max_assistants": ch.max_assistants},
                    )
                )
    return out
