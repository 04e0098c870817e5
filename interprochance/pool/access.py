"""Object access for the pool module: tenant first, then role; 404 for forbidden and missing.

Only Schulassistenz-Koordination sees pools, plans and children (and only it sees a
child's identity). Sozialplanung and Gremium see the aggregated comparison only.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant
from interprochance.core.policy import user_roles
from interprochance.core.roles import Role

from .models import Child, MonthStatement, Plan, Pool

COORDINATION = (Role.SCHULASSISTENZ,)
OVERVIEW_ROLES = (Role.SCHULASSISTENZ, Role.PLANUNG, Role.GREMIUM)


def _coordination(user: Any, tenant: Tenant | None) -> None:
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if not user_roles(user, tenant) & set(COORDINATION):
        raise Http404


def access_pool(user: Any, tenant: Tenant | None, pk: int, *, write: bool = False) -> Pool:
    _coordination(user, tenant)
    pool = Pool.objects.filter(tenant=tenant, pk=pk).select_related("school", "tenant").first()
    if pool is None:
        raise Http404
    return pool


def access_plan(user: Any, tenant: Tenant | None, pk: int, *, write: bool = False) -> Plan:
    _coordination(user, tenant)
    plan = (
        Plan.objects.filter(pool__tenant=tenant, pk=pk)
        .select_related("pool", "pool__school")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def access_child(user: Any, tenant: Tenant | None, pk: int, *, write: bool = False) -> Child:
    _coordination(user, tenant)
    child = Child.objects.filter(tenant=tenant, pk=pk).first()
    if child is None:
        raise Http404
    return child


def access_statement(user: Any, tenant: Tenant | None, pk: int) -> MonthStatement:
    _coordination(user, tenant)
    st = (
        MonthStatement.objects.filter(pool__tenant=tenant, pk=pk)
        .select_related("pool", "plan")
        .first()
    )
    if st is None:
        raise Http404
    return st
