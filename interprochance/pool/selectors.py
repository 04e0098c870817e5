"""Reads of the pool module for views, commands, the API and other apps.

The optimiser's instance is built here from pseudonyms only: no name, no birth
date and no file number ever leaves through ``pool_instance``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from interprochance.core.models import Tenant

from .models import (
    LEGAL_BASIS_EXCHANGE,
    Assistant,
    Child,
    Entitlement,
    MonthStatement,
    Plan,
    PlanStatus,
    Pool,
)
from .optimizer.exchange import instance_to_dict, parse_instance
from .optimizer.types import Assistant as OAssistant
from .optimizer.types import Child as OChild
from .optimizer.types import Instance, School


def pools_for(tenant: Tenant) -> QuerySet[Pool]:
    return (
        Pool.objects.filter(tenant=tenant)
        .select_related("school", "school__area")
        .annotate(n_children=Count("entitlements__child", distinct=True))
        .order_by("name")
    )


def active_entitlements(pool: Pool, on: date | None = None) -> QuerySet[Entitlement]:
    on = on or timezone.localdate()
    return (
        Entitlement.objects.filter(pool=pool, valid_from__lte=on, valid_to__gte=on)
        .select_related("child", "cost_bearer")
        .order_by("child__pseudonym", "-valid_from")
    )


def pool_children(pool: Pool, on: date | None = None) -> list[Entitlement]:
    """One current entitlement per child (the latest starting), pseudonyms only."""
    seen: set[int] = set()
    out = []
    for e in active_entitlements(pool, on):
        if e.child_id not in seen:
            seen.add(e.child_id)
            out.append(e)
    return out


def approved_rates(
    pool: Pool, first: date | None = None, last: date | None = None
) -> dict[str, Decimal]:
    """Per child pseudonym, the hourly rate of its latest entitlement in the pool (valid at
    some day of ``first``..``last`` when given): what its cost bearer pays for one-to-one
    support, the price of the 1:1 comparison."""
    entitlements = Entitlement.objects.filter(pool=pool)
    if first is not None and last is not None:
        entitlements = entitlements.filter(valid_from__lte=last, valid_to__gte=first)
    out: dict[str, Decimal] = {}
    for pseudonym, rate in entitlements.order_by("valid_from", "pk").values_list(
        "child__pseudonym", "hourly_rate"
    ):
        out[pseudonym] = rate  # a later entitlement replaces an earlier one
    return out


def pool_assistants(pool: Pool) -> QuerySet[Assistant]:
    return (
        Assistant.objects.filter(tenant=pool.tenant, schools=pool.school)
        .order_by("code")
        .distinct()
    )


def plans_of(pool: Pool) -> QuerySet[Plan]:
    return Plan.objects.filter(pool=pool).select_related("created_by").order_by("-version")


def published_plan(pool: Pool) -> Plan | None:
    return Plan.objects.filter(pool=pool, status=PlanStatus.PUBLISHED).first()


def child_detail(child: Child) -> Child:
    return (
        Child.objects.select_related("school", "identity")
        .prefetch_related(
            Prefetch(
                "entitlements",
                queryset=Entitlement.objects.select_related("cost_bearer", "pool").order_by(
                    "-valid_from"
                ),
            )
        )
        .get(pk=child.pk)
    )


def pool_instance(pool: Pool, on: date | None = None) -> Instance:
    """The pool as an optimiser instance (exchange format), pseudonyms only."""
    school_id = f"S{pool.school_id}"
    kids = []
    for e in pool_children(pool, on):
        kids.append(
            OChild(
                id=e.child.pseudonym,
                school=school_id,
                klass=e.child.school_class,
                cost_bearer=e.cost_bearer.code,
                legal_basis=LEGAL_BASIS_EXCHANGE.get(e.legal_basis, e.legal_basis),
                needs=tuple(sorted(set(e.needs))),
                exclusive=e.exclusive,
                max_group=e.group_limit,
                max_assistants=e.max_assistants,
                support=tuple((d, int(s)) for d, s in e.support),
                consent=e.consent_joint,
            )
        )
    helpers = []
    for a in pool_assistants(pool):
        helpers.append(
            OAssistant(
                id=a.code,
                qualifications=frozenset(a.qualifications),
                max_slots_week=a.max_slots_week,
                hourly_cost=Decimal(a.hourly_cost),
                schools=(school_id,),
                available=None
                if a.available is None
                else frozenset((d, int(s)) for d, s in a.available),
            )
        )
    previous: list[tuple[str, str]] = []
    current = published_plan(pool)
    if current:
        kid_ids = {k.id for k in kids}
        helper_ids = {h.id for h in helpers}
        previous = sorted(
            {
                (k, x["assistant"])
                for x in current.assignments
                for k in x["children"]
                if k in kid_ids and x["assistant"] in helper_ids
            }
        )
    inst = Instance(
        days=("mo", "tu", "we", "th", "fr"),
        slots=tuple(pool.slot_list),
        slot_minutes=pool.slot_minutes,
        schools=(School(school_id, pool.school.name),),
        children=tuple(kids),
        assistants=tuple(helpers),
        previous=tuple(previous),
    )
    # round trip through the validator: the same checks as for a file from outside
    return parse_instance(instance_to_dict(inst))


def plan_instance(plan: Plan) -> Instance:
    return parse_instance(plan.instance)


# ---- grids ------------------------------------------------------------------------------


@dataclass
class Cell:
    entries: list[dict[str, Any]]
    needed: bool = False


def plan_grid(plan: Plan, *, view: str = "school", key: str = "") -> dict[str, Any]:
    """Rows = lessons, columns = days. view: school (everything), assistant (one), child (one)."""
    inst = plan.instance
    days = inst["days"]
    slots = inst["slots"]
    grid = [[Cell([]) for _ in days] for _ in slots]
    day_index = {d: i for i, d in enumerate(days)}
    if view == "child":
        for c in inst["children"]:
            if c["id"] == key:
                for d, s in c["support"]:
                    grid[s][day_index[d]].needed = True
    for x in plan.assignments:
        if x["day"] not in day_index or not 0 <= x["slot"] < len(slots):
            continue
        if view == "assistant" and x["assistant"] != key:
            continue
        if view == "child" and key not in x["children"]:
            continue
        grid[x["slot"]][day_index[x["day"]]].entries.append(x)
    return {"days": days, "rows": [(i, slots[i], grid[i]) for i in range(len(slots))]}


def plan_loads(plan: Plan) -> list[tuple[str, int, int]]:
    caps = {a["id"]: a["max_slots_week"] for a in plan.instance["assistants"]}
    loads: dict[str, int] = defaultdict(int)
    for x in plan.assignments:
        loads[x["assistant"]] += 1
    return [(a, loads.get(a, 0), caps[a]) for a in sorted(caps)]


# ---- comparison pooled vs 1:1 --------------------------------------------------------------


@dataclass
class CompareRow:
    pool: Pool
    children: int
    support_hours: Decimal  # child hours per week needing support (= 1:1 assistant hours)
    pooled_hours: Decimal  # assistant hours per week in the plan
    baseline: Decimal  # 1:1 cost per week
    cost: Decimal  # pooled cost per week
    plan: Plan | None

    @property
    def saving(self) -> Decimal:
        return self.baseline - self.cost

    @property
    def saving_pct(self) -> Decimal:
        return (
            (100 * self.saving / self.baseline).quantize(Decimal("0.1"))
            if self.baseline
            else Decimal(0)
        )


def comparison(tenant: Tenant) -> tuple[list[CompareRow], CompareRow | None]:
    rows = []
    for pool in Pool.objects.filter(tenant=tenant).select_related("school").order_by("name"):
        plan = published_plan(pool) or plans_of(pool).first()
        if plan is None:
            continue
        minutes = Decimal(plan.instance["slot_minutes"])
        support = sum(len(c["support"]) for c in plan.instance["children"])
        rows.append(
            CompareRow(
                pool=pool,
                children=len(plan.instance["children"]),
                support_hours=(support * minutes / 60).quantize(Decimal("0.01")),
                pooled_hours=(len(plan.assignments) * minutes / 60).quantize(Decimal("0.01")),
                baseline=plan.baseline,  # 1:1 at the approved rates, fixed with the plan
                cost=plan.cost,
                plan=plan,
            )
        )
    if not rows:
        return rows, None
    total = CompareRow(
        pool=None,  # type: ignore[arg-type]
        children=sum(r.children for r in rows),
        support_hours=sum((r.support_hours for r in rows), Decimal(0)),
        pooled_hours=sum((r.pooled_hours for r in rows), Decimal(0)),
        baseline=sum((r.baseline for r in rows), Decimal(0)),
        cost=sum((r.cost for r in rows), Decimal(0)),
        plan=None,
    )
    return rows, total


def statements_of(pool: Pool) -> QuerySet[MonthStatement]:
    return MonthStatement.objects.filter(pool=pool).select_related("plan").order_by("-month")


# ---- monitoring ----------------------------------------------------------------------------


def monitoring_counts(tenant_slug: str, period: str | None) -> dict[tuple[str, str, str], int]:
    """Children and entitled hours per Gemeinde (AGS) of the school and calendar year."""
    year = int(period[:4]) if period and period[:4].isdigit() else timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = Entitlement.objects.filter(
        Q(pool__tenant__slug=tenant_slug) | Q(pool__school__tenant__slug=tenant_slug),
        valid_from__lte=end,
        valid_to__gte=start,
    ).select_related("child__school__area", "child__school__tenant__area")
    children: dict[str, set[int]] = defaultdict(set)
    hours: dict[str, Decimal] = defaultdict(Decimal)
    per_area: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in qs:
        tenant_area = e.child.school.tenant.area if e.child.school.tenant_id else None
        code = tenant_area.code if tenant_area else ""
        if not code:
            continue
        children[code].add(e.child_id)
        hours[code] += e.hours_total
        for need in e.needs:
            per_area[(code, need)].add(e.child_id)
    out: dict[tuple[str, str, str], int] = {}
    for code, ids in children.items():
        out[(code, str(year), "schulassistenz_kinder")] = len(ids)
        out[(code, str(year), "schulassistenz_stunden")] = int(hours[code].to_integral_value())
    for (code, need), ids in per_area.items():
        out[(code, str(year), f"schulassistenz_kinder_{need}")] = len(ids)
    return out
