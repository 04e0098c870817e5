from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interprochance.core.policy import has_role, require_roles, require_tenant
from interprochance.transfer import access, registry, selectors, services
from interprochance.transfer.comparison import compare_gemeinden
from interprochance.transfer.forms import AssessmentForm, LessonForm, StartMunicipalityForm
from interprochance.transfer.guideline import render_html, render_markdown
from interprochance.transfer.guideline_build import build_guideline
from interprochance.transfer.models import Rating

READ = access.READ_ROLES
WRITE = access.WRITE_ROLES


def _apply(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Wissenstransfer"), reverse("transfer:index")), *items]


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    can_write = has_role(request.user, tenant, *WRITE)
    conditions = list(selectors.conditions_for(tenant))
    today = timezone.localdate()
    form = AssessmentForm(
        request.POST if request.POST.get("form") == "assess" else None,
        conditions=conditions,
        initial={"assessed_on": today},
    )
    lesson_form = LessonForm(
        request.POST if request.POST.get("form") == "lesson" else None,
        initial={"recorded_on": today},
    )
    if request.method == "POST":
        if not can_write:
            from django.http import Http404

            raise Http404
        if request.POST.get("form") == "assess" and form.is_valid():
            condition = access.access_condition(
                request.user, tenant, form.cleaned_data["condition"], write=True
            )
            try:
                services.assessment_record(
                    tenant=tenant,
                    condition=condition,
                    assessed_on=form.cleaned_data["assessed_on"],
                    rating=form.cleaned_data["rating"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Bewertung gespeichert."))
                return redirect("transfer:index")
        elif request.POST.get("form") == "lesson" and lesson_form.is_valid():
            try:
                services.lesson_record(
                    tenant=tenant, actor=request.user, **lesson_form.cleaned_data
                )
            except ValidationError as exc:
                _apply(lesson_form, exc)
            else:
                messages.success(request, _("Erfahrung festgehalten."))
                return redirect("transfer:index")
    matrix = selectors.assessments_matrix(tenant, [tenant])
    labels = dict(Rating.choices)
    rows = []
    for c in conditions:
        history = matrix["history"].get((c.pk, tenant.pk), [])
        rows.append({"condition": c, "history": [(d, labels[r]) for d, r in history]})
    chart = None
    points = [
        {"Datum": d.isoformat(), "Bewertung": r, "Bedingung": c.name}
        for c in conditions
        for d, r in matrix["history"].get((c.pk, tenant.pk), [])
    ]
    if len({p["Datum"] for p in points}) >= 2:
        from interprochance.core import charts

        chart = charts.svg(
            {
                "data": {"values": points},
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {"field": "Datum", "type": "temporal", "title": None},
                    "y": {
                        "field": "Bewertung",
                        "type": "quantitative",
                        "scale": {"domain": [1, 4]},
                        "axis": {"tickMinStep": 1},
                        "title": "1 = nicht erfüllt … 4 = erfüllt",
                    },
                    "color": {"field": "Bedingung", "type": "nominal", "title": None},
                },
                "width": 460,
                "height": 220,
            },
            title=_("Gelingensbedingungen im Zeitverlauf"),
            description=_("Die Werte stehen auch in der Tabelle."),
        )
    return render(
        request,
        "transfer/index.html",
        {
            "rows": rows,
            "chart": chart,
            "form": form,
            "lesson_form": lesson_form,
            "can_write": can_write,
            "lessons": selectors.lessons_for(tenant),
            "coverage": registry.coverage(),
            "can_export": has_role(request.user, tenant, *access.EXPORT_ROLES),
            "can_start": has_role(request.user, tenant, *access.START_ROLES),
            "can_compare": has_role(request.user, tenant, *access.LANDKREIS_ROLES),
            "is_landkreis": tenant.kind == "landkreis",
            "breadcrumbs": [(_("Wissenstransfer"), None)],
        },
    )


@require_roles(*READ)
def guideline(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    from interprochance.core.pdf import document_pdf, pdf_response

    tenant = require_tenant(request)
    text = render_markdown(build_guideline(tenant))
    if fmt == "md":
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="leitfaden-{tenant.slug}.md"'
        return response
    body = render_html(text)
    if fmt == "pdf":
        page = f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Handlungsleitfaden</title></head><body>{body}</body></html>'
        pdf = document_pdf(page, footer="InterProChance – Handlungsleitfaden")
        return pdf_response(pdf, f"leitfaden-{tenant.slug}")
    return render(
        request,
        "transfer/guideline.html",
        {"body": body, "breadcrumbs": _crumbs((_("Handlungsleitfaden"), None))},
    )


@require_roles(*access.EXPORT_ROLES)
@require_POST
def bundle_export(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    try:
        document = services.bundle_export(tenant=tenant, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("transfer:index")
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="transferpaket-{tenant.slug}-{stamp}.json"'
    )
    return response


@require_roles(*access.LANDKREIS_ROLES)
def landkreis(request: HttpRequest) -> HttpResponse:
    """The Landkreis sees every Gemeinde with its platform status; a Gemeinde
    sees the public reference figures of all and the platform status of its
    own only (other municipalities' self-assessments are theirs)."""
    tenant = require_tenant(request)
    landkreis_tenant, full = access.comparison_scope(request.user, tenant)
    data = compare_gemeinden(landkreis_tenant, own=None if full else tenant)
    if data["gisd_map"]:
        from interprochance.core import charts

        data["gisd_map"] = charts.svg(
            data["gisd_map"],
            title=_("Karte: GISD je Gemeinde (höher = stärkere Benachteiligung)"),
            description=_("Die Werte stehen auch in der Tabelle darunter."),
        )
    from interprochance.participation.staircase import IMPLEMENTATION_STAGES

    return render(
        request,
        "transfer/landkreis.html",
        {
            **data,
            "stages": IMPLEMENTATION_STAGES,
            "full": full,
            "breadcrumbs": _crumbs((_("Gemeinden im Vergleich"), None)),
        },
    )


@require_roles(*access.START_ROLES)
@require_http_methods(["GET", "POST"])
def start_municipality(request: HttpRequest) -> HttpResponse:
    """Configure a Gemeinde from a transfer bundle (the Landkreis for any of
    its Gemeinden, a Gemeinde for itself). All checks first; nothing is
    written when anything is wrong."""
    tenant = require_tenant(request)
    gemeinden = access.startable_gemeinden(tenant)
    form = StartMunicipalityForm(request.POST or None, request.FILES or None, gemeinden=gemeinden)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.municipality_start(
                bundle_text=form.cleaned_data["bundle"].read(),
                ags=form.cleaned_data["ags"],
                actor=request.user,
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s ist aus dem Transferpaket eingerichtet.")
                % {"name": result.tenant.name},
            )
    return render(
        request,
        "transfer/start.html",
        {
            "form": form,
            "result": result,
            "breadcrumbs": _crumbs((_("Gemeinde aus Transferpaket einrichten"), None)),
        },
    )
