"""Retention: time moved forward -> data gone, report written. Art. 15 export, erasure."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interprochance.core.models import AuditEvent
from interprochance.counseling import services
from interprochance.counseling.models import (
    AppointmentRequest,
    Case,
    Document,
    ErasureRequest,
    Household,
    HouseholdIdentity,
    HouseholdMember,
    RetentionRun,
)

pytestmark = pytest.mark.django_db


def _fill(offices):
    case = offices.case_a
    today = timezone.localdate()
    services.contact_add(
        actor=offices.user_a,
        case=case,
        day=today,
        duration_minutes=30,
        channel="phone",
        notes="geheim",
    )
    doc = services.document_add(
        actor=offices.user_a,
        case=case,
        title="Bescheid",
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    )
    services.household_set_economics(
        actor=offices.user_a,
        household=case.household,
        housing_cost_cents=70000,
        current_benefits=[],
        members=[services.MemberData(role="adult", birth_date=date(1990, 1, 1))],
    )
    return case, doc


def test_retention_time_moved_forward(offices):
    case, doc = _fill(offices)
    path = doc.file.path
    services.case_close(
        actor=offices.user_a, case=case, outcome="achieved", closed_on=timezone.localdate()
    )
    open_case_b = offices.case_b  # still open: must stay
    services.request_submit(
        tenant=offices.a.tenant,
        topic="money",
        language="Deutsch",
        channel="phone",
        reach="06150 12345",
        client_key="k",
    )

    # not yet due: nothing happens
    report = services.retention_run(actor=None, today=timezone.localdate() + timedelta(days=30))
    assert report["households_erased"] == 0
    assert HouseholdIdentity.objects.filter(household=case.household).exists()
    assert report["requests_deleted"] == 0

    # four years later: identity, members, documents, notes gone; case anonymised; report written
    later = date(timezone.localdate().year + 4, 1, 2)
    out = io.StringIO()
    call_command("run_retention", "--as-of", later.isoformat(), stdout=out)
    assert "1 Haushalte gelöscht" in out.getvalue()
    case.refresh_from_db()
    assert case.anonymised_at is not None and case.household is None and case.summary == ""
    assert not HouseholdIdentity.objects.filter(household_id=doc.case.household_id).exists()
    assert not HouseholdMember.objects.filter(household_id=doc.case.household_id).exists()
    assert not Document.objects.exists()
    import os

    assert not os.path.exists(path)
    assert case.contacts.get().notes == ""
    assert case.topics.exists() and case.area_id == case.area_id  # statistics survive
    assert not AppointmentRequest.objects.exists()
    run = RetentionRun.objects.get(as_of=later)
    assert run.report["households_erased"] == 1 and run.report["documents_deleted"] == 1
    assert AuditEvent.objects.filter(action="counseling.retention_run").exists()
    # the open case of office B is untouched
    assert HouseholdIdentity.objects.filter(household=open_case_b.household).exists()
    # anonymised cases vanish from every list
    assert not Case.objects.filter(pk=case.pk, anonymised_at__isnull=True).exists()


def test_retention_hold_protects(offices):
    case, _doc = _fill(offices)
    services.case_close(
        actor=offices.user_a, case=case, outcome="achieved", closed_on=timezone.localdate()
    )
    Case.objects.filter(pk=case.pk).update(retention_hold=True)
    report = services.retention_run(actor=None, today=date(timezone.localdate().year + 10, 1, 1))
    assert report["held"] == 1 and report["households_erased"] == 0
    assert HouseholdIdentity.objects.filter(household=case.household).exists()


def test_art15_export_json_and_pdf(client_as, offices, pdf_text):
    case, _doc = _fill(offices)
    client = client_as("demo-beratung-a")
    data = json.loads(
        client.get(reverse("counseling:household_export", args=[case.household_id, "json"])).content
    )
    assert data["identity"]["contact_name"] == "Anna Alpha"
    assert data["cases"][0]["contacts"][0]["notes"] == "geheim"
    assert data["cases"][0]["documents"][0]["title"] == "Bescheid"
    pdf = client.get(reverse("counseling:household_export", args=[case.household_id, "pdf"]))
    assert pdf.status_code == 200
    printed = pdf_text(pdf.content)  # the same data as the JSON, readable for the person
    assert "Anna Alpha" in printed and "geheim" in printed and "Bescheid" in printed
    assert AuditEvent.objects.filter(
        action="counseling.export_art15", detail__format="pdf"
    ).exists()


def test_erasure_request_by_lead(client_as, offices):
    case, _doc = _fill(offices)
    hh = case.household
    url = reverse("counseling:erasure", args=[hh.pk])
    # refusal needs a reason
    r = client_as("demo-beratung-a").post(
        url, {"received_on": timezone.localdate().isoformat(), "execute": "no", "reason": ""}
    )
    assert r.status_code == 400 and "begründet" in r.content.decode()
    r = client_as("demo-beratung-a").post(
        url,
        {
            "received_on": timezone.localdate().isoformat(),
            "execute": "yes",
            "reason": "Antrag der Familie",
        },
    )
    assert r.status_code == 302
    rec = ErasureRequest.objects.get()
    assert (
        rec.decision == "executed"
        and rec.household_pseudonym == hh.pseudonym
        and rec.report["identities"] == 1
    )
    assert not HouseholdIdentity.objects.filter(household=hh).exists()
    assert Household.objects.get(pk=hh.pk).anonymised_at is not None


def test_erasure_execution_only_by_lead(client_as, offices):
    url = reverse("counseling:erasure", args=[offices.case_b.household_id])
    r = client_as("demo-beratung-b").post(
        url, {"received_on": timezone.localdate().isoformat(), "execute": "yes"}
    )
    assert r.status_code == 400 and "Leitung" in r.content.decode()
    assert HouseholdIdentity.objects.filter(household_id=offices.case_b.household_id).exists()


def test_retention_task_writes_report(offices):
    from interprochance.counseling.tasks import retention_daily

    retention_daily.enqueue()
    run = RetentionRun.objects.get()
    assert run.as_of == timezone.localdate() and run.report["households_erased"] == 0


def test_erasure_page_read_is_audited(client_as, offices):
    hh = offices.case_a.household
    assert (
        client_as("demo-beratung-a").get(reverse("counseling:erasure", args=[hh.pk])).status_code
        == 200
    )
    assert AuditEvent.objects.filter(
        action="read", entity="counseling.household", object_id=str(hh.pk)
    ).exists()
