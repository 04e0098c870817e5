"""Background work of the governance module (run through core.jobs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from interprochance.core import jobs
from interprochance.core.models import Job, Tenant


def status_report_job(
    job: Job, *, tenant_id: int, report_kind: str, start: str, end: str, actor_id: int | None = None
) -> dict[str, Any]:
    from interprochance.governance.report.generate import report_generate

    tenant = Tenant.objects.get(pk=tenant_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    report = report_generate(
        tenant=tenant,
        kind=report_kind,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        actor=actor,
        job=job,
        progress=lambda p, m: jobs.progress(job, p, m),
    )
    return {
        "url": reverse("governance:report_detail", args=[report.pk]),
        "report_id": report.pk,
        "version": report.version,
    }


def start_status_report(
    *, tenant: Tenant, kind: str, start: dt.date, end: dt.date, actor: Any
) -> Job:
    return jobs.start(
        kind="governance.status_report",
        title=f"Statusbericht {start:%d.%m.%Y}–{end:%d.%m.%Y}",
        func="interprochance.governance.tasks.status_report_job",
        tenant=tenant,
        actor=actor,
        tenant_id=tenant.pk,
        report_kind=kind,
        start=start.isoformat(),
        end=end.isoformat(),
        actor_id=actor.pk if getattr(actor, "is_authenticated", False) else None,
    )
