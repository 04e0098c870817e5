"""Provenance of figures: a value is marked synthetic exactly when the import that
wrote it was synthetic, whatever the number. A real import of the same number
replaces the mark (and says so in the preview), and reverting an import restores
the mark it replaced, as it restores value and batch. Checked where the mark is
published: the public API and the public export."""

from __future__ import annotations

import pytest
from django.test import Client

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.monitoring import services
from interprochance.monitoring.models import Fact, FactChange

pytestmark = pytest.mark.django_db

QUERY = {"indicator": "gisd", "period": "2021", "level": "gemeinde"}


def _gemeinde() -> Area:
    return Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code").first()


def _plan(tenant, area: Area, value: str, *, synthetic: bool = False):
    table = read_table(
        f"area_code;period;measure;value\n{area.code};2021;gisd_score;{value}".encode(),
        filename="werte.csv",
    )
    return services.facts_plan(tenant=tenant, table=table, synthetic=synthetic)


def _import(tenant, area: Area, value: str, *, synthetic: bool = False):
    plan = _plan(tenant, area, value, synthetic=synthetic)
    return services.facts_import(actor=None, tenant=tenant, plan=plan, label="Test")


def _fact(area: Area) -> Fact:
    return Fact.objects.get(area=area, period="2021", measure__code="gisd_score")


def _api_synthetic(area: Area) -> bool:
    r = Client().get("/api/monitoring/values", QUERY)
    assert r.status_code == 200
    return next(v for v in r.json()["values"] if v["area_code"] == area.code)["synthetic"]


def _export_note(area: Area) -> str:
    r = Client().get(
        "/monitoring/oeffentlich/export/",
        {"indikator": "gisd", "period": "2021", "level": "gemeinde", "format": "csv"},
    )
    line = next(x for x in r.content.decode("utf-8-sig").splitlines() if area.code in x)
    return line.split(";")[-1]


def test_a_real_import_of_the_same_number_replaces_the_synthetic_mark(core_demo):
    landkreis, area = core_demo.landkreis, _gemeinde()
    demo = _import(landkreis, area, "0,5", synthetic=True)
    assert _api_synthetic(area) is True
    assert _export_note(area) == "synthetische Demodaten"

    plan = _plan(landkreis, area, "0,5")
    assert plan.counts == {"neu": 0, "geändert": 1, "unverändert": 0}
    real = services.facts_import(actor=None, tenant=landkreis, plan=plan, label="echt")
    fact = _fact(area)
    assert (fact.is_synthetic, fact.batch_id) == (False, real.pk)
    assert _api_synthetic(area) is False
    assert _export_note(area) == ""
    change = FactChange.objects.get(batch=real)
    assert (change.old_batch_id, change.old_synthetic) == (demo.pk, True)

    # the same real figures again: nothing to change
    assert _plan(landkreis, area, "0,5").counts["unverändert"] == 1

    assert services.import_revert(actor=None, batch=real) == 1
    fact = _fact(area)
    assert (fact.is_synthetic, fact.batch_id) == (True, demo.pk)
    assert _api_synthetic(area) is True


def test_reverting_a_real_import_over_synthetic_figures_marks_them_synthetic_again(core_demo):
    landkreis, area = core_demo.landkreis, _gemeinde()
    demo = _import(landkreis, area, "0,5", synthetic=True)
    real = _import(landkreis, area, "0,6")
    assert (_fact(area).is_synthetic, _api_synthetic(area)) == (False, False)
    services.import_revert(actor=None, batch=real)
    fact = _fact(area)
    assert (str(fact.value.normalize()), fact.is_synthetic, fact.batch_id) == ("0.5", True, demo.pk)
    assert _api_synthetic(area) is True
    assert _export_note(area) == "synthetische Demodaten"


def test_a_synthetic_import_over_real_figures_is_marked_and_reverts_to_real(core_demo):
    landkreis, area = core_demo.landkreis, _gemeinde()
    real = _import(landkreis, area, "0,5")
    plan = _plan(landkreis, area, "0,5", synthetic=True)
    assert plan.counts["geändert"] == 1
    demo = services.facts_import(actor=None, tenant=landkreis, plan=plan, label="Demo")
    assert (_fact(area).is_synthetic, _fact(area).batch_id) == (True, demo.pk)
    assert _api_synthetic(area) is True
    services.import_revert(actor=None, batch=demo)
    assert (_fact(area).is_synthetic, _fact(area).batch_id) == (False, real.pk)
    assert _api_synthetic(area) is False


def test_change_logs_from_before_the_mark_are_backfilled_from_the_demo_batch(core_demo):
    """Migration 0005: a change recorded before 0004 replaced a synthetic value
    exactly when the replaced value came from a demo batch."""
    import importlib

    from django.apps import apps

    from interprochance.monitoring.models import BatchKind

    backfill = importlib.import_module(
        "interprochance.monitoring.migrations.0005_factchange_old_synthetic_backfill"
    ).backfill
    landkreis, area = core_demo.landkreis, _gemeinde()
    demo = services.facts_import(
        actor=None,
        tenant=landkreis,
        plan=_plan(landkreis, area, "0,5", synthetic=True),
        label="Demo",
        kind=BatchKind.DEMO,
    )
    real = _import(landkreis, area, "0,6")
    later = _import(landkreis, area, "0,7")
    FactChange.objects.update(old_synthetic=False)  # as 0004 leaves them
    backfill(apps, None)
    assert FactChange.objects.get(batch=real).old_synthetic is True
    assert FactChange.objects.get(batch=later).old_synthetic is False
    services.import_revert(actor=None, batch=later)
    services.import_revert(actor=None, batch=real)
    assert (_fact(area).is_synthetic, _fact(area).batch_id) == (True, demo.pk)
