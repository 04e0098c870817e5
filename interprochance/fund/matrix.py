"""Example objects for the role-matrix test (tests/test_role_matrix.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone

from interprochance.core.roles import Role


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    from interprochance.core.selectors import tenant_areas
    from interprochance.fund import services
    from interprochance.fund.catalogue import ensure_catalogue
    from interprochance.fund.models import Application

    ensure_catalogue()

    tenant = ctx.tenant
    admin = ctx.demo.users["demo-admin"]
    source = services.source_create(
        actor=admin, tenant=tenant, key="matrix", name="Matrix-Topf", kind="gemeinde"
    )
    services.source_budget_add(
        actor=admin, source=source, year=timezone.localdate().year, amount="5000"
    )
    area = tenant_areas(tenant, level="sozialraum").first() or tenant_areas(tenant).first()
    assert area is not None
    base: dict[str, Any] = {
        "purpose": "club_fee",
        "total": "60",
        "amount": "60",
        "child_age": 9,
        "life_phase": "primary",
        "area_code": area.code,
        "description": "Vereinsbeitrag Fußball für ein Jahr.",
        "provider_name": "SV Weiterstadt",
        "provider_iban": "DE89370400440532013000",
        "applicant_org": "Beratungsstelle",
        "household_key": "M-1",
    }
    applicant = ctx.users[Role.BERATUNG]

    def submit(child: str) -> Application:
        return services.application_submit(
            actor=applicant,
            tenant=tenant,
            form_token=uuid.uuid4(),
            data=services.ApplicationInput(**base, child_key=child),
        )

    pending = submit("Matrix Kind 1")
    paid = submit("Matrix Kind 2")
    other = ctx.demo.users["demo-fonds"]
    services.application_propose(actor=other, application=paid, decision="approve")
    services.application_decide(
        actor=ctx.demo.users["demo-fonds-anordnung"], application=paid, approve=True
    )
    batch = services.payout_batch_create(
        actor=other,
        tenant=tenant,
        request_key=uuid.uuid4(),
        execution_date=timezone.localdate() + timedelta(days=1),
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = services.document_add(
        actor=applicant,
        application=pending,
        kind="quote",
        upload=SimpleUploadedFile("angebot.pdf", b"%PDF-1.4\n%%EOF"),
    )
    n = {"number": pending.number}
    return {
        "fund:application_detail": n,
        "fund:application_propose": n,
        "fund:application_decide": n,
        "fund:document_upload": n,
        "fund:proof_record": n,
        "fund:application_withdraw": n,
        "fund:document_download": {**n, "pk": doc.pk},
        "fund:batch_download": {"pk": batch.pk},
        "fund:budget_add": {"pk": source.pk},
        "fund:donor_report": {"pk": source.pk},
    }
