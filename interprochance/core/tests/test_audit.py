import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from interprochance.core import audit
from interprochance.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _chain(n: int, actor=None):
    return [
        audit.record(
            actor=actor, action="test.write", entity="core.area", object_id=i, detail={"i": i}
        )
        for i in range(n)
    ]


def test_chain_links_each_event_to_its_predecessor(core_demo):
    events = _chain(3, core_demo.users["demo-planung"])
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert events[0].actor_username == "demo-planung"
    checked, problems = audit.verify_chain()
    assert problems == [] and checked >= 3


def test_tampering_with_content_is_detected(core_demo):
    if connection.vendor == "postgresql":
        pytest.skip(
            "PostgreSQL refuses the update itself (see test_postgres_refuses_update_and_delete)"
        )
    events = _chain(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(detail={"i": 999})
    _checked, problems = audit.verify_chain()
    assert [p.event_id for p in problems] == [events[1].pk]
    with pytest.raises(CommandError, match="Protokoll verletzt"):
        call_command("verify_audit")


def test_removing_an_event_is_detected(core_demo):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the delete itself")
    events = _chain(3)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    _checked, problems = audit.verify_chain()
    assert any(p.event_id == events[2].pk and "Verkettung" in p.reason for p in problems)


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete(core_demo):
    if connection.vendor != "postgresql":
        pytest.skip("trigger exists on PostgreSQL only")
    event = _chain(1)[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_verify_audit_command_reports_intact_chain(core_demo, capsys):
    _chain(2)
    call_command("verify_audit")
    assert "Protokoll intakt" in capsys.readouterr().out


def test_audit_view_filters_and_exports_csv(client_as):
    audit.record(
        actor=None,
        action="fund.decide",
        tenant="weiterstadt",
        entity="fund.application",
        object_id="7",
    )
    client = client_as("demo-admin")
    response = client.get("/protokoll/", {"action": "fund.decide"})
    assert response.status_code == 200
    assert "fund.application 7" in response.content.decode()
    csv_response = client.get("/protokoll/", {"action": "fund.decide", "format": "csv"})
    body = csv_response.content.decode("utf-8-sig")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "fund.decide" in body and "auth.login" not in body
    # Viewing the audit trail is itself audited.
    assert AuditEvent.objects.filter(action="audit.view").exists()


def test_audit_view_rejects_reversed_dates_with_german_message(client_as):
    response = client_as("demo-admin").get(
        "/protokoll/", {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "Das Enddatum liegt vor dem Anfangsdatum." in response.content.decode()


def test_audit_view_is_404_for_other_roles(client_as):
    assert client_as("demo-planung").get("/protokoll/").status_code == 404
