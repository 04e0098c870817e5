"""Public pages (no login): the service finder, map, detail, print, and the
provider's personal-link page for proposing entries."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from interprochance.core import charts
from interprochance.core.policy import may_redirect, public_view

from . import labels, selectors
from . import services as act
from .forms import FinderForm, ServiceForm
from .models import Organization, Service, ServiceState
from .services import slot_of
from .taxonomy import (
    LANGUAGES,
    LIFE_PHASES,
    NEED_AREAS,
    RTL_LANGUAGES,
    TARGET_GROUPS,
)

PER_PAGE = 20
OWN_NAMES = {code: own for code, _name, own in LANGUAGES}


def _labels(codes: list[str], vocab: Any) -> list[str]:
    return labels.names(codes, vocab)


def _age_text(s: Service) -> str:
    if s.min_age is None and s.max_age is None:
        return _("alle Altersgruppen")
    if s.min_age is not None and s.max_age is not None:
        if s.min_age == s.max_age:
            return _("%(a)s Jahre") % {"a": s.min_age}
        return _("%(a)s bis %(b)s Jahre") % {"a": s.min_age, "b": s.max_age}
    if s.min_age is not None:
        return _("ab %(a)s Jahren") % {"a": s.min_age}
    return _("bis %(b)s Jahre") % {"b": s.max_age}


def _decorate(services: list[Service]) -> list[dict[str, Any]]:
    codes: set[str] = set()
    for s in services:
        codes.update(c for c in s.area_codes.split("|") if c)
    names = selectors.area_names(codes)
    rows = []
    for s in services:
        area_list = [names[c] for c in s.area_codes.split("|") if c in names]
        rows.append(
            {
                "s": s,
                "phases": _labels(s.life_phase_codes, LIFE_PHASES),
                "needs": _labels(s.need_area_codes, NEED_AREAS),
                "areas": sorted(set(area_list)),
                "languages": [labels.language_name(c) for c in s.language_codes],
                "age": _age_text(s),
            }
        )
    return rows


def _query_string(request: HttpRequest, **override: Any) -> str:
    params = {k: v for k, v in request.GET.items() if k != "seite" and v}
    params.update({k: v for k, v in override.items() if v})
    return urlencode(params)


def _finder_context(request: HttpRequest) -> tuple[FinderForm, selectors.FinderQuery | None]:
    form = FinderForm(request.GET or None, areas=selectors.areas_for_finder())
    if not request.GET:
        return form, selectors.FinderQuery()
    if form.is_valid():
        return form, form.query()
    return form, None


@public_view
@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    form, query = _finder_context(request)
    page = None
    if query is not None:
        try:
            number = int(request.GET.get("seite", "1"))
        except ValueError:
            number = 1
        page = selectors.finder_search(query, page=number, per_page=PER_PAGE)
    response = render(
        request,
        "directory/finder.html",
        {
            "form": form,
            "selects": form.selects(),
            "page": page,
            "rows": _decorate(page.services) if page else [],
            "qs": _query_string(request),
            "map_url": reverse("directory:finder_map")
            + ("?" + _query_string(request) if request.GET else ""),
            "breadcrumbs": [(_("Angebote finden"), None)],
        },
    )
    # Time spent in the view (queries + template), read by bench/finder.py.
    response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


# Schematic positions of Weiterstadt's Stadtteile (relative, not to scale).
SCHEMATIC = {
    "06432023-01": (2, 2),  # Kernstadt
    "06432023-02": (0, 2),  # Braunshardt
    "06432023-03": (2, 0),  # Gräfenhausen
    "06432023-04": (4, 0),  # Schneppenhausen
    "06432023-05": (0, 4),  # Riedbahn
}


@public_view
@require_GET
def finder_map(request: HttpRequest) -> HttpResponse:
    """A schematic map: how many matching services each Stadtteil has (no JS, no tiles)."""
    form, query = _finder_context(request)
    counts: list[dict[str, Any]] = []
    if query is not None:
        qs, _stems = selectors.finder_queryset(query)
        per_area: dict[str, int] = {}
        for codes in qs.values_list("area_codes", flat=True):
            for c in {c for c in codes.split("|") if c}:
                per_area[c] = per_area.get(c, 0) + 1
        names = selectors.area_names(set(SCHEMATIC))
        for code, (x, y) in SCHEMATIC.items():
            if code in names:
                counts.append(
                    {"code": code, "name": names[code], "x": x, "y": y, "n": per_area.get(code, 0)}
                )
    chart = None
    if counts:
        spec = {
            "width": 420,
            "height": 300,
            "data": {"values": counts},
            "layer": [
                {
                    "mark": {"type": "circle", "opacity": 0.85, "stroke": "#1a1a1a"},
                    "encoding": {
                        "x": {
                            "field": "x",
                            "type": "quantitative",
                            "axis": None,
                            "scale": {"domain": [-1, 5]},
                        },
                        "y": {
                            "field": "y",
                            "type": "quantitative",
                            "axis": None,
                            "scale": {"domain": [-1, 5]},
                        },
                        "size": {
                            "field": "n",
                            "type": "quantitative",
                            "title": _("Angebote"),
                            "scale": {"range": [200, 3000]},
                        },
                        "color": {"value": "#1f5f99"},
                    },
                },
                {
                    "mark": {"type": "text", "dy": -34, "fontSize": 13, "fill": "#1a1a1a"},
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {"field": "y", "type": "quantitative"},
                        "text": {"field": "name"},
                    },
                },
                {
                    "mark": {
                        "type": "text",
                        "fontSize": 13,
                        "fontWeight": "bold",
                        "fill": "#ffffff",
                    },
                    "encoding": {
                        "x": {"field": "x", "type": "quantitative"},
                        "y": {"field": "y", "type": "quantitative"},
                        "text": {"field": "n"},
                    },
                },
            ],
        }
        chart = charts.svg(
            spec,
            title=_("Schematische Karte der Stadtteile mit Zahl der passenden Angebote"),
            description="; ".join(f"{c['name']}: {c['n']}" for c in counts),
        )
    return render(
        request,
        "directory/finder_map.html",
        {
            "form": form,
            "chart": chart,
            "counts": counts,
            "list_url": reverse("directory:finder")
            + ("?" + _query_string(request) if request.GET else ""),
            "qs": _query_string(request),
            "breadcrumbs": [
                (_("Angebote finden"), reverse("directory:finder")),
                (_("Karte"), None),
            ],
        },
    )


def _detail_context(request: HttpRequest, uuid: Any) -> dict[str, Any]:
    service = selectors.service_public_detail(uuid)
    if service is None:
        raise Http404
    lang = request.GET.get("sprache", "de")
    available = ["de", *sorted(t.language for t in service.translations.all())]
    if lang not in available:
        lang = "de"
    tr = next((t for t in service.translations.all() if t.language == lang), None)
    url = request.build_absolute_uri(reverse("directory:detail", args=[service.uuid]))
    locations = [sl.location for sl in service.service_locations.all()]
    return {
        "s": service,
        "lang": lang,
        "rtl": lang in RTL_LANGUAGES,
        "name": tr.name if tr else service.name,
        "description": tr.description if tr else service.description,
        "application": (
            tr.application_process if tr and tr.application_process else service.application_process
        ),
        "languages_available": [(c, OWN_NAMES.get(c, c)) for c in available],
        "phases": _labels(service.life_phase_codes, LIFE_PHASES),
        "needs": _labels(service.need_area_codes, NEED_AREAS),
        "targets": _labels(service.target_group_codes, TARGET_GROUPS),
        "languages": [labels.language_name(c) for c in service.language_codes],
        "age": _age_text(service),
        "slots": [slot_of(s).label() for s in service.schedules.all()],
        "locations": locations,
        "contacts": getattr(service.organization, "public_contacts", []),
        "share_url": url,
        "mailto": "mailto:?subject=" + quote(service.name) + "&body=" + quote(url),
        "stale": service.is_stale(timezone.localdate()),
        "breadcrumbs": [(_("Angebote finden"), reverse("directory:finder")), (service.name, None)],
    }


@public_view
@require_GET
def detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    return render(request, "directory/detail.html", _detail_context(request, uuid))


@public_view
@require_GET
def detail_print(request: HttpRequest, uuid: Any) -> HttpResponse:
    return render(request, "directory/detail_print.html", _detail_context(request, uuid))


# ---- provider's personal link ------------------------------------------------------------


@may_redirect
@public_view
@require_http_methods(["GET", "POST"])
def provider_link(request: HttpRequest, token: str) -> HttpResponse:
    """A provider without an account proposes a new entry or a change, or confirms one."""
    link = act.provider_link_resolve(token)
    if link is None:
        raise Http404
    org: Organization = link.organization
    own = list(
        Service.objects.filter(organization=org)
        .exclude(state=ServiceState.ARCHIVED)
        .order_by("name")
    )
    target: Service | None = None
    wanted = request.GET.get("angebot") or request.POST.get("angebot")
    if wanted:
        target = next((s for s in own if str(s.pk) == wanted), None)
        if target is None:
            raise Http404
    if (
        request.method == "POST"
        and request.POST.get("aktion") == "bestaetigen"
        and target is not None
    ):
        act.service_confirm(actor=None, service=target, actor_name=link.label)
        messages.success(
            request, _("Danke! Der Eintrag „%(n)s“ ist als aktuell bestätigt.") % {"n": target.name}
        )
        return redirect(request.path)
    initial = ServiceForm.initial_from(act.service_data_of(target)) if target else None
    form = ServiceForm(request.POST or None, tenant=org.tenant, initial=initial)
    locations = form.fields["locations"]
    locations.queryset = locations.queryset.filter(organization=org)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            act.service_propose(
                actor=None,
                organization=org,
                service=target,
                data=form.to_data(),
                via="link",
                submitted_name=link.label,
            )
        except act.DirectoryError as exc:
            form.apply_problems(exc.problems)
        else:
            messages.success(
                request,
                _(
                    "Danke! Ihr Vorschlag wird von der Netzwerkkoordination geprüft und dann veröffentlicht."
                ),
            )
            return redirect(request.path)
    return render(
        request,
        "directory/provider_link.html",
        {"org": org, "own": own, "target": target, "form": form, "breadcrumbs": [(org.name, None)]},
    )
