"""Need versus supply for a tenant: supply from the directory, need from monitoring.

Need comes through :func:`need_values`, the one place that talks to the
monitoring module. It calls ``interprochance.monitoring.selectors.need_by_area`` for the
published (disclosure-controlled) SGB II quota of under-15s per area. Where
monitoring has no published values (e.g. a test that loads only the directory
demo), demo mode falls back to a synthetic need index labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings

from interprochance.core.models import Area, AreaLevel, Tenant
from interprochance.core.selectors import tenant_areas

from .coverage.matrix import AreaNeed, CoverageResult, Supply, coverage, heatmap_rows
from .models import field_to_codes
from .selectors import public_services
from .taxonomy import LIFE_PHASES, NEED_AREAS

#: The monitoring indicator that measures need (higher = more need), read through
#: monitoring's selectors; suppressed cells come back as None ("unknown need").
NEED_INDICATOR = "kinderarmut_sgb2_u15"
NEED_LABEL = "SGB-II-Quote unter 15 Jahren (%)"

#: Demo-only synthetic need index per Weiterstadt Sozialraum (higher = more need).
DEMO_NEED = {
    "06432023-01-1": 0.9,
    "06432023-01-2": 1.6,
    "06432023-02-1": 0.3,
    "06432023-02-2": 0.5,
    "06432023-03-1": 0.6,
    "06432023-03-2": 1.2,
    "06432023-04-1": -0.4,
    "06432023-05-1": 1.9,
}


@dataclass
class CoverageData:
    result: CoverageResult
    rows: list[dict[str, Any]]
    need_source: str
    need_synthetic: bool
    level: str


def need_values(
    tenant: Tenant, areas: list[Area]
) -> tuple[dict[str, tuple[float | None, str]], str, bool]:
    """(area code -> (value, label)), source description, synthetic?"""
    try:
        monitoring = import_module("interprochance.monitoring.selectors")
    except ModuleNotFoundError:
        monitoring = None
    need_by_area = getattr(monitoring, "need_by_area", None) if monitoring else None
    if need_by_area is not None and areas:
        try:
            published = need_by_area(NEED_INDICATOR, tenant=tenant, level=areas[0].level)
        except LookupError:
            published = {}
        if any(v is not None for v in published.values()):
            values = {a.code: (published.get(a.code), NEED_LABEL) for a in areas}
            return values, f"Monitoring: {NEED_LABEL} (veröffentlichte, geschützte Werte)", False
    if settings.DEMO_MODE:
        return (
            {a.code: (DEMO_NEED.get(a.code), "Bedarfsindex") for a in areas},
            "synthetischer Bedarfsindex (Demo, bis das Monitoring liefert)",
            True,
        )
    return {a.code: (None, "") for a in areas}, "kein Bedarfsindikator verfügbar", False


def coverage_for_tenant(tenant: Tenant) -> CoverageData:
    areas = list(tenant_areas(tenant, level=AreaLevel.SOZIALRAUM))
    level = "sozialraum"
    if not areas:
        areas = list(tenant_areas(tenant, level=AreaLevel.ORTSTEIL))
        level = "ortsteil"
    values, source, synthetic = need_values(tenant, areas)
    needs = [
        AreaNeed(
            a.code,
            a.name,
            values.get(a.code, (None, ""))[0],
            a.population,
            values.get(a.code, (None, ""))[1],
        )
        for a in areas
    ]
    # A location known only at Ortsteil level (no street-directory match) serves
    # every Sozialraum of that Ortsteil: counted there rather than dropped.
    children: dict[str, set[str]] = {}
    for area in areas:
        if area.parent is not None:
            children.setdefault(area.parent.code, set()).add(area.code)

    def expand(codes: set[str]) -> frozenset[str]:
        out = set(codes)
        for parent, kids in children.items():
            if parent in codes and not (kids & codes):
                out |= kids
        return frozenset(out)

    supply = [
        Supply(
            str(pk),
            expand(set(field_to_codes(codes))),
            frozenset(field_to_codes(phases)),
            frozenset(field_to_codes(need)),
            float(hours),
        )
        for pk, codes, phases, need, hours in public_services()
        .filter(tenant=tenant, status="active")
        .values_list("pk", "area_codes", "life_phases", "need_areas", "weekly_hours")
    ]
    result = coverage(
        needs, supply, life_phases=list(LIFE_PHASES.codes), need_areas=list(NEED_AREAS.codes)
    )
    return CoverageData(result, heatmap_rows(result), source, synthetic, level)
