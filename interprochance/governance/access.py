"""Object access for governance: tenant first, then role, one rule per line.
Missing and forbidden both answer 404."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant
from interprochance.core.policy import has_role
from interprochance.core.roles import Role
from interprochance.governance.models import ActionItem, Agreement, Body, Meeting, StatusReport

READ_ROLES = (Role.ADMIN, Role.PLANUNG, Role.NETZWERK, Role.GREMIUM)
WRITE_ROLES = (Role.ADMIN, Role.PLANUNG)
REPORT_READ_ROLES = READ_ROLES
REPORT_WRITE_ROLES = WRITE_ROLES


def _check(user: Any, tenant: Tenant | None, write: bool) -> Tenant:
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if not has_role(user, tenant, *(WRITE_ROLES if write else READ_ROLES)):
        raise Http404
    return tenant


def access_body(user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False) -> Body:
    tenant = _check(user, tenant, write)
    body = Body.objects.filter(tenant=tenant, pk=pk).first()
    if body is None:
        raise Http404
    return body


def access_meeting(user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False) -> Meeting:
    tenant = _check(user, tenant, write)
    meeting = Meeting.objects.filter(body__tenant=tenant, pk=pk).select_related("body").first()
    if meeting is None:
        raise Http404
    return meeting


def access_action(user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False) -> ActionItem:
    tenant = _check(user, tenant, write)
    item = (
        ActionItem.objects.filter(meeting__body__tenant=tenant, pk=pk)
        .select_related("meeting__body__tenant")
        .first()
    )
    if item is None:
        raise Http404
    return item


def access_agreement(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> Agreement:
    tenant = _check(user, tenant, write)
    agreement = Agreement.objects.filter(tenant=tenant, pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


def access_report(user: Any, tenant: Tenant | None, pk: Any) -> StatusReport:
    tenant = _check(user, tenant, False)
    report = StatusReport.objects.filter(tenant=tenant, pk=pk).first()
    if report is None:
        raise Http404
    return report
