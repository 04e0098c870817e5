"""Reads of core data for views and other apps."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from interprochance.core.models import Area, AreaLevel, AuditEvent, Institution, Job, Source, Tenant


def tenant_areas(tenant: Tenant, *, level: str | None = None) -> QuerySet[Area]:
    """The current areas inside a tenant's territory (the tenant's own area included)."""
    root = tenant.area
    query = Q(pk=root.pk) | Q(parent=root) | Q(parent__parent=root) | Q(parent__parent__parent=root)
    areas = Area.objects.valid_on().filter(query).select_related("parent", "source")
    if level:
        areas = areas.filter(level=level)
    return areas.order_by("code")


def area_descendants(area: Area) -> list[Area]:
    result: list[Area] = []
    frontier = [area]
    while frontier:
        children = list(Area.objects.valid_on().filter(parent__in=frontier))
        result.extend(children)
        frontier = children
    return result


def area_for_tenant(tenant: Tenant, code: str) -> Area | None:
    return tenant_areas(tenant).filter(code=code).first()


def gemeinden_of_landkreis() -> QuerySet[Area]:
    return Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("name")


def institutions_for_tenant(tenant: Tenant, *, kind: str | None = None) -> QuerySet[Institution]:
    tenants = [tenant.pk, *tenant.members.values_list("pk", flat=True)]
    qs = Institution.objects.filter(tenant_id__in=tenants).select_related(
        "area", "tenant", "source"
    )
    return qs.filter(kind=kind) if kind else qs


def tenant_by_slug(slug: str) -> Tenant | None:
    return Tenant.objects.filter(slug=slug, is_active=True).first()


def jobs_for_tenant(tenant: Tenant) -> QuerySet[Job]:
    return Job.objects.filter(tenant=tenant).select_related("created_by")


def recent_jobs(tenant: Tenant, limit: int = 5) -> list[Job]:
    """The newest jobs of a tenant, with only what a list of links shows."""
    return list(Job.objects.filter(tenant=tenant).only("id", "title", "status", "created")[:limit])


def sources_in_use() -> QuerySet[Source]:
    return Source.objects.annotate(n_areas=Count("area", distinct=True)).order_by("key")


def audit_events(
    *,
    date_from=None,
    date_to=None,
    user: str = "",
    action: str = "",
    entity: str = "",
    object_id: str = "",
    tenant_slug: str | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if tenant_slug is not None:
        events = events.filter(tenant_slug__in=[tenant_slug, ""])
    if date_from:
        events = events.filter(timestamp__date__gte=date_from)
    if date_to:
        events = events.filter(timestamp__date__lte=date_to)
    if user:
        events = events.filter(actor_username__iexact=user)
    if action:
        events = events.filter(action__icontains=action)
    if entity:
        events = events.filter(entity__icontains=entity)
    if object_id:
        events = events.filter(object_id=object_id)
    return events.order_by("-id")
