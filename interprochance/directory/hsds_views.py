"""Open Referral HSDS 3.0 API under /api/hsds/ (public, read-only).

Routes and query parameters follow the specification's ``openapi.json``. Every
response shape is validated against the official schemas in the tests
(``tests/test_hsds_api.py``), strictly.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from interprochance.core.policy import public_view

from . import hsds_build
from .hsds import mapping
from .hsds.validator import HSDS_VERSION, SCHEMA_DIR
from .models import Location, Organization, Service, ServiceAtLocation
from .search.german import query_stems
from .selectors import _text_filter, public_services
from .taxonomy import LIFE_PHASES, NEED_AREAS

MAX_PER_PAGE = 200


class BadParameter(ValueError):
    pass


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _int(request: HttpRequest, name: str, default: int, *, lo: int, hi: int) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"Parameter „{name}“ muss eine ganze Zahl sein.") from None
    if not lo <= value <= hi:
        raise BadParameter(f"Parameter „{name}“ muss zwischen {lo} und {hi} liegen.")
    return value


def _bool(request: HttpRequest, name: str) -> bool:
    raw = (request.GET.get(name) or "").lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise BadParameter(f"Parameter „{name}“ muss true oder false sein.")


def _uuid(value: str, name: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise BadParameter(f"Parameter „{name}“ ist keine UUID.") from None


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "de")
    return lang if lang in ("de", "en", "tr", "ar", "uk") else "de"


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _guard(view):  # type: ignore[no-untyped-def]
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (request.GET.get("format") or "json") != "json":
            return _json({"detail": "Nur format=json wird unterstützt."}, 400)
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return _json({"detail": str(exc)}, 400)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _page(
    request: HttpRequest, items: list[Any], total: int, page: int, per_page: int
) -> JsonResponse:
    return _json(mapping.page(items, total_items=total, page_number=page, per_page=per_page))


def _paging(request: HttpRequest) -> tuple[int, int]:
    return _int(request, "page", 1, lo=1, hi=100_000), _int(
        request, "per_page", 50, lo=1, hi=MAX_PER_PAGE
    )


def _term_filter(qs: Any, request: HttpRequest) -> Any:
    term_id = request.GET.get("taxonomy_term_id")
    if term_id:
        wanted = _uuid(term_id, "taxonomy_term_id")
        for vocab, column in ((LIFE_PHASES, "life_phases"), (NEED_AREAS, "need_areas")):
            for t in vocab.terms:
                if t.uuid == wanted:
                    return qs.filter(**{f"{column}__contains": f"|{t.code}|"})
        return qs.none()
    tax_id = request.GET.get("taxonomy_id")
    if tax_id:
        wanted = _uuid(tax_id, "taxonomy_id")
        for vocab, column in ((LIFE_PHASES, "life_phases"), (NEED_AREAS, "need_areas")):
            if vocab.uuid == wanted:
                return qs.exclude(**{column: ""})
        return qs.none()
    return qs


def _service_filters(request: HttpRequest, qs: Any) -> Any:
    org_id = request.GET.get("organization_id")
    if org_id:
        qs = qs.filter(organization__uuid=_uuid(org_id, "organization_id"))
    modified_after = request.GET.get("modified_after")
    if modified_after:
        try:
            moment = datetime.fromisoformat(modified_after.replace("Z", "+00:00"))
        except ValueError:
            raise BadParameter(
                "Parameter „modified_after“ ist kein Zeitpunkt (ISO 8601)."
            ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        qs = qs.filter(updated__gte=moment)
    qs = _term_filter(qs, request)
    search = (request.GET.get("search") or "").strip()
    if search:
        qs = _text_filter(qs, query_stems(search))
    return qs


# ---- routes ---------------------------------------------------------------------------


@public_view
@require_GET
@_guard
def root(request: HttpRequest) -> HttpResponse:
    base = _base(request)
    return _json(
        mapping.api_root(
            profile_url=f"{base}{hsds_build.PROFILE_PATH}",
            openapi_url=f"{base}/api/hsds/openapi.json",
        )
    )


@public_view
@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    spec = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    spec = copy.deepcopy(spec)
    spec["info"] = {
        "title": "InterProChance – Angebotsverzeichnis (Open Referral HSDS 3.0)",
        "version": "1.0",
        "summary": "Öffentliche Angebote für Kinder, Jugendliche und Familien",
        "description": f"HSDS {HSDS_VERSION} mit dem Profil „Präventionskette“ (Lebensphasen, Handlungsfelder).",
        "license": {
            "name": "Datenlizenz Deutschland – Namensnennung – 2.0",
            "url": "https://www.govdata.de/dl-de/by-2-0",
        },
    }
    spec["servers"] = [{"url": f"{_base(request)}/api/hsds"}]
    return _json(spec)


@public_view
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/hsds_profile.html",
        {"vocabularies": [LIFE_PHASES, NEED_AREAS], "base": _base(request)},
    )


@public_view
@require_GET
@_guard
def services(request: HttpRequest) -> HttpResponse:
    page, per_page = _paging(request)
    full = _bool(request, "full")
    minimal = _bool(request, "minimal")
    qs = _service_filters(request, public_services())
    total = qs.count()
    if minimal:
        rows = list(qs.order_by("name").values_list("uuid", "updated"))
        return _json(
            [{"id": str(u), "last_modified": hsds_build.hsds_timestamp(m)} for u, m in rows]
        )
    chunk = list(
        hsds_build.services_for_hsds(qs.order_by("name"))[(page - 1) * per_page : page * per_page]
    )
    base = _base(request)
    lang = _lang(request)
    recs = [hsds_build.service_record(s, base_url=base, lang=lang) for s in chunk]
    items = [mapping.service_to_hsds(x) if full else mapping.service_flat(x) for x in recs]
    return _page(request, items, total, page, per_page)


@public_view
@require_GET
@_guard
def service_detail(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002 - spec name
    uuid = _uuid_or_404(id)
    service = hsds_build.services_for_hsds(public_services().filter(uuid=uuid)).first()
    if service is None:
        raise Http404
    rec = hsds_build.service_record(service, base_url=_base(request), lang=_lang(request))
    return _json(mapping.service_to_hsds(rec))


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


def _public_orgs() -> Any:
    return Organization.objects.filter(services__in=public_services()).distinct().order_by("name")


@public_view
@require_GET
@_guard
def organizations(request: HttpRequest) -> HttpResponse:
    page, per_page = _paging(request)
    full = _bool(request, "full") or _bool(request, "full_service")
    qs = _public_orgs()
    search = (request.GET.get("search") or "").strip()
    if search:
        for word in search.split()[:5]:
            qs = qs.filter(name__icontains=word)
    total = qs.count()
    chunk = list(qs[(page - 1) * per_page : page * per_page])
    if not full:
        items = [mapping.organization_flat(hsds_build.organization_record(o)) for o in chunk]
        return _page(request, items, total, page, per_page)
    # full=true: fully nested organisations (validated against compiled/organization.json)
    items = [
        _organization_full(request, o, full_service=_bool(request, "full_service")) for o in chunk
    ]
    return _page(request, items, total, page, per_page)


def _organization_full(
    request: HttpRequest, org: Organization, *, full_service: bool
) -> dict[str, Any]:
    base = _base(request)
    svc = list(
        hsds_build.services_for_hsds(public_services().filter(organization=org).order_by("name"))
    )
    recs = [hsds_build.service_record(s, base_url=base, lang=_lang(request)) for s in svc]
    contacts = list(org.contacts.filter(is_public=True))
    locations = list(
        Location.objects.filter(organization=org)
        .select_related("area", "organization")
        .order_by("pk")
    )
    org_rec = hsds_build.organization_record(org, contacts=contacts, locations=locations)
    return mapping.organization_to_hsds(org_rec, services=recs, full_service=full_service)


@public_view
@require_GET
@_guard
def organization_detail(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002
    org = _public_orgs().filter(uuid=_uuid_or_404(id)).first()
    if org is None:
        raise Http404
    return _json(_organization_full(request, org, full_service=_bool(request, "full_service")))


@public_view
@require_GET
@_guard
def taxonomies(request: HttpRequest) -> HttpResponse:
    page, per_page = _paging(request)
    base = _base(request)
    vocabs = [LIFE_PHASES, NEED_AREAS]
    search = (request.GET.get("search") or "").lower()
    if search:
        vocabs = [v for v in vocabs if search in v.name.lower() or search in v.description.lower()]
    items = [mapping.taxonomy_to_hsds(hsds_build.taxonomy_record(v, base_url=base)) for v in vocabs]
    return _page(
        request, items[(page - 1) * per_page : page * per_page], len(items), page, per_page
    )


@public_view
@require_GET
@_guard
def taxonomy_detail(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002
    uuid = _uuid_or_404(id)
    for v in (LIFE_PHASES, NEED_AREAS):
        if v.uuid == uuid:
            return _json(
                mapping.taxonomy_to_hsds(hsds_build.taxonomy_record(v, base_url=_base(request)))
            )
    raise Http404


@public_view
@require_GET
@_guard
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    page, per_page = _paging(request)
    terms = hsds_build.all_terms(_base(request))
    tax_id = request.GET.get("taxonomy_id")
    if tax_id:
        wanted = _uuid(tax_id, "taxonomy_id")
        terms = [t for t in terms if t.taxonomy.id == wanted]
    parent_id = request.GET.get("parent_id")
    if parent_id:
        wanted_parent = _uuid(parent_id, "parent_id")
        terms = [t for t in terms if t.parent_id == wanted_parent]
    if _bool(request, "top_only"):
        terms = [t for t in terms if t.parent_id is None]
    search = (request.GET.get("search") or "").lower()
    if search:
        terms = [t for t in terms if search in t.name.lower() or search in t.description.lower()]
    items = [mapping.taxonomy_term_to_hsds(t) for t in terms]
    return _page(
        request, items[(page - 1) * per_page : page * per_page], len(items), page, per_page
    )


@public_view
@require_GET
@_guard
def taxonomy_term_detail(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002
    uuid = _uuid_or_404(id)
    for t in hsds_build.all_terms(_base(request)):
        if t.id == uuid:
            return _json(mapping.taxonomy_term_to_hsds(t))
    raise Http404


def _sal_queryset(request: HttpRequest) -> Any:
    services_qs = _service_filters(request, public_services())
    qs = (
        ServiceAtLocation.objects.filter(service__in=services_qs)
        .select_related("location")
        .order_by("pk")
    )
    postcode = (request.GET.get("postcode") or "").strip()
    if postcode:
        qs = qs.filter(location__postal_code=postcode)
    return qs


@public_view
@require_GET
@_guard
def service_at_locations(request: HttpRequest) -> HttpResponse:
    page, per_page = _paging(request)
    full = _bool(request, "full")
    qs = _sal_queryset(request)
    total = qs.count()
    chunk = list(qs[(page - 1) * per_page : page * per_page])
    svc = {
        s.pk: s
        for s in hsds_build.services_for_hsds(
            Service.objects.filter(pk__in={sl.service_id for sl in chunk})
        )
    }
    base = _base(request)
    items = []
    for sl in chunk:
        rec = hsds_build.service_record(svc[sl.service_id], base_url=base, lang=_lang(request))
        sal = next(x for x in rec.service_at_locations if x.id == sl.uuid)
        doc = (
            mapping.service_at_location_to_hsds(sal, rec)
            if full
            else mapping.service_at_location_list_item(sal, rec)
        )
        items.append(doc)
    return _page(request, items, total, page, per_page)


@public_view
@require_GET
@_guard
def service_at_location_detail(request: HttpRequest, id: str) -> HttpResponse:  # noqa: A002
    sl = ServiceAtLocation.objects.filter(
        uuid=_uuid_or_404(id), service__in=public_services()
    ).first()
    if sl is None:
        raise Http404
    service = hsds_build.services_for_hsds(Service.objects.filter(pk=sl.service_id)).get()
    rec = hsds_build.service_record(service, base_url=_base(request), lang=_lang(request))
    sal = next(x for x in rec.service_at_locations if x.id == sl.uuid)
    return _json(mapping.service_at_location_to_hsds(sal, rec))
