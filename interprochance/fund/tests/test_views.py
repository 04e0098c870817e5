"""Pages and API through HTTP: the application flow, German messages, access rules."""

import uuid
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from interprochance.core.models import AuditEvent
from interprochance.fund.models import Application, ApplicationDocument, Status

from .conftest import IBAN_OK

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def form_data(world, **over):
    data = {
        "form_token": str(uuid.uuid4()),
        "applicant_org": "Familienzentrum",
        "household_key": "AZ-1",
        "child_key": "Mia 03.05.2014",
        "child_age": "11",
        "in_school": "on",
        "area_code": world.area.code,
        "life_phase": "secondary",
        "purpose": "class_trip",
        "total": "250,00",
        "months": "1",
        "amount": "250,00",
        "need_score": "80",
        "description": "Klassenfahrt der 6b, Familie kann den Betrag nicht aufbringen.",
        "provider_name": "Jugendherberge Bad Orb",
        "provider_iban": IBAN_OK,
        "submit": "1",
    }
    data.update(over)
    return data


def test_check_shows_statutory_route_first_without_writing(world):
    c = client_for(world.beratung)
    r = c.post(
        "/sozialfonds/antraege/neu/", form_data(world, benefits=["sgb2"], submit="", check="1")
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "Zuerst: vorrangige Leistungen" in body and "§ 28 Abs. 2 SGB II" in body
    assert "Bildungs- und Teilhabepaket: Klassenfahrt" in body
    assert "Tatsächliche Kosten werden übernommen." in body
    assert not Application.objects.exists()


def test_statutory_routes_in_english_when_chosen(world):
    c = Client(headers={"accept-language": "en"})
    c.force_login(world.beratung)
    body = c.post(
        "/sozialfonds/antraege/neu/",
        form_data(world, benefits=["sgb2"], submit="", check="1", purpose="club_fee"),
    ).content.decode()
    assert "Education and participation package: social and cultural participation" in body
    assert "15,00 € a month, 15,00 € for 1 month(s)." in body
    assert "Bildungs- und Teilhabepaket" not in body and "im Monat" not in body


def test_full_flow_submit_propose_decide_pay(world):
    c = client_for(world.beratung)
    r = c.post("/sozialfonds/antraege/neu/", form_data(world))
    app = Application.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/sozialfonds/antraege/{app.number}/")
    detail = c.get(r["Location"])
    assert "eingegangen" in detail.content.decode()
    assert AuditEvent.objects.filter(action="read", object_id=str(app.pk)).exists()

    f = client_for(world.fonds)
    f.post(f"/sozialfonds/antraege/{app.number}/vorschlag/", {"decision": "approve", "amount": ""})
    a = client_for(world.anordnung)
    r = a.post(f"/sozialfonds/antraege/{app.number}/anordnung/", {"action": "confirm"}, follow=True)
    assert "Entscheidung angeordnet: bewilligt" in r.content.decode()
    app.refresh_from_db()
    assert app.status == Status.APPROVED and app.decided_by == world.anordnung

    r = f.post(
        "/sozialfonds/zahlungslaeufe/",
        {
            "request_key": str(uuid.uuid4()),
            "execution_date": date.today().replace(year=date.today().year + 1).isoformat(),
        },
        follow=True,
    )
    assert "Zahlungslauf" in r.content.decode() and "1 Zahlungen" in r.content.decode()
    app.refresh_from_db()
    xml = f.get(f"/sozialfonds/zahlungslaeufe/{app.payout.batch_id}/sepa.xml")
    assert xml.status_code == 200 and b"pain.001.001.09" in xml.content


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"provider_iban": "DE89370400440532013001"}, "Die Prüfziffer der IBAN stimmt nicht"),
        ({"amount": "0"}, "Der Betrag muss größer als 0,00 € sein"),
        ({"amount": "-5"}, "Der Betrag darf nicht negativ sein"),
        ({"amount": "12,345"}, "höchstens zwei Nachkommastellen"),
        ({"total": "900", "amount": "900"}, "Höchstbetrag"),
    ],
)
def test_bad_input_german_message_nothing_written(world, over, message):
    r = client_for(world.beratung).post("/sozialfonds/antraege/neu/", form_data(world, **over))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not Application.objects.exists()


def test_double_submission_of_same_form(world):
    c = client_for(world.beratung)
    data = form_data(world)
    c.post("/sozialfonds/antraege/neu/", data)
    r = c.post("/sozialfonds/antraege/neu/", data, follow=True)
    assert "bereits abgeschickt" in r.content.decode()
    assert Application.objects.count() == 1


def test_proposer_sees_four_eyes_hint_and_cannot_decide(world, submit):
    from interprochance.core.models import Membership
    from interprochance.core.roles import Role

    app = submit()
    Membership.objects.create(user=world.fonds, tenant=world.tenant, role=Role.FONDS_ANORDNUNG)
    f = client_for(world.fonds)
    f.post(f"/sozialfonds/antraege/{app.number}/vorschlag/", {"decision": "approve"})
    page = f.get(f"/sozialfonds/antraege/{app.number}/").content.decode()
    assert "Die Anordnung muss eine andere Person treffen" in page
    r = f.post(f"/sozialfonds/antraege/{app.number}/anordnung/", {"action": "confirm"}, follow=True)
    assert "Vier-Augen-Prinzip" in r.content.decode()
    app.refresh_from_db()
    assert app.status == Status.PROPOSED


def test_object_access(world, submit, make_user):
    from interprochance.core.roles import Role

    app = submit()
    url = f"/sozialfonds/antraege/{app.number}/"
    other_counsellor = make_user(Role.BERATUNG, username="f-beratung-2")
    assert client_for(world.beratung).get(url).status_code == 200
    assert client_for(world.fonds).get(url).status_code == 200
    assert client_for(other_counsellor).get(url).status_code == 404  # not her application
    assert client_for(world.colleague).get(url).status_code == 404  # same town, no fund role
    assert client_for(world.outsider).get(url).status_code == 404  # other municipality
    assert (
        client_for(world.outsider).post(url + "vorschlag/", {"decision": "approve"}).status_code
        == 404
    )
    assert (
        client_for(world.beratung).post(url + "vorschlag/", {"decision": "approve"}).status_code
        == 404
    )


def test_document_upload_checks_type_and_size(world, submit):
    app = submit()
    c = client_for(world.beratung)
    url = f"/sozialfonds/antraege/{app.number}/unterlagen/"
    r = c.post(
        url,
        {"kind": "quote", "file": SimpleUploadedFile("a.exe", b"MZ\x90\x00binary")},
        follow=True,
    )
    assert "Nur PDF, PNG oder JPEG" in r.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1))
    r = c.post(url, {"kind": "quote", "file": big}, follow=True)
    assert "größer als 5 MB" in r.content.decode()
    assert not ApplicationDocument.objects.exists()
    r = c.post(
        url,
        {"kind": "quote", "file": SimpleUploadedFile("angebot.pdf", b"%PDF-1.4\n%%EOF")},
        follow=True,
    )
    assert "Unterlage gespeichert" in r.content.decode()
    doc = ApplicationDocument.objects.get()
    assert doc.content_type == "application/pdf"
    download = client_for(world.fonds).get(
        f"/sozialfonds/antraege/{app.number}/unterlagen/{doc.pk}/"
    )
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="read", entity="fund.applicationdocument", object_id=str(doc.pk)
    ).exists()
    assert (
        client_for(world.outsider)
        .get(f"/sozialfonds/antraege/{app.number}/unterlagen/{doc.pk}/")
        .status_code
        == 404
    )
    assert (
        client_for(world.colleague)
        .get(f"/sozialfonds/antraege/{app.number}/unterlagen/{doc.pk}/")
        .status_code
        == 404
    )


def test_list_query_count_does_not_grow(world, submit, django_assert_max_num_queries):
    for i in range(12):
        submit(purpose="club_fee", total="20", amount="20", child_key=f"Kind {i}")
    c = client_for(world.fonds)
    c.get("/sozialfonds/antraege/")  # warm caches (session, roles)
    with django_assert_max_num_queries(12):
        r = c.get("/sozialfonds/antraege/")
    assert r.content.decode().count("/sozialfonds/antraege/SF-") == 12


def test_reports_replay_and_api(world, approved):
    approved()
    c = client_for(world.anordnung)
    r = c.get("/sozialfonds/berichte/")
    assert (
        r.status_code == 200
        and "Spende Klassenfahrten" in r.content.decode()
        and "&lt; 5" in r.content.decode()
    )
    csv = c.get("/sozialfonds/berichte/?format=csv")
    assert csv.status_code == 200 and "Spende Klassenfahrten" in csv.content.decode("utf-8-sig")
    r = c.get(
        "/sozialfonds/verfahren/",
        {
            "basis": "synthetic",
            "count": 200,
            "budget_share": 50,
            "seed": 3,
            "procedures": ["windhund", "bedarf", "quoten"],
        },
    )
    body = r.content.decode()
    assert (
        r.status_code == 200
        and "<svg" in body
        and "Bedarfsrangfolge" in body
        and "synthetische Demodaten" in body
    )
    api = c.get("/api/fund/sources/", HTTP_X_TENANT="weiterstadt")
    assert api.status_code == 200 and {row["key"] for row in api.json()} == {"stadt", "spende"}
    rep = c.get("/api/fund/report/?year=abc", HTTP_X_TENANT="weiterstadt")
    assert rep.status_code == 400 and "Zahl" in rep.json()["detail"]
    assert client_for(world.beratung).get("/api/fund/sources/").status_code == 404


def test_purpose_and_life_phase_in_the_readers_language(world, submit):
    """Purposes are stored in German (catalogue, admin-editable) and translated where
    shown; the German page is unchanged."""
    from django.utils import translation

    # the pages activate English in this thread; restore the language for the
    # tests that run next in this worker
    with translation.override("de"):
        _purpose_and_life_phase_in_the_readers_language(world, submit)


def _purpose_and_life_phase_in_the_readers_language(world, submit):
    from django.utils import translation

    app = submit()
    with translation.override("en"):
        purpose = translation.gettext("Klassenfahrt")
        phase = translation.gettext("Sekundarstufe I")
    assert purpose != "Klassenfahrt" and phase != "Sekundarstufe I"
    c = client_for(world.beratung)
    german = c.get(f"/sozialfonds/antraege/{app.number}/").content.decode()
    assert "<dd>Klassenfahrt</dd>" in german and f"<dd>{purpose}</dd>" not in german
    c.post("/sprache/", {"language": "en", "next": "/"})
    english = c.get(f"/sozialfonds/antraege/{app.number}/").content.decode()
    assert f"<dd>{purpose}</dd>" in english and "<dd>Klassenfahrt</dd>" not in english
    assert phase in english and "Sekundarstufe I" not in english
    assert app.purpose.label == "Klassenfahrt"  # the stored value stays German
