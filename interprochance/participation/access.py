"""Object access for participation: tenant first, then role."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant
from interprochance.core.policy import has_role
from interprochance.core.roles import Role
from interprochance.participation.models import Concept, Implementation

READ_ROLES = (Role.ADMIN, Role.PLANUNG, Role.NETZWERK, Role.GREMIUM)
WRITE_ROLES = (Role.ADMIN, Role.PLANUNG, Role.NETZWERK)


def _check(user: Any, tenant: Tenant | None, write: bool) -> Tenant:
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if not has_role(user, tenant, *(WRITE_ROLES if write else READ_ROLES)):
        raise Http404
    return tenant


def access_concept(user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False) -> Concept:
    tenant = _check(user, tenant, write)
    concept = Concept.objects.filter(tenant=tenant, pk=pk).first()
    if concept is None:
        raise Http404
    return concept


def access_implementation(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> Implementation:
    tenant = _check(user, tenant, write)
    item = Implementation.objects.filter(tenant=tenant, pk=pk).first()
    if item is None:
        raise Http404
    return item
