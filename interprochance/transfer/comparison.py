"""Landkreis view: all Gemeinden side by side (GISD, INKAR unemployment,
own indicators where the monitoring module offers them, implementation
status and success conditions). Reads other modules through selectors only;
GISD and INKAR come from the reference data shipped in ``data/reference``
(the monitoring module's copy is used instead when it offers one)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from interprochance.core import charts
from interprochance.core.models import Tenant, TenantKind
from interprochance.core.selectors import gemeinden_of_landkreis


@lru_cache(maxsize=1)
def _gisd(path: str) -> dict[str, tuple[int, float]]:
    latest: dict[str, tuple[int, float]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gvb = row["gvb_id"]
            ags = gvb[:5] + gvb[6:]  # 064320023 -> 06432023
            year, score = int(row["year"]), float(row["gisd_score"])
            if ags not in latest or year > latest[ags][0]:
                latest[ags] = (year, score)
    return latest


@lru_cache(maxsize=1)
def _inkar(path: str) -> dict[str, dict[int, int]]:
    series: dict[str, dict[int, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["measure"] != "arbeitslose":
                continue
            series.setdefault(row["area_code"], {})[int(row["period"])] = int(float(row["value"]))
    return series


def reference_file(name: str) -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / name


@dataclass
class GemeindeRow:
    ags: str
    name: str
    population: int | None
    gisd_year: int | None = None
    gisd: float | None = None
    unemployed_year: int | None = None
    unemployed: int | None = None
    unemployed_change: int | None = None
    tenant: Tenant | None = None
    stages: dict[str, int] = field(default_factory=dict)
    conditions_mean: float | None = None
    indicators: dict[str, Any] = field(default_factory=dict)
    indicator_values: list[Any] = field(default_factory=list)


def compare_gemeinden(landkreis: Tenant, *, own: Tenant | None = None) -> dict[str, Any]:
    """``own``: restrict platform columns (implementations, self-assessments)
    to this Gemeinde tenant; None shows them for all."""
    from interprochance.transfer.registry import selectors_of as module_selectors

    gisd = _gisd(str(reference_file("gisd_ladadi.csv")))
    inkar = _inkar(str(reference_file("inkar_ladadi_arbeitslose.csv")))
    areas = [a for a in gemeinden_of_landkreis() if a.parent_id == landkreis.area_id]
    tenants = {
        t.area_id: t
        for t in Tenant.objects.filter(kind=TenantKind.GEMEINDE, area__in=areas)
        if own is None or t.pk == own.pk
    }
    rows = []
    for area in areas:
        row = GemeindeRow(
            ags=area.code, name=area.name, population=area.population, tenant=tenants.get(area.pk)
        )
        if area.code in gisd:
            row.gisd_year, row.gisd = gisd[area.code]
        series = inkar.get(area.code, {})
        if series:
            last = max(series)
            row.unemployed_year, row.unemployed = last, series[last]
            if last - 5 in series:
                row.unemployed_change = series[last] - series[last - 5]
        rows.append(row)
    participation = module_selectors("participation")
    with_tenant = [r.tenant for r in rows if r.tenant is not None]
    if participation is not None and with_tenant:
        counts = participation.stage_counts_by_tenant(with_tenant)
        for r in rows:
            if r.tenant is not None:
                r.stages = counts.get(r.tenant.pk, {})
    from interprochance.transfer.selectors import assessments_matrix

    matrix = assessments_matrix(landkreis, with_tenant)
    for r in rows:
        if r.tenant is None:
            continue
        ratings = [v["rating"] for (c, t), v in matrix["latest"].items() if t == r.tenant.pk]
        if ratings:
            r.conditions_mean = round(sum(ratings) / len(ratings), 1)
    indicator_columns: list[tuple[str, str]] = []
    monitoring = module_selectors("monitoring")
    if monitoring is not None and all(
        hasattr(monitoring, n) for n in ("indicators", "indicator_periods", "indicator_values")
    ):
        # published, disclosure-controlled values of the monitoring per Gemeinde
        for ind in monitoring.indicators(public_only=True).order_by("code"):
            periods = monitoring.indicator_periods(ind)
            if not periods:
                continue
            values = monitoring.indicator_values(ind, periods[-1], areas)
            if not any(v.value is not None for v in values):
                continue
            code = ind.code
            indicator_columns.append((code, f"{ind.label} ({ind.unit_label}, {periods[-1]})"))
            by_area = {v.area.code: v for v in values}
            for r in rows:
                v = by_area.get(r.ags)
                shown = (
                    "geschützt"
                    if v is not None and v.suppressed
                    else (
                        "–"
                        if v is None or v.value is None
                        else monitoring.fmt(v.value, ind.decimals)
                    )
                )
                r.indicators[code] = shown
            if len(indicator_columns) >= 3:
                break
    for r in rows:
        r.indicator_values = [r.indicators.get(code, "–") for code, _label in indicator_columns]
    rows.sort(key=lambda r: r.name)
    return {
        "rows": rows,
        "indicator_columns": indicator_columns,
        "matrix": matrix,
        "gisd_map": gisd_map_spec(areas, rows),
    }


def gisd_map_spec(areas: list[Any], rows: list[GemeindeRow]) -> dict[str, Any] | None:
    """Vega-Lite choropleth of the GISD score per Gemeinde (rendered to SVG on
    the server; the same values are in the table)."""
    shapes = [(a.code, a.name, a.geometry) for a in areas if a.geometry]
    if len(shapes) < 3:
        return None
    return charts.choropleth(
        shapes,
        {r.ags: r.gisd for r in rows},
        legend_title="GISD",
        scheme="oranges",
        width=460,
        height=420,
    )
