"""Browser tests of counselling: the public appointment form, and the flow
intake -> consent -> referral -> closure (with the German messages for bad
input), the receiving office accepting; axe WCAG 2.1 AA on every page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def counseling_demo(ui):
    from interprochance.core.demo import load_demo

    load_demo(only=["counseling"])
    return ui


def test_public_appointment_request(counseling_demo):
    ui = counseling_demo
    assert ui.goto("/beratung/termin/").status == 200
    page = ui.page
    page.get_by_label("Beratungsstelle").select_option(index=1)
    page.get_by_label("Worum geht es?").select_option("housing")
    page.get_by_label("In welcher Sprache möchten Sie beraten werden?").fill("Arabisch")
    page.get_by_label("Telefon", exact=True).check()
    page.get_by_label("Telefonnummer oder E-Mail-Adresse").fill("06150 987654")
    page.wait_for_timeout(3500)  # the time trap refuses forms sent within 3 seconds
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url("**/termin/danke/")
    ui.scan()
    assert page.get_by_role("heading", name=re.compile("Vielen Dank")).is_visible()


def test_intake_referral_closure(counseling_demo):
    ui = counseling_demo
    page = ui.page
    ui.login("demo-beratung-a")
    ui.goto("/beratung/")
    page.get_by_role("link", name="Neuer Fall").click()
    page.wait_for_url("**/faelle/neu/")
    ui.scan()
    page.get_by_label("Name der Kontaktperson").fill("Test Familie")
    page.locator("#id_address").fill("Darmstädter Straße 10, 64331 Weiterstadt")
    page.locator("#id_phone").fill("06150 4711")
    page.get_by_label("Wohnen").check()
    page.get_by_role("button", name="Fall anlegen").click()
    page.wait_for_url(re.compile(r".*/beratung/faelle/\d+/$"))
    ui.scan()
    assert page.get_by_text("Test Familie").first.is_visible()

    # a referral without consent is refused with a clear message
    page.get_by_text("Vermitteln", exact=True).click()
    form = page.locator("form[action$='/vermittlung/']")
    form.get_by_label("Vermitteln an").select_option(
        label="Beratungsstelle: Beratungsstelle Gräfenhausen (Demo)"
    )
    form.get_by_label("Kontaktdaten (Name, Telefon, E-Mail)").check()
    form.get_by_role("button", name="Vermittlung senden").click()
    assert page.get_by_text(re.compile("Keine gültige Einwilligung")).first.is_visible()
    ui.scan()

    # record the consent, then refer
    page.get_by_text("Einwilligung erfassen", exact=True).click()
    form = page.locator("form[action$='/einwilligung/']")
    form.get_by_label("Empfänger").select_option(
        label="Beratungsstelle: Beratungsstelle Gräfenhausen (Demo)"
    )
    form.get_by_label("Kontaktdaten (Name, Telefon, E-Mail)").check()
    form.get_by_label("Anliegen, Themen und Ziele").check()
    form.get_by_label("Form der Einwilligung").select_option("written")
    form.get_by_role("button", name="Einwilligung speichern").click()
    assert page.get_by_text("Einwilligung erfasst.").is_visible()
    page.get_by_text("Vermitteln", exact=True).click()
    form = page.locator("form[action$='/vermittlung/']")
    form.get_by_label("Vermitteln an").select_option(
        label="Beratungsstelle: Beratungsstelle Gräfenhausen (Demo)"
    )
    form.get_by_label("Kontaktdaten (Name, Telefon, E-Mail)").check()
    form.get_by_role("button", name="Vermittlung senden").click()
    assert page.get_by_text("Vermittlung gesendet.").is_visible()
    ui.scan()

    # a contact in the future is refused
    page.get_by_text("Kontakt erfassen", exact=True).click()
    form = page.locator("form[action$='/kontakt/']")
    form.get_by_label("Datum").fill("2099-01-01")
    form.get_by_role("button", name="Kontakt speichern").click()
    assert page.get_by_text(re.compile("nicht in der Zukunft")).first.is_visible()
    ui.scan()

    # closing without outcome is refused, with outcome it works
    form = page.locator("form[action$='/abschluss/']")
    form.get_by_role("button", name="Fall abschließen").click()
    assert page.get_by_text(re.compile("ohne Ergebnis kann der Fall nicht")).first.is_visible()
    form = page.locator("form[action$='/abschluss/']")
    form.get_by_label("Ergebnis").select_option("referred")
    form.get_by_role("button", name="Fall abschließen").click()
    assert page.get_by_text("Fall abgeschlossen.").is_visible()
    ui.scan()

    for link in ("Leistungscheck", "Zugriffsprotokoll", "Löschersuchen"):
        page.get_by_role("link", name=link).click()
        page.wait_for_load_state()
        ui.scan()
        page.go_back()
    ui.goto("/beratung/anfragen/")
    ui.goto("/beratung/vermittlungen/")
    ui.logout()

    # the receiving office accepts the referral
    ui.login("demo-beratung-b")
    ui.goto("/beratung/vermittlungen/")
    page.get_by_role("link", name=re.compile("Gräfenhausen")).first.click()
    page.wait_for_load_state()
    ui.scan()
    assert page.get_by_text("Test Familie").first.is_visible()
    page.get_by_label("Rückmeldung").fill("Termin vereinbart")
    page.get_by_role("button", name=re.compile("angenommen")).click()
    assert page.get_by_text("Vermittlung aktualisiert.").is_visible()
    ui.scan()


def test_benefits_check_page(counseling_demo):
    ui = counseling_demo
    ui.login("demo-beratung-b")
    ui.goto("/beratung/")
    ui.page.locator("#case-rows a.kern-link").first.click()
    ui.page.wait_for_load_state()
    case_url = ui.page.url
    ui.page.get_by_role("link", name="Leistungscheck").click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.get_by_role("heading", name=re.compile("Leistungscheck")).is_visible()
    assert (
        ui.page.get_by_text("möglicherweise Anspruch").count() >= 1
        or ui.page.get_by_text("kein Hinweis").count() == 1
    )
    # a contact of the case
    ui.page.goto(case_url)
    ui.page.locator("section[aria-labelledby='h-contacts'] a.kern-link").first.click()
    ui.page.wait_for_load_state()
    ui.scan()
    assert ui.page.get_by_role("heading", name=re.compile("Kontakt am")).is_visible()
