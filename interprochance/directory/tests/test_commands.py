"""Management commands: validate_hsds, list_stale_services, import_hsds."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from interprochance.core.demo import load_demo
from interprochance.directory.models import Service


@pytest.fixture
def demo(db, core_demo):
    load_demo(only=["directory"])


def test_validate_hsds_passes_for_the_demo(demo):
    out = io.StringIO()
    call_command("validate_hsds", stdout=out)
    assert "0 mit Fehlern" in out.getvalue()


def test_list_stale_services(demo):
    out = io.StringIO()
    call_command("list_stale_services", "--tenant", "weiterstadt", stdout=out)
    assert "1 Angebote zu prüfen." in out.getvalue()


def test_import_hsds_command(demo, client, tmp_path):
    s = Service.objects.get(name="Kinderturnen")
    doc = client.get(f"/api/hsds/services/{s.uuid}").json()
    doc["id"] = "4b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f15"
    doc["name"] = "Eltern-Kind-Turnen"
    doc["url"] = "https://turnen-demo.de/eltern-kind"
    for sal in doc.get("service_at_locations", []):
        sal["id"] = "5b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f16"
    path = tmp_path / "hsds.json"
    path.write_text(json.dumps(doc))
    out = io.StringIO()
    call_command(
        "import_hsds", str(path), "--tenant", "weiterstadt", "--publisher", "Test", stdout=out
    )
    assert "1 Angebote" in out.getvalue()
    doc["phones"] = [{"id": "6b7f1c2e-8c1a-4d8e-9f3a-2b4c6d8e0f17", "number": "0"}]
    path.write_text(json.dumps(doc))
    with pytest.raises(CommandError, match="nichts übernommen"):
        call_command(
            "import_hsds",
            str(path),
            "--tenant",
            "weiterstadt",
            "--publisher",
            "Test",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_hsds", str(path), "--tenant", "nirgendwo", "--publisher", "Test")
