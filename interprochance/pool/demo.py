"""Demo data of the pool module: the Landkreis pilot at Carl-Ulrich-Schule Weiterstadt
and two more real Weiterstadt primary schools. Schools are real (core territory);
children, identities, entitlements and assistants are synthetic and marked so.

Entitlements go through the real import (a generated CSV), plans through the
real optimiser, so the demo exercises the same paths as production.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from decimal import Decimal
from typing import Any

from interprochance.core.models import Institution

from . import services
from .models import Pool, PoolKind
from .optimizer.exchange import instance_to_dict
from .optimizer.generate import school_pool
from .optimizer.model import solve
from .selectors import pool_instance
from .texts import GERMAN_DAYS

FIRST = [
    "Mia",
    "Ben",
    "Emma",
    "Paul",
    "Hanna",
    "Leon",
    "Lina",
    "Finn",
    "Ella",
    "Noah",
    "Lea",
    "Elias",
    "Marie",
    "Luis",
    "Sofia",
    "Jonas",
]
LAST = [
    "Becker",
    "Schäfer",
    "Wagner",
    "Schmitt",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Krüger",
]
SCHOOLS = [
    ("Carl-Ulrich-Schule", "Pilot-Pool Carl-Ulrich-Schule", 18, 11, 11),
    ("Astrid-Lindgren-Schule", "Pool Astrid-Lindgren-Schule", 9, 5, 12),
    ("Schloss-Schule Gräfenhausen", "Pool Schloss-Schule Gräfenhausen", 7, 4, 13),
]
NEED_DE = {
    "care": "Pflege",
    "mobility": "Mobilität",
    "communication": "Kommunikation",
    "behaviour": "Verhalten",
    "structure": "Struktur",
}


def _times(support: tuple[tuple[str, int], ...]) -> str:
    by_day: dict[str, list[int]] = {}
    for d, s in support:
        by_day.setdefault(d, []).append(s + 1)
    return "; ".join(
        f"{GERMAN_DAYS[d]} {','.join(str(x) for x in sorted(v))}" for d, v in by_day.items()
    )


def _csv(inst: Any, rng: random.Random, year: int, prefix: str) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=",", quoting=csv.QUOTE_ALL)
    w.writerow(services.IMPORT_COLUMNS)
    for i, c in enumerate(inst.children):
        bearer = "ja" if c.cost_bearer == "JA" else "egh"
        hours = Decimal(len(c.support) * 45) / 60
        w.writerow(
            [
                f"{prefix}-{i + 1:02d}",
                rng.choice(FIRST),
                rng.choice(LAST),
                f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year - rng.randint(7, 10)}",
                c.klass,
                "35a" if bearer == "ja" else "112",
                bearer,
                f"{bearer.upper()}-{year}-{prefix}-{i + 1:03d}",
                f"01.08.{year - 1}",
                f"31.07.{year + 1}",
                str(hours.quantize(Decimal("0.01"))).replace(".", ","),
                "0",
                "0",
                "0",
                "Fachkraft" if len(c.needs) > 1 else "Assistenzkraft",
                "36,50" if len(c.needs) > 1 else "24,90",
                "Lebenshilfe Darmstadt-Dieburg (Demo)",
                ", ".join(NEED_DE[n] for n in c.needs),
                "ja" if c.consent else "nein",
                "ja" if c.exclusive else "nein",
                c.max_group,
                c.max_assistants,
                _times(c.support),
            ]
        )
    return out.getvalue().encode("utf-8")


def load(ctx: Any) -> str:
    tenant = ctx.landkreis
    if Pool.objects.filter(tenant=tenant).exists():
        return "Schulassistenz: bereits geladen"
    actor = ctx.users["demo-schulassistenz"]
    rng = random.Random(4711)
    year = date.today().year  # noqa: DTZ011 - demo data, a calendar year
    services.cost_bearer_ensure(
        actor=actor,
        tenant=tenant,
        code="ja",
        name="Jugendamt Landkreis Darmstadt-Dieburg (§ 35a SGB VIII)",
    )
    services.cost_bearer_ensure(
        actor=actor,
        tenant=tenant,
        code="egh",
        name="Eingliederungshilfe Landkreis Darmstadt-Dieburg (§ 112 SGB IX)",
    )
    made = []
    for n, (school_name, pool_name, n_children, n_assistants, seed) in enumerate(SCHOOLS):
        school = Institution.objects.filter(name=school_name, kind="schule").first()
        if school is None:
            continue
        pool = services.pool_create(
            actor=actor,
            tenant=tenant,
            name=pool_name,
            school=school,
            kind=PoolKind.CASE,
            provider="Lebenshilfe Darmstadt-Dieburg (Demo)",
            is_synthetic=True,
        )
        inst = school_pool(
            seed,
            n_children=n_children,
            n_assistants=n_assistants,
            n_classes=max(2, n_children // 3),
            planted=True,  # the assistants include a witness plan: the demo pool is feasible
        )
        for a in inst.assistants:
            services.assistant_save(
                actor=actor,
                tenant=tenant,
                data=services.AssistantInput(
                    code=f"{a.id[0]}{n + 1}-{a.id[1:]}",
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)} (Demo)",
                    provider="Lebenshilfe Darmstadt-Dieburg (Demo)",
                    qualifications=sorted(a.qualifications),
                    max_slots_week=a.max_slots_week,
                    hourly_cost=a.hourly_cost,
                    schools=[school],
                    available=None
                    if a.available is None
                    else sorted([d, s] for d, s in a.available),
                    is_synthetic=True,
                ),
            )
        services.entitlements_import(
            actor=actor,
            tenant=tenant,
            pool=pool,
            data=_csv(inst, rng, year, f"D{n + 1}"),
            filename="demo.csv",
        )
        from .models import Child

        Child.objects.filter(tenant=tenant, entitlements__pool=pool).update(is_synthetic=True)
        instance = pool_instance(pool)
        solution = solve(instance, time_limit=6)
        plan = services.plan_from_solution(
            actor=actor, pool=pool, instance=instance_to_dict(instance), solution=solution
        )
        if plan.is_valid:
            services.plan_publish(actor=actor, plan=plan)
            if n == 0:
                services.statement_create(
                    actor=actor,
                    pool=pool,
                    month=date(year, 3, 1),
                    school_weeks=Decimal(4),
                    cancelled_slots=3,
                )
        made.append(f"{pool.name}: {len(instance.children)} Kinder, Plan {solution.status}")
    return "Schulassistenz: " + "; ".join(made)
