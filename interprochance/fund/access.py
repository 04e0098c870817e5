"""Object access for the fund: tenant first, then role and object rules; 404 for both
forbidden and missing."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant
from interprochance.core.policy import user_roles
from interprochance.core.roles import Role
from interprochance.fund.models import Application, FundingSource, PayoutBatch

FUND_STAFF = (Role.FONDS, Role.FONDS_ANORDNUNG)
REPORT_ROLES = (Role.FONDS, Role.FONDS_ANORDNUNG, Role.PLANUNG, Role.GREMIUM)


def access_application(
    user: Any, tenant: Tenant | None, number: str, *, write: bool = False
) -> Application:
    """Fund staff see every application of their tenant; a professional only her own."""
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    roles = user_roles(user, tenant)
    app = (
        Application.objects.filter(tenant=tenant, number=number)
        .select_related("purpose", "area", "applicant", "proposed_by", "decided_by", "tenant")
        .first()
    )
    if app is None:
        raise Http404
    if roles & set(FUND_STAFF):
        return app
    if Role.BERATUNG in roles and app.applicant_id == user.pk:
        return app
    raise Http404


def access_batch(user: Any, tenant: Tenant | None, pk: int) -> PayoutBatch:
    if tenant is None or not (user_roles(user, tenant) & set(FUND_STAFF)):
        raise Http404
    batch = PayoutBatch.objects.filter(tenant=tenant, pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def access_source(
    user: Any, tenant: Tenant | None, pk: int, *, write: bool = False
) -> FundingSource:
    if tenant is None:
        raise Http404
    roles = user_roles(user, tenant)
    allowed = {Role.FONDS_ANORDNUNG} if write else set(REPORT_ROLES)
    if not roles & allowed:
        raise Http404
    source = FundingSource.objects.filter(tenant=tenant, pk=pk).first()
    if source is None:
        raise Http404
    return source
