"""Browser tests of the social fund: a counsellor applies (statutory routes shown first,
a bad IBAN refused in German), the caseworker proposes, a second person approves (four
eyes), the payout batch is created; reports and the procedure comparison. axe-clean."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from interprochance.fund.models import Application, PayoutBatch, Status


@pytest.fixture
def fund_demo(ui):
    from interprochance.core.demo import load_demo

    load_demo(only=["fund"])
    return ui


def _fill_application(page, iban: str) -> None:
    page.get_by_label("Ihre Einrichtung").fill("Familienzentrum Weiterstadt")
    page.get_by_label("Interne Kennung des Haushalts").fill("E2E-HAUSHALT-1")
    page.get_by_label("Vorname und Geburtsdatum des Kindes").fill("Testkind 01.02.2014")
    page.get_by_label("Alter des Kindes (Jahre)").fill("12")
    page.get_by_label("Das Kind besucht eine Schule").check()
    page.get_by_label("Wohngeld").check()
    page.get_by_label("Sozialraum").select_option(label="Kernstadt Nord")
    page.get_by_label("Lebensphase").select_option("secondary")
    page.get_by_label("Zweck", exact=True).select_option("club_fee")
    page.get_by_label("Gesamtkosten in Euro").fill("120,00")
    page.get_by_label("Monate (nur bei laufenden Kosten)").fill("6")
    page.get_by_label("Bedarf in wenigen Sätzen").fill(
        "Beitrag im Fußballverein für ein halbes Jahr, Familie kann ihn nicht zahlen."
    )
    page.get_by_label("Zahlungsempfänger (Anbieter, nicht die Familie)").fill(
        "TSV Gräfenhausen e.V."
    )
    page.get_by_label("IBAN des Anbieters").fill(iban)


def test_application_flow_with_four_eyes_and_payout(fund_demo):
    ui = fund_demo
    page = ui.page
    ui.login("demo-beratung-a")
    ui.goto("/sozialfonds/")
    ui.goto("/sozialfonds/antraege/neu/")
    _fill_application(page, "DE89 3704 0044 0532 0130 01")
    page.get_by_role("button", name="Vorrang prüfen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Zuerst: vorrangige Leistungen").is_visible()
    assert page.get_by_text("§ 6b BKGG i. V. m. § 28 Abs. 7 SGB II").is_visible()
    assert page.get_by_text("Ohne Begründung kann der Fonds übernehmen: 30,00 €").is_visible()
    ui.scan()

    page.get_by_role("button", name="Antrag stellen").click()  # bad IBAN: refused in German
    page.wait_for_load_state()
    assert page.get_by_text(
        "Die Prüfziffer der IBAN stimmt nicht. Bitte Tippfehler prüfen."
    ).is_visible()
    ui.scan()
    assert not Application.objects.filter(household_ref__isnull=False, is_synthetic=False).exists()

    page.get_by_label("IBAN des Anbieters").fill("DE89 3704 0044 0532 0130 00")
    page.get_by_role("button", name="Antrag stellen").click()
    page.wait_for_load_state()
    app = Application.objects.get(is_synthetic=False)
    assert app.amount_cents == 3_000  # the part the BuT (15 EUR a month) leaves open
    assert page.get_by_text(f"Antrag {app.number} ist eingegangen.").is_visible()
    ui.scan()
    ui.logout()

    ui.login("demo-fonds")
    ui.goto(f"/sozialfonds/antraege/{app.number}/")
    page.get_by_label("bewilligen").check()
    page.get_by_role("button", name="Vorschlag speichern").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vorschlag gespeichert").is_visible()
    ui.scan()
    ui.logout()

    ui.login("demo-fonds-anordnung")
    ui.goto(f"/sozialfonds/antraege/{app.number}/")
    page.get_by_role("button", name="Bewilligung anordnen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Entscheidung angeordnet: bewilligt").is_visible()
    assert page.get_by_text("Gute Nachricht: Der Sozialfonds übernimmt 30,00 €").is_visible()
    ui.scan()
    app.refresh_from_db()
    assert app.status == Status.APPROVED and app.proposed_by != app.decided_by

    before = PayoutBatch.objects.count()
    ui.goto("/sozialfonds/zahlungslaeufe/")
    page.get_by_label("Ausführungsdatum").fill((date.today() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Zahlungslauf erstellen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Zahlungslauf IPC-").first.is_visible()
    ui.scan()
    assert PayoutBatch.objects.count() == before + 1
    app.refresh_from_db()
    assert app.status == Status.PAID


def test_reports_sources_and_replay_pages(fund_demo):
    ui = fund_demo
    page = ui.page
    ui.login("demo-fonds-anordnung")
    ui.goto("/sozialfonds/toepfe/")
    assert page.get_by_text("Spende für Schulkinder (Demo)").first.is_visible()
    ui.goto("/sozialfonds/berichte/")
    assert page.get_by_role("heading", name="Mittel je Fördertopf").is_visible()
    ui.goto("/sozialfonds/antraege/?status=proposed")
    ui.goto(
        "/sozialfonds/verfahren/?basis=synthetic&count=500&budget_share=50&seed=2&procedures=windhund&procedures=bedarf&procedures=quoten"
    )
    assert page.get_by_role("img", name="Gedeckter Bedarf je Sozialraum").is_visible()
    assert page.get_by_role(
        "rowheader", name="Quoten je Sozialraum, 14-täglich, anteilige Kofinanzierung"
    ).first.is_visible()


def test_outsider_and_colleague_get_404(fund_demo):
    ui = fund_demo
    number = Application.objects.filter(is_synthetic=True).values_list("number", flat=True).first()
    ui.login("demo-planung")  # same town, no fund role
    response = ui.goto(f"/sozialfonds/antraege/{number}/")
    assert response.status == 404
    ui.logout()
    ui.login("demo-griesheim")
    response = ui.goto(f"/sozialfonds/antraege/{number}/")
    assert response.status == 404
