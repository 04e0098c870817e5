"""Access for the transfer module: tenant first, then role."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant, TenantKind
from interprochance.core.policy import has_role
from interprochance.core.roles import Role
from interprochance.transfer.models import SuccessCondition
from interprochance.transfer.selectors import conditions_for

READ_ROLES = (Role.ADMIN, Role.PLANUNG, Role.NETZWERK, Role.GREMIUM)
WRITE_ROLES = (Role.ADMIN, Role.PLANUNG)
EXPORT_ROLES = (Role.ADMIN, Role.PLANUNG)
LANDKREIS_ROLES = (Role.ADMIN, Role.PLANUNG, Role.GREMIUM)
START_ROLES = (Role.ADMIN,)


def access_condition(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> SuccessCondition:
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if not has_role(user, tenant, *(WRITE_ROLES if write else READ_ROLES)):
        raise Http404
    condition = conditions_for(tenant).filter(pk=pk).first()
    if condition is None:
        raise Http404
    return condition


def comparison_scope(user: Any, tenant: Tenant | None) -> tuple[Tenant, bool]:
    """(Landkreis tenant to compare, full view?) for the comparison page."""
    if tenant is None or not has_role(user, tenant, *LANDKREIS_ROLES):
        raise Http404
    if tenant.kind == TenantKind.LANDKREIS:
        return tenant, True
    if tenant.parent is None:
        raise Http404
    return tenant.parent, False


def startable_gemeinden(tenant: Tenant) -> list[Any]:
    """Gemeinde areas this tenant may configure from a bundle: all of the
    Landkreis' Gemeinden for the Landkreis, only itself for a Gemeinde."""
    from interprochance.core.selectors import gemeinden_of_landkreis

    if tenant.kind == TenantKind.LANDKREIS:
        return [a for a in gemeinden_of_landkreis() if a.parent_id == tenant.area_id]
    return [tenant.area]
