"""Transfer bundle export and a new Gemeinde started from it (database)."""

import io
import json
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from interprochance.core.demo import load_demo
from interprochance.core.models import Tenant
from interprochance.transfer import services
from interprochance.transfer.bundle import checksum_of
from interprochance.transfer.models import GuidelineStep, SuccessCondition

pytestmark = pytest.mark.django_db


def _selectors(app):
    # other modules are read through their selectors, imported by name (layer rules)
    return import_module(f"interprochance.{app}.selectors")


@pytest.fixture
def demo(core_demo):
    load_demo(only=["participation", "governance", "transfer"], stdout=io.StringIO())
    return core_demo


@pytest.mark.smoke
def test_export_then_start_new_gemeinde(demo, tmp_path):
    document = services.bundle_export(tenant=demo.weiterstadt, actor=None)
    assert document["version"] == 1
    assert {"concepts", "report_templates", "success_conditions", "guideline"} <= set(
        document["contents"]
    )
    text = json.dumps(document, ensure_ascii=False)
    assert "Demo-Person" not in text  # body members are people: never exported
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("start_municipality", str(path), "--ags", "06432001", stdout=out)
    tenant = Tenant.objects.get(area__code="06432001")
    assert tenant.kind == "gemeinde" and tenant.parent == demo.landkreis
    assert len(_selectors("participation").concept_config(tenant)) == 3
    templates = _selectors("governance").report_template_config(tenant)
    assert [t["code"] for t in templates] == ["standard"]
    assert SuccessCondition.objects.filter(tenant=tenant).count() == 8
    assert GuidelineStep.objects.filter(tenant=tenant).count() == 6
    indicators = document["contents"]["indicators"]
    assert indicators[-1]["kind"] == "disclosure_rules"
    assert "übernommen: indicators" in out.getvalue()
    assert "Gemeinde eingerichtet: Gemeinde Alsbach-Hähnlein" in out.getvalue()
    # a second start for the same Gemeinde is refused
    with pytest.raises(CommandError, match="bereits eingerichtet"):
        call_command("start_municipality", str(path), "--ags", "06432001", stdout=io.StringIO())


def test_bad_bundles_write_nothing(demo):
    document = services.bundle_export(tenant=demo.weiterstadt, actor=None)
    before = Tenant.objects.count()
    other_version = dict(document, version=2)
    with pytest.raises(ValidationError, match="Version 2"):
        services.municipality_start(
            bundle_text=json.dumps(other_version), ags="06432002", actor=None
        )
    personal = json.loads(json.dumps(document))
    personal["contents"]["concepts"][0]["resources"] = "Ansprechpartnerin: frau.x@example.org"
    personal["checksum"] = checksum_of(personal["contents"])
    with pytest.raises(ValidationError, match="personenbezogene Daten"):
        services.municipality_start(bundle_text=json.dumps(personal), ags="06432002", actor=None)
    with pytest.raises(ValidationError, match="Gemeindeschlüssel"):
        services.municipality_start(bundle_text=json.dumps(document), ags="99999999", actor=None)
    broken = json.loads(json.dumps(document))
    broken["contents"]["concepts"][0]["life_phase"] = "unbekannt"
    broken["checksum"] = checksum_of(broken["contents"])
    with pytest.raises(ValidationError, match="Lebensphase"):
        services.municipality_start(bundle_text=json.dumps(broken), ags="06432002", actor=None)
    assert Tenant.objects.count() == before
    gemeinde = Tenant.objects.get(area__code="06432002")
    assert _selectors("participation").concept_config(gemeinde) == []  # rolled back


def test_export_refuses_personal_data(demo):
    concepts = _selectors("participation").concepts_for_tenant(demo.weiterstadt)
    concepts.model.objects.filter(pk=concepts[0].pk).update(
        resources="Rückfragen an Herrn Mustermann, Tel. 06150 123-456"
    )
    with pytest.raises(ValidationError, match="personenbezogene"):
        services.bundle_export(tenant=demo.weiterstadt, actor=None)


def test_lesson_with_personal_data_rejected(demo):
    with pytest.raises(ValidationError, match="personenbezogenen"):
        services.lesson_record(
            tenant=demo.weiterstadt,
            title="x",
            text="Familie wohnt Darmstädter Straße 12",
            recorded_on=None,
            actor=None,
        )


def test_pages(demo, client_as, pdf_text):
    client = client_as("demo-planung")
    index = client.get("/transfer/").content.decode()
    assert "Gelingensbedingungen" in index
    assert 'aria-label="Gelingensbedingungen im Zeitverlauf"' in index  # demo has two dates
    guideline = client.get("/transfer/leitfaden/").content.decode()
    assert "Steuerungsgruppe und Projektbeirat einsetzen" in guideline
    md = client.get("/transfer/leitfaden.md")
    assert md.content.decode().startswith("# Handlungsleitfaden")
    printed = pdf_text(client.get("/transfer/leitfaden.pdf").content)
    assert "Steuerungsgruppe und Projektbeirat einsetzen" in printed
    assert "InterProChance – Handlungsleitfaden" in printed and "Seite 1 von" in printed
    bundle = client.post("/transfer/transferpaket/")
    assert json.loads(bundle.content)["format"] == "interprochance-transfer"
    # Gemeinde view: reference figures for all, platform status only for itself
    page = client.get("/transfer/landkreis/").content.decode()
    assert "Alsbach-Hähnlein" in page and "Weiterstadt" in page
    assert '<svg role="img"' in page  # GISD map
    admin = client_as("demo-admin")
    full = admin.get("/transfer/landkreis/").content.decode()
    assert "Plattform" in full
    assert client_as("demo-gremium").post("/transfer/transferpaket/").status_code == 404


def test_unknown_indicator_refused(demo):
    document = services.bundle_export(tenant=demo.weiterstadt, actor=None)
    document["contents"]["indicators"].insert(
        0, {"code": "gibt-es-nicht", "name": "Unbekannt", "kind": "indicator"}
    )
    document["checksum"] = checksum_of(document["contents"])
    with pytest.raises(ValidationError, match="gibt-es-nicht"):
        services.municipality_start(bundle_text=json.dumps(document), ags="06432003", actor=None)
    gemeinde = Tenant.objects.get(area__code="06432003")
    assert _selectors("participation").concept_config(gemeinde) == []


def test_start_page_upload(demo, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.bundle_export(tenant=demo.weiterstadt, actor=None)
    admin = client_as("demo-admin")  # Landkreis administration
    bad = SimpleUploadedFile("paket.json", json.dumps(dict(document, version=2)).encode())
    page = admin.post("/transfer/neue-gemeinde/", {"ags": "06432004", "bundle": bad})
    assert page.status_code == 200
    assert "Version 2" in page.content.decode()
    gemeinde = Tenant.objects.get(area__code="06432004")
    assert _selectors("participation").concept_config(gemeinde) == []
    good = SimpleUploadedFile("paket.json", json.dumps(document).encode())
    page = admin.post("/transfer/neue-gemeinde/", {"ags": "06432004", "bundle": good})
    assert "ist eingerichtet" in page.content.decode()
    assert len(_selectors("participation").concept_config(gemeinde)) == 3
    # a Gemeinde administration may only configure itself; others are not offered
    assert client_as("demo-planung").get("/transfer/neue-gemeinde/").status_code == 404
