"""Objects for the role-matrix test (routes with URL parameters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from interprochance.governance.models import (
    ActionItem,
    Agreement,
    Body,
    Meeting,
    ReportKind,
    StatusReport,
)


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    tenant = ctx.tenant
    body, _ = Body.objects.get_or_create(
        tenant=tenant, name="Matrix-Projektbeirat", defaults={"kind": "projektbeirat"}
    )
    start = timezone.now() + dt.timedelta(days=7)
    meeting = Meeting.objects.create(
        body=body, title="Matrix-Sitzung", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    action = ActionItem.objects.create(
        meeting=meeting, title="Matrix-Aufgabe", owner="Sozialplanung", due=timezone.localdate()
    )
    agreement = Agreement.objects.create(
        tenant=tenant,
        title="Matrix-Vereinbarung",
        parties="Matrix A und Matrix B",
        signed=dt.date(2014, 9, 16),
        initial_months=24,
        renewal_months=12,
        notice_months=3,
    )
    report = StatusReport.objects.create(
        tenant=tenant,
        kind=ReportKind.ON_DEMAND,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        title="Matrix-Bericht",
        html="<p>Matrix</p>",
        pdf=b"%PDF-1.4 matrix",
    )
    return {
        "governance:body_detail": {"pk": body.pk},
        "governance:meeting_create": {"body_pk": body.pk},
        "governance:meeting_detail": {"pk": meeting.pk},
        "governance:meeting_cancel": {"pk": meeting.pk},
        "governance:meeting_ical": {"pk": meeting.pk},
        "governance:action_follow_up": {"pk": action.pk},
        "governance:agreement_detail": {"pk": agreement.pk},
        "governance:report_detail": {"pk": report.pk},
        "governance:report_pdf": {"pk": report.pk},
    }
