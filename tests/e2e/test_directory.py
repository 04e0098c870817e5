"""Browser tests of the directory: the public finder with and without JavaScript,
on a phone, the detail page in Arabic (RTL), and the coordinator's pages; axe-clean."""

from __future__ import annotations

import re

import pytest

from interprochance.core.demo import load_demo


@pytest.fixture
def directory_demo(transactional_db):
    load_demo(only=["directory"])


def _search(ui, text: str) -> None:
    ui.page.get_by_label("Suchbegriff").fill(text)
    ui.page.get_by_role("button", name="Suchen").click()
    ui.page.wait_for_load_state()


def test_finder_with_javascript(ui, directory_demo):
    response = ui.goto("/angebote/")
    assert response.status == 200
    _search(ui, "Hausaufgaben")
    ui.scan()
    results = ui.page.locator(".dir-results h3")
    names = results.all_inner_texts()
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in names
    assert all("Hausaufgaben" in n for n in names[:2])
    ui.page.get_by_label("nur kostenlose Angebote").check()
    ui.page.get_by_label("Alter des Kindes (Jahre)").fill("7")
    ui.page.get_by_role("button", name="Suchen").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert "alter=7" in ui.page.url and "kostenlos=on" in ui.page.url
    ui.page.get_by_role("link", name="Hausaufgabenhilfe an der Carl-Ulrich-Schule").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.get_by_role("heading", name="In Leichter Sprache").is_visible()
    ui.page.get_by_role("link", name="العربية").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.locator("article[dir=rtl]").count() == 1
    ui.page.get_by_role("link", name="Druckansicht").click()
    ui.page.wait_for_load_state()
    ui.scan()
    ui.goto("/angebote/karte/?thema=bildung")
    assert ui.page.locator("figure svg").count() >= 1


def test_finder_without_javascript_on_a_phone(browser, live_server, directory_demo):
    from conftest import _ensure_core_demo
    from tests.e2e.conftest import UI

    _ensure_core_demo()
    context = browser.new_context(
        locale="de-DE",
        java_script_enabled=False,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    ui = UI(page, live_server.url)
    try:
        ui.goto("/angebote/", scan=False)
        page.get_by_label("Suchbegriff").fill("Hausaufgaben")
        page.get_by_label("Lebensphase").select_option("grundschule")
        page.get_by_role("button", name="Suchen").click()
        page.wait_for_load_state()
        assert re.search(r"lebensphase=grundschule", page.url)
        assert page.get_by_role(
            "link", name="Hausaufgabenhilfe an der Carl-Ulrich-Schule"
        ).is_visible()
        # nothing wider than the phone screen
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, width
        page.get_by_role("link", name="Hausaufgabenhilfe an der Carl-Ulrich-Schule").click()
        page.wait_for_load_state()
        assert page.get_by_text("Mo, Di, Do 13:00–15:00").is_visible()
    finally:
        context.close()
    # The same pages pass axe with JavaScript (axe itself needs it), at phone size.
    context = browser.new_context(
        locale="de-DE", viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    ui = UI(page, live_server.url)
    try:
        ui.goto("/angebote/?q=Hausaufgaben&lebensphase=grundschule")
        ui.goto("/angebote/?alter=99")
        assert page.get_by_text("Bitte ein Alter bis 27 angeben.").is_visible()
        assert not ui.csp_violations
    finally:
        context.close()


def test_coordinator_pages(ui, directory_demo):
    ui.login("demo-netzwerk")
    for path in (
        "/angebote/verwaltung/",
        "/angebote/vorschlaege/",
        "/angebote/netzwerk/",
        "/angebote/bedarf/",
        "/angebote/traeger/",
        "/angebote/import/",
        "/angebote/verwaltung/neu/",
    ):
        response = ui.goto(path)
        assert response.status == 200, path
    ui.goto("/angebote/vorschlaege/")
    ui.page.get_by_role("link", name="Lesepaten für Grundschulkinder").click()
    ui.page.wait_for_load_state()
    ui.scan()
    ui.page.get_by_role("button", name="Übernehmen und veröffentlichen").click()
    ui.page.wait_for_load_state()
    ui.scan()
    ui.goto("/angebote/?q=Lesepaten")
    assert ui.page.get_by_role("link", name="Lesepaten für Grundschulkinder").is_visible()


def test_provider_link_page_and_organization_page(ui, directory_demo):
    from interprochance.directory import services as act
    from interprochance.directory.models import Organization

    org = Organization.objects.get(name="Lernwerkstatt Weiterstadt e. V.")
    _link, token = act.provider_link_create(actor=None, organization=org, label="Browsertest")
    response = ui.goto(f"/angebote/mitmachen/{token}/")
    assert response.status == 200
    ui.page.get_by_label("Name des Angebots").fill("Lernpaten Braunshardt")
    ui.page.get_by_label("Beschreibung", exact=True).fill("Ehrenamtliche helfen beim Lernen.")
    ui.page.get_by_label("Grundschule").first.check()
    ui.page.get_by_label("Telefon").fill("123")
    ui.page.get_by_role("button", name="Vorschlag einreichen").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.get_by_text("keine gültige Telefonnummer").first.is_visible()
    ui.page.get_by_label("Telefon").fill("06150 123450")
    ui.page.get_by_role("button", name="Vorschlag einreichen").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.get_by_text(
        "Ihr Vorschlag wird von der Netzwerkkoordination geprüft"
    ).is_visible()
    ui.login("demo-netzwerk")
    ui.goto(f"/angebote/traeger/{org.pk}/")
