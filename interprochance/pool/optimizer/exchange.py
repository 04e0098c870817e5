"""Reading and writing the exchange format, with complete validation.

``parse_instance`` collects *every* problem it finds and raises one ``InputError``
listing them; it never raises anything else for bad data (wrong types, unknown
references, slots out of range, duplicate ids, negative hours, a child without
consent to joint provision that is allowed into groups ...).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .types import (
    INSTANCE_FORMAT,
    SOLUTION_FORMAT,
    STATUSES,
    Assignment,
    Assistant,
    Child,
    InputError,
    Instance,
    Problem,
    School,
    Solution,
    Unmet,
)

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# the largest money amount accepted (an hourly rate; court decisions show about 20-39 EUR)
_MAX_MONEY = Decimal("100000")


def minutes_of(hhmm: str) -> int:
    """'08:45' -> 525."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, path: str, **params: object) -> None:
        self.problems.append(Problem(code=code, message=message, path=path, params=params))

    # typed getters that record a problem and return a fallback instead of raising
    def string(
        self, obj: dict, key: str, path: str, *, required: bool = True, default: str = ""
    ) -> str:
        if key not in obj:
            if required:
                self.add("missing", f"'{key}' is missing", f"{path}.{key}", field=key)
            return default
        value = obj[key]
        if not isinstance(value, str) or (required and not value.strip()):
            self.add("type", f"'{key}' must be a non-empty text", f"{path}.{key}", field=key)
            return default
        return value

    def integer(
        self, obj: dict, key: str, path: str, *, minimum: int, default: int | None = None
    ) -> int | None:
        if key not in obj:
            if default is None:
                self.add("missing", f"'{key}' is missing", f"{path}.{key}", field=key)
            return default
        value = obj[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("type", f"'{key}' must be a whole number", f"{path}.{key}", field=key)
            return None
        if value < minimum:
            code = "negative" if value < 0 else "too_small"
            self.add(
                code,
                f"'{key}' must be at least {minimum}, got {value}",
                f"{path}.{key}",
                field=key,
                value=value,
                minimum=minimum,
            )
            return None
        return value

    def boolean(self, obj: dict, key: str, path: str, default: bool) -> bool:
        if key not in obj:
            return default
        value = obj[key]
        if not isinstance(value, bool):
            self.add("type", f"'{key}' must be true or false", f"{path}.{key}", field=key)
            return default
        return value

    def str_list(self, obj: dict, key: str, path: str, *, required: bool = False) -> list[str]:
        if key not in obj:
            if required:
                self.add("missing", f"'{key}' is missing", f"{path}.{key}", field=key)
            return []
        value = obj[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.add("type", f"'{key}' must be a list of texts", f"{path}.{key}", field=key)
            return []
        return value

    def slot_list(
        self, obj: dict, key: str, path: str, days: set[str], n_slots: int
    ) -> list[tuple[str, int]] | None:
        if key not in obj:
            return None
        value = obj[key]
        if not isinstance(value, list):
            self.add(
                "type", f"'{key}' must be a list of [day, slot] pairs", f"{path}.{key}", field=key
            )
            return []
        out: list[tuple[str, int]] = []
        seen: set[tuple[str, int]] = set()
        for i, pair in enumerate(value):
            p = f"{path}.{key}[{i}]"
            if (
                not isinstance(pair, list | tuple)
                or len(pair) != 2
                or not isinstance(pair[0], str)
                or isinstance(pair[1], bool)
                or not isinstance(pair[1], int)
            ):
                self.add("type", "a slot must be a [day, slot index] pair", p)
                continue
            day, slot = pair[0], pair[1]
            if day not in days:
                self.add("unknown_day", f"unknown day '{day}'", p, day=day)
                continue
            if not 0 <= slot < n_slots:
                self.add(
                    "slot_out_of_range",
                    f"slot {slot} is out of range 0..{n_slots - 1}",
                    p,
                    slot=slot,
                    n_slots=n_slots,
                )
                continue
            if (day, slot) in seen:
                self.add(
                    "duplicate_slot", f"slot ({day}, {slot}) is listed twice", p, day=day, slot=slot
                )
                continue
            seen.add((day, slot))
            out.append((day, slot))
        return out


def _records(c: _Collector, data: dict, key: str) -> list[tuple[str, dict]]:
    value = data.get(key)
    if not isinstance(value, list):
        c.add("missing" if value is None else "type", f"'{key}' must be a list", key, field=key)
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            c.add("type", "each entry must be an object", f"{key}[{i}]")
            continue
        out.append((f"{key}[{i}]", item))
    return out


def _unique_ids(c: _Collector, records: list[tuple[str, dict]], kind: str) -> None:
    seen: dict[str, str] = {}
    for path, rec in records:
        rid = rec.get("id")
        if not isinstance(rid, str) or not rid:
            c.add("missing", f"{kind} without an id", f"{path}.id", field="id")
            continue
        if rid in seen:
            c.add(
                "duplicate_id",
                f"duplicate {kind} id '{rid}' (also at {seen[rid]})",
                f"{path}.id",
                kind=kind,
                id=rid,
            )
        else:
            seen[rid] = path


def _money(c: _Collector, obj: dict, key: str, path: str) -> Decimal:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        c.add(
            "missing" if value is None else "type",
            f"'{key}' must be a number",
            f"{path}.{key}",
            field=key,
        )
        return Decimal("0")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        c.add("type", f"'{key}' must be a number", f"{path}.{key}", field=key)
        return Decimal("0")
    if not amount.is_finite():
        c.add("type", f"'{key}' must be a finite number", f"{path}.{key}", field=key)
        return Decimal("0")
    if amount < 0:
        c.add(
            "negative",
            f"'{key}' must not be negative, got {value}",
            f"{path}.{key}",
            field=key,
            value=str(value),
        )
        return Decimal("0")
    if amount > _MAX_MONEY:
        # also keeps quantize() below within the decimal context's precision
        c.add(
            "too_large",
            f"'{key}' must be at most {_MAX_MONEY} EUR, got {value}",
            f"{path}.{key}",
            field=key,
            value=str(value),
        )
        return Decimal("0")
    if amount != amount.quantize(Decimal("0.01")):
        c.add(
            "precision",
            f"'{key}' must be given in whole cents",
            f"{path}.{key}",
            field=key,
            value=str(value),
        )
        return Decimal("0")
    return amount


def parse_instance(data: Any) -> Instance:
    """Validate a decoded JSON instance and return it; raise InputError with all problems."""
    c = _Collector()
    if not isinstance(data, dict):
        raise InputError([Problem("type", "the instance must be a JSON object")])
    if data.get("format") != INSTANCE_FORMAT:
        c.add("format", f"'format' must be '{INSTANCE_FORMAT}'", "format", expected=INSTANCE_FORMAT)

    days = c.str_list(data, "days", "", required=True)
    if not days and "days" in data:
        c.add("empty", "'days' must not be empty", "days", field="days")
    if len(set(days)) != len(days):
        c.add("duplicate_id", "a day is listed twice", "days", kind="day", id=",".join(days))
    slots = c.str_list(data, "slots", "", required=True)
    if not slots and "slots" in data:
        c.add("empty", "'slots' must not be empty", "slots", field="slots")
    slot_minutes = c.integer(data, "slot_minutes", "", minimum=1)
    starts_ok = True
    for i, s in enumerate(slots):
        if not _TIME.match(s):
            c.add("time", f"slot '{s}' must be a time HH:MM", f"slots[{i}]", value=s)
            starts_ok = False
    if starts_ok and slot_minutes:
        for i in range(1, len(slots)):
            if minutes_of(slots[i]) < minutes_of(slots[i - 1]) + slot_minutes:
                c.add(
                    "slot_overlap",
                    f"slot '{slots[i]}' starts before slot '{slots[i - 1]}' ends",
                    f"slots[{i}]",
                    value=slots[i],
                )
    day_set, n_slots = set(days), len(slots)

    # schools
    school_recs = _records(c, data, "schools")
    _unique_ids(c, school_recs, "school")
    school_ids = {r["id"] for _, r in school_recs if isinstance(r.get("id"), str)}
    schools = []
    for path, rec in school_recs:
        travel: dict[str, int] = {}
        raw = rec.get("travel_minutes", {})
        if not isinstance(raw, dict):
            c.add(
                "type", "'travel_minutes' must map school ids to minutes", f"{path}.travel_minutes"
            )
            raw = {}
        for other, minutes in raw.items():
            if other not in school_ids:
                c.add(
                    "unknown_school",
                    f"unknown school '{other}' in travel_minutes",
                    f"{path}.travel_minutes.{other}",
                    school=other,
                )
            elif isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
                c.add(
                    "negative"
                    if isinstance(minutes, int) and not isinstance(minutes, bool)
                    else "type",
                    "travel minutes must be a whole number >= 0",
                    f"{path}.travel_minutes.{other}",
                    value=str(minutes),
                )
            else:
                travel[other] = minutes
        schools.append(
            School(
                id=str(rec.get("id", "")),
                name=rec.get("name", "") if isinstance(rec.get("name", ""), str) else "",
                travel_minutes=travel,
            )
        )

    # children
    child_recs = _records(c, data, "children")
    _unique_ids(c, child_recs, "child")
    children = []
    for path, rec in child_recs:
        school = c.string(rec, "school", path)
        if school and school not in school_ids:
            c.add(
                "unknown_school",
                f"child '{rec.get('id')}' belongs to unknown school '{school}'",
                f"{path}.school",
                school=school,
                child=rec.get("id"),
            )
        klass = c.string(rec, "class", path)
        exclusive = c.boolean(rec, "exclusive", path, False)
        consent = c.boolean(rec, "consent", path, True)
        max_group = c.integer(rec, "max_group", path, minimum=1, default=1) or 1
        max_assistants = c.integer(rec, "max_assistants", path, minimum=1, default=1) or 1
        if not consent and not exclusive and max_group > 1:
            c.add(
                "no_consent_grouped",
                f"child '{rec.get('id')}' has no consent to joint provision but may be grouped (max_group {max_group})",
                f"{path}.max_group",
                child=rec.get("id"),
                max_group=max_group,
            )
        support = c.slot_list(rec, "support", path, day_set, n_slots)
        if support is None:
            c.add("missing", "'support' is missing", f"{path}.support", field="support")
            support = []
        children.append(
            Child(
                id=str(rec.get("id", "")),
                school=school,
                klass=klass,
                cost_bearer=c.string(rec, "cost_bearer", path, required=False),
                legal_basis=c.string(rec, "legal_basis", path, required=False),
                needs=tuple(sorted(set(c.str_list(rec, "needs", path)))),
                exclusive=exclusive,
                max_group=max_group,
                max_assistants=max_assistants,
                support=tuple(support),
                consent=consent,
            )
        )

    # assistants
    assistant_recs = _records(c, data, "assistants")
    _unique_ids(c, assistant_recs, "assistant")
    assistants = []
    for path, rec in assistant_recs:
        a_schools = c.str_list(rec, "schools", path, required=True)
        for s in a_schools:
            if s not in school_ids:
                c.add(
                    "unknown_school",
                    f"assistant '{rec.get('id')}' works at unknown school '{s}'",
                    f"{path}.schools",
                    school=s,
                    assistant=rec.get("id"),
                )
        available = c.slot_list(rec, "available", path, day_set, n_slots)
        assistants.append(
            Assistant(
                id=str(rec.get("id", "")),
                qualifications=frozenset(c.str_list(rec, "qualifications", path)),
                max_slots_week=c.integer(rec, "max_slots_week", path, minimum=0) or 0,
                hourly_cost=_money(c, rec, "hourly_cost", path),
                schools=tuple(dict.fromkeys(a_schools)),
                available=None if available is None else frozenset(available),
            )
        )

    # previous assignments
    child_ids = {ch.id for ch in children}
    assistant_ids = {a.id for a in assistants}
    previous = []
    raw_prev = data.get("previous", [])
    if not isinstance(raw_prev, list):
        c.add("type", "'previous' must be a list", "previous")
        raw_prev = []
    for i, item in enumerate(raw_prev):
        p = f"previous[{i}]"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("child"), str)
            or not isinstance(item.get("assistant"), str)
        ):
            c.add("type", "each previous assignment needs 'child' and 'assistant'", p)
            continue
        if item["child"] not in child_ids:
            c.add(
                "unknown_child",
                f"unknown child '{item['child']}'",
                f"{p}.child",
                child=item["child"],
            )
        elif item["assistant"] not in assistant_ids:
            c.add(
                "unknown_assistant",
                f"unknown assistant '{item['assistant']}'",
                f"{p}.assistant",
                assistant=item["assistant"],
            )
        else:
            previous.append((item["child"], item["assistant"]))

    if c.problems:
        raise InputError(c.problems)
    return Instance(
        days=tuple(days),
        slots=tuple(slots),
        slot_minutes=int(slot_minutes or 0),
        schools=tuple(schools),
        children=tuple(children),
        assistants=tuple(assistants),
        previous=tuple(dict.fromkeys(previous)),
    )


def loads_instance(text: str) -> Instance:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem("json", f"not valid JSON: {exc}")]) from None
    return parse_instance(data)


def _money_out(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def instance_to_dict(inst: Instance) -> dict:
    return {
        "format": INSTANCE_FORMAT,
        "days": list(inst.days),
        "slots": list(inst.slots),
        "slot_minutes": inst.slot_minutes,
        "schools": [
            {"id": s.id, "name": s.name, "travel_minutes": dict(s.travel_minutes)}
            for s in inst.schools
        ],
        "children": [
            {
                "id": ch.id,
                "school": ch.school,
                "class": ch.klass,
                "cost_bearer": ch.cost_bearer,
                "legal_basis": ch.legal_basis,
                "needs": list(ch.needs),
                "exclusive": ch.exclusive,
                "max_group": ch.max_group,
                "max_assistants": ch.max_assistants,
                "support": [[d, s] for d, s in ch.support],
                **({} if ch.consent else {"consent": False}),
            }
            for ch in inst.children
        ],
        "assistants": [
            {
                "id": a.id,
                "qualifications": sorted(a.qualifications),
                "max_slots_week": a.max_slots_week,
                "hourly_cost": float(a.hourly_cost),
                "schools": list(a.schools),
                **(
                    {}
                    if a.available is None
                    else {
                        "available": [
                            [d, s]
                            for d, s in sorted(
                                a.available, key=lambda p: (inst.days.index(p[0]), p[1])
                            )
                        ]
                    }
                ),
            }
            for a in inst.assistants
        ],
        "previous": [{"child": k, "assistant": a} for k, a in inst.previous],
    }


def solution_to_dict(sol: Solution) -> dict:
    out: dict[str, Any] = {
        "format": SOLUTION_FORMAT,
        "status": sol.status,
        "assignments": [
            {"assistant": a.assistant, "day": a.day, "slot": a.slot, "children": list(a.children)}
            for a in sol.assignments
        ],
        "objective": {"cost": _money_out(sol.cost), "assistant_slots": sol.assistant_slots},
        "lower_bound": {"cost": None if sol.lower_bound is None else _money_out(sol.lower_bound)},
        "unmet": [
            {
                "child": u.child,
                "day": u.day,
                "slot": u.slot,
                "reason": u.reason,
                "message": u.message,
                **({"params": u.params} if u.params else {}),
            }
            for u in sol.unmet
        ],
    }
    if sol.lower_bound_method:
        out["lower_bound"]["method"] = sol.lower_bound_method
    if sol.info:
        out["info"] = sol.info
    return out


def parse_solution(data: Any) -> Solution:
    """Structural validation of a solution. References and rules are the checker's job."""
    c = _Collector()
    if not isinstance(data, dict):
        raise InputError([Problem("type", "the solution must be a JSON object")])
    if data.get("format") != SOLUTION_FORMAT:
        c.add("format", f"'format' must be '{SOLUTION_FORMAT}'", "format", expected=SOLUTION_FORMAT)
    status = data.get("status")
    if status not in STATUSES:
        c.add("status", f"'status' must be one of {', '.join(STATUSES)}", "status")
    assignments = []
    for path, rec in _records(c, data, "assignments"):
        assistant = c.string(rec, "assistant", path)
        day = c.string(rec, "day", path)
        slot = rec.get("slot")
        if isinstance(slot, bool) or not isinstance(slot, int):
            c.add("type", "'slot' must be a whole number", f"{path}.slot")
            continue
        kids = c.str_list(rec, "children", path, required=True)
        assignments.append(
            Assignment(assistant=assistant, day=day, slot=slot, children=tuple(kids))
        )
    unmet = []
    for i, rec in enumerate(data.get("unmet") or []):
        if (
            isinstance(rec, dict)
            and isinstance(rec.get("child"), str)
            and isinstance(rec.get("day"), str)
            and isinstance(rec.get("slot"), int)
        ):
            unmet.append(
                Unmet(
                    child=rec["child"],
                    day=rec["day"],
                    slot=rec["slot"],
                    reason=str(rec.get("reason", "")),
                    message=str(rec.get("message", "")),
                )
            )
        else:
            c.add("type", "each unmet entry needs child, day and slot", f"unmet[{i}]")
    cost = Decimal("0")
    objective = data.get("objective")
    if (
        isinstance(objective, dict)
        and isinstance(objective.get("cost"), int | float)
        and not isinstance(objective.get("cost"), bool)
    ):
        cost = Decimal(str(objective["cost"]))
    lb = None
    lower = data.get("lower_bound")
    if (
        isinstance(lower, dict)
        and isinstance(lower.get("cost"), int | float)
        and not isinstance(lower.get("cost"), bool)
    ):
        lb = Decimal(str(lower["cost"]))
    if c.problems:
        raise InputError(c.problems)
    return Solution(
        status=str(status),
        assignments=assignments,
        cost=cost,
        lower_bound=lb,
        unmet=unmet,
        info=dict(data["info"]) if isinstance(data.get("info"), dict) else {},
    )


def loads_solution(text: str) -> Solution:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem("json", f"not valid JSON: {exc}")]) from None
    return parse_solution(data)
