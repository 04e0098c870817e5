from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interprochance.core import labels
from interprochance.core.policy import has_role, require_roles, require_tenant
from interprochance.core.selectors import institutions_for_tenant
from interprochance.participation import access, selectors, services
from interprochance.participation.forms import (
    ConceptForm,
    ImplementationForm,
    MilestoneForm,
    MoveForm,
)
from interprochance.participation.models import Milestone
from interprochance.participation.staircase import IMPACT_STAGE_CODES, IMPLEMENTATION_STAGES

READ = access.READ_ROLES
WRITE = access.WRITE_ROLES


def _can_write(request: HttpRequest) -> bool:
    return has_role(request.user, getattr(request, "tenant", None), *WRITE)


def _apply(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Teilhabe"), reverse("participation:index")), *items]


@require_roles(*READ)
def index(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    counts = selectors.stage_counts(tenant)
    stage_names = dict(labels.translated(IMPLEMENTATION_STAGES))
    return render(
        request,
        "participation/index.html",
        {
            "concepts": selectors.concepts_for_tenant(tenant),
            "implementations": selectors.implementations_for_tenant(tenant),
            "stage_counts": [(stage_names[k], v) for k, v in counts.items()],
            "can_write": _can_write(request),
            "breadcrumbs": [(_("Teilhabe"), None)],
        },
    )


@require_roles(*WRITE)
@require_http_methods(["GET", "POST"])
def concept_create(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = ConceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in (
                "code",
                "name",
                "goal",
                "target_group",
                "life_phase",
                "institution_kind",
                "resources",
            )
        }
        try:
            concept = services.concept_create(
                tenant=tenant, stages=form.stages(), actor=request.user, **data
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Konzept angelegt."))
            return redirect("participation:concept_detail", pk=concept.pk)
    return render(
        request,
        "participation/concept_form.html",
        {"form": form, "breadcrumbs": _crumbs((_("Konzept anlegen"), None))},
    )


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def concept_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    concept = access.access_concept(request.user, tenant, pk, write=request.method == "POST")
    institutions = institutions_for_tenant(tenant).order_by("name")
    form = ImplementationForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        institution = institutions.filter(pk=form.cleaned_data["institution"]).first()
        if institution is None:
            form.add_error("institution", _("Bitte eine Einrichtung auswählen."))
        else:
            try:
                item = services.implementation_start(
                    tenant=tenant,
                    concept=concept,
                    institution=institution,
                    responsible=form.cleaned_data["responsible"],
                    started=form.cleaned_data["started"],
                    actor=request.user,
                )
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, _("Umsetzung angelegt."))
                return redirect("participation:implementation_detail", pk=item.pk)
    stages = sorted(concept.stages.all(), key=lambda s: IMPACT_STAGE_CODES.index(s.stage))
    return render(
        request,
        "participation/concept_detail.html",
        {
            "concept": concept,
            "stages": stages,
            "form": form,
            "can_write": _can_write(request),
            "implementations": selectors.implementations_for_tenant(tenant).filter(concept=concept),
            "breadcrumbs": _crumbs((concept.name, None)),
        },
    )


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def implementation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    item = access.access_implementation(request.user, tenant, pk, write=request.method == "POST")
    move_form = MoveForm(
        request.POST or None,
        initial={
            "on": timezone.localdate(),
            "participation": item.participation,
            "evaluation": item.evaluation,
        },
    )
    if request.method == "POST" and move_form.is_valid():
        try:
            services.implementation_move(
                implementation=item, actor=request.user, **move_form.cleaned_data
            )
        except ValidationError as exc:
            _apply(move_form, exc)
        else:
            messages.success(request, _("Stand geändert."))
            return redirect("participation:implementation_detail", pk=item.pk)
    detail = selectors.implementation_detail(item.pk)
    if detail is None:
        raise Http404
    return render(
        request,
        "participation/implementation_detail.html",
        {
            "item": detail,
            "move_form": move_form,
            "milestone_form": MilestoneForm(),
            "can_write": _can_write(request),
            "stages": labels.translated(IMPLEMENTATION_STAGES),
            "breadcrumbs": _crumbs(
                (
                    detail.concept.name,
                    reverse("participation:concept_detail", args=[detail.concept_id]),
                ),
                (detail.institution.name, None),
            ),
        },
    )


@require_roles(*WRITE)
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_implementation(request.user, require_tenant(request), pk, write=True)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(implementation=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Meilenstein eingetragen."))
    else:
        messages.error(request, _("Meilenstein: Bitte Titel und Datum angeben."))
    return redirect("participation:implementation_detail", pk=item.pk)


@require_roles(*WRITE)
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    item = access.access_implementation(request.user, require_tenant(request), pk, write=True)
    milestone = Milestone.objects.filter(implementation=item, pk=milestone_pk).first()
    if milestone is None:
        from django.http import Http404

        raise Http404
    try:
        services.milestone_done(
            milestone=milestone, done_on=timezone.localdate(), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("participation:implementation_detail", pk=item.pk)
