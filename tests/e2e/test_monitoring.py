"""Browser tests of the monitoring: the public page (protected values only, map,
sources), the internal indicator page with map and ranking, the area profile,
the import with its per-row messages; axe WCAG 2.1 AA on every page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def monitoring_demo(ui):
    from interprochance.core.demo import load_demo

    load_demo(only=["monitoring"])
    return ui


def test_public_page_shows_protected_values_and_map(monitoring_demo):
    ui = monitoring_demo
    response = ui.goto("/monitoring/oeffentlich/")
    assert response.status == 200
    page = ui.page
    # The Gemeinde map (server-rendered SVG with an accessible name) is there.
    assert page.locator("figure svg[role=img]").count() >= 1
    # The periods offered are those of the indicator shown, so choose it first
    # (the page opens on the best-covered indicator, GISD, whose last year is 2021).
    page.get_by_label("Indikator").select_option("seu_uebergewicht")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    page.get_by_label("Zeitraum").select_option("2024")
    page.get_by_label("Ebene").select_option("ortsteil")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    ui.scan()
    table = page.locator("table").first
    assert "gesperrt" in table.inner_text()
    riedbahn = table.locator("tr", has_text="Riedbahn")
    assert riedbahn.locator("td").nth(1).inner_text().strip() == "."
    assert page.get_by_text("synthetische Demodaten").first.is_visible()
    assert page.get_by_role("heading", name="Quellen und Definitionen").is_visible()


def test_indicator_map_and_profile_for_sozialplanung(monitoring_demo):
    ui = monitoring_demo
    ui.login("demo-planung")
    ui.goto("/monitoring/")
    page = ui.page
    page.get_by_role("link", name="Sozioökonomische Deprivation (GISD)").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.locator("figure svg[role=img]").first.is_visible()
    page.get_by_label("Klassenbildung").select_option("jenks")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.locator("table").nth(1).locator("tbody tr").count() == 23
    ui.goto("/monitoring/indikator/?indikator=kinderarmut_sgb2_u15&level=sozialraum&period=2024")
    assert page.get_by_text("Interne Ansicht").first.is_visible()
    page.get_by_role("link", name="Riedbahn").first.click()
    page.wait_for_load_state()
    ui.scan()
    assert page.get_by_role("heading", name="Sozialraumprofil: Riedbahn").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_gremium_sees_dots_and_import_errors_are_per_row(monitoring_demo, tmp_path):
    ui = monitoring_demo
    ui.login("demo-gremium")
    ui.goto("/monitoring/indikator/?indikator=seu_uebergewicht&level=ortsteil&period=2024")
    page = ui.page
    row = page.locator("table", has_text="Rangfolge").locator("tr", has_text="Riedbahn")
    assert row.locator("td").nth(1).inner_text().strip() == "."
    assert page.get_by_text("Interne Ansicht").count() == 0
    ui.logout()
    ui.login("demo-planung")
    ui.goto("/monitoring/import/")
    bad = tmp_path / "werte.csv"
    bad.write_text(
        "area_code;period;measure;value\n06432023-05-1;2024;einwohner;-3\n"
        "06432023-05-1;1800;einwohner;5\n",
        encoding="cp1252",
    )
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state()
    ui.scan()
    alert = page.get_by_role("alert")
    assert "Zeile 2" in alert.inner_text() and "nicht negativ" in alert.inner_text()
    assert "Zeile 3" in alert.inner_text()


def test_index_quality_rules_and_import_list_pages(monitoring_demo):
    ui = monitoring_demo
    ui.login("demo-planung")
    page = ui.page
    ui.goto("/monitoring/index/?level=sozialraum")
    assert page.get_by_role("heading", name="Status-Index").is_visible()
    assert page.locator("table").count() == 1
    ui.goto("/monitoring/index/?level=sozialraum&indikatoren=gibtsnicht")
    assert "Unbekannte Indikatoren" in page.get_by_role("alert").inner_text()
    ui.goto("/monitoring/qualitaet/")
    page.get_by_label("Zeitraum").select_option("2024")
    page.get_by_role("button", name="Prüfung starten").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.locator("table tbody tr").count() >= 1
    ui.goto("/monitoring/geheimhaltung/")
    page.get_by_label("Mindestfallzahl").fill("5")
    page.get_by_label("Mindestgröße der Bezugsgröße für Quoten").fill("4")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.get_by_text("nicht kleiner als die Mindestfallzahl").is_visible()
    ui.goto("/monitoring/importe/")
    assert page.get_by_text("Kleinräumige Werte Weiterstadt").is_visible()


def test_comparison_with_hessen_public_and_in_the_landkreis_profile(monitoring_demo):
    """Vergleich mit Hessen: reached from the public page, two charts with an
    accessible name and description, the tables with the real INKAR figures and
    the source line; in English via the language switch; the Landkreis profile
    shows the latest year. axe WCAG 2.1 AA on every page."""
    ui = monitoring_demo
    page = ui.page
    ui.goto("/monitoring/oeffentlich/")
    page.get_by_role("link", name="Vergleich mit Hessen").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.get_by_role("heading", name="Vergleich mit Hessen", level=1).is_visible()
    charts = page.locator("figure svg[role=img]")
    assert charts.count() == 2
    assert "im Vergleich mit den Kreisen Hessens" in (
        charts.first.get_attribute("aria-label") or ""
    )
    # 2021, school leavers without a qualification: Landkreis 4.99 %, median of the 26
    # Kreise 5.645 %, minimum 2.6, maximum 9.14, rank 9 (lower is better)
    row = page.locator("table", has_text="Schulabgänger ohne Abschluss").locator(
        "tr", has_text="2021"
    )
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells == ["5,0", "5,6", "2,6", "9,1", "26", "9 von 26"]
    assert page.get_by_text("Quelle: INKAR, BBSR Bonn (dl-de/by-2-0)").first.is_visible()
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Ändern").click()
    page.wait_for_load_state()
    ui.scan()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Comparison with Hesse", level=1).is_visible()
    assert page.get_by_text("9 of 26").first.is_visible()
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    ui.login("demo-gremium")
    ui.goto("/monitoring/gebiet/06432/")
    profile = page.locator("table", has_text="Letztes Jahr mit Werten")
    assert "9 von 26" in profile.inner_text()
    assert page.get_by_role("heading", name="Vergleich mit Hessen").is_visible()
