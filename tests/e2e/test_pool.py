"""Browser tests of the school-assistance pool: week plans as grids (school, assistant,
child), editing with the checker's verdict shown at once (htmx), publishing, a
substitution, the month statement per cost bearer and the pooled-vs-1:1 page.
Every page is scanned with axe (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from interprochance.pool.models import Plan, PlanStatus

pytestmark = pytest.mark.browser


@pytest.fixture
def pool_data(ui):
    from conftest import _ensure_core_demo
    from interprochance.pool.tests.factories import make_pool_with_plan

    demo = _ensure_core_demo()
    made = make_pool_with_plan(demo.landkreis, demo.users["demo-schulassistenz"], prefix="E")
    ui.login("demo-schulassistenz")
    return made


def test_plan_grid_edit_with_verdict_and_publish(ui, pool_data):
    page = ui.page
    ui.goto("/schulassistenz/")
    page.get_by_role("link", name=pool_data.pool.name).click()
    page.wait_for_load_state()
    ui.scan()
    ui.goto(f"/schulassistenz/plaene/{pool_data.plan.pk}/")
    assert page.get_by_text("Gültig: alle sieben Regeln sind eingehalten.").is_visible()
    assert page.get_by_role("table", name="Wochenplan der Schule").is_visible()

    # leave E-03 uncovered on Monday, 1st lesson: the verdict changes without a page load
    original = next(
        x["assistant"]
        for x in pool_data.plan.assignments
        if "E-03" in x["children"] and x["day"] == "mo" and x["slot"] == 0
    )
    page.locator("#id_edit-child").select_option("E-03")
    page.locator("#id_edit-day").select_option("mo")
    page.locator("#id_edit-slot").select_option("0")
    page.locator("#id_edit-assistant").select_option("")
    page.get_by_role("button", name="Ändern und prüfen").click()
    page.get_by_text("Der Plan ist nicht gültig").wait_for()
    assert page.get_by_text("Kind E-03 ist Mo, 1. Stunde nicht versorgt.").is_visible()
    ui.scan()
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text("kann nicht veröffentlicht werden").wait_for()
    ui.scan()

    # put E-03 back with its assistant: valid again, then publish
    page.locator("#id_edit-child").select_option("E-03")
    page.locator("#id_edit-day").select_option("mo")
    page.locator("#id_edit-slot").select_option("0")
    page.locator("#id_edit-assistant").select_option(original)
    page.get_by_role("button", name="Ändern und prüfen").click()
    page.get_by_text("Gültig: alle sieben Regeln sind eingehalten.").wait_for()
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text("Plan veröffentlicht.").wait_for()
    ui.scan()
    assert Plan.objects.get(pk=pool_data.plan.pk).status == PlanStatus.PUBLISHED

    # the grid of one assistant and of one child
    page.locator("#wer-kraft").select_option(original)
    page.get_by_role("button", name="Plan der Kraft").click()
    page.get_by_role("table", name=f"Wochenplan der Kraft {original}").wait_for()
    ui.scan()
    page.locator("#wer-kind").select_option("E-04")
    page.get_by_role("button", name="Plan des Kindes").click()
    page.get_by_role("table", name="Wochenplan des Kindes E-04").wait_for()
    ui.scan()
    with page.expect_download() as info:
        page.get_by_role("link", name="Drucken (PDF)").click()
    assert info.value.suggested_filename.endswith(".pdf")


def test_substitution_for_an_absent_assistant(ui, pool_data):
    page = ui.page
    published = Plan.objects.get(pool=pool_data.pool, status=PlanStatus.PUBLISHED)
    absent = published.assignments[0]["assistant"]
    ui.goto(f"/schulassistenz/plaene/{published.pk}/")
    page.locator("#id_vertretung-assistant").select_option(absent)
    page.locator("#id_vertretung-day").select_option(published.assignments[0]["day"])
    page.get_by_role("button", name="Vertretung planen").click()
    page.get_by_text("Vertretungsplan mit").wait_for()
    assert page.get_by_text("Vertretung:").first.is_visible()
    ui.scan()


def test_month_statement_per_cost_bearer_and_comparison(ui, pool_data):
    page = ui.page
    ui.goto(f"/schulassistenz/abrechnungen/{pool_data.statement.pk}/")
    assert page.get_by_text("So wurden die Kosten berechnet").is_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV für Eingliederungshilfe (Test)").click()
    assert info.value.suggested_filename.endswith("-egh.csv")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF für Jugendamt (Test)").click()
    assert info.value.suggested_filename.endswith("-ja.pdf")

    # a new statement with the other rule, from the form
    ui.goto(f"/schulassistenz/pools/{pool_data.pool.pk}/abrechnung/")
    page.get_by_label("Monat (erster Tag)").fill("01.04.2026")
    page.get_by_label("Regel der Kostenaufteilung").select_option("groups")
    page.get_by_role("button", name="Abrechnung erstellen").click()
    page.get_by_text("Monatsabrechnung erstellt.").wait_for()
    assert page.get_by_text("nach tatsächlich betreuten Gruppen").first.is_visible()
    ui.scan()

    ui.goto("/schulassistenz/vergleich/")
    assert page.get_by_text("Landkreis gesamt").is_visible()


def test_import_errors_are_shown_in_german(ui, pool_data, tmp_path):
    page = ui.page
    ui.goto(f"/schulassistenz/pools/{pool_data.pool.pk}/import/")
    bad = tmp_path / "bewilligungen.csv"
    bad.write_text(
        "klasse;rechtsgrundlage;kostentraeger;aktenzeichen;gueltig_ab;gueltig_bis;std_unterricht;stundensatz;bereiche;einwilligung;zeiten\n"
        "3a;40;xx;A-1;01.08.2025;31.07.2026;-2;24,90;ADHS;ja;Sa 1\n",
        encoding="utf-8",
    )
    page.get_by_label("Datei des Kostenträgers (CSV oder XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Prüfen und importieren").click()
    page.get_by_text("Probleme – nichts gespeichert").wait_for()
    assert page.get_by_text("Unbekannter Unterstützungsbereich „adhs“", exact=False).is_visible()
    ui.scan()
