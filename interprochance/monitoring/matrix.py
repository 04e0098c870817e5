"""Role-matrix examples: monitoring objects owned by Weiterstadt (ctx.tenant)."""

from __future__ import annotations

from typing import Any

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import Table

from . import services
from .models import QualityFlag


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    tenant = ctx.tenant
    sozialraum = (
        Area.objects.filter(level=AreaLevel.SOZIALRAUM, code__startswith=tenant.area.code).first()
        or tenant.area
    )
    table = Table(
        columns=list(services.IMPORT_COLUMNS),
        rows=[
            {
                "area_code": sozialraum.code,
                "period": "2024",
                "measure": "einwohner",
                "value": "850",
                "__row__": "2",
            }
        ],
    )
    plan = services.facts_plan(tenant=tenant, table=table)
    batch = services.facts_import(actor=None, tenant=tenant, plan=plan, label="Matrix-Import")
    flag = QualityFlag.objects.create(
        tenant=tenant,
        area=sozialraum,
        period="2024",
        subject="einwohner",
        rule="matrix",
        message="Matrix-Befund",
    )
    return {
        "monitoring:area_profile": {"code": sozialraum.code},
        "monitoring:area_profile_pdf": {"code": sozialraum.code},
        "monitoring:import_revert": {"pk": batch.pk},
        "monitoring:quality_flag": {"pk": flag.pk},
    }
