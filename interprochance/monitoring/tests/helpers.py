"""Shared set-up of the monitoring tests: the demo's areas and a quick value import."""

from __future__ import annotations

from typing import Any

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.monitoring import services


def gemeinden() -> list[Area]:
    return list(Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code"))


def sozialraeume(core_demo: Any) -> list[Area]:
    """Weiterstadt's Sozialräume (the demo's only small areas)."""
    return list(
        Area.objects.valid_on()
        .filter(level=AreaLevel.SOZIALRAUM, code__startswith=core_demo.weiterstadt.area.code)
        .order_by("code")
    )


def import_values(tenant: Any, rows: list[str], *, synthetic: bool = False) -> None:
    """Import long-format rows "area_code;period;measure;value" through the real service."""
    table = read_table(
        ("area_code;period;measure;value\n" + "\n".join(rows)).encode(), filename="werte.csv"
    )
    plan = services.facts_plan(tenant=tenant, table=table, synthetic=synthetic)
    services.facts_import(actor=None, tenant=tenant, plan=plan, label="Test")
