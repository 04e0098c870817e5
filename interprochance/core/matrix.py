"""Example URL arguments for the role-matrix test (tests/test_role_matrix.py)."""

from typing import Any

from interprochance.core.models import Job


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    job = Job.objects.create(kind="matrix", title="Matrix-Testauftrag", tenant=ctx.tenant)
    return {
        "core:area_detail": {"code": ctx.tenant.area.code},
        "core:job_detail": {"job_id": job.pk},
        "api-area-detail": {"code": ctx.tenant.area.code},
    }
