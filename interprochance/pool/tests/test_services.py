from datetime import date
from decimal import Decimal

import pytest

from interprochance.core.models import AuditEvent
from interprochance.core.tabular import Problems
from interprochance.pool import services
from interprochance.pool.models import Child, ChildIdentity, Entitlement, MonthStatement, PlanStatus
from interprochance.pool.optimizer.exchange import instance_to_dict
from interprochance.pool.selectors import pool_instance
from interprochance.pool.services import PoolError

from .factories import HEADER, csv_rows, make_pool, make_pool_with_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(core_demo):
    return core_demo.users["demo-schulassistenz"]


@pytest.fixture
def tenant(core_demo):
    return core_demo.landkreis


def test_import_creates_children_identities_and_entitlements(tenant, actor):
    pool = make_pool(tenant, actor)
    assert Entitlement.objects.filter(pool=pool).count() == 4
    assert ChildIdentity.objects.filter(child__tenant=tenant).count() == 4
    e = Entitlement.objects.get(file_number="EGH-T-3")
    assert e.consent_joint is False and e.group_limit == 1
    assert e.needs == ["care", "structure"] and e.support == [["mo", 0], ["we", 0]]
    assert e.hours_lessons == Decimal("1.5")
    assert AuditEvent.objects.filter(action="pool.entitlements_import").count() == 1


def test_instance_carries_pseudonyms_only(tenant, actor):
    pool = make_pool(tenant, actor)
    text = str(instance_to_dict(pool_instance(pool)))
    for secret in ("Becker", "Schäfer", "Mia", "JA-T-1", "03.04.2016", "2016-04-03"):
        assert secret not in text
    assert "T-01" in text


@pytest.mark.parametrize(
    ("row_change", "expected"),
    [
        (("35a;ja", "35a;xx"), "Unbekannter Kostenträger"),
        ((";3;0;0;0;Assistenzkraft", ";-3;0;0;0;Assistenzkraft"), "Negative Werte"),
        (("Mo 1-2 | Di 1-2", "Mo 1-9"), "außerhalb des Stundenrasters"),
        (("Mo 1-2 | Di 1-2", "Sa 1"), "keine gültige Zeitangabe"),
        (("Verhalten", "ADHS"), "keine Diagnosen"),
        ((";ja;nein;3;2", ";vielleicht;nein;3;2"), "„ja“ oder „nein“"),
        (("01.08.", "32.13."), "Datum"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(tenant, actor, row_change, expected):
    pool = make_pool(tenant, actor, prefix="P")
    before = (Entitlement.objects.count(), Child.objects.count(), AuditEvent.objects.count())
    text = csv_rows(date.today().year, prefix="Q")
    lines = text.splitlines()
    lines[1] = lines[1].replace(*row_change, 1)
    with pytest.raises(Problems) as info:
        services.entitlements_import(
            actor=actor,
            tenant=tenant,
            pool=pool,
            data=("\n".join(lines) + "\n").encode(),
            filename="x.csv",
        )
    messages = [str(p) for p in info.value.items]
    assert any(expected in m for m in messages), messages
    assert any(m.startswith("Zeile 2") for m in messages)
    assert (
        Entitlement.objects.count(),
        Child.objects.count(),
        AuditEvent.objects.count(),
    ) == before


def test_duplicate_file_number_and_too_many_support_hours(tenant, actor):
    pool = make_pool(tenant, actor, prefix="D")
    text = csv_rows(date.today().year, prefix="D")  # same file numbers again
    with pytest.raises(Problems) as info:
        services.entitlements_import(
            actor=actor, tenant=tenant, pool=pool, data=text.encode(), filename="x.csv"
        )
    assert sum("schon erfasst" in str(p) for p in info.value.items) == 4
    lines = csv_rows(date.today().year, prefix="E").splitlines()
    lines[1] = lines[1].replace("Mo 1-2 | Di 1-2", "Mo 1-8")  # 6 hours against 3 entitled
    with pytest.raises(Problems) as info:
        services.entitlements_import(
            actor=actor,
            tenant=tenant,
            pool=pool,
            data=("\n".join(lines)).encode(),
            filename="x.csv",
        )
    assert any("übersteigen die bewilligten Stunden" in str(p) for p in info.value.items)


def test_missing_columns_and_garbage_file(tenant, actor):
    pool = make_pool(tenant, actor, prefix="G")
    with pytest.raises(Problems):
        services.entitlements_import(
            actor=actor, tenant=tenant, pool=pool, data=b"a;b\n1;2\n", filename="x.csv"
        )
    with pytest.raises(Problems):
        services.entitlements_import(
            actor=actor, tenant=tenant, pool=pool, data=b"\x00\x01PK garbage", filename="x.xlsx"
        )
    assert HEADER.startswith("kennung")


def test_plan_publish_edit_and_consent(tenant, actor):
    made = make_pool_with_plan(tenant, actor)
    draft = made.plan
    assert draft.status == PlanStatus.DRAFT and draft.is_valid
    # M-03 has no consent to joint provision: putting it into M-02's group breaks rule 3
    m2 = next(
        x
        for x in draft.assignments
        if "M-02" in x["children"] and x["day"] == "mo" and x["slot"] == 0
    )
    plan = services.plan_assignment_set(
        actor=actor, plan=draft, child="M-03", day="mo", slot=0, assistant=m2["assistant"]
    )
    assert any(
        v["code"] == "exclusive_grouped" and v["params"]["child"] == "M-03" for v in plan.violations
    )
    with pytest.raises(PoolError):
        services.plan_publish(actor=actor, plan=plan)
    # leaving a slot open breaks rule 1
    plan = services.plan_assignment_set(
        actor=actor, plan=plan, child="M-03", day="mo", slot=0, assistant=""
    )
    assert {v["code"] for v in plan.violations} == {"not_covered"}
    with pytest.raises(PoolError):
        services.plan_assignment_set(
            actor=actor, plan=plan, child="M-03", day="fr", slot=5, assistant="MA1"
        )


def test_substitution_and_statement(tenant, actor):
    made = make_pool_with_plan(tenant, actor, prefix="S")
    published = made.pool.plans.get(status=PlanStatus.PUBLISHED)
    used = published.assignments[0]["assistant"]
    day = published.assignments[0]["day"]
    new, changes = services.plan_substitute(
        actor=actor, plan=published, assistant=used, day=day, time_limit=5
    )
    assert not any(x["assistant"] == used and x["day"] == day for x in new.assignments)
    assert changes
    st = MonthStatement.objects.get(pool=made.pool)
    amounts = sum(Decimal(b["amount"]) for b in st.result["bearers"])
    assert amounts == st.total_cost
    with pytest.raises(PoolError):
        services.statement_create(
            actor=actor, pool=made.pool, month=st.month, school_weeks=Decimal(4)
        )


def test_substitution_solves_with_the_configured_threads(tenant, actor, settings, monkeypatch):
    """The substitution runs in the request; it uses POOL_SOLVER_WORKERS threads like the
    background optimisation (it used to solve with one)."""
    import importlib

    replan_module = importlib.import_module("interprochance.pool.optimizer.replan")

    made = make_pool_with_plan(tenant, actor, prefix="W")
    published = made.pool.plans.get(status=PlanStatus.PUBLISHED)
    seen: list[int] = []
    real = replan_module.solve_component

    def spy(*args, **kwargs):
        seen.append(kwargs["workers"])
        return real(*args, **kwargs)

    monkeypatch.setattr(replan_module, "solve_component", spy)
    settings.POOL_SOLVER_WORKERS = 3
    used = published.assignments[0]["assistant"]
    services.plan_substitute(
        actor=actor,
        plan=published,
        assistant=used,
        day=published.assignments[0]["day"],
        time_limit=3,
    )
    assert seen == [3]


def test_demo_loads_real_schools_with_synthetic_children(core_demo):
    from io import StringIO

    from interprochance.core.demo import load_demo
    from interprochance.pool.models import Child, Pool

    load_demo(only=["pool"], stdout=StringIO())
    pools = Pool.objects.filter(tenant=core_demo.landkreis)
    assert pools.filter(school__name="Carl-Ulrich-Schule").exists()
    assert all(p.is_synthetic for p in pools)
    assert not Child.objects.filter(tenant=core_demo.landkreis, is_synthetic=False).exists()
    assert pools.filter(plans__status=PlanStatus.PUBLISHED).exists()


def test_import_from_xlsx(tenant, actor):
    import io

    from openpyxl import Workbook

    pool = make_pool(tenant, actor, prefix="X")
    wb = Workbook()
    ws = wb.active
    lines = csv_rows(date.today().year, prefix="Y").splitlines()
    for line in lines:
        ws.append(line.split(";"))
    buf = io.BytesIO()
    wb.save(buf)
    n = services.entitlements_import(
        actor=actor, tenant=tenant, pool=pool, data=buf.getvalue(), filename="kt.xlsx"
    )
    assert n == 4
    assert Entitlement.objects.filter(pool=pool, file_number="EGH-Y-3").exists()


def test_monitoring_provider_counts_without_personal_data(tenant, actor):
    from interprochance.core import providers

    make_pool(tenant, actor, prefix="R")
    provider = providers.get("pool")
    assert provider is not None
    values = list(provider.collect(tenant.slug, str(date.today().year)))
    by_measure = {(v.area_code, v.measure): v.value for v in values}
    kids = [v for (a, m), v in by_measure.items() if m == "schulassistenz_kinder"]
    assert sum(kids) == 4
    hours = [v for (a, m), v in by_measure.items() if m == "schulassistenz_stunden"]
    assert sum(hours) == 9  # 3 + 3 + 1.5 + 1.5
    assert {m for _a, m in by_measure} >= {
        "schulassistenz_kinder_care",
        "schulassistenz_kinder_behaviour",
    }


def test_one_to_one_comparison_is_priced_at_the_approved_rates(tenant, actor):
    """1:1 means one assistant per child at its entitlement's hourly rate (what the cost
    bearer pays without the pool), in the plan, the month statement and the comparison;
    the migration recomputes stored figures the same way."""
    import importlib

    from django.apps import apps

    from interprochance.pool import selectors

    made = make_pool_with_plan(tenant, actor, prefix="R")
    expected = sum(
        (
            Decimal(len(e.support)) * Decimal(45) / Decimal(60) * e.hourly_rate
            for e in Entitlement.objects.filter(pool=made.pool)
        ),
        Decimal(0),
    )
    published = made.pool.plans.get(status=PlanStatus.PUBLISHED)
    assert published.baseline == expected.quantize(Decimal("0.01"))
    st = MonthStatement.objects.get(pool=made.pool)
    assert st.baseline_cost == (expected * 4).quantize(Decimal("0.01"))
    rows, _total = selectors.comparison(tenant)
    assert next(r for r in rows if r.pool == made.pool).baseline == published.baseline

    migration = importlib.import_module(
        "interprochance.pool.migrations.0002_baseline_at_approved_rates"
    )
    made.pool.plans.update(baseline=Decimal(1))
    MonthStatement.objects.filter(pool=made.pool).update(baseline_cost=Decimal(1))
    migration.forwards(apps, None)
    published.refresh_from_db()
    st.refresh_from_db()
    assert published.baseline == expected.quantize(Decimal("0.01"))
    assert st.baseline_cost == (expected * 4).quantize(Decimal("0.01"))
