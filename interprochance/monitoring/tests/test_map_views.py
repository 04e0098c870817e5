"""The Gemeinde map of the monitoring pages, rendered through the views: every
Gemeinde is drawn, the legend is complete, and a suppressed (small-number)
figure never gets into the map, not even for Sozialplanung, which sees the
exact figure in the table below it."""

from __future__ import annotations

import json
import re

import pytest

from interprochance.core import charts
from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.monitoring import services

pytestmark = pytest.mark.django_db

INDICATOR = "kinderarmut_sgb2_u15"
QUERY = {"indikator": INDICATOR, "period": "2024", "level": "gemeinde"}
# Weiterstadt: 2 of 23 children in SGB II (8.695... %, shown "8,7"); 2 is below the
# minimum count, so the cell is suppressed. The other Gemeinden lie between 11 and 15 %.
SECRET_KIDS, SECRET_POOR = 23, 2
SECRET_TEXTS = ("8,7", "8.7", "8,69", "8.69", "8,70", "8.70")


def _gemeinden() -> list[Area]:
    return list(Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code"))


def _load_gemeinden(core_demo) -> tuple[Area, Area]:
    """Children under 15 and those in SGB II per Gemeinde for 2024, imported by the
    Landkreis: Weiterstadt has a small count, the first Gemeinde has no figures.
    Returns (the suppressed Gemeinde, the Gemeinde without figures)."""
    gemeinden = _gemeinden()
    weiterstadt = core_demo.weiterstadt.area
    missing = gemeinden[0]
    rows = []
    for i, g in enumerate(gemeinden[1:]):
        kids, poor = (
            (SECRET_KIDS, SECRET_POOR) if g.pk == weiterstadt.pk else (800 + 37 * i, 90 + 7 * i)
        )
        rows += [f"{g.code};2024;kinder_u15;{kids}", f"{g.code};2024;kinder_u15_sgb2;{poor}"]
    table = read_table(
        ("area_code;period;measure;value\n" + "\n".join(rows)).encode(), filename="werte.csv"
    )
    landkreis = core_demo.landkreis
    plan = services.facts_plan(tenant=landkreis, table=table, synthetic=True)
    services.facts_import(actor=None, tenant=landkreis, plan=plan, label="Test")
    return weiterstadt, missing


def _map_svg(html: str) -> str:
    """The map's SVG in a page (the page may hold other charts)."""
    for match in re.finditer(r"<svg role=\"img\".*?</svg>", html, flags=re.S):
        if 'aria-roledescription="geoshape"' in match.group(0):
            return match.group(0)
    raise AssertionError("no map on the page")


def _shapes(svg: str) -> list[str]:
    """The aria-labels of the drawn areas (they carry the tooltip: name and value)."""
    return re.findall(r'<path aria-label="([^"]*)"[^>]*aria-roledescription="geoshape"', svg)


def _texts(svg: str) -> str:
    """Everything a reader (or a screen reader) gets from the SVG: labels and text."""
    return "\n".join(re.findall(r'aria-label="([^"]*)"', svg) + re.findall(r">([^<>]+)<", svg))


@pytest.fixture
def specs(monkeypatch) -> list[dict]:
    """The Vega-Lite specs the views hand to the SVG renderer."""
    seen: list[dict] = []
    render = charts.svg

    def spy(spec, **kwargs):
        seen.append(spec)
        return render(spec, **kwargs)

    monkeypatch.setattr(charts, "svg", spy)
    return seen


def _map_spec(specs: list[dict]) -> dict:
    return next(s for s in specs if s.get("projection"))


def _without_shapes(spec: dict) -> str:
    """The spec as JSON without the boundaries (their coordinates are numbers too)."""
    features = [{**f, "geometry": None} for f in spec["data"]["values"]]
    return json.dumps({**spec, "data": {"values": features}}, ensure_ascii=False, default=str)


def test_indicator_page_map_shows_every_gemeinde_but_not_the_exact_small_figure(
    core_demo, client_as, specs
):
    suppressed, missing = _load_gemeinden(core_demo)
    page = client_as("demo-planung").get("/monitoring/indikator/", QUERY)
    assert page.status_code == 200
    html = page.content.decode()
    # Sozialplanung sees the exact figure of its own Gemeinde in the table ...
    rows = [r for r in re.findall(r"<tr.*?</tr>", html, flags=re.S) if f">{suppressed.name}<" in r]
    assert any('<td class="kern-table__cell">8,7</td>' in r and "exakter Wert" in r for r in rows)

    # ... but the map is the published one: no value, no class, just "gesperrt (.)".
    svg = _map_svg(html)
    assert 'role="img" aria-label="Kinderarmut: Kinder unter 15 im SGB-II-Bezug 2024' in svg
    assert "<desc>Karte; die Werte stehen in der Tabelle darunter.</desc>" in svg
    shapes = _shapes(svg)
    gemeinden = _gemeinden()
    assert len(shapes) == len(gemeinden) == 23
    for g in gemeinden:
        assert sum(f"Gebiet: {g.name};" in s for s in shapes) == 1, g.name
    assert f"Klasse: gesperrt (.); Gebiet: {suppressed.name}; Wert: ." in shapes
    assert f"Klasse: keine Daten; Gebiet: {missing.name}; Wert: –" in shapes
    for label in ("Klasse", "gesperrt (.)", "keine Daten"):
        assert f">{label}</text>" in svg
    assert len(re.findall(r">\d+,\d bis \d+,\d</text>", svg)) == 5  # the data classes
    assert 'fill="#8c8c8c"' in svg  # drawn in the colour of the suppressed class
    readable = _texts(svg)
    for secret in SECRET_TEXTS:
        assert secret not in readable

    spec = _map_spec(specs)
    props = {f["properties"]["name"]: f["properties"] for f in spec["data"]["values"]}
    assert props[suppressed.name] == {"name": suppressed.name, "value": "gesperrt (.)", "text": "."}
    dumped = _without_shapes(spec)
    for secret in SECRET_TEXTS:
        assert secret not in dumped


def test_public_page_map_hides_the_small_figure(core_demo, specs):
    from django.test import Client

    suppressed, _missing = _load_gemeinden(core_demo)
    html = Client().get("/monitoring/oeffentlich/", QUERY).content.decode()
    svg = _map_svg(html)
    shapes = _shapes(svg)
    assert len(shapes) == 23
    assert f"Klasse: gesperrt (.); Gebiet: {suppressed.name}; Wert: ." in shapes
    readable = _texts(svg)
    for secret in SECRET_TEXTS:
        assert secret not in readable
    dumped = _without_shapes(_map_spec(specs))
    for secret in SECRET_TEXTS:
        assert secret not in dumped


def test_map_labels_in_english(core_demo):
    from django.test import Client

    suppressed, missing = _load_gemeinden(core_demo)
    client = Client(headers={"accept-language": "en"})
    svg = _map_svg(client.get("/monitoring/oeffentlich/", QUERY).content.decode())
    shapes = _shapes(svg)
    assert f"Class: suppressed (.); Area: {suppressed.name}; Value: ." in shapes
    assert f"Class: no data; Area: {missing.name}; Value: –" in shapes
    for label in ("Class", "suppressed (.)", "no data"):
        assert f">{label}</text>" in svg
    for german in ("Klasse", "gesperrt", "keine Daten"):
        assert german not in svg
    # the level in the map's title follows the reader's language (it was fixed at import)
    assert "(Municipalities)" in svg and "(Gemeinden)" not in svg
