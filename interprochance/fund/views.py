"""Pages of the social fund. Thin: parse, authorise (policy + access.py), call one
action or selector, render. German UI via gettext."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interprochance.core import audit, charts, labels
from interprochance.core.exports import table_response
from interprochance.core.policy import has_role, require_roles, require_tenant
from interprochance.core.roles import Role
from interprochance.core.selectors import tenant_areas
from interprochance.fund import selectors, services
from interprochance.fund.access import (
    FUND_STAFF,
    REPORT_ROLES,
    access_application,
    access_batch,
    access_source,
)
from interprochance.fund.forms import (
    ApplicationForm,
    BatchForm,
    BudgetForm,
    DecideForm,
    DocumentForm,
    ProofForm,
    ProposeForm,
    ReplayForm,
    SourceForm,
)
from interprochance.fund.ledger.rules import format_cents
from interprochance.fund.models import FundingSource, Status
from interprochance.fund.procedures import DEFAULT_PROCEDURES, Procedure, compare
from interprochance.fund.procedures.model import LIFE_PHASES
from interprochance.fund.procedures.replay import ProcedureError
from interprochance.fund.procedures.synthetic import synthetic_applications, synthetic_sources
from interprochance.fund.services import FundError

APPLY_ROLES = (Role.BERATUNG,)
LIST_ROLES = (Role.BERATUNG, Role.FONDS, Role.FONDS_ANORDNUNG)


def _errors_to_form(form: Any, exc: FundError) -> None:
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _crumbs(
    *items: tuple[str, str | None], request: HttpRequest | None = None
) -> list[tuple[str, str | None]]:
    """Breadcrumbs under "Sozialfonds". Pages that readers of reports open too (planning,
    committees) pass `request`: the overview is linked only for those who may open it."""
    overview: str | None = reverse("fund:dashboard")
    if request is not None and not has_role(
        request.user, getattr(request, "tenant", None), *LIST_ROLES
    ):
        overview = None
    return [(_("Sozialfonds"), overview), *items]


# ---- overview -------------------------------------------------------------------------


@require_roles(*LIST_ROLES)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    staff = bool(request.roles & set(FUND_STAFF))  # type: ignore[attr-defined]
    ctx: dict[str, Any] = {"staff": staff, "breadcrumbs": [(_("Sozialfonds"), None)]}
    if staff:
        ctx["balances"] = selectors.source_balances(tenant)
        ctx["pending"] = selectors.pending_counts(tenant)
        ctx["awaiting"] = selectors.awaiting_payout(tenant)
    else:
        ctx["mine"] = list(selectors.applications_for(tenant, mine_only_user=request.user)[:20])
    return render(request, "fund/dashboard.html", ctx)


@require_roles(*LIST_ROLES)
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    staff = bool(request.roles & set(FUND_STAFF))  # type: ignore[attr-defined]
    qs = selectors.applications_for(
        tenant, status=status, mine_only_user=None if staff else request.user
    )
    page = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "fund/application_list.html",
        {
            "page": page,
            "status": status,
            "query": f"status={status}" if status else "",
            "statuses": Status.choices,
            "breadcrumbs": _crumbs((_("Anträge"), None)),
        },
    )


# ---- applying ---------------------------------------------------------------------------


def _input_from(form: ApplicationForm) -> services.ApplicationInput:
    d = form.cleaned_data
    return services.ApplicationInput(
        purpose=d.get("purpose", ""),
        total=d.get("total", ""),
        amount=d.get("amount") or d.get("total", ""),
        child_age=d.get("child_age", ""),
        life_phase=d.get("life_phase", ""),
        area_code=d.get("area_code", ""),
        description=d.get("description", ""),
        provider_name=d.get("provider_name", ""),
        provider_iban=d.get("provider_iban", ""),
        applicant_org=d.get("applicant_org", ""),
        household_key=d.get("household_key", ""),
        child_key=d.get("child_key", ""),
        household_ref=d.get("household_ref", ""),
        child_ref=d.get("child_ref", ""),
        case_ref=d.get("case_ref", ""),
        in_school=bool(d.get("in_school")),
        in_kita=bool(d.get("in_kita")),
        benefits=tuple(d.get("benefits") or ()),
        months=d.get("months") or 1,
        need_score=d.get("need_score") or 50,
        fund_reason=d.get("fund_reason", ""),
    )


@require_roles(*APPLY_ROLES)
@require_http_methods(["GET", "POST"])
def application_new(request: HttpRequest) -> HttpResponse:
    """One form; "Vorrang prüfen" shows the statutory routes first, "Antrag stellen" submits."""
    tenant = require_tenant(request)
    areas = list(tenant_areas(tenant, level="sozialraum")) or list(tenant_areas(tenant))
    initial = {
        k: request.GET[k]
        for k in ("case_ref", "household_ref", "child_ref", "area_code", "life_phase", "child_age")
        if k in request.GET
    }
    form = ApplicationForm(request.POST or None, areas=areas, initial=initial)
    result = None
    if request.method == "POST" and form.is_valid():
        data = _input_from(form)
        if not form.cleaned_data.get("amount"):
            # Default: what the statutory routes leave open (or the total if they cover it all).
            _errs, pre = services.statutory_check(data, on=timezone.localdate())
            if pre is not None and pre.remaining_cents > 0:
                data = replace(data, amount=Decimal(pre.remaining_cents) / 100)
        if "submit" in request.POST:
            try:
                app = services.application_submit(
                    actor=request.user,
                    tenant=tenant,
                    form_token=form.cleaned_data["form_token"],
                    data=data,
                )
            except FundError as exc:
                if exc.code == "duplicate":
                    messages.warning(request, exc.message)
                    return redirect("fund:application_list")
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("Antrag %(n)s ist eingegangen.") % {"n": app.number})
                return redirect("fund:application_detail", number=app.number)
        errors, result = services.statutory_check(data, on=timezone.localdate())
        if "submit" not in request.POST:
            for field, msg in errors.items():
                form.add_error(field if field in form.fields else None, msg)
    return render(
        request,
        "fund/application_form.html",
        {"form": form, "result": result, "breadcrumbs": _crumbs((_("Neuer Antrag"), None))},
    )


@require_roles(*LIST_ROLES)
@require_GET
def application_detail(request: HttpRequest, number: str) -> HttpResponse:
    tenant = require_tenant(request)
    app = access_application(request.user, tenant, number)
    audit.record_read(actor=request.user, tenant=tenant, obj=app)
    roles = request.roles  # type: ignore[attr-defined]
    ctx = {
        "app": selectors.application_detail(app),
        "ledger": selectors.application_ledger(app) if roles & set(FUND_STAFF) else [],
        "can_propose": Role.FONDS in roles
        and app.status == Status.SUBMITTED
        and app.applicant_id != request.user.pk,
        "can_decide": Role.FONDS_ANORDNUNG in roles and app.status == Status.PROPOSED,
        "own_proposal": app.proposed_by_id == request.user.pk,
        "can_withdraw": Role.FONDS in roles
        and app.status in (Status.SUBMITTED, Status.PROPOSED, Status.APPROVED)
        and not hasattr(app, "proof"),
        "can_proof": Role.FONDS in roles
        and app.status in (Status.APPROVED, Status.PAID)
        and not hasattr(app, "proof"),
        "propose_form": ProposeForm(),
        "decide_form": DecideForm(),
        "document_form": DocumentForm(),
        "proof_form": ProofForm(
            initial={"used": format_cents(app.approved_cents or 0).replace(" €", "")}
        ),
        "breadcrumbs": _crumbs(
            (_("Anträge"), reverse("fund:application_list")), (app.number, None)
        ),
    }
    return render(request, "fund/application_detail.html", ctx)


def _back(number: str) -> HttpResponse:
    return redirect("fund:application_detail", number=number)


@require_roles(Role.FONDS)
@require_POST
def application_propose(request: HttpRequest, number: str) -> HttpResponse:
    app = access_application(request.user, require_tenant(request), number, write=True)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie „bewilligen“ oder „ablehnen“."))
        return _back(number)
    try:
        services.application_propose(
            actor=request.user,
            application=app,
            decision=form.cleaned_data["decision"],
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
        )
    except FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Vorschlag gespeichert. Jetzt entscheidet die Fondsanordnung."))
    return _back(number)


@require_roles(Role.FONDS_ANORDNUNG)
@require_POST
def application_decide(request: HttpRequest, number: str) -> HttpResponse:
    app = access_application(request.user, require_tenant(request), number, write=True)
    form = DecideForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("action") == "return":
            services.application_return(
                actor=request.user, application=app, note=form.cleaned_data.get("note", "")
            )
            messages.success(request, _("Der Vorschlag ging an die Sachbearbeitung zurück."))
        else:
            app = services.application_decide(
                actor=request.user,
                application=app,
                approve=True,
                note=form.cleaned_data.get("note", ""),
            )
            messages.success(
                request, _("Entscheidung angeordnet: %(s)s.") % {"s": app.get_status_display()}
            )
    except FundError as exc:
        messages.error(request, exc.message)
    return _back(number)


@require_roles(Role.BERATUNG, Role.FONDS)
@require_POST
def document_upload(request: HttpRequest, number: str) -> HttpResponse:
    app = access_application(request.user, require_tenant(request), number, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Bitte die Art der Unterlage und eine Datei wählen."))
        return _back(number)
    try:
        services.document_add(
            actor=request.user,
            application=app,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data.get("file"),
        )
    except FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Unterlage gespeichert."))
    return _back(number)


@require_roles(*LIST_ROLES)
@require_GET
def document_download(request: HttpRequest, number: str, pk: int) -> FileResponse:
    """A document of an application the user may see; every download is audited."""
    tenant = require_tenant(request)
    app = access_application(request.user, tenant, number)
    doc = app.documents.filter(pk=pk).first()
    if doc is None:
        raise Http404
    audit.record_read(actor=request.user, tenant=tenant, obj=doc, detail={"application": app.pk})
    response = FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=True,
        filename=doc.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_roles(Role.FONDS)
@require_POST
def proof_record(request: HttpRequest, number: str) -> HttpResponse:
    app = access_application(request.user, require_tenant(request), number, write=True)
    form = ProofForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte den tatsächlich verwendeten Betrag angeben."))
        return _back(number)
    try:
        services.proof_record(
            actor=request.user,
            application=app,
            used=form.cleaned_data["used"],
            note=form.cleaned_data["note"],
        )
    except FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Verwendungsnachweis gespeichert."))
    return _back(number)


@require_roles(Role.FONDS)
@require_POST
def application_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    app = access_application(request.user, require_tenant(request), number, write=True)
    try:
        services.application_withdraw(
            actor=request.user, application=app, reason=request.POST.get("reason", "")
        )
    except FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Antrag zurückgenommen; gebundenes Geld ist wieder verfügbar."))
    return _back(number)


# ---- payouts ------------------------------------------------------------------------------


@require_roles(*FUND_STAFF)
@require_http_methods(["GET", "POST"])
def batch_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.payout_batch_create(
                actor=request.user,
                tenant=tenant,
                request_key=form.cleaned_data["request_key"],
                execution_date=form.cleaned_data["execution_date"],
            )
        except FundError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Zahlungslauf %(r)s mit %(n)d Zahlungen erstellt.")
                % {"r": batch.reference, "n": batch.count},
            )
            return redirect("fund:batch_list")
    if request.method == "GET":
        form = BatchForm(initial={"request_key": uuid.uuid4()})
    return render(
        request,
        "fund/batch_list.html",
        {
            "form": form,
            "batches": selectors.batches_for(tenant)[:50],
            "awaiting": selectors.awaiting_payout(tenant),
            "breadcrumbs": _crumbs((_("Zahlungsläufe"), None)),
        },
    )


@require_roles(*FUND_STAFF)
@require_GET
def batch_download(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_batch(request.user, require_tenant(request), pk)
    try:
        xml = services.payout_batch_export(actor=request.user, batch=batch)
    except FundError as exc:
        messages.error(request, exc.message)
        return redirect("fund:batch_list")
    response = HttpResponse(xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.reference}.xml"'
    return response


# ---- sources ------------------------------------------------------------------------------


@require_roles(*FUND_STAFF)
@require_http_methods(["GET", "POST"])
def source_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = SourceForm(request.POST or None)
    if request.method == "POST":
        if Role.FONDS_ANORDNUNG not in request.roles:  # type: ignore[attr-defined]
            messages.error(request, _("Fördertöpfe legt die Fondsanordnung an."))
        elif form.is_valid():
            d = form.cleaned_data
            try:
                services.source_create(
                    actor=request.user,
                    tenant=tenant,
                    key=d["key"],
                    name=d["name"],
                    kind=d["kind"],
                    donor=d["donor"],
                    purposes=d["purposes"],
                    life_phases=d["life_phases"],
                    valid_from=d["valid_from"],
                    valid_until=d["valid_until"],
                )
            except FundError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("Fördertopf angelegt."))
                return redirect("fund:source_list")
    return render(
        request,
        "fund/source_list.html",
        {
            "form": form,
            "balances": selectors.source_balances(tenant),
            "budget_form": BudgetForm(),
            "can_manage": Role.FONDS_ANORDNUNG in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": _crumbs((_("Fördertöpfe"), None)),
        },
    )


@require_roles(Role.FONDS_ANORDNUNG)
@require_POST
def budget_add(request: HttpRequest, pk: int) -> HttpResponse:
    source = access_source(request.user, require_tenant(request), pk, write=True)
    form = BudgetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte Jahr und Betrag angeben."))
        return redirect("fund:source_list")
    try:
        services.source_budget_add(
            actor=request.user,
            source=source,
            year=form.cleaned_data["year"],
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
        )
    except FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Budget gebucht."))
    return redirect("fund:source_list")


# ---- reports ------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_roles(*REPORT_ROLES)
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    year = _year(request)
    report = selectors.fund_report(tenant, year)
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = [
            [
                r.name,
                r.contributed / 100,
                r.committed / 100,
                r.paid / 100,
                r.released / 100,
                r.available_end / 100,
                r.committed_end / 100,
            ]
            for r in report.sources
        ]
        columns = [
            "Fördertopf",
            "Zufluss EUR",
            "bewilligt EUR",
            "ausgezahlt EUR",
            "freigegeben EUR",
            "verfügbar Jahresende EUR",
            "gebunden Jahresende EUR",
        ]
        return table_response(
            columns, rows, fmt=request.GET["format"], filename=f"sozialfonds-{year}"
        )
    sources = list(FundingSource.objects.filter(tenant=tenant).order_by("name"))
    return render(
        request,
        "fund/reports.html",
        {
            "report": report,
            "year": year,
            "sources": sources,
            "min_cell": selectors.MIN_CELL,
            "breadcrumbs": _crumbs((_("Berichte"), None), request=request),
        },
    )


@require_roles(*REPORT_ROLES)
@require_GET
def donor_report(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    source = access_source(request.user, tenant, pk)
    year = _year(request)
    return render(
        request,
        "fund/donor_report.html",
        {
            "rep": selectors.donor_report(source, year),
            "year": year,
            "min_cell": selectors.MIN_CELL,
            "breadcrumbs": _crumbs(
                (_("Berichte"), reverse("fund:reports")), (source.name, None), request=request
            ),
        },
    )


# ---- replay ---------------------------------------------------------------------------------


def _replay_inputs(tenant: Any, d: dict[str, Any]) -> tuple[list[Any], list[Any], bool]:
    if d["basis"] == "history":
        apps = selectors.historical_cases(tenant)
        sources, by_id = services.fund_sources_pure(tenant)
        budgets = {str(b.source.pk): b.contributed for b in selectors.source_balances(tenant)}
        return apps, [replace(s, budget_cents=budgets.get(s.id, 0)) for s in sources], False
    areas = tuple(a.name for a in tenant_areas(tenant, level="sozialraum")) or (
        "Gebiet A",
        "Gebiet B",
    )
    apps = synthetic_applications(d["count"], seed=d["seed"], areas=areas)
    need = sum(a.amount_cents for a in apps)
    return apps, synthetic_sources(need * d["budget_share"] // 100), True


@require_roles(Role.FONDS, Role.FONDS_ANORDNUNG, Role.PLANUNG)
@require_GET
def replay(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    choices = [(p.key, labels.text(p.label)) for p in DEFAULT_PROCEDURES]
    form = ReplayForm(request.GET or None, initial={"procedures": [k for k, _ in choices]})
    cast(forms.ChoiceField, form.fields["procedures"]).choices = choices
    ctx: dict[str, Any] = {
        "form": form,
        "breadcrumbs": _crumbs((_("Verfahren vergleichen"), None), request=request),
    }
    if request.GET and form.is_valid():
        d = form.cleaned_data
        procs = [p for p in DEFAULT_PROCEDURES if p.key in d["procedures"]]
        if d.get("custom_priority") and d.get("custom_payer"):
            procs.append(
                Procedure(
                    "eigenes",
                    _("Eigenes Verfahren"),
                    d["custom_priority"],
                    d["custom_payer"],
                    d.get("custom_round_days") or 0,
                )
            )
        apps, sources, synthetic = _replay_inputs(tenant, d)
        if not procs:
            form.add_error("procedures", _("Bitte mindestens ein Verfahren wählen."))
        elif not apps:
            form.add_error("basis", _("Es gibt noch keine Anträge für einen Vergleich."))
        else:
            try:
                results = compare(apps, sources, procs, end=max(a.submitted_on for a in apps))
            except ProcedureError as exc:
                form.add_error(None, exc.message)
            else:
                ctx.update(_replay_context(results, synthetic, len(apps)))
    return render(request, "fund/replay.html", ctx)


def _replay_context(results: list[Any], synthetic: bool, n: int) -> dict[str, Any]:
    area_rows = [
        {"Verfahren": labels.text(r.procedure.label), "Gebiet": g, "Anteil": round(c.share, 4)}
        for r in results
        for g, c in r.by_area.items()
    ]
    phase_rows = [
        {
            "Verfahren": labels.text(r.procedure.label),
            "Lebensphase": labels.text(LIFE_PHASES.get(g, g)),
            "Anteil": round(c.share, 4),
        }
        for r in results
        for g, c in r.by_life_phase.items()
    ]

    def bar(rows: list[dict[str, Any]], group: str, title: str) -> Any:
        spec = {
            "title": title,
            "data": {"values": rows},
            "mark": "bar",
            "width": 520,
            "encoding": {
                "y": {"field": group, "type": "nominal", "title": None},
                "yOffset": {"field": "Verfahren"},
                "x": {
                    "field": "Anteil",
                    "type": "quantitative",
                    "axis": {"format": "%"},
                    "title": _("Anteil des Bedarfs gedeckt"),
                    "scale": {"domain": [0, 1]},
                },
                "color": {
                    "field": "Verfahren",
                    "type": "nominal",
                    "legend": {"orient": "bottom", "columns": 1},
                },
            },
        }
        return charts.svg(
            spec, title=title, description=_("Die Werte stehen auch in der Tabelle unten.")
        )

    return {
        "results": results,
        "synthetic": synthetic,
        "n": n,
        "chart_area": bar(area_rows, "Gebiet", _("Gedeckter Bedarf je Sozialraum")),
        "chart_phase": bar(phase_rows, "Lebensphase", _("Gedeckter Bedarf je Lebensphase")),
        "area_names": sorted({g for r in results for g in r.by_area}),
        "phase_names": [
            (k, labels.text(v))
            for k, v in LIFE_PHASES.items()
            if any(k in r.by_life_phase for r in results)
        ],
    }


def today() -> date:
    return timezone.localdate()
