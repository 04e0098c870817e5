"""Access rules of the monitoring, in one place.

- Sozialplanung of a tenant sees exact values for the areas of its own territory
  (every such read is audited); everyone else sees the protected publication.
- Areas and import batches are looked up within the active tenant only; missing
  and forbidden both answer 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Area, AreaLevel, Tenant
from interprochance.core.roles import Role
from interprochance.core.selectors import tenant_areas

from .models import ImportBatch, QualityFlag

READ_ROLES = (Role.PLANUNG, Role.GREMIUM)
WRITE_ROLES = (Role.PLANUNG,)


def may_see_exact(roles: Any) -> bool:
    return Role.PLANUNG in set(roles or ())


def access_area(tenant: Tenant, code: str) -> Area:
    """An area inside the tenant's territory, or a Gemeinde/the Landkreis (public
    comparison units, shown protected)."""
    area = tenant_areas(tenant).filter(code=code).first()
    if area is None:
        area = (
            Area.objects.valid_on()
            .filter(code=code, level__in=(AreaLevel.GEMEINDE, AreaLevel.LANDKREIS))
            .first()
        )
    if area is None:
        raise Http404
    return area


def in_territory(tenant: Tenant, area: Area) -> bool:
    return tenant_areas(tenant).filter(pk=area.pk).exists()


def access_batch(tenant: Tenant, pk: int, *, write: bool = False) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=pk, tenant=tenant).first()
    if batch is None:
        raise Http404
    return batch


def access_flag(tenant: Tenant, pk: int, *, write: bool = False) -> QualityFlag:
    flag = QualityFlag.objects.filter(pk=pk, tenant=tenant).first()
    if flag is None:
        raise Http404
    return flag
