"""Counselling pages. Thin: parse, authorise (access.py), call a service or
selector, render. Every read of a case or of something on it is audited."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interprochance.core import audit
from interprochance.core.exports import table_response
from interprochance.core.pdf import pdf_response, render_pdf
from interprochance.core.policy import public_view, require_roles, require_tenant
from interprochance.core.roles import Role

from . import selectors, services
from .access import (
    access_case,
    access_contact,
    access_document,
    access_household,
    access_referral,
    access_request,
    is_office_lead,
    office_ids,
    visible_referrals,
    visible_requests,
)
from .benefits import (
    Benefit,
    check_benefits,
)
from .benefits import (
    Household as BHousehold,
)
from .benefits import (
    Member as BMember,
)
from .benefits import (
    Role as BRole,
)
from .benefits import (
    Schooling as BSchooling,
)
from .forms import (
    BENEFIT_LABELS,
    AppointmentRequestForm,
    CloseForm,
    ConsentRecordForm,
    ConsentWithdrawForm,
    ContactForm,
    DocumentForm,
    EconomicsForm,
    ErasureForm,
    GoalForm,
    IntakeForm,
    MemberFormSet,
    ReferralForm,
    ReferralStepForm,
    TaskForm,
    TopicsForm,
)
from .integrations import directory_services, fund_available
from .models import (
    CaseStatus,
    Consent,
    CounsellingOffice,
    Goal,
    GoalStatus,
    ReferralState,
    RequestStatus,
    Topic,
)
from .rules.appointments import rate_limited, spam_reason

BERATUNG = Role.BERATUNG
PAGE_SIZE = 25


def _apply_errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else None
        for e in errors:
            form.add_error(target, e)


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Beratung"), reverse("counseling:case_list")), *items]


def _today():
    return timezone.localdate()


# ---- case list and search ---------------------------------------------------------------


@require_roles(BERATUNG)
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    query = request.GET.get("q", "")[:100]
    status = request.GET.get("status", "")
    topic = request.GET.get("thema", "")
    cases = selectors.case_list(request.user, tenant, query=query, status=status, topic=topic)
    page = selectors.case_page(
        cases, request.GET.get("seite"), PAGE_SIZE, total=cases.count() if query else None
    )
    if query:
        audit.record(
            actor=request.user,
            action="counseling.case_search",
            tenant=tenant,
            detail={"results_on_page": len(page.object_list)},
        )
    params = request.GET.copy()
    params.pop("seite", None)
    context = {
        "page": page,
        "q": query,
        "status": status,
        "topic": topic,
        "query": params.urlencode(),
        "topics": Topic.choices,
        "statuses": CaseStatus.choices,
        "search_limit": selectors.SEARCH_LIMIT,
        "today": _today(),
        "offices": CounsellingOffice.objects.filter(pk__in=office_ids(request.user, tenant)),
        "breadcrumbs": [(_("Beratung"), None)],
        "open_tasks": selectors.open_tasks(request.user, tenant)[:5],
    }
    template = (
        "counseling/_case_rows.html"
        if getattr(request, "htmx", False)
        else "counseling/case_list.html"
    )
    return render(request, template, context)


@require_roles(BERATUNG)
@require_GET
def case_export(request: HttpRequest) -> HttpResponse:
    """The case list as shown (no identities), CSV or XLSX."""
    tenant = require_tenant(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cases = (
        selectors.case_list(
            request.user,
            tenant,
            query=request.GET.get("q", "")[:100],
            status=request.GET.get("status", ""),
            topic=request.GET.get("thema", ""),
        )
        .select_related("office", "area", "household")
        .prefetch_related("topics")[:5000]
    )
    rows = [
        (
            c.number,
            c.household.pseudonym if c.household else "",
            c.office.name,
            c.area.name if c.area else "",
            ", ".join(str(Topic(t.topic).label) for t in c.topics.all()),
            c.get_status_display(),
            c.opened_on,
            c.closed_on,
        )
        for c in cases
    ]
    audit.record(
        actor=request.user,
        action="counseling.case_export",
        tenant=tenant,
        detail={"rows": len(rows), "format": fmt},
    )
    columns = [
        _("Aktenzeichen"),
        _("Haushalt"),
        _("Beratungsstelle"),
        _("Gebiet"),
        _("Themen"),
        _("Status"),
        _("eröffnet"),
        _("abgeschlossen"),
    ]
    return table_response(columns, rows, fmt=fmt, filename="beratungsfaelle")


# ---- intake ------------------------------------------------------------------------------------


@require_roles(BERATUNG)
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    offices = list(CounsellingOffice.objects.filter(pk__in=office_ids(request.user, tenant)))
    if not offices:
        messages.warning(request, _("Sie sind keiner Beratungsstelle zugeordnet."))
        return redirect("counseling:case_list")
    initial = {"opened_on": _today()}
    from_request = None
    if request.GET.get("anfrage"):
        from_request = access_request(request.user, tenant, request.GET["anfrage"])
        initial.update(
            {
                "contact_name": from_request.name,
                "language": from_request.language,
                "topics": [from_request.topic],
                "preferred_channel": from_request.channel,
                "phone" if from_request.channel == "phone" else "email": from_request.reach,
            }
        )
    form = IntakeForm(request.POST or None, initial=initial)
    office_choice = request.POST.get("office") or str(offices[0].pk)
    office = next((o for o in offices if str(o.pk) == office_choice), offices[0])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                office=office,
                data=services.IntakeData(
                    contact_name=d["contact_name"],
                    topics=tuple(d["topics"]),
                    address=d["address"],
                    phone=d["phone"],
                    email=d["email"],
                    preferred_channel=d["preferred_channel"],
                    language=d["language"],
                    other_names=d["other_names"],
                    summary=d["summary"],
                    opened_on=d["opened_on"],
                ),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if request.POST.get("anfrage"):
                item = access_request(request.user, tenant, request.POST["anfrage"])
                services.request_set_status(
                    actor=request.user, item=item, status=RequestStatus.CONVERTED, office=office
                )
            if case.area is None and d["address"]:
                messages.warning(
                    request, _("Fall angelegt. Die Adresse konnte keinem Gebiet zugeordnet werden.")
                )
            else:
                messages.success(request, _("Fall %(n)s angelegt.") % {"n": case.number})
            return redirect("counseling:case_detail", pk=case.pk)
    return render(
        request,
        "counseling/intake.html",
        {
            "form": form,
            "offices": offices,
            "office": office,
            "from_request": from_request,
            "breadcrumbs": _crumbs((_("Neuer Fall"), None)),
        },
    )


# ---- case page ----------------------------------------------------------------------------------


def _case_context(request: HttpRequest, case: Any, **forms: Any) -> dict[str, Any]:
    tenant = request.tenant  # type: ignore[attr-defined]
    detail = selectors.case_detail(case)
    return {
        "case": case,
        **detail,
        "children": [m for m in detail["members"] if m.role == "child"],
        "identity": getattr(case.household, "identity", None) if case.household else None,
        "topics_form": forms.get("topics_form")
        or TopicsForm(
            initial={"topics": [t.topic for t in detail["topics"]], "summary": case.summary}
        ),
        "contact_form": forms.get("contact_form")
        or ContactForm(initial={"date": _today(), "duration_minutes": 45}),
        "goal_form": forms.get("goal_form") or GoalForm(initial={"agreed_on": _today()}),
        "task_form": forms.get("task_form") or TaskForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "consent_form": forms.get("consent_form")
        or ConsentRecordForm(
            recipients=_recipient_choices(request, case),
            initial={"given_on": _today(), "purpose": "referral"},
        ),
        "referral_form": forms.get("referral_form")
        or ReferralForm(targets=_target_choices(request, case)),
        "close_form": forms.get("close_form") or CloseForm(initial={"closed_on": _today()}),
        "is_lead": is_office_lead(request.user, case.office),
        "fund_available": fund_available(),
        "goal_statuses": GoalStatus.choices,
        "breadcrumbs": _crumbs((case.number, None)),
        "tenant": tenant,
    }


def _recipient_choices(request: HttpRequest, case: Any) -> list[tuple[str, str]]:
    tenant = request.tenant  # type: ignore[attr-defined]
    choices = [("fund", _("Sozialfonds der Kommune"))] if fund_available() else []
    choices += [
        (f"office:{o.pk}", _("Beratungsstelle: %(n)s") % {"n": o.name})
        for o in CounsellingOffice.objects.filter(tenant=tenant, is_active=True).exclude(
            pk=case.office_id
        )
    ]
    for s in directory_services(tenant):
        choices.append((f"service:{s['id']}", _("Angebot: %(n)s") % {"n": s["label"]}))
        if s.get("organisation_id"):
            choices.append(
                (
                    f"organisation:{s['organisation_id']}",
                    _("Träger: %(n)s") % {"n": s["organisation"]},
                )
            )
    return list(dict.fromkeys(choices))


def _target_choices(request: HttpRequest, case: Any) -> list[tuple[str, str]]:
    return [
        c for c in _recipient_choices(request, case) if c[0].startswith(("office:", "service:"))
    ]


@require_roles(BERATUNG)
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, require_tenant(request), pk)
    audit.record_read(actor=request.user, tenant=case.tenant, obj=case)
    return render(request, "counseling/case_detail.html", _case_context(request, case))


def _case_post(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    form_key: str,
    action: Any,
    success: str,
    **form_kwargs: Any,
) -> HttpResponse:
    case = access_case(request.user, require_tenant(request), pk, write=True)
    form = form_class(request.POST, request.FILES or None, **form_kwargs)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("counseling:case_detail", pk=case.pk)
    messages.error(request, _("Bitte die markierten Angaben prüfen; es wurde nichts gespeichert."))
    return render(
        request,
        "counseling/case_detail.html",
        _case_context(request, case, **{form_key: form}),
        status=400,
    )


@require_roles(BERATUNG)
@require_POST
def topics_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        TopicsForm,
        "topics_form",
        lambda case, d: services.case_update_topics(
            actor=request.user, case=case, topics=d["topics"], summary=d["summary"]
        ),
        _("Themen gespeichert."),
    )


@require_roles(BERATUNG)
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        ContactForm,
        "contact_form",
        lambda case, d: services.contact_add(
            actor=request.user,
            case=case,
            day=d["date"],
            duration_minutes=d["duration_minutes"],
            channel=d["channel"],
            participants=d["participants"],
            notes=d["notes"],
        ),
        _("Kontakt gespeichert."),
    )


@require_roles(BERATUNG)
@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        GoalForm,
        "goal_form",
        lambda case, d: services.goal_add(
            actor=request.user,
            case=case,
            text=d["text"],
            agreed_on=d["agreed_on"],
            review_on=d["review_on"],
        ),
        _("Ziel gespeichert."),
    )


@require_roles(BERATUNG)
@require_POST
def goal_status(request: HttpRequest, pk: int, goal_id: int) -> HttpResponse:
    case = access_case(request.user, require_tenant(request), pk, write=True)
    goal = Goal.objects.filter(pk=goal_id, case=case).first()
    if goal is None:
        raise Http404
    try:
        services.goal_set_status(
            actor=request.user, goal=goal, status=request.POST.get("status", "")
        )
    except ValidationError:
        messages.error(request, _("Ungültiger Stand."))
    return redirect("counseling:case_detail", pk=case.pk)


@require_roles(BERATUNG)
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        TaskForm,
        "task_form",
        lambda case, d: services.task_add(
            actor=request.user,
            case=case,
            title=d["title"],
            due_on=d["due_on"],
            remind_on=d["remind_on"],
        ),
        _("Aufgabe gespeichert."),
    )


@require_roles(BERATUNG)
@require_POST
def task_done(request: HttpRequest, pk: int, task_id: int) -> HttpResponse:
    case = access_case(request.user, require_tenant(request), pk, write=True)
    task = case.tasks.filter(pk=task_id).first()
    if task is None:
        raise Http404
    services.task_done(actor=request.user, task=task)
    return redirect("counseling:case_detail", pk=case.pk)


@require_roles(BERATUNG)
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        DocumentForm,
        "document_form",
        lambda case, d: services.document_add(
            actor=request.user, case=case, title=d["title"], upload=d["file"]
        ),
        _("Dokument gespeichert."),
    )


@require_roles(BERATUNG)
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    doc = access_document(request.user, require_tenant(request), pk)
    audit.record_read(
        actor=request.user, tenant=doc.case.tenant, obj=doc, detail={"case": doc.case_id}
    )
    response = FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=True,
        filename=doc.filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_roles(BERATUNG)
@require_GET
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access_contact(request.user, require_tenant(request), pk)
    audit.record_read(
        actor=request.user,
        tenant=contact.case.tenant,
        obj=contact,
        detail={"case": contact.case_id},
    )
    return render(
        request,
        "counseling/contact_detail.html",
        {
            "contact": contact,
            "case": contact.case,
            "breadcrumbs": _crumbs(
                (contact.case.number, reverse("counseling:case_detail", args=[contact.case_id])),
                (_("Kontakt"), None),
            ),
        },
    )


@require_roles(BERATUNG)
@require_POST
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    def action(case: Any, d: dict[str, Any]) -> None:
        label = dict(_recipient_choices(request, case)).get(d["recipient"], d["recipient"])
        services.consent_record(
            actor=request.user,
            case=case,
            purpose=d["purpose"],
            recipients=[d["recipient"]],
            recipient_label=str(label),
            categories=d["categories"],
            given_on=d["given_on"],
            valid_until=d["valid_until"],
            form=d["form"],
        )

    return _case_post(
        request,
        pk,
        ConsentRecordForm,
        "consent_form",
        action,
        _("Einwilligung erfasst."),
        **{
            "recipients": _recipient_choices(
                request, access_case(request.user, require_tenant(request), pk)
            )
        },
    )


@require_roles(BERATUNG)
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    consent = Consent.objects.select_related("case").filter(pk=int(pk), case__tenant=tenant).first()
    if consent is None:
        raise Http404
    case = access_case(request.user, tenant, consent.case_id)
    form = ConsentWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
        else:
            messages.success(
                request,
                _(
                    "Widerruf erfasst; laufende Vermittlungen auf dieser Grundlage wurden zurückgezogen."
                ),
            )
    else:
        messages.error(request, _("Bitte ein gültiges Datum angeben."))
    return redirect("counseling:case_detail", pk=case.pk)


@require_roles(BERATUNG)
@require_POST
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)

    def action(case: Any, d: dict[str, Any]) -> None:
        kind, _sep, ident = d["target"].partition(":")
        to_office = None
        service_id = organisation_id = None
        label = ""
        if kind == "office":
            to_office = CounsellingOffice.objects.filter(
                pk=int(ident), tenant=tenant, is_active=True
            ).first()
            if to_office is None:
                raise ValidationError({"target": [_("Unbekanntes Ziel.")]})
        else:
            service = next((s for s in directory_services(tenant) if str(s["id"]) == ident), None)
            if service is None:
                raise ValidationError({"target": [_("Unbekanntes Ziel.")]})
            service_id, organisation_id, label = (
                service["id"],
                service.get("organisation_id"),
                service["label"],
            )
        services.referral_send(
            actor=request.user,
            case=case,
            categories=d["categories"],
            reason=d["reason"],
            to_office=to_office,
            service_id=service_id,
            organisation_id=organisation_id,
            to_label=label,
            override_reason=d["override_reason"],
            actor_is_lead=is_office_lead(request.user, case.office),
        )

    case = access_case(request.user, tenant, pk)
    return _case_post(
        request,
        pk,
        ReferralForm,
        "referral_form",
        action,
        _("Vermittlung gesendet."),
        **{"targets": _target_choices(request, case)},
    )


@require_roles(BERATUNG)
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_post(
        request,
        pk,
        CloseForm,
        "close_form",
        lambda case, d: services.case_close(
            actor=request.user,
            case=case,
            outcome=d["outcome"],
            closed_on=d["closed_on"],
            note=d["note"],
        ),
        _("Fall abgeschlossen."),
    )


# ---- referrals ------------------------------------------------------------------------------------


@require_roles(BERATUNG)
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    ids = office_ids(request.user, tenant)
    referrals = (
        visible_referrals(request.user, tenant)
        .select_related("case", "from_office", "to_office")
        .order_by("-created")
    )
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "counseling/referral_list.html",
        {
            "page": page,
            "office_ids": ids,
            "breadcrumbs": _crumbs((_("Vermittlungen"), None)),
        },
    )


@require_roles(BERATUNG)
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A referral for the sender or the receiving office. A directory service has no
    user here: the sending office records its answer on its behalf (audited as such)."""
    from .rules.referral_states import Side, State, allowed_targets

    tenant = require_tenant(request)
    referral, side = access_referral(request.user, tenant, pk)
    sides = [Side(side)]
    if side == "sender" and referral.to_office_id is None:
        sides.append(Side.RECEIVER)
    targets = {t.value: s.value for s in sides for t in allowed_targets(State(referral.state), s)}
    form = ReferralStepForm(request.POST or None)
    if request.method == "POST":
        target = request.POST.get("target", "")
        if form.is_valid():
            try:
                services.referral_transition(
                    actor=request.user,
                    referral=referral,
                    target=target,
                    side=targets.get(target, side),
                    feedback=form.cleaned_data["feedback"],
                    on_behalf=targets.get(target, side) != side,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Vermittlung aktualisiert."))
                return redirect("counseling:referral_detail", pk=referral.pk)
    else:
        audit.record_read(
            actor=request.user, tenant=tenant, obj=referral, detail={"case": referral.case_id}
        )
    steps = [(value, ReferralState(value).label) for value in targets]
    return render(
        request,
        "counseling/referral_detail.html",
        {
            "referral": referral,
            "side": side,
            "on_behalf": len(sides) > 1,
            "form": form,
            "steps": steps,
            "handover_json": json.dumps(referral.handover, ensure_ascii=False, indent=2)
            if referral.handover
            else "",
            "breadcrumbs": _crumbs(
                (_("Vermittlungen"), reverse("counseling:referral_list")), (referral.to_label, None)
            ),
        },
        status=400 if form.errors else 200,
    )


# ---- benefits check --------------------------------------------------------------------------------


def _bmember(m: Any) -> BMember:
    return BMember(
        role=BRole(m.role),
        birth_date=m.birth_date,
        gross_earned=m.gross_earned_cents,
        net_earned=m.net_earned_cents,
        other_income=m.other_income_cents,
        kindergeld=m.kindergeld,
        schooling=BSchooling(m.schooling),
        able_to_work=m.able_to_work,
        pregnant=m.pregnant,
    )


@require_roles(BERATUNG)
@require_http_methods(["GET", "POST"])
def benefits(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, require_tenant(request), pk)
    household = case.household
    if household is None:
        raise Http404
    members = list(household.members.all())
    initial_members = [
        {
            "role": m.role,
            "birth_date": m.birth_date,
            "schooling": m.schooling,
            "gross": f"{m.gross_earned_cents / 100:.2f}".replace(".", ","),
            "net": f"{m.net_earned_cents / 100:.2f}".replace(".", ","),
            "other": f"{m.other_income_cents / 100:.2f}".replace(".", ","),
            "kindergeld": m.kindergeld,
            "able_to_work": m.able_to_work,
            "pregnant": m.pregnant,
        }
        for m in members
    ]
    econ = EconomicsForm(
        request.POST or None,
        initial={
            "housing_cost": f"{household.housing_cost_cents / 100:.2f}".replace(".", ","),
            "current_benefits": household.current_benefits,
        },
    )
    formset = MemberFormSet(request.POST or None, initial=initial_members or None, prefix="m")
    if request.method == "POST":
        if case.status != CaseStatus.OPEN:
            raise Http404
        if econ.is_valid() and formset.is_valid():
            data = [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and f.cleaned_data.get("birth_date")
            ]
            try:
                services.household_set_economics(
                    actor=request.user,
                    household=household,
                    housing_cost_cents=econ.cleaned_data["housing_cost"] or 0,
                    current_benefits=econ.cleaned_data["current_benefits"],
                    members=[
                        services.MemberData(
                            role=d["role"],
                            birth_date=d["birth_date"],
                            schooling=d["schooling"],
                            gross_earned_cents=d["gross"] or 0,
                            net_earned_cents=d["net"] or 0,
                            other_income_cents=d["other"] or 0,
                            kindergeld=d["kindergeld"],
                            able_to_work=d["able_to_work"],
                            pregnant=d["pregnant"],
                        )
                        for d in data
                    ],
                )
            except ValidationError as exc:
                _apply_errors(econ, exc)
            else:
                messages.success(request, _("Haushaltsdaten gespeichert."))
                return redirect("counseling:benefits", pk=case.pk)
        messages.error(
            request, _("Bitte die markierten Angaben prüfen; es wurde nichts gespeichert.")
        )
    else:
        audit.record_read(
            actor=request.user,
            tenant=case.tenant,
            obj=case,
            detail={"view": "benefits", "case": case.pk},
        )
    result = None
    if members and any(m.role == "adult" for m in members):
        result = check_benefits(
            BHousehold(
                members=tuple(_bmember(m) for m in members),
                housing_cost=household.housing_cost_cents,
                reference_date=_today(),
                current_benefits=frozenset(Benefit(b) for b in household.current_benefits),
            )
        )
    return render(
        request,
        "counseling/benefits.html",
        {
            "case": case,
            "econ": econ,
            "formset": formset,
            "result": result,
            "benefit_labels": BENEFIT_LABELS,
            "breadcrumbs": _crumbs(
                (case.number, reverse("counseling:case_detail", args=[case.pk])),
                (_("Leistungscheck"), None),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


# ---- data protection: access log, Art. 15 export, erasure --------------------------------------------


@require_roles(BERATUNG, Role.ADMIN)
@require_GET
def access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Per-case access log for the data-protection officer (administration) and the office."""
    tenant = require_tenant(request)
    from .models import Case

    if office_ids(request.user, tenant):
        case = access_case(request.user, tenant, pk)
    else:  # administration: the log only, never the content
        found = Case.objects.filter(pk=pk, tenant=tenant).first()
        if found is None:
            raise Http404
        case = found
    audit.record(actor=request.user, action="counseling.access_log_read", tenant=tenant, obj=case)
    page = Paginator(selectors.access_log(case), 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "counseling/access_log.html",
        {
            "case": case,
            "page": page,
            "breadcrumbs": _crumbs((case.number, None), (_("Zugriffsprotokoll"), None)),
        },
    )


@require_roles(BERATUNG)
@require_GET
def household_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    household = access_household(request.user, require_tenant(request), pk)
    data = services.household_export(household)
    services.export_record(actor=request.user, household=household, fmt=fmt)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="auskunft-{household.pseudonym}.json"'
        )
        return response
    if fmt == "pdf":
        pdf = render_pdf(
            "counseling/export_pdf.html",
            {"data": data, "generated": timezone.localtime(), "topics": dict(Topic.choices)},
        )
        return pdf_response(pdf, f"auskunft-{household.pseudonym}")
    raise Http404


@require_roles(BERATUNG)
@require_http_methods(["GET", "POST"])
def erasure(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    household = access_household(request.user, tenant, pk)
    if request.method == "GET":
        audit.record_read(
            actor=request.user, tenant=tenant, obj=household, detail={"view": "erasure"}
        )
    form = ErasureForm(request.POST or None, initial={"received_on": _today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not is_office_lead(request.user, household.office) and d["execute"] == "yes":
            form.add_error(
                None, _("Löschungen nach Art. 17 DSGVO führt die Leitung der Beratungsstelle aus.")
            )
        else:
            try:
                record = services.erasure_decide(
                    actor=request.user,
                    household=household,
                    received_on=d["received_on"],
                    execute=d["execute"] == "yes",
                    reason=d["reason"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if record.decision == "executed":
                    messages.success(
                        request,
                        _(
                            "Die Daten des Haushalts %(p)s wurden gelöscht; das Löschersuchen ist dokumentiert."
                        )
                        % {"p": record.household_pseudonym},
                    )
                    return redirect("counseling:case_list")
                messages.success(request, _("Ablehnung dokumentiert."))
                return redirect("counseling:erasure", pk=household.pk)
    return render(
        request,
        "counseling/erasure.html",
        {
            "household": household,
            "form": form,
            "previous": household.erasure_requests.all(),
            "breadcrumbs": _crumbs((household.pseudonym, None), (_("Löschersuchen"), None)),
        },
        status=400 if form.errors else 200,
    )


# ---- public appointment request --------------------------------------------------------------------------

_signer = signing.Signer(salt="counseling.appointment.rendered")


def _client_key(request: HttpRequest) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()


def _public_offices() -> list[CounsellingOffice]:
    return list(
        CounsellingOffice.objects.filter(is_active=True, tenant__is_active=True)
        .select_related("tenant")
        .order_by("tenant__name", "name")
    )


@public_view
@require_http_methods(["GET", "POST"])
def appointment_request(request: HttpRequest) -> HttpResponse:
    offices = _public_offices()
    choices = [(str(o.pk), f"{o.tenant.name} – {o.name}") for o in offices]
    form = AppointmentRequestForm(
        request.POST or None,
        offices=choices,
        initial={"rendered": _signer.sign(str(int(time.time())))},
    )
    status = 200
    if request.method == "POST":
        now = timezone.now()
        try:
            rendered_at = datetime.fromtimestamp(
                int(_signer.unsign(request.POST.get("rendered", ""))), tz=UTC
            )
        except (signing.BadSignature, ValueError):
            rendered_at = None
        reason = spam_reason(
            honeypot=request.POST.get("website", ""), rendered_at=rendered_at, now=now
        )
        key = _client_key(request)
        recent = list(visible_requests_all(key, now))
        if reason == "honeypot":
            return redirect("counseling:appointment_thanks")  # do not tell bots
        if reason:
            form.add_error(
                None,
                _(
                    "Das Formular war zu schnell oder zu lange offen. Bitte prüfen Sie Ihre Angaben und senden Sie es erneut."
                ),
            )
            status = 400
        elif rate_limited(recent, now):
            form.add_error(
                None,
                _(
                    "Es wurden in kurzer Zeit zu viele Anfragen gesendet. Bitte versuchen Sie es später noch einmal oder rufen Sie an."
                ),
            )
            status = 429
        elif form.is_valid():
            d = form.cleaned_data
            office = next((o for o in offices if str(o.pk) == d["office"]), None)
            if office is None:
                form.add_error("office", _("Bitte eine Beratungsstelle wählen."))
                status = 400
            else:
                try:
                    services.request_submit(
                        tenant=office.tenant,
                        office=office,
                        topic=d["topic"],
                        language=d["language"],
                        channel=d["channel"],
                        reach=d["reach"],
                        name=d["name"],
                        preferred_times=d["preferred_times"],
                        client_key=key,
                    )
                except ValidationError as exc:
                    _apply_errors(form, exc)
                    status = 400
                else:
                    return redirect("counseling:appointment_thanks")
        else:
            status = 400
        fresh = request.POST.copy()
        fresh["rendered"] = _signer.sign(str(int(time.time())))
        form.data = fresh
    form.fields["office"].required = True
    return render(
        request,
        "counseling/appointment_request.html",
        {
            "form": form,
            "breadcrumbs": [(_("Beratungstermin anfragen"), None)],
        },
        status=status,
    )


def visible_requests_all(client_key: str, now: datetime):
    from .models import AppointmentRequest
    from .rules.appointments import DEFAULT_SPAM_POLICY

    since = now - DEFAULT_SPAM_POLICY.window
    return AppointmentRequest.objects.filter(client_key=client_key, created__gte=since).values_list(
        "created", flat=True
    )


@public_view
@require_GET
def appointment_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "counseling/appointment_thanks.html",
        {"breadcrumbs": [(_("Beratungstermin anfragen"), None)]},
    )


@require_roles(BERATUNG)
@require_GET
def request_queue(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    status = request.GET.get("status", RequestStatus.NEW)
    items = visible_requests(request.user, tenant).select_related("office")
    if status in RequestStatus.values:
        items = items.filter(status=status)
    page = Paginator(items.order_by("created"), PAGE_SIZE).get_page(request.GET.get("seite"))
    audit.record(
        actor=request.user,
        action="counseling.request_queue_read",
        tenant=tenant,
        detail={"on_page": len(page.object_list)},
    )
    return render(
        request,
        "counseling/request_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "query": f"status={status}",
            "breadcrumbs": _crumbs((_("Terminanfragen"), None)),
        },
    )


@require_roles(BERATUNG)
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    item = access_request(request.user, tenant, pk)
    try:
        services.request_set_status(
            actor=request.user, item=item, status=request.POST.get("status", "")
        )
    except ValidationError:
        messages.error(request, _("Ungültiger Stand."))
    else:
        messages.success(request, _("Anfrage aktualisiert."))
    return redirect("counseling:request_queue")


# ---- fund application from a case ----------------------------------------------------------------------


@require_roles(BERATUNG)
@require_POST
def fund_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a fund application for a child of the household, prefilled from the case (pseudonyms only)."""
    from urllib.parse import urlencode

    from .integrations import fund_form_url, fund_initials

    case = access_case(request.user, require_tenant(request), pk, write=True)
    url = fund_form_url()
    if not fund_available() or url is None or case.household is None:
        messages.error(request, _("Der Sozialfonds ist in dieser Installation nicht verfügbar."))
        return redirect("counseling:case_detail", pk=case.pk)
    children = [m for m in case.household.members.all() if m.role == "child"]
    try:
        index = int(request.POST.get("child", "1"))
        child = children[index - 1]
    except (ValueError, IndexError):
        messages.error(
            request, _("Bitte zuerst im Leistungscheck die Kinder des Haushalts erfassen.")
        )
        return redirect("counseling:case_detail", pk=case.pk)
    if not services.fund_sharing_allowed(case):
        messages.error(
            request,
            _(
                "Für einen Antrag beim Sozialfonds bitte zuerst die Einwilligung der Familie erfassen "
                "(Zweck: Antrag beim Sozialfonds, Empfänger: Sozialfonds, Daten: Haushalt)."
            ),
        )
        return redirect("counseling:case_detail", pk=case.pk)
    initials = fund_initials(
        actor=request.user,
        case=case,
        child_index=index,
        child_birth_date=child.birth_date,
        today=_today(),
    )
    audit.record(
        actor=request.user,
        action="counseling.fund_start",
        tenant=case.tenant,
        obj=case,
        detail={"case": case.pk},
    )
    return redirect(f"{url}?{urlencode(initials)}")
