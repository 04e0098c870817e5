"""Reads of directory data for views, the HSDS API and other apps.

The public finder (:func:`finder_search`) runs the same filters on both
databases; only the full-text predicate differs (PostgreSQL German text search
vs. the SQLite LIKE on Snowball stems, see ``search/german.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone

from interprochance.core.models import Area, AreaLevel, Tenant

from .models import (
    Contact,
    CooperationAgreement,
    HSDSImport,
    Location,
    NetworkMeeting,
    Organization,
    ProposalState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceProposal,
    ServiceState,
    ServiceStatus,
)
from .search.german import query_stems, tsquery


@dataclass(frozen=True)
class FinderQuery:
    q: str = ""
    age: int | None = None
    life_phase: str = ""
    need_area: str = ""
    area: str = ""
    free: bool = False
    language: str = ""
    barrier_free: bool = False
    tenant: str = ""  # Gemeinde slug, optional

    def is_empty(self) -> bool:
        return self == FinderQuery()


@dataclass
class FinderPage:
    services: list[Any]  # Service rows, annotated with org_name and total_count
    total: int
    page: int
    per_page: int
    stems: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(state=ServiceState.PUBLISHED).exclude(
        status=ServiceStatus.DEFUNCT
    )


_T = '"directory_service"'


def _text_filter(qs: QuerySet[Service], stems: list[str]) -> QuerySet[Service]:
    if not stems:
        return qs
    if connection.vendor == "postgresql":
        # search_vector: generated tsvector column with a GIN index (migration 0003)
        tsq = tsquery(stems)
        return qs.extra(  # noqa: S610 - constant SQL, the query text is a bound parameter
            where=[f"{_T}.search_vector @@ to_tsquery('german'::regconfig, %s)"],
            params=[tsq],
        ).annotate(
            rank=RawSQL(  # noqa: S611 - constant SQL, parameters bound
                f"ts_rank({_T}.search_vector, to_tsquery('german'::regconfig, %s))"
                f" + CASE WHEN {_T}.name ILIKE %s THEN 1 ELSE 0 END",
                [tsq, f"%{stems[0]}%"],
            )
        )
    for s in stems:
        qs = qs.filter(Q(search_text__startswith=s) | Q(search_text__contains=" " + s))
    name_hits = [When(name__icontains=s, then=Value(1)) for s in stems]
    return qs.annotate(rank=Case(*name_hits, default=Value(0), output_field=IntegerField()))


def finder_queryset(query: FinderQuery) -> tuple[QuerySet[Service], list[str]]:
    qs = public_services()
    if query.tenant:
        qs = qs.filter(tenant__slug=query.tenant)
    if query.age is not None:
        qs = qs.filter(Q(min_age__isnull=True) | Q(min_age__lte=query.age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=query.age)
        )
    if query.life_phase:
        qs = qs.filter(life_phases__contains=f"|{query.life_phase}|")
    if query.need_area:
        qs = qs.filter(need_areas__contains=f"|{query.need_area}|")
    if query.language:
        qs = qs.filter(languages__contains=f"|{query.language}|")
    if query.area:
        qs = qs.filter(area_codes__contains=f"|{query.area}|")
    if query.free:
        qs = qs.filter(is_free=True)
    if query.barrier_free:
        qs = qs.filter(barrier_free=True)
    stems = query_stems(query.q) if query.q else []
    qs = _text_filter(qs, stems)
    return qs, stems


#: Columns the result list shows (narrow rows keep the window count and sort cheap).
LIST_FIELDS = (
    "id",
    "uuid",
    "name",
    "description",
    "status",
    "area_codes",
    "life_phases",
    "need_areas",
    "languages",
    "min_age",
    "max_age",
    "is_free",
    "but_eligible",
    "barrier_free",
    "is_synthetic",
)


def finder_search(query: FinderQuery, *, page: int = 1, per_page: int = 20) -> FinderPage:
    """One page of published services matching the query.

    One query in the common case: the total comes from ``COUNT(*) OVER ()`` on
    the page itself, so the (text) filter runs once. Only a page beyond the end
    costs a second query (count) and a third (the last page).
    """
    qs, stems = finder_queryset(query)
    order = ["-rank", "name"] if stems else ["name"]
    base = (
        qs.only(*LIST_FIELDS)
        .annotate(org_name=F("organization__name"), total_count=Window(expression=Count("id")))
        .order_by(*order)
    )
    page = max(1, page)
    rows = list(base[(page - 1) * per_page : page * per_page])
    if rows:
        total = rows[0].total_count
    else:
        total = qs.count() if page > 1 else 0
        if total:
            page = max(1, -(-total // per_page))
            rows = list(base[(page - 1) * per_page : page * per_page])
    return FinderPage(rows, total, page, per_page, stems)


def service_public_detail(uuid: Any) -> Service | None:
    return (
        public_services()
        .select_related("organization", "tenant")
        .prefetch_related(
            "translations",
            Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
            Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related("location", "location__area"),
            ),
            Prefetch(
                "organization__contacts",
                queryset=Contact.objects.filter(is_public=True),
                to_attr="public_contacts",
            ),
        )
        .filter(uuid=uuid)
        .first()
    )


def areas_for_finder() -> list[Area]:
    """Stadtteile/Sozialräume that have at least one published service (filter choices).

    Cached for a minute: the choices change rarely and the finder is public.
    """
    cached = cache.get("directory:finder_areas")
    if cached is not None:
        return cached
    areas = _areas_for_finder()
    cache.set("directory:finder_areas", areas, 60)
    return areas


def _areas_for_finder() -> list[Area]:
    codes: set[str] = set()
    for value in public_services().order_by().values_list("area_codes", flat=True).distinct():
        codes.update(c for c in value.split("|") if c)
    return list(
        Area.objects.valid_on()
        .filter(code__in=codes, level__in=[AreaLevel.ORTSTEIL, AreaLevel.SOZIALRAUM])
        .order_by("name")
    )


def area_names(codes: set[str]) -> dict[str, str]:
    """Names of areas by code (all current areas cached for 10 minutes: they change rarely)."""
    names = cache.get("directory:area_names")
    if names is None:
        names = dict(Area.objects.valid_on().values_list("code", "name"))
        cache.set("directory:area_names", names, 600)
    return {c: names[c] for c in codes if c in names}


# ---- staff views ----------------------------------------------------------------


def services_for_tenant(
    tenant: Tenant, *, state: str = "", stale_only: bool = False, today: date | None = None
) -> QuerySet[Service]:
    qs = Service.objects.filter(tenant=tenant).select_related("organization")
    if state:
        qs = qs.filter(state=state)
    if stale_only:
        qs = qs.stale(today)
    return qs.order_by("name")


def stale_count(tenant: Tenant, today: date | None = None) -> int:
    return Service.objects.filter(tenant=tenant).stale(today).count()


def organizations_for_tenant(tenant: Tenant) -> QuerySet[Organization]:
    return Organization.objects.filter(tenant=tenant).order_by("name")


def locations_for_tenant(tenant: Tenant) -> QuerySet[Location]:
    return (
        Location.objects.filter(tenant=tenant)
        .select_related("area", "organization")
        .order_by("name")
    )


def open_proposals(tenant: Tenant) -> QuerySet[ServiceProposal]:
    return (
        ServiceProposal.objects.filter(tenant=tenant, state=ProposalState.OPEN)
        .select_related("organization", "service", "submitted_by")
        .order_by("submitted_at")
    )


def service_history(service: Service) -> QuerySet[Any]:
    return service.revisions.all()


def agreements_for_tenant(tenant: Tenant) -> QuerySet[CooperationAgreement]:
    return CooperationAgreement.objects.filter(tenant=tenant).prefetch_related("parties")


def meetings_for_tenant(tenant: Tenant) -> QuerySet[NetworkMeeting]:
    return (
        NetworkMeeting.objects.filter(tenant=tenant)
        .prefetch_related("participants", "topics", "actions", "actions__responsible")
        .order_by("-held_on")
    )


def imports_for_tenant(tenant: Tenant) -> QuerySet[HSDSImport]:
    return HSDSImport.objects.filter(tenant=tenant)


# ---- for other apps (counseling referrals, governance reports) ---------------------


def service_choices_for_referral(tenant: Tenant) -> list[tuple[int, str]]:
    """Published services of a tenant, for a referral dropdown in counselling."""
    return [
        (pk, f"{name} ({org})")
        for pk, name, org in public_services()
        .filter(tenant=tenant)
        .values_list("pk", "name", "organization__name")
        .order_by("name")
    ]


def directory_summary(tenant: Tenant, *, today: date | None = None) -> dict[str, int]:
    """Counts for reports: published services, organisations, agreements, meetings, stale entries."""
    today = today or timezone.localdate()
    return {
        "services_published": public_services().filter(tenant=tenant).count(),
        "organizations": Organization.objects.filter(tenant=tenant).count(),
        "agreements": CooperationAgreement.objects.filter(tenant=tenant).count(),
        "meetings": NetworkMeeting.objects.filter(tenant=tenant).count(),
        "stale": stale_count(tenant, today),
    }


def referral_targets(tenant: Tenant) -> list[dict[str, Any]]:
    """Published services of a tenant as referral targets for counselling."""
    return [
        {"id": pk, "label": name, "organisation_id": org_id, "organisation": org}
        for pk, name, org_id, org in public_services()
        .filter(tenant=tenant)
        .order_by("name")
        .values_list("pk", "name", "organization_id", "organization__name")
    ]


@dataclass(frozen=True)
class CoverageGap:
    area_name: str
    life_phase: str
    need_area: str
    reason: str


@dataclass(frozen=True)
class CoverageReport:
    gaps: list[CoverageGap]
    need_source: str
    need_synthetic: bool


def coverage_report(tenant: Tenant) -> CoverageReport:
    """Gaps between need and supply for reports (governance)."""
    from .coverage_data import coverage_for_tenant
    from .taxonomy import LIFE_PHASES, NEED_AREAS

    data = coverage_for_tenant(tenant)
    names = {a.code: a.name for a in data.result.areas}
    return CoverageReport(
        gaps=[
            CoverageGap(
                names[c.area],
                LIFE_PHASES.get(c.life_phase).name,
                NEED_AREAS.get(c.need_area).name,
                c.reason,
            )
            for c in data.result.gaps
        ],
        need_source=data.need_source,
        need_synthetic=data.need_synthetic,
    )


def transfer_taxonomies(tenant: Tenant) -> list[dict[str, Any]]:
    """The directory's vocabularies for the transfer bundle (life phases, need areas, target groups)."""
    from .taxonomy import LIFE_PHASES, NEED_AREAS, TARGET_GROUPS

    return [
        {
            "module": "directory",
            "vocabulary": v.code,
            "version": v.version,
            "code": t.code,
            "name": t.name,
            "description": t.description,
            "min_age": t.min_age,
            "max_age": t.max_age,
        }
        for v in (LIFE_PHASES, NEED_AREAS, TARGET_GROUPS)
        for t in v.terms
    ]
