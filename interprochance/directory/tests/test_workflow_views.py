"""Staff pages: editorial workflow, bad input, network, coverage, HSDS import, access."""

import io
import json

import pytest

from interprochance.core.demo import load_demo
from interprochance.core.models import AuditEvent
from interprochance.directory import selectors
from interprochance.directory import services as act
from interprochance.directory.hsds import validator as v
from interprochance.directory.models import (
    Organization,
    ProposalState,
    Service,
    ServiceProposal,
    ServiceRevision,
    ServiceState,
)


@pytest.fixture
def demo(db, core_demo):
    load_demo(only=["directory"])
    return core_demo


def _form(**overrides):
    data = {
        "name": "Lerncafé Riedbahn",
        "description": "Hilfe beim Lernen für Kinder.",
        "life_phases": ["grundschule"],
        "need_areas": ["bildung"],
        "status": "active",
        "languages": ["de"],
        "min_age": "6",
        "max_age": "10",
        "s0_days": ["MO"],
        "s0_from": "14:00",
        "s0_to": "16:00",
        "s0_rhythm": "w1",
    }
    data.update(overrides)
    return data


def test_personal_link_proposal_review_and_history(client, client_as, demo):
    org = Organization.objects.get(name="Lernwerkstatt Weiterstadt e. V.")
    _link, token = act.provider_link_create(
        actor=demo.users["demo-netzwerk"], organization=org, label="Frau Test"
    )
    url = f"/angebote/mitmachen/{token}/"
    assert client.get(url).status_code == 200
    assert client.get("/angebote/mitmachen/falsch/").status_code == 404
    response = client.post(url, _form())
    assert response.status_code == 302
    proposal = ServiceProposal.objects.get(payload__name="Lerncafé Riedbahn")
    assert proposal.via == "link" and proposal.state == ProposalState.OPEN
    assert proposal.service.state == ServiceState.PROPOSED
    assert "Lerncafé" not in {s.name for s in selectors.public_services()}

    coordinator = client_as("demo-netzwerk")
    assert "Lerncafé Riedbahn" in coordinator.get("/angebote/vorschlaege/").content.decode()
    response = coordinator.post(
        f"/angebote/vorschlaege/{proposal.pk}/", {"entscheidung": "uebernehmen", "note": "passt"}
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Lerncafé Riedbahn")
    assert service.state == ServiceState.PUBLISHED and service.last_confirmed is not None
    kinds = list(
        ServiceRevision.objects.filter(service=service)
        .order_by("created", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["vorgeschlagen", "veroeffentlicht"]
    assert AuditEvent.objects.filter(action="directory.proposal_accept").exists()
    page = coordinator.get(f"/angebote/verwaltung/{service.pk}/").content.decode()
    assert "Änderungsverlauf" in page and "Frau Test" in page


def test_bad_input_is_reported_and_nothing_written(client_as, demo):
    coordinator = client_as("demo-netzwerk")
    org = Organization.objects.get(name="Lernwerkstatt Weiterstadt e. V.")
    before = (Service.objects.count(), ServiceRevision.objects.count(), AuditEvent.objects.count())
    cases = {
        "phone": ("12345", "keine gültige Telefonnummer"),
        "email": ("info@", "keine gültige E-Mail-Adresse"),
        "url": ("javascript:alert(1)", "nur http:// und https://"),
        "description": ("<script>alert(1)</script>", "HTML-Auszeichnungen"),
        "max_age": ("40", "außerhalb von 0 bis 27"),
    }
    for field, (value, message) in cases.items():
        response = coordinator.post(
            "/angebote/verwaltung/neu/", {"organization": org.pk, **_form(**{field: value})}
        )
        assert response.status_code == 200
        assert message in response.content.decode(), field
    overlap = _form(s1_days=["MO"], s1_from="15:00", s1_to="17:00", s1_rhythm="w1")
    response = coordinator.post("/angebote/verwaltung/neu/", {"organization": org.pk, **overlap})
    assert "überschneiden sich" in response.content.decode()
    reversed_hours = _form(s0_from="16:00", s0_to="14:00")
    response = coordinator.post(
        "/angebote/verwaltung/neu/", {"organization": org.pk, **reversed_hours}
    )
    assert "liegt nicht nach dem Beginn" in response.content.decode()
    assert (
        Service.objects.count(),
        ServiceRevision.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    ok = coordinator.post(
        "/angebote/verwaltung/neu/", {"organization": org.pk, "publish": "1", **_form()}
    )
    assert ok.status_code == 302
    assert Service.objects.get(name="Lerncafé Riedbahn").state == ServiceState.PUBLISHED


def test_stale_entries_are_flagged_and_confirmation_clears_them(client_as, demo):
    coordinator = client_as("demo-netzwerk")
    stale = Service.objects.stale()
    assert stale.count() == 1
    service = stale.get()
    page = coordinator.get("/angebote/verwaltung/").content.decode()
    assert "seit über 12 Monaten nicht bestätigt" in page
    coordinator.post(f"/angebote/verwaltung/{service.pk}/bestaetigen/")
    assert Service.objects.stale().count() == 0


def test_network_page_and_meeting(client_as, demo):
    page = client_as("demo-netzwerk").get("/angebote/netzwerk/").content.decode()
    assert "<svg" in page and "Netzwerk: wer arbeitet mit wem" in page
    assert "Kooperation Hausaufgabenhilfe (Demo)" in page
    assert client_as("demo-gremium").get("/angebote/netzwerk/").status_code == 200
    assert client_as("demo-beratung-a").get("/angebote/netzwerk/").status_code == 404


def test_coverage_finds_the_riedbahn_gap_and_exports(client_as, demo):
    report = selectors.coverage_report(demo.weiterstadt)
    areas = {g.area_name for g in report.gaps}
    assert "Riedbahn" in areas
    assert "Braunshardt West" not in areas  # low need
    # Bewerbungstraining is located at the Albrecht-Dürer-Schule, known only at Ortsteil level
    # (Kernstadt): it counts for both Kernstadt Sozialräume instead of being dropped.
    from interprochance.directory.coverage_data import coverage_for_tenant

    result = coverage_for_tenant(demo.weiterstadt).result
    assert result.cell("06432023-01-2", "uebergang", "beruf").services >= 1
    assert result.cell("06432023-01-1", "uebergang", "beruf").services >= 1
    planner = client_as("demo-planung")
    page = planner.get("/angebote/bedarf/").content.decode()
    assert "Riedbahn" in page and "kein Angebot" in page and "synthetische Demodaten" in page
    csv = planner.get("/angebote/bedarf/export/", {"format": "csv"})
    assert csv.status_code == 200 and b"Riedbahn" in csv.content
    assert planner.get("/angebote/bedarf/export/", {"format": "xlsx"}).status_code == 200
    assert planner.get("/angebote/bedarf/export/", {"format": "pdf"}).status_code == 404


def _hsds_file(doc, name="verzeichnis.json"):
    f = io.BytesIO(json.dumps(doc).encode())
    f.name = name
    return f


def test_hsds_import_with_duplicate_detection(client, client_as, demo):
    coordinator = client_as("demo-netzwerk")
    existing = Service.objects.get(name="Hausaufgabenhilfe an der Carl-Ulrich-Schule")
    doc = client.get(f"/api/hsds/services/{existing.uuid}").json()
    other = json.loads(json.dumps(doc))
    other["id"] = "0b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f11"
    other["name"] = "Schwimmkurs für Kinder"
    other["url"] = "https://schwimmverein-demo.de/kurse"
    for sal in other.get("service_at_locations", []):
        sal["id"] = "1b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f12"
    doc["id"] = (
        "2b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f13"  # same service under another id: a duplicate by name/provider
    )
    before = Service.objects.count()
    response = coordinator.post(
        "/angebote/import/",
        {"publisher": "Kreis-Familienwegweiser", "file": _hsds_file([doc, other])},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mögliche Dubletten" in body
    assert Service.objects.count() == before + 1
    imported = Service.objects.get(name="Schwimmkurs für Kinder")
    assert (
        imported.state == ServiceState.PROPOSED
        and imported.imported_from == "Kreis-Familienwegweiser"
    )
    assert v.validate("service", doc) == []


def test_hsds_import_that_does_not_validate_writes_nothing(client, client_as, demo):
    coordinator = client_as("demo-netzwerk")
    existing = Service.objects.get(name="Kinderturnen")
    doc = client.get(f"/api/hsds/services/{existing.uuid}").json()
    doc["id"] = "3b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f14"
    doc["unbekanntes_feld"] = 1
    before = (Service.objects.count(), Organization.objects.count())
    body = coordinator.post(
        "/angebote/import/", {"publisher": "X", "file": _hsds_file(doc)}
    ).content.decode()
    assert "nichts wurde übernommen" in body and "unbekanntes_feld" in body
    body = coordinator.post(
        "/angebote/import/", {"publisher": "X", "file": _hsds_file("kein json", "x.json")}
    ).content.decode()
    assert "nichts wurde übernommen" in body or "kein gültiges JSON" in body
    broken = io.BytesIO(b"{not json")
    broken.name = "x.json"
    assert (
        "kein gültiges JSON"
        in coordinator.post(
            "/angebote/import/", {"publisher": "X", "file": broken}
        ).content.decode()
    )
    assert (Service.objects.count(), Organization.objects.count()) == before


def test_access_outsider_and_colleague_without_role(client_as, demo, make_user):
    service = Service.objects.filter(state=ServiceState.PUBLISHED).first()
    outsider = client_as("demo-griesheim")
    assert outsider.get(f"/angebote/verwaltung/{service.pk}/").status_code == 404
    griesheim_coordinator = make_user("netzwerkkoordination", "griesheim")
    from django.test import Client

    c = Client()
    c.force_login(griesheim_coordinator)
    assert c.get(f"/angebote/verwaltung/{service.pk}/").status_code == 404
    assert c.post(f"/angebote/verwaltung/{service.pk}/archivieren/").status_code == 404
    colleague = client_as("demo-beratung-a")
    assert colleague.get(f"/angebote/verwaltung/{service.pk}/").status_code == 404
    assert colleague.get("/angebote/vorschlagen/").status_code == 200  # may propose by login
    service.refresh_from_db()
    assert service.state == ServiceState.PUBLISHED


def test_organization_page_contacts_locations_and_edit(
    client_as, demo, django_assert_max_num_queries
):
    coordinator = client_as("demo-netzwerk")
    org = Organization.objects.get(name="Lernwerkstatt Weiterstadt e. V.")
    url = f"/angebote/traeger/{org.pk}/"
    bad = coordinator.post(
        url, {"form": "contact", "name": "Frau Neu", "email": "neu@", "phone": "1"}
    )
    body = bad.content.decode()
    assert "keine gültige E-Mail-Adresse" in body and "keine gültige Telefonnummer" in body
    assert org.contacts.filter(name="Frau Neu").count() == 0
    ok = coordinator.post(
        url,
        {
            "form": "contact",
            "name": "Frau Neu",
            "email": "neu@lernwerkstatt-demo.de",
            "phone": "06150 123452",
        },
    )
    assert ok.status_code == 302 and org.contacts.get(name="Frau Neu").phone == "+49615012345" + "2"
    bad_org = coordinator.post(url, {"form": "org", "name": "<b>X</b>", "kind": "verein"})
    assert "HTML-Auszeichnungen" in bad_org.content.decode()
    org.refresh_from_db()
    assert org.name == "Lernwerkstatt Weiterstadt e. V."
    loc = coordinator.post(
        url,
        {
            "form": "location",
            "name": "Neuer Raum",
            "street": "Riedbahnstraße 12",
            "postal_code": "64331",
            "city": "Weiterstadt",
        },
    )
    assert loc.status_code == 302
    assert org.locations.get(name="Neuer Raum").area.name == "Riedbahn"
    unknown = coordinator.post(
        url,
        {
            "form": "location",
            "name": "Irgendwo",
            "street": "Mondweg 1",
            "postal_code": "64331",
            "city": "Weiterstadt",
        },
    )
    assert unknown.status_code == 302
    assert org.locations.get(name="Irgendwo").area is None  # never guessed; the reason is kept
    assert "Straßenverzeichnis" in org.locations.get(name="Irgendwo").area_note
    with django_assert_max_num_queries(20):
        assert coordinator.get("/angebote/verwaltung/").status_code == 200
