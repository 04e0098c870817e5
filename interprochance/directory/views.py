"""Staff pages: editorial workflow, organisations and locations, network, coverage, import."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interprochance.core import charts, exports
from interprochance.core.policy import may_redirect, require_roles, require_tenant
from interprochance.core.roles import Role

from . import access, coverage_data, labels, selectors
from . import services as act
from .forms import (
    AgreementForm,
    ContactForm,
    HSDSImportForm,
    LocationForm,
    MeetingForm,
    OrganizationForm,
    ProposalReviewForm,
    ProviderLinkForm,
    ServiceForm,
)
from .models import ActionStatus, OrganizationKind, ServiceState
from .network.graph import Node, build_ties, render_svg
from .taxonomy import LIFE_PHASES, NEED_AREAS

EDIT = (Role.NETZWERK,)
READ = (Role.NETZWERK, Role.PLANUNG, Role.ADMIN)
NETWORK_READ = (Role.NETZWERK, Role.PLANUNG, Role.GREMIUM)
COVERAGE_READ = (Role.PLANUNG, Role.NETZWERK, Role.GREMIUM)


def _bc(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Angebotsverzeichnis"), reverse("directory:manage")), *items]


# ---- services: list, create, edit, workflow ------------------------------------------------


@require_roles(*READ)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    state = request.GET.get("stand", "")
    stale_only = request.GET.get("veraltet") == "1"
    qs = selectors.services_for_tenant(
        tenant, state=state if state in ServiceState.values else "", stale_only=stale_only
    )
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    today = timezone.localdate()
    return render(
        request,
        "directory/manage.html",
        {
            "page": page,
            "state": state,
            "stale_only": stale_only,
            "states": ServiceState.choices,
            "stale_count": selectors.stale_count(tenant, today),
            "proposals": selectors.open_proposals(tenant).count(),
            "today": today,
            "can_edit": Role.NETZWERK in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": [(_("Angebotsverzeichnis"), None)],
        },
    )


@may_redirect
@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = ServiceForm(request.POST or None, tenant=tenant)
    orgs = selectors.organizations_for_tenant(tenant)
    org_id = request.POST.get("organization") or request.GET.get("traeger")
    if request.method == "POST" and form.is_valid():
        org = access.access_organization(request.user, tenant, org_id) if org_id else None
        if org is None:
            form.add_error(None, _("Bitte einen Träger wählen."))
        else:
            try:
                service = act.service_create(
                    actor=request.user,
                    organization=org,
                    data=form.to_data(),
                    publish=request.POST.get("publish") == "1",
                )
            except act.DirectoryError as exc:
                form.apply_problems(exc.problems)
            else:
                messages.success(request, _("Angebot „%(n)s“ gespeichert.") % {"n": service.name})
                return redirect("directory:service_edit", pk=service.pk)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "orgs": orgs,
            "org_id": str(org_id or ""),
            "service": None,
            "breadcrumbs": _bc((_("Neues Angebot"), None)),
        },
    )


@may_redirect
@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    service = access.access_service(request.user, tenant, pk, write=True)
    initial = ServiceForm.initial_from(act.service_data_of(service))
    form = ServiceForm(request.POST or None, tenant=tenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            act.service_update(actor=request.user, service=service, data=form.to_data())
        except act.DirectoryError as exc:
            form.apply_problems(exc.problems)
        else:
            messages.success(request, _("Änderungen gespeichert."))
            return redirect("directory:service_edit", pk=service.pk)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "service": service,
            "history": selectors.service_history(service)[:30],
            "stale": service.is_stale(),
            "breadcrumbs": _bc((service.name, None)),
        },
    )


@require_roles(*EDIT)
@require_POST
def service_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    tenant = require_tenant(request)
    service = access.access_service(request.user, tenant, pk, write=True)
    if action == "veroeffentlichen":
        act.service_publish(actor=request.user, service=service)
        messages.success(request, _("Veröffentlicht."))
    elif action == "bestaetigen":
        act.service_confirm(actor=request.user, service=service)
        messages.success(request, _("Als aktuell bestätigt."))
    elif action == "archivieren":
        act.service_archive(actor=request.user, service=service)
        messages.success(request, _("Archiviert; das Angebot ist nicht mehr öffentlich."))
    else:
        messages.error(request, _("Unbekannte Aktion."))
    return redirect("directory:service_edit", pk=service.pk)


# ---- proposals --------------------------------------------------------------------------------


@require_roles(*EDIT)
@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    return render(
        request,
        "directory/proposals.html",
        {
            "proposals": selectors.open_proposals(tenant),
            "breadcrumbs": _bc((_("Vorschläge"), None)),
        },
    )


def _diff(proposal: Any) -> list[tuple[str, Any, Any]]:
    new = proposal.payload
    old = (
        act.service_data_of(proposal.service).to_payload()
        if proposal.service and proposal.service.state == ServiceState.PUBLISHED
        else {}
    )
    rows = []
    for key in new:
        if old.get(key) != new.get(key):
            rows.append(
                (
                    key,
                    json.dumps(old.get(key), ensure_ascii=False) if old else "–",
                    json.dumps(new.get(key), ensure_ascii=False),
                )
            )
    return rows


@may_redirect
@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    proposal = access.access_proposal(request.user, tenant, pk, write=True)
    form = ProposalReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("entscheidung") == "uebernehmen":
                service = act.proposal_accept(
                    actor=request.user, proposal=proposal, note=form.cleaned_data["note"]
                )
                messages.success(
                    request,
                    _("Vorschlag übernommen und veröffentlicht: %(n)s") % {"n": service.name},
                )
            else:
                act.proposal_reject(
                    actor=request.user, proposal=proposal, note=form.cleaned_data["note"]
                )
                messages.success(request, _("Vorschlag abgelehnt."))
        except act.DirectoryError as exc:
            for msgs in exc.problems.values():
                for m in msgs:
                    form.add_error(None, m)
        else:
            return redirect("directory:proposals")
    return render(
        request,
        "directory/proposal_review.html",
        {
            "proposal": proposal,
            "diff": _diff(proposal),
            "form": form,
            "breadcrumbs": _bc(
                (_("Vorschläge"), reverse("directory:proposals")), (_("Prüfen"), None)
            ),
        },
    )


@may_redirect
@require_roles(
    Role.NETZWERK, Role.PLANUNG, Role.BERATUNG, Role.ADMIN, Role.FONDS, Role.SCHULASSISTENZ
)
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    """Staff of the tenant (e.g. a counsellor who knows an offer) propose an entry by login."""
    tenant = require_tenant(request)
    form = ServiceForm(request.POST or None, tenant=tenant)
    orgs = selectors.organizations_for_tenant(tenant)
    if request.method == "POST" and form.is_valid():
        org_id = request.POST.get("organization")
        org = access.access_organization(request.user, tenant, org_id) if org_id else None
        if org is None:
            form.add_error(None, _("Bitte einen Träger wählen."))
        else:
            try:
                act.service_propose(
                    actor=request.user, organization=org, data=form.to_data(), via="login"
                )
            except act.DirectoryError as exc:
                form.apply_problems(exc.problems)
            else:
                messages.success(request, _("Danke! Die Netzwerkkoordination prüft den Vorschlag."))
                return redirect("directory:propose")
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "orgs": orgs,
            "org_id": request.POST.get("organization", ""),
            "service": None,
            "proposal_mode": True,
            "breadcrumbs": [(_("Angebot vorschlagen"), None)],
        },
    )


# ---- organisations, contacts, locations, personal links -----------------------------------------


@may_redirect
@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def organizations(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST":
        if Role.NETZWERK not in request.roles:  # type: ignore[attr-defined]
            return redirect("directory:organizations")
        if form.is_valid():
            try:
                org = act.organization_create(
                    actor=request.user,
                    tenant=tenant,
                    data=act.OrganizationData(**form.cleaned_data),
                )
            except act.DirectoryError as exc:
                form.apply_problems(exc.problems)
            else:
                messages.success(request, _("Träger „%(n)s“ angelegt.") % {"n": org.name})
                return redirect("directory:organization", pk=org.pk)
    return render(
        request,
        "directory/organizations.html",
        {
            "orgs": selectors.organizations_for_tenant(tenant),
            "form": form,
            "can_edit": Role.NETZWERK in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": _bc((_("Träger"), None)),
        },
    )


@may_redirect
@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    org = access.access_organization(request.user, tenant, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    link_form = ProviderLinkForm(request.POST if which == "link" else None)
    contact_form = ContactForm(request.POST if which == "contact" else None)
    org_form = OrganizationForm(
        request.POST if which == "org" else None,
        initial={
            k: getattr(org, k)
            for k in (
                "name",
                "kind",
                "alternate_name",
                "description",
                "email",
                "website",
                "phone",
                "legal_status",
            )
        },
    )
    loc_form = LocationForm(
        request.POST if request.POST.get("form") == "location" else None,
        tenant=tenant,
        initial={"organization": org.pk},
    )
    new_token = None
    if request.method == "POST" and Role.NETZWERK in request.roles:  # type: ignore[attr-defined]
        if request.POST.get("form") == "link" and link_form.is_valid():
            try:
                _link, new_token = act.provider_link_create(
                    actor=request.user,
                    organization=org,
                    label=link_form.cleaned_data["label"],
                    days=link_form.cleaned_data["days"],
                )
            except act.DirectoryError as exc:
                link_form.add_error("label", exc.problems.get("label", [""])[0])
        elif which == "contact" and contact_form.is_valid():
            try:
                act.contact_create(
                    actor=request.user, organization=org, **contact_form.cleaned_data
                )
            except act.DirectoryError as exc:
                contact_form.apply_problems(exc.problems)
            else:
                messages.success(request, _("Kontaktperson gespeichert."))
                return redirect("directory:organization", pk=org.pk)
        elif which == "org" and org_form.is_valid():
            try:
                act.organization_update(
                    actor=request.user,
                    organization=org,
                    data=act.OrganizationData(**org_form.cleaned_data),
                )
            except act.DirectoryError as exc:
                org_form.apply_problems(exc.problems)
            else:
                messages.success(request, _("Angaben zum Träger gespeichert."))
                return redirect("directory:organization", pk=org.pk)
        elif request.POST.get("form") == "location" and loc_form.is_valid():
            d = loc_form.cleaned_data
            try:
                loc = act.location_create(
                    actor=request.user,
                    tenant=tenant,
                    organization=d["organization"] or org,
                    name=d["name"],
                    street=d["street"],
                    postal_code=d["postal_code"],
                    city=d["city"],
                    barrier_free=d["barrier_free"],
                    accessibility_note=d["accessibility_note"],
                )
            except act.DirectoryError as exc:
                loc_form.apply_problems(exc.problems)
            else:
                if loc.area is None:
                    messages.warning(
                        request,
                        _("Ort gespeichert, aber keinem Stadtteil zugeordnet: %(r)s")
                        % {"r": loc.area_note},
                    )
                else:
                    messages.success(request, _("Ort gespeichert (%(a)s).") % {"a": loc.area.name})
                return redirect("directory:organization", pk=org.pk)
    new_link = (
        request.build_absolute_uri(reverse("directory:provider_link", args=[new_token]))
        if new_token
        else None
    )
    return render(
        request,
        "directory/organization.html",
        {
            "org": org,
            "services": org.services.all().order_by("name"),
            "locations": org.locations.select_related("area"),
            "contacts": org.contacts.all(),
            "links": org.provider_links.all().order_by("-created"),
            "link_form": link_form,
            "loc_form": loc_form,
            "new_link": new_link,
            "contact_form": contact_form,
            "org_form": org_form,
            "can_edit": Role.NETZWERK in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": _bc((_("Träger"), reverse("directory:organizations")), (org.name, None)),
        },
    )


# ---- network -----------------------------------------------------------------------------------


@require_roles(*NETWORK_READ)
@require_GET
def network(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    agreements = list(selectors.agreements_for_tenant(tenant))
    meetings = list(selectors.meetings_for_tenant(tenant))
    ties = build_ties(
        [[str(p.pk) for p in a.parties.all()] for a in agreements],
        [[str(p.pk) for p in m.participants.all()] for m in meetings],
    )
    involved = {k for t in ties for k in (t.a, t.b)}
    orgs = {
        str(o.pk): o for o in selectors.organizations_for_tenant(tenant) if str(o.pk) in involved
    }
    nodes = [Node(k, o.name, o.kind) for k, o in orgs.items()]
    svg = render_svg(
        nodes,
        ties,
        title=_("Netzwerk: wer arbeitet mit wem"),
        description=_(
            "%(n)s Akteure, %(t)s Verbindungen; durchgezogene Linien: Kooperationsvereinbarungen, gestrichelt: gemeinsame Netzwerktreffen."
        )
        % {"n": len(nodes), "t": len(ties)},
        kind_labels={k: str(v) for k, v in OrganizationKind.choices},
    )
    names = {k: o.name for k, o in orgs.items()}
    tie_rows = sorted(
        (
            (names[t.a], names[t.b], t.agreements, t.meetings)
            for t in ties
            if t.a in names and t.b in names
        ),
        key=lambda r: (-r[2], -r[3], r[0]),
    )
    degree: dict[str, int] = {}
    for t in ties:
        degree[t.a] = degree.get(t.a, 0) + 1
        degree[t.b] = degree.get(t.b, 0) + 1
    hubs = sorted(((names[k], d) for k, d in degree.items() if k in names), key=lambda r: -r[1])[:5]
    return render(
        request,
        "directory/network.html",
        {
            "svg": svg,
            "agreements": agreements,
            "meetings": meetings,
            "tie_rows": tie_rows,
            "hubs": hubs,
            "can_edit": Role.NETZWERK in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": [(_("Netzwerk"), None)],
        },
    )


@may_redirect
@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = AgreementForm(request.POST or None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            act.agreement_create(
                actor=request.user,
                tenant=tenant,
                title=d["title"],
                subject=d["subject"],
                parties=list(d["parties"]),
                signed_on=d["signed_on"],
                valid_until=d["valid_until"],
            )
        except act.DirectoryError as exc:
            form.apply_problems(exc.problems)
        else:
            messages.success(request, _("Vereinbarung gespeichert."))
            return redirect("directory:network")
    return render(
        request,
        "directory/simple_form.html",
        {
            "form": form,
            "title": _("Neue Kooperationsvereinbarung"),
            "breadcrumbs": [
                (_("Netzwerk"), reverse("directory:network")),
                (_("Neue Vereinbarung"), None),
            ],
        },
    )


@may_redirect
@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = MeetingForm(request.POST or None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = act.meeting_create(
                actor=request.user,
                tenant=tenant,
                title=d["title"],
                held_on=d["held_on"],
                place=d["place"],
                participants=list(d["participants"]),
                participant_count=d["participant_count"],
                topics=[(d["topic_1"], d["result_1"]), (d["topic_2"], d["result_2"])],
                actions=[act.ActionInput(d["action_1"], d["action_1_by"], d["action_1_due"])],
            )
        except act.DirectoryError as exc:
            form.apply_problems(exc.problems)
        else:
            messages.success(request, _("Treffen gespeichert."))
            return redirect("directory:meeting", pk=meeting.pk)
    return render(
        request,
        "directory/simple_form.html",
        {
            "form": form,
            "title": _("Netzwerktreffen erfassen"),
            "breadcrumbs": [
                (_("Netzwerk"), reverse("directory:network")),
                (_("Neues Treffen"), None),
            ],
        },
    )


@may_redirect
@require_roles(*NETWORK_READ)
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    m = access.access_meeting(request.user, tenant, pk)
    if request.method == "POST":
        if Role.NETZWERK in request.roles:  # type: ignore[attr-defined]
            action = access.access_meeting_action(
                request.user, tenant, request.POST.get("action_id")
            )
            if action.meeting_id != m.pk:
                return redirect("directory:meeting", pk=m.pk)
            try:
                act.meeting_action_set_status(
                    actor=request.user, action=action, status=request.POST.get("status", "")
                )
            except act.DirectoryError as exc:
                messages.error(request, exc.problems["status"][0])
        return redirect("directory:meeting", pk=m.pk)
    return render(
        request,
        "directory/meeting.html",
        {
            "m": m,
            "statuses": ActionStatus.choices,
            "can_edit": Role.NETZWERK in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": [(_("Netzwerk"), reverse("directory:network")), (str(m), None)],
        },
    )


# ---- coverage -----------------------------------------------------------------------------------


@require_roles(*COVERAGE_READ)
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    data = coverage_data.coverage_for_tenant(tenant)
    rows = data.rows
    phases = LIFE_PHASES.terms
    by_area: dict[str, dict[str, Any]] = {}
    for r in rows:
        by_area.setdefault(
            r["area"],
            {"name": r["area_name"], "need": r["need_value"], "high": r["high_need"], "cells": {}},
        )
        by_area[r["area"]]["cells"][r["life_phase"]] = r
    spec = {
        "width": 520,
        "height": max(160, 34 * len(by_area)),
        "data": {
            "values": [{**r, "phase": labels.term_name(LIFE_PHASES, r["life_phase"])} for r in rows]
        },
        "encoding": {
            "x": {
                "field": "phase",
                "type": "nominal",
                "title": _("Lebensphase"),
                "sort": [t.name for t in phases],
                "axis": {"labelAngle": -20},
            },
            "y": {"field": "area_name", "type": "nominal", "title": _("Stadtteil / Sozialraum")},
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "#ffffff"},
                "encoding": {
                    "color": {
                        "field": "weekly_hours",
                        "type": "quantitative",
                        "title": _("Std./Woche"),
                        "scale": {"scheme": "blues"},
                    }
                },
            },
            {
                "mark": {"type": "text", "fontSize": 12},
                "encoding": {
                    "text": {"field": "label", "type": "nominal"},
                    "color": {
                        "condition": {"test": "datum.weekly_hours > 20", "value": "#ffffff"},
                        "value": "#1a1a1a",
                    },
                },
            },
        ],
    }
    values: list[dict[str, Any]] = spec["data"]["values"]  # type: ignore[index]
    for v in values:
        v["label"] = f"{v['services']}" + (" ⚠" if v["gaps"] else "")
    heat = charts.svg(
        spec,
        title=_("Angebote je Stadtteil und Lebensphase"),
        description=_(
            "Farbe: Öffnungsstunden pro Woche; Zahl: Angebote; Warnzeichen: Lücke bei hohem Bedarf."
        ),
    )
    area_names = {a.code: a.name for a in data.result.areas}
    phase_names, need_names = dict(LIFE_PHASES.choices()), dict(NEED_AREAS.choices())
    gap_rows = [
        (area_names[c.area], phase_names[c.life_phase], need_names[c.need_area], c.reason)
        for c in data.result.gaps
    ]
    return render(
        request,
        "directory/coverage.html",
        {
            "data": data,
            "by_area": by_area,
            "phases": phases,
            "heat": heat,
            "gap_rows": gap_rows,
            "breadcrumbs": [(_("Bedarf und Angebot"), None)],
        },
    )


@require_roles(*COVERAGE_READ)
@require_GET
def coverage_export(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data = coverage_data.coverage_for_tenant(tenant)
    columns = [
        "Gebiet",
        "Kennziffer",
        "Lebensphase",
        "Handlungsfeld",
        "Angebote",
        "Std./Woche",
        "Std./Woche je 1.000",
        "Bedarfswert",
        "hoher Bedarf",
        "Lücke",
        "Begründung",
    ]
    need = {a.code: a for a in data.result.areas}
    names = {a.code: a.name for a in data.result.areas}
    rows = [
        [
            names[c.area],
            c.area,
            LIFE_PHASES.get(c.life_phase).name,
            NEED_AREAS.get(c.need_area).name,
            c.services,
            c.weekly_hours,
            c.hours_per_1000 if c.hours_per_1000 is not None else "",
            need[c.area].need_value if need[c.area].need_value is not None else "",
            "ja" if c.area in data.result.high_need_areas else "nein",
            "ja" if c.gap else "nein",
            c.reason,
        ]
        for c in data.result.cells.values()
    ]
    return exports.table_response(columns, rows, fmt=fmt, filename="bedarf-und-angebot")


# ---- HSDS import --------------------------------------------------------------------------------


@require_roles(*EDIT)
@require_http_methods(["GET", "POST"])
def hsds_import(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = HSDSImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            form.add_error("file", _("Die Datei ist größer als 20 MB."))
        else:
            try:
                document = json.loads(upload.read().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                form.add_error(
                    "file", _("Die Datei ist kein gültiges JSON (%(e)s).") % {"e": str(exc)[:120]}
                )
            else:
                outcome = act.hsds_import(
                    actor=request.user,
                    tenant=tenant,
                    document_json=document,
                    publisher=form.cleaned_data["publisher"],
                    filename=upload.name,
                    skip_duplicates=not form.cleaned_data["import_duplicates"],
                )
                if outcome.record is not None:
                    messages.success(
                        request,
                        _("%(s)s Angebote als Vorschläge übernommen, %(d)s mögliche Dubletten.")
                        % {"s": outcome.record.services, "d": len(outcome.duplicates)},
                    )
    return render(
        request,
        "directory/hsds_import.html",
        {
            "form": form,
            "outcome": outcome,
            "imports": selectors.imports_for_tenant(tenant)[:10],
            "breadcrumbs": _bc((_("HSDS-Import"), None)),
        },
    )
