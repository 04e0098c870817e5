"""The status report's Gemeinde map (monitoring section): built from the
published figures, drawn for every Gemeinde, and a suppressed (small-number)
figure gets neither into the map's spec nor into the rendered SVG."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.governance.report.document import Chart
from interprochance.governance.report.generate import build_document, report_generate
from interprochance.monitoring import services

pytestmark = pytest.mark.django_db

HEADER = "area_code;period;measure;value\n"
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
# Messel: 2 of 23 children in SGB II; 2 is below the minimum count. Every other
# Gemeinde has at least 80 such children. The report maps the first public
# indicator by code with figures for most Gemeinden: the count of those children.
SECRET_GEMEINDE, SECRET_KIDS, SECRET_POOR = "Messel", 23, 2
TITLE = "Kinder unter 15 im SGB-II-Bezug (Anzahl) 2024 je Gemeinde"


def _import(tenant, rows: list[str]) -> None:
    table = read_table((HEADER + "\n".join(rows)).encode(), filename="werte.csv")
    plan = services.facts_plan(tenant=tenant, table=table, synthetic=True)
    services.facts_import(actor=None, tenant=tenant, plan=plan, label="Test")


def _load(core_demo) -> tuple[list[Area], Area, Area]:
    """2024 figures: Weiterstadt per Sozialraum (rolled up), the other Gemeinden as a
    whole (imported by the Landkreis) except the first, which has none.
    Returns (all Gemeinden, the suppressed one, the one without figures)."""
    weiterstadt = core_demo.weiterstadt.area
    sozialraeume = Area.objects.filter(
        level=AreaLevel.SOZIALRAUM, code__startswith=weiterstadt.code
    ).select_related("parent")
    rows, totals = [], {}
    for i, sr in enumerate(sozialraeume):
        for measure, v in (("kinder_u15", 300 + 10 * i), ("kinder_u15_sgb2", 40 + i)):
            rows.append(f"{sr.code};2024;{measure};{v}")
            for parent in (sr.parent.code, weiterstadt.code):
                totals[(parent, measure)] = totals.get((parent, measure), 0) + v
    rows += [f"{a};2024;{m};{v}" for (a, m), v in totals.items()]
    _import(core_demo.weiterstadt, rows)

    gemeinden = list(Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code"))
    missing = gemeinden[0]
    rows = []
    for i, g in enumerate(gemeinden[1:]):
        if g.pk == weiterstadt.pk:
            continue
        kids, poor = (
            (SECRET_KIDS, SECRET_POOR) if g.name == SECRET_GEMEINDE else (700 + 31 * i, 80 + 6 * i)
        )
        rows += [f"{g.code};2024;kinder_u15;{kids}", f"{g.code};2024;kinder_u15_sgb2;{poor}"]
    _import(core_demo.landkreis, rows)
    suppressed = next(g for g in gemeinden if g.name == SECRET_GEMEINDE)
    return gemeinden, suppressed, missing


def _gemeinde_map(doc) -> Chart:
    section = next(s for s in doc.sections if s.key == "monitoring")
    return next(b for b in section.blocks if isinstance(b, Chart) and "projection" in b.spec)


def _without_shapes(spec: dict) -> str:
    """The spec as JSON without the boundaries (their coordinates are numbers too)."""
    features = [{**f, "geometry": None} for f in spec["data"]["values"]]
    return json.dumps({**spec, "data": {"values": features}}, ensure_ascii=False, default=str)


def test_gemeinde_map_in_the_report_keeps_the_small_figure_out(core_demo):
    gemeinden, suppressed, missing = _load(core_demo)
    chart = _gemeinde_map(build_document(core_demo.weiterstadt, "yearly", START, END))
    assert chart.title == TITLE
    props = {f["properties"]["name"]: f["properties"] for f in chart.spec["data"]["values"]}
    assert set(props) == {g.name for g in gemeinden}
    assert props[suppressed.name]["value"] is None
    assert props[missing.name]["value"] is None
    assert props["Weiterstadt"]["value"] > 80  # the total of its Sozialräume
    assert all(p["value"] is None or p["value"] >= 80 for p in props.values())
    assert str(SECRET_POOR) not in re.findall(r"\d+", _without_shapes(chart.spec))
    assert f"{suppressed.name} " not in chart.alt_text


def test_report_html_has_the_gemeinde_map_with_legend_and_no_small_figure(core_demo):
    gemeinden, suppressed, _missing = _load(core_demo)
    report = report_generate(
        tenant=core_demo.weiterstadt, kind="yearly", start=START, end=END, actor=None
    )
    svg = next(
        m.group(0)
        for m in re.finditer(r"<svg role=\"img\".*?</svg>", report.html, flags=re.S)
        if f'aria-label="{TITLE}"' in m.group(0)
    )
    assert "<desc>Karte; höchste Werte: " in svg and "BKG (VG250)" in svg
    assert ">Anzahl</text>" in svg  # the legend, titled with the unit
    shapes = re.findall(r'<path aria-label="([^"]*)"[^>]*aria-roledescription="geoshape"', svg)
    # every Gemeinde is drawn: the suppressed one and the one without figures too
    assert len(shapes) == len(gemeinden) == 23
    assert shapes.count("Anzahl: gesperrt (.)") == 1
    assert shapes.count("Anzahl: keine Daten") == 1
    shown = [s for s in shapes if s not in ("Anzahl: gesperrt (.)", "Anzahl: keine Daten")]
    assert all(re.fullmatch(r"Anzahl: [\d,.]+", s) for s in shown), shown
    assert f"Anzahl: {SECRET_POOR}" not in shapes
    for text in ("gesperrt (.)", "keine Daten"):
        assert f">{text}</text>" in svg  # in the legend
    numbers = re.findall(r"\d+", "\n".join(shapes + re.findall(r">([^<>]+)</text>", svg)))
    assert str(SECRET_POOR) not in numbers
