"""Maps below Gemeinde level: drawn once every Ortsteil (Sozialraum) has a boundary,
with the boundaries' source under the map, and small numbers still greyed out."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interprochance.core.models import Area, AreaLevel
from interprochance.core.territory import boundaries_import, boundary_areas
from interprochance.core.tests.geojson import collection, squares_for

from .helpers import import_values
from .test_map_views import _map_svg, _shapes

pytestmark = pytest.mark.django_db

QUERY = {"indikator": "kinderarmut_sgb2_u15", "period": "2024", "level": "ortsteil"}
# children under 15 and those in SGB II per Ortsteil; Riedbahn's 2 is a small number
COUNTS = {"01": (900, 120), "02": (700, 60), "03": (800, 50), "04": (300, 12), "05": (40, 2)}


def _load_ortsteile(tenant) -> None:
    rows = []
    for suffix, (kids, poor) in COUNTS.items():
        code = f"06432023-{suffix}"
        rows += [f"{code};2024;kinder_u15;{kids}", f"{code};2024;kinder_u15_sgb2;{poor}"]
    total = [sum(c[i] for c in COUNTS.values()) for i in (0, 1)]
    rows += [f"06432023;2024;kinder_u15;{total[0]}", f"06432023;2024;kinder_u15_sgb2;{total[1]}"]
    import_values(tenant, rows, synthetic=True)


def _caption(html: str) -> str:
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html, flags=re.S)
    assert caption is not None
    return " ".join(re.sub(r"<[^>]+>", " ", caption.group(1)).split())


def test_ortsteil_map_once_every_ortsteil_has_a_boundary(core_demo, client_as):
    gemeinde = core_demo.weiterstadt.area
    _load_ortsteile(core_demo.weiterstadt)
    ortsteile = boundary_areas(gemeinde, AreaLevel.ORTSTEIL)
    Area.objects.filter(pk=ortsteile[0].pk).update(geometry=None, geometry_source=None)
    client = client_as("demo-planung")
    html = client.get("/monitoring/indikator/", QUERY).content.decode()
    assert 'aria-roledescription="geoshape"' not in html  # one boundary missing: bars
    assert "<desc>Balkendiagramm" in html
    assert "Grenzen:" not in _caption(html)

    boundaries_import(
        data=collection(squares_for(ortsteile)),
        gemeinde=gemeinde,
        level=AreaLevel.ORTSTEIL,
        actor=None,
        attribution="Stadt Weiterstadt, Stadtplanung",
    )
    for page in (
        client.get("/monitoring/indikator/", QUERY),
        Client().get("/monitoring/oeffentlich/", QUERY),
    ):
        html = page.content.decode()
        shapes = _shapes(_map_svg(html))
        assert len(shapes) == 5
        # Sozialplanung sees Riedbahn's exact figure in its table, the map never
        assert "Klasse: gesperrt (.); Gebiet: Riedbahn; Wert: ." in shapes
        caption = _caption(html)
        assert "Grenzen: Stadt Weiterstadt, Stadtplanung" in caption
        assert "schematisch" not in caption


def test_demo_boundaries_draw_a_sozialraum_map_marked_schematic(core_demo):
    from interprochance.core.demo import load_demo

    load_demo(only=["monitoring"])
    query = {**QUERY, "indikator": "seu_uebergewicht", "level": "sozialraum"}
    html = Client().get("/monitoring/oeffentlich/", query).content.decode()
    shapes = _shapes(_map_svg(html))
    assert len(shapes) == 8
    assert any(s.startswith("Klasse: gesperrt (.); Gebiet: Riedbahn;") for s in shapes)
    caption = _caption(html)
    assert "synthetische Demodaten schematische Demo-Grenzen, keine amtlichen Grenzen" in caption
    english = Client(headers={"accept-language": "en"}).get("/monitoring/oeffentlich/", query)
    assert "schematic demo boundaries, not official boundaries" in _caption(
        english.content.decode()
    )
