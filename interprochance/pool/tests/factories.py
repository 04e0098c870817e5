"""Test data built through the real services (import, optimiser, publish, statement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from interprochance.core.models import Institution
from interprochance.pool import services
from interprochance.pool.models import Child, MonthStatement, Plan, Pool
from interprochance.pool.optimizer.exchange import instance_to_dict
from interprochance.pool.optimizer.model import solve
from interprochance.pool.selectors import pool_instance

HEADER = (
    "kennung;vorname;nachname;geburtsdatum;klasse;rechtsgrundlage;kostentraeger;aktenzeichen;gueltig_ab;gueltig_bis;"
    "std_unterricht;std_nachmittag;std_schulweg;std_ausfluege;qualifikation;stundensatz;leistungserbringer;bereiche;"
    "einwilligung;eins_zu_eins;max_gruppe;max_kraefte;zeiten"
)


def csv_rows(year: int, prefix: str = "T") -> str:
    y0, y1 = year - 1, year + 1
    rows = [
        f"{prefix}-01;Mia;Becker;03.04.2016;3a;35a;ja;JA-{prefix}-1;01.08.{y0};31.07.{y1};3;0;0;0;Assistenzkraft;24,90;Träger;Verhalten;ja;nein;3;2;Mo 1-2 | Di 1-2",
        f"{prefix}-02;Ben;Schäfer;;3a;112;egh;EGH-{prefix}-2;01.08.{y0};31.07.{y1};3;0;0;0;Assistenzkraft;24,90;Träger;Pflege;ja;nein;3;2;Mo 1-2 | Di 1-2",
        f"{prefix}-03;Ella;Koch;;3a;112;egh;EGH-{prefix}-3;01.08.{y0};31.07.{y1};1,5;0;0;0;Fachkraft;36,50;Träger;Pflege, Struktur;nein;nein;3;2;Mo 1 | Mi 1",
        f"{prefix}-04;Finn;Wolf;;1b;35a;ja;JA-{prefix}-4;01.08.{y0};31.07.{y1};1,5;0;0;0;Assistenzkraft;24,90;Träger;Struktur;ja;ja;1;1;Mo 1-2",
    ]
    return "\n".join([HEADER, *rows]) + "\n"


@dataclass
class Made:
    pool: Pool
    child: Child
    plan: Plan
    statement: MonthStatement | None


def make_pool(tenant: Any, actor: Any, *, prefix: str = "T") -> Pool:
    school = Institution.objects.filter(kind="schule").order_by("pk").first()
    assert school is not None
    services.cost_bearer_ensure(actor=actor, tenant=tenant, code="ja", name="Jugendamt (Test)")
    services.cost_bearer_ensure(
        actor=actor, tenant=tenant, code="egh", name="Eingliederungshilfe (Test)"
    )
    pool = services.pool_create(
        actor=actor, tenant=tenant, name=f"Testpool {prefix}", school=school, is_synthetic=True
    )
    for code, quals, cost in (
        ("A1", ["behaviour", "care", "structure"], "36.50"),
        ("A2", ["care", "structure"], "24.90"),
        ("A3", ["behaviour", "structure"], "22.80"),
    ):
        services.assistant_save(
            actor=actor,
            tenant=tenant,
            data=services.AssistantInput(
                code=f"{prefix}{code}",
                name=f"Kraft {code}",
                provider="Träger",
                qualifications=quals,
                max_slots_week=20,
                hourly_cost=Decimal(cost),
                schools=[school],
                is_synthetic=True,
            ),
        )
    services.entitlements_import(
        actor=actor,
        tenant=tenant,
        pool=pool,
        data=csv_rows(date.today().year, prefix).encode(),
        filename="test.csv",
    )
    return pool


def make_pool_with_plan(
    tenant: Any, actor: Any, *, prefix: str = "M", publish: bool = True
) -> Made:
    pool = make_pool(tenant, actor, prefix=prefix)
    instance = pool_instance(pool)
    plan = services.plan_from_solution(
        actor=actor,
        pool=pool,
        instance=instance_to_dict(instance),
        solution=solve(instance, time_limit=5),
    )
    statement = None
    if publish:
        services.plan_publish(actor=actor, plan=plan)
        statement = services.statement_create(
            actor=actor, pool=pool, month=date(date.today().year, 3, 1), school_weeks=Decimal(4)
        )
        plan = services.plan_copy(actor=actor, plan=plan)  # a draft to edit
    child = Child.objects.get(tenant=tenant, pseudonym=f"{prefix}-01")
    return Made(pool, child, plan, statement)
