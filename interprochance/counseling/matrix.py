"""Role-matrix examples: one object of each kind in Weiterstadt, in an office
of the matrix counsellor (ctx.users['beratung'])."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import services
from .models import Topic


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    user = ctx.users["beratung"]
    tenant = ctx.tenant
    office = services.office_create(actor=None, tenant=tenant, name="Matrix-Beratungsstelle")
    other = services.office_create(actor=None, tenant=tenant, name="Matrix-Beratungsstelle 2")
    services.office_assign(actor=None, office=office, user=user, is_lead=True)
    today = timezone.localdate()
    case = services.case_open(
        actor=user,
        office=office,
        data=services.IntakeData(
            contact_name="Matrix Familie",
            topics=(Topic.HOUSING,),
            phone="06150 1234",
            opened_on=today - timedelta(days=10),
        ),
    )
    contact = services.contact_add(
        actor=user, case=case, day=today, duration_minutes=30, channel="phone"
    )
    goal = services.goal_add(actor=user, case=case, text="Ziel", agreed_on=today)
    task = services.task_add(actor=user, case=case, title="Aufgabe", due_on=today)
    doc = services.document_add(
        actor=user,
        case=case,
        title="Bescheid",
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 matrix", content_type="application/pdf"),
    )
    consent = services.consent_record(
        actor=user,
        case=case,
        purpose="referral",
        recipients=[f"office:{other.pk}"],
        recipient_label=other.name,
        categories=["contact"],
        given_on=today,
        form="written",
    )
    referral = services.referral_send(
        actor=user, case=case, categories=["contact"], to_office=other
    )
    request = services.request_submit(
        tenant=tenant,
        office=office,
        topic=Topic.MONEY,
        language="Deutsch",
        channel="phone",
        reach="06150 12345",
        client_key="matrix",
    )
    pk = {"pk": case.pk}
    return {
        "counseling:case_detail": pk,
        "counseling:contact_add": pk,
        "counseling:topics_update": pk,
        "counseling:goal_add": pk,
        "counseling:goal_status": {"pk": case.pk, "goal_id": goal.pk},
        "counseling:task_add": pk,
        "counseling:task_done": {"pk": case.pk, "task_id": task.pk},
        "counseling:document_add": pk,
        "counseling:consent_add": pk,
        "counseling:referral_add": pk,
        "counseling:case_close": pk,
        "counseling:benefits": pk,
        "counseling:access_log": pk,
        "counseling:fund_start": pk,
        "counseling:contact_detail": {"pk": contact.pk},
        "counseling:document_download": {"pk": doc.pk},
        "counseling:consent_withdraw": {"pk": consent.pk},
        "counseling:referral_detail": {"pk": referral.pk},
        "counseling:household_export": {"pk": case.household_id, "fmt": "json"},
        "counseling:erasure": {"pk": case.household_id},
        "counseling:request_status": {"pk": request.pk},
        "counseling-api-case": pk,
        "counseling-api-contact": {"pk": contact.pk},
        "counseling-api-document": {"pk": doc.pk},
        "counseling-api-referral": {"pk": referral.pk},
    }
