"""Browser tests of the boundary upload (Sozialplanung): a bad file gives the German
messages and changes nothing, a good one is taken; and the demo's Sozialraum map
with its schematic boundaries. axe WCAG 2.1 AA on every page."""

from __future__ import annotations

import pytest

from interprochance.core.models import AreaLevel
from interprochance.core.tests.geojson import collection, squares_for

pytestmark = pytest.mark.browser

UTM = [[[470000, 5530000], [471000, 5530000], [471000, 5531000], [470000, 5530000]]]


def _ortsteile():
    from interprochance.core.models import Area

    weiterstadt = Area.objects.get(code="06432023")
    return list(Area.objects.filter(parent=weiterstadt, level=AreaLevel.ORTSTEIL).order_by("code"))


def _upload(ui, path) -> None:
    page = ui.page
    page.get_by_label("Ortsteile / Stadtteile").check()
    page.get_by_label("Datei (GeoJSON)").set_input_files(str(path))
    page.get_by_role("button", name="Prüfen und übernehmen").click()
    page.wait_for_load_state()
    ui.scan()


def test_upload_bad_then_good_boundary_file(ui, tmp_path):
    ortsteile = _ortsteile()
    before = {a.code: a.geometry for a in ortsteile}
    ui.login("demo-planung")
    ui.goto("/gebiete/")
    ui.page.get_by_role("link", name="Grenzen der Ortsteile und Sozialräume importieren").click()
    ui.page.wait_for_load_state()
    ui.scan()

    features = squares_for(ortsteile)
    features[2]["geometry"] = {"type": "Polygon", "coordinates": UTM}
    bad = tmp_path / "utm.geojson"
    bad.write_bytes(collection(features))
    _upload(ui, bad)
    alert = ui.page.get_by_role("alert").filter(has_text="Die Datei wurde nicht übernommen")
    text = alert.inner_text()
    assert "Feature 3 (Code „06432023-03“)" in text
    assert "Die Datei muss in WGS84 (EPSG:4326) vorliegen" in text
    assert {a.code: a.geometry for a in _ortsteile()} == before

    good = tmp_path / "ortsteile.geojson"
    good.write_bytes(collection(squares_for(ortsteile)))
    ui.page.get_by_label("Quelle / Namensnennung").fill("Stadt Weiterstadt (Browsertest)")
    _upload(ui, good)
    status = ui.page.get_by_role("status")
    assert "Grenzen für 5 Gebiete der Ebene „Ortsteil“ in Weiterstadt übernommen." in (
        status.inner_text()
    )
    table = ui.page.locator("table", has_text="Quelle der Grenzen")
    assert "Stadt Weiterstadt (Browsertest)" in table.inner_text()
    assert all(a.geometry != before[a.code] for a in _ortsteile())


def test_demo_sozialraum_map_says_its_boundaries_are_schematic(ui):
    from interprochance.core.demo import load_demo

    load_demo(only=["monitoring"])
    ui.goto("/monitoring/oeffentlich/?indikator=seu_uebergewicht&period=2024&level=sozialraum")
    figure = ui.page.locator("figure", has=ui.page.locator('svg[role="img"]')).first
    assert figure.locator('[aria-roledescription="geoshape"]').count() >= 8
    caption = figure.locator("figcaption").inner_text()
    assert "schematische Demo-Grenzen, keine amtlichen Grenzen" in caption
    assert "synthetische Demodaten" in caption
