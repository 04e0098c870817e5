"""Reads of core data for views and other apps."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def gemeinde_by_ags(ags: str) -> Area | None:
    """The current Gemeinde with this AGS, if any."""
    return Area.objects.valid_on().filter(code=ags, level=AreaLevel.GEMEINDE).first()


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


@dataclass
class BoundaryCoverage:
    gemeinde: str
    level: str
    areas: int = 0
    with_boundary: int = 0
    sources: list[Source] = field(default_factory=list)


def boundary_coverage(gemeinde_ids: list[int]) -> list[BoundaryCoverage]:
    """Per Gemeinde and level below it: how many current areas there are, how many
    have a boundary, and the sources of those boundaries (one query)."""
    rows: dict[tuple[int, str], BoundaryCoverage] = {}
    areas = (
        Area.objects.valid_on()
        .filter(level__in=(AreaLevel.ORTSTEIL, AreaLevel.SOZIALRAUM))
        .filter(Q(parent__in=gemeinde_ids) | Q(parent__parent__in=gemeinde_ids))
        .select_related("geometry_source", "parent__parent")
        .defer("geometry", "parent__geometry", "parent__parent__geometry")
        .annotate(has_geometry=Q(geometry__isnull=False))
        .order_by("code")
    )
    for area in areas:
        parent = area.parent
        gemeinde = parent if parent is None or parent.pk in gemeinde_ids else parent.parent
        if gemeinde is None:
            continue
        row = rows.setdefault(
            (gemeinde.pk, area.level), BoundaryCoverage(gemeinde.name, area.get_level_display())
        )
        row.areas += 1
        if area.has_geometry:  # type: ignore[attr-defined]
            row.with_boundary += 1
            if area.geometry_source is not None and area.geometry_source not in row.sources:
                row.sources.append(area.geometry_source)
    return list(rows.values())


def geometry_sources(areas: list[Area]) -> list[Source]:
    """The sources of the boundaries of `areas` (those with a geometry), for the
    line under a map."""
    ids = {a.geometry_source_id for a in areas if a.geometry and a.geometry_source_id}
    if not ids:
        return []
    return list(Source.objects.filter(pk__in=ids).order_by("key"))
