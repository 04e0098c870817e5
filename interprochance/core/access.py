"""Object access for core entities: tenant first, then role and object rules."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Area, Job, Tenant
from interprochance.core.selectors import tenant_areas


def access_area(user: Any, tenant: Tenant | None, code: str) -> Area:
    if tenant is None or not user.is_authenticated:
        raise Http404
    area = tenant_areas(tenant).filter(code=code).first()
    if area is None:
        raise Http404
    return area


def access_job(user: Any, tenant: Tenant | None, job_id: Any) -> Job:
    if tenant is None or not user.is_authenticated:
        raise Http404
    job = Job.objects.filter(pk=job_id, tenant=tenant).first()
    if job is None:
        raise Http404
    return job
