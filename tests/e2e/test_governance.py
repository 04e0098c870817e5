"""Browser tests for governance, participation and transfer: the flows a
person clicks through, axe-clean (WCAG 2.1 AA) on every page."""

from __future__ import annotations

import io

import pytest

from interprochance.core.demo import load_demo


@pytest.fixture
def demo(core_demo):
    load_demo(only=["participation", "governance", "transfer"], stdout=io.StringIO())
    return core_demo


def test_agreement_term_and_late_notice(ui, demo):
    from interprochance.governance.models import Agreement

    agreement = Agreement.objects.get(tenant=demo.weiterstadt)
    ui.login("demo-planung")
    ui.goto("/gremien/")
    assert ui.page.get_by_text("Kooperationsvereinbarung InterProChance").first.is_visible()
    ui.goto(f"/gremien/vereinbarung/{agreement.pk}/?on=2016-07-01")
    state = ui.page.locator("#term-state")
    assert "16.09.2014 – 15.09.2016" in state.inner_text()
    assert "15.06.2016" in state.inner_text()
    assert ui.page.get_by_text("angenommen wird der Stand 16.09.2014").is_visible()
    # a notice one day after the deadline: clear message, nothing written
    ui.page.get_by_label("Kündigung zugegangen am").fill("2016-06-16")
    ui.page.get_by_label("schriftlich (Schriftform gewahrt)").check()
    ui.page.get_by_role("button", name="Kündigung erfassen").click()
    assert ui.page.get_by_text("Die Kündigung ist verspätet").is_visible()
    assert ui.page.get_by_text("15.09.2017").first.is_visible()
    ui.scan()
    agreement.refresh_from_db()
    assert agreement.notice_received is None


def test_bodies_missing_seats_and_meeting_minutes(ui, demo):
    from interprochance.governance.models import Body

    advisory = Body.objects.get(tenant=demo.weiterstadt, kind="projektbeirat")
    ui.login("demo-planung")
    ui.goto(f"/gremien/gremium/{advisory.pk}/")
    alert = ui.page.locator(".kern-alert--warning")
    assert "Hochschulen/Wissenschaft" in alert.inner_text()
    assert "Kreisversammlung" in alert.inner_text()
    ui.page.get_by_role("link", name="Sitzung planen").click()
    ui.page.wait_for_url("**/sitzung/neu/")
    ui.scan()
    ui.page.get_by_label("Beginn").fill("2027-02-01T16:00")
    ui.page.get_by_label("Ende").fill("2027-02-01T18:00")
    ui.page.get_by_label("Tagesordnung").fill("Statusbericht\nTransfer")
    ui.page.get_by_role("button", name="Sitzung planen").click()
    ui.page.wait_for_url("**/sitzung/*/")
    ui.scan()
    # an action item without an owner is refused with a clear message
    ui.page.get_by_label("Protokoll").fill("Bericht beraten.")
    ui.page.get_by_label("Aufgaben").fill("Hochschule einladen ;  ; 01.03.2027")
    ui.page.get_by_role("button", name="Speichern").click()
    assert ui.page.get_by_text("braucht eine verantwortliche Person").is_visible()
    ui.scan()
    ui.page.get_by_label("Aufgaben").fill("Hochschule einladen ; Sozialplanung ; 01.03.2027")
    ui.page.get_by_role("button", name="Speichern").click()
    assert ui.page.get_by_text("Protokoll, Beschlüsse und Aufgaben gespeichert.").is_visible()
    assert ui.page.get_by_role("cell", name="Sozialplanung").first.is_visible()
    ui.scan()


def test_status_report_job_and_archive(ui, demo):
    ui.login("demo-planung")
    ui.goto("/gremien/berichte/")
    ui.page.get_by_label("Art").select_option("on_demand")
    ui.page.get_by_label("Zeitraum von").fill("2025-01-01")
    ui.page.get_by_label("Zeitraum bis").fill("2025-12-31")
    ui.page.get_by_role("button", name="Bericht erstellen").click()
    # the report (HTML + PDF) is made by the job; allow for a busy CI machine
    ui.page.wait_for_url("**/auftraege/**", timeout=120_000)
    ui.page.get_by_role("link", name="Ergebnis öffnen").click(timeout=120_000)
    ui.page.wait_for_url("**/gremien/bericht/*/", timeout=60_000)
    assert ui.page.get_by_role("heading", name="Inhalt").is_visible()
    assert ui.page.get_by_role("link", name="Teilhabekonzepte in Kitas und Schulen").is_visible()
    ui.scan()
    ui.goto("/gremien/berichte/")
    assert ui.page.get_by_text("als PDF").first.is_visible()


def test_participation_and_transfer_pages(ui, demo):
    ui.login("demo-netzwerk")
    ui.goto("/teilhabe/")
    ui.page.get_by_role("link", name="Lernpaten an Grundschulen").click()
    ui.page.wait_for_url("**/konzept/*/")
    ui.scan()
    ui.page.get_by_role("button", name="Umsetzung anlegen").click()
    assert ui.page.locator(".kern-form-input__input--error, [aria-invalid=true]").count() >= 1
    ui.scan()
    ui.logout()
    ui.login("demo-planung")
    ui.goto("/transfer/")
    ui.goto("/transfer/leitfaden/")
    assert ui.page.get_by_role("heading", name="Gelingensbedingungen").is_visible()
    ui.goto("/transfer/landkreis/")
    assert ui.page.get_by_role("rowheader", name="Weiterstadt").is_visible()
    ui.logout()
    ui.login("demo-gremium")
    ui.goto("/gremien/aufgaben/")
    assert ui.page.get_by_role("button", name="Speichern").count() == 0  # read only


def test_start_gemeinde_from_bundle_refuses_other_version(ui, demo):
    import json

    from interprochance.transfer.services import bundle_export

    document = bundle_export(tenant=demo.weiterstadt, actor=None)
    ui.login("demo-admin")
    ui.goto("/transfer/neue-gemeinde/")
    ui.page.get_by_label("Gemeinde").select_option("06432005")
    ui.page.get_by_label("Transferpaket (JSON)").set_input_files(
        files=[
            {
                "name": "paket.json",
                "mimeType": "application/json",
                "buffer": json.dumps(dict(document, version=2)).encode(),
            }
        ]
    )
    ui.page.get_by_role("button", name="Prüfen und einrichten").click()
    assert ui.page.get_by_text("Das Transferpaket hat Version 2").is_visible()
    ui.scan()
