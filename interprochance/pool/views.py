"""Pages of the school-assistance pool. Thin: parse, authorise (policy + access.py),
call one action or selector, render. German UI via gettext."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interprochance.core import audit, charts
from interprochance.core.exports import table_response
from interprochance.core.pdf import pdf_response, render_pdf
from interprochance.core.policy import require_roles, require_tenant
from interprochance.core.roles import Role
from interprochance.core.tabular import Problems

from . import selectors, services
from .access import (
    COORDINATION,
    OVERVIEW_ROLES,
    access_child,
    access_plan,
    access_pool,
    access_statement,
)
from .forms import EditForm, ImportForm, RuleForm, SolveForm, StatementForm, SubstituteForm
from .models import CostRule, MonthStatement, NeedArea, Plan, PlanStatus
from .optimizer.exchange import instance_to_dict
from .services import PoolError
from .texts import GERMAN_DAYS, rule_title, unmet_text, violation_text, when


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Schulassistenz"), reverse("pool:index")), *items]


@require_roles(*COORDINATION)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    return render(
        request,
        "pool/index.html",
        {"pools": selectors.pools_for(tenant), "breadcrumbs": [(_("Schulassistenz"), None)]},
    )


@require_roles(*COORDINATION)
@require_http_methods(["GET", "POST"])
def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    pool = access_pool(request.user, tenant, pk)
    rule_form = RuleForm(request.POST or None, initial={"cost_rule": pool.cost_rule})
    if request.method == "POST" and rule_form.is_valid():
        services.pool_rule_set(
            actor=request.user, pool=pool, cost_rule=rule_form.cleaned_data["cost_rule"]
        )
        messages.success(request, _("Die Regel der Kostenaufteilung ist gespeichert."))
        return redirect("pool:pool_detail", pk=pool.pk)
    children = selectors.pool_children(pool)
    return render(
        request,
        "pool/pool_detail.html",
        {
            "pool": pool,
            "children": children,
            "assistants": selectors.pool_assistants(pool),
            "plans": selectors.plans_of(pool)[:20],
            "statements": selectors.statements_of(pool)[:12],
            "solve_form": SolveForm(),
            "rule_form": rule_form,
            "need_labels": dict(NeedArea.choices),
            "breadcrumbs": _crumbs((pool.name, None)),
        },
    )


@require_roles(*COORDINATION)
@require_http_methods(["GET", "POST"])
def pool_import(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    pool = access_pool(request.user, tenant, pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            n = services.entitlements_import(
                actor=request.user,
                tenant=tenant,
                pool=pool,
                data=upload.read(),
                filename=upload.name,
            )
        except Problems as exc:
            problems = [str(p) for p in exc.items]
        else:
            messages.success(request, _("%(n)s Bewilligungen importiert.") % {"n": n})
            return redirect("pool:pool_detail", pk=pool.pk)
    return render(
        request,
        "pool/import.html",
        {
            "pool": pool,
            "form": form,
            "problems": problems,
            "columns": services.IMPORT_COLUMNS,
            "required": services.REQUIRED_COLUMNS,
            "breadcrumbs": _crumbs(
                (pool.name, reverse("pool:pool_detail", args=[pool.pk])),
                (_("Bewilligungen importieren"), None),
            ),
        },
    )


@require_roles(*COORDINATION)
@require_POST
def pool_solve(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    pool = access_pool(request.user, tenant, pk, write=True)
    form = SolveForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("pool:pool_detail", pk=pool.pk)
    try:
        job = services.plan_solve_start(
            actor=request.user, tenant=tenant, pool=pool, time_limit=form.cleaned_data["time_limit"]
        )
    except PoolError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("pool:pool_detail", pk=pool.pk)
    return redirect("core:job_detail", job.pk)


@require_roles(*COORDINATION)
@require_GET
def pool_instance(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    pool = access_pool(request.user, tenant, pk)
    data = instance_to_dict(selectors.pool_instance(pool))
    audit.record(
        actor=request.user, action="pool.instance_export", tenant=tenant, obj=pool, detail={}
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="pool-{pool.pk}-instanz.json"'
    return response


@require_roles(*COORDINATION)
@require_GET
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    child = selectors.child_detail(access_child(request.user, tenant, pk))
    audit.record_read(actor=request.user, tenant=tenant, obj=child)
    identity = child.identity if hasattr(child, "identity") else None
    return render(
        request,
        "pool/child_detail.html",
        {
            "child": child,
            "identity": identity,
            "need_labels": dict(NeedArea.choices),
            "breadcrumbs": _crumbs((child.pseudonym, None)),
        },
    )


# ---- plans ---------------------------------------------------------------------------------


def _plan_context(
    request: HttpRequest, plan: Plan, edit_form: EditForm | None = None
) -> dict[str, Any]:
    view = request.GET.get("sicht", "schule")
    key = request.GET.get("wer", "")
    kinds = {"schule": "school", "kraft": "assistant", "kind": "child"}
    ids = {
        "kraft": [a["id"] for a in plan.instance["assistants"]],
        "kind": [c["id"] for c in plan.instance["children"]],
    }
    if view not in kinds:
        view = "schule"
    if view != "schule" and key not in ids[view]:
        key = ids[view][0] if ids[view] else ""
    grid = selectors.plan_grid(plan, view=kinds[view], key=key)
    grid["day_labels"] = [GERMAN_DAYS.get(d, d) for d in grid["days"]]
    by_rule: dict[int, list[str]] = {}
    for v in plan.violations:
        by_rule.setdefault(v["rule"], []).append(violation_text(v))
    return {
        "plan": plan,
        "pool": plan.pool,
        "grid": grid,
        "view": view,
        "key": key,
        "ids": ids,
        "violations": [(rule_title(r), texts) for r, texts in sorted(by_rule.items())],
        "unmet": [(u["child"], when(u["day"], u["slot"]), unmet_text(u)) for u in plan.unmet],
        "loads": selectors.plan_loads(plan),
        "edit_form": edit_form or EditForm(instance=plan.instance),
        "substitute_form": SubstituteForm(instance=plan.instance),
        "is_draft": plan.status == PlanStatus.DRAFT,
        "gap": (plan.cost - plan.lower_bound) if plan.lower_bound is not None else None,
        "breadcrumbs": _crumbs(
            (plan.pool.name, reverse("pool:pool_detail", args=[plan.pool.pk])),
            (_("Wochenplan Version %(v)s") % {"v": plan.version}, None),
        ),
    }


@require_roles(*COORDINATION)
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk)
    return render(request, "pool/plan_detail.html", _plan_context(request, plan))


@require_roles(*COORDINATION)
@require_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk, write=True)
    form = EditForm(request.POST, instance=plan.instance)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_assignment_set(
                actor=request.user,
                plan=plan,
                child=d["child"],
                day=d["day"],
                slot=d["slot"],
                assistant=d["assistant"],
            )
        except PoolError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            form = EditForm(instance=plan.instance, initial=d)
    ctx = _plan_context(request, plan, form)
    template = (
        "pool/_plan_body.html" if request.headers.get("HX-Request") else "pool/plan_detail.html"
    )
    return render(request, template, ctx)


@require_roles(*COORDINATION)
@require_POST
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk, write=True)
    copy = services.plan_copy(actor=request.user, plan=plan)
    messages.success(request, _("Entwurf Version %(v)s angelegt.") % {"v": copy.version})
    return redirect("pool:plan_detail", pk=copy.pk)


@require_roles(*COORDINATION)
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk, write=True)
    try:
        services.plan_publish(actor=request.user, plan=plan)
    except PoolError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Plan veröffentlicht."))
    return redirect("pool:plan_detail", pk=plan.pk)


@require_roles(*COORDINATION)
@require_POST
def plan_substitute(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk, write=True)
    form = SubstituteForm(request.POST, instance=plan.instance)
    if not form.is_valid():
        messages.error(request, _("Bitte Kraft und Tag auswählen."))
        return redirect("pool:plan_detail", pk=plan.pk)
    try:
        new, changes = services.plan_substitute(
            actor=request.user,
            plan=plan,
            assistant=form.cleaned_data["assistant"],
            day=form.cleaned_data["day"],
            time_limit=10,
        )
    except PoolError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("pool:plan_detail", pk=plan.pk)
    messages.success(
        request, _("Vertretungsplan mit %(n)s Änderungen erstellt.") % {"n": len(changes)}
    )
    return redirect("pool:plan_detail", pk=new.pk)


@require_roles(*COORDINATION)
@require_GET
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk)
    ctx = _plan_context(request, plan)
    assistants = [a["id"] for a in plan.instance["assistants"]]
    ctx["per_assistant"] = []
    for a in assistants:
        g = selectors.plan_grid(plan, view="assistant", key=a)
        g["day_labels"] = [GERMAN_DAYS.get(d, d) for d in g["days"]]
        ctx["per_assistant"].append((a, g))
    pdf = render_pdf("pool/plan_pdf.html", ctx)
    return pdf_response(pdf, f"wochenplan-{plan.pool.pk}-v{plan.version}")


@require_roles(*COORDINATION)
@require_GET
def plan_json(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    plan = access_plan(request.user, tenant, pk)
    data = {
        "format": "interprochance.pool.solution/1",
        "status": plan.solver_status,
        "assignments": plan.assignments,
        "objective": {"cost": float(plan.cost), "assistant_slots": len(plan.assignments)},
        "lower_bound": {"cost": None if plan.lower_bound is None else float(plan.lower_bound)},
        "unmet": plan.unmet,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-loesung.json"'
    return response


# ---- month statements and cost split ---------------------------------------------------------------


@require_roles(*COORDINATION)
@require_http_methods(["GET", "POST"])
def statements(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    pool = access_pool(request.user, tenant, pk)
    form = StatementForm(request.POST or None, initial={"rule": pool.cost_rule})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            st = services.statement_create(
                actor=request.user,
                pool=pool,
                month=d["month"],
                school_weeks=d["school_weeks"],
                cancelled_slots=d["cancelled_slots"],
                rule=d["rule"],
            )
        except PoolError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, _("Monatsabrechnung erstellt."))
            return redirect("pool:statement_detail", pk=st.pk)
    return render(
        request,
        "pool/statements.html",
        {
            "pool": pool,
            "form": form,
            "statements": selectors.statements_of(pool),
            "breadcrumbs": _crumbs(
                (pool.name, reverse("pool:pool_detail", args=[pool.pk])), (_("Abrechnung"), None)
            ),
        },
    )


def _statement_ctx(st: MonthStatement) -> dict[str, Any]:
    return {
        "st": st,
        "pool": st.pool,
        "r": st.result,
        "rule_label": dict(CostRule.choices).get(st.rule, st.rule),
        "saving": st.baseline_cost - st.total_cost,
        "extra": st.total_cost - st.baseline_cost,
    }


@require_roles(*COORDINATION)
@require_GET
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    st = access_statement(request.user, tenant, pk)
    ctx = _statement_ctx(st)
    ctx["breadcrumbs"] = _crumbs(
        (st.pool.name, reverse("pool:pool_detail", args=[st.pool.pk])),
        (_("Abrechnung"), reverse("pool:statements", args=[st.pool.pk])),
        (st.month.strftime("%m/%Y"), None),
    )
    return render(request, "pool/statement_detail.html", ctx)


def _bearer(st: MonthStatement, code: str) -> dict[str, Any]:
    for b in st.result.get("bearers", []):
        if b["code"] == code:
            return b
    raise Http404


@require_roles(*COORDINATION)
@require_GET
def statement_bearer(request: HttpRequest, pk: int, code: str, fmt: str) -> HttpResponse:
    tenant = require_tenant(request)
    st = access_statement(request.user, tenant, pk)
    bearer = _bearer(st, code)
    audit.record(
        actor=request.user,
        action="pool.statement_export",
        tenant=tenant,
        obj=st,
        detail={"bearer": code, "fmt": fmt},
    )
    filename = f"abrechnung-{st.pool.pk}-{st.month:%Y-%m}-{code}"
    if fmt == "pdf":
        ctx = _statement_ctx(st)
        ctx["b"] = bearer
        return pdf_response(render_pdf("pool/statement_pdf.html", ctx), filename)
    if fmt in ("csv", "xlsx"):
        basis_label = (
            _("bewilligte Std./Woche")
            if st.rule == CostRule.HOURS
            else _("zugerechnete Kosten je Woche (EUR)")
        )
        rows: list[list[Any]] = [
            [c["child"], c["basis"], c["alone"], c["grouped"], c["amount"]]
            for c in bearer["children"]
        ]
        rows.append([_("Summe Kostenträger"), bearer["basis"], "", "", bearer["amount"]])
        rows.append(
            [
                _("Summe aller Kostenträger (Grundlage)"),
                st.result["basis_total"],
                "",
                "",
                str(st.total_cost),
            ]
        )
        rows.append([_("Regel"), dict(CostRule.choices).get(st.rule, st.rule), "", "", ""])
        return table_response(
            [
                _("Kind (Kennung)"),
                basis_label,
                _("Stunden 1:1 je Woche"),
                _("Stunden in Gruppe je Woche"),
                _("Anteil (EUR)"),
            ],
            rows,
            fmt=fmt,
            filename=filename,
        )
    raise Http404


# ---- pooled vs 1:1 -----------------------------------------------------------------------------------


@require_roles(*OVERVIEW_ROLES)
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    rows, total = selectors.comparison(tenant)
    chart = None
    if rows:
        values = []
        for r in rows:
            values.append({"Pool": r.pool.name, "Art": _("1:1"), "EUR je Woche": float(r.baseline)})
            values.append({"Pool": r.pool.name, "Art": _("Pool"), "EUR je Woche": float(r.cost)})
        spec = {
            "data": {"values": values},
            "mark": "bar",
            "width": 420,
            "encoding": {
                "y": {"field": "Pool", "type": "nominal", "title": None},
                "yOffset": {"field": "Art"},
                "x": {
                    "field": "EUR je Woche",
                    "type": "quantitative",
                    "title": _("Kosten je Woche (EUR)"),
                },
                "color": {
                    "field": "Art",
                    "type": "nominal",
                    "title": None,
                    "scale": {"range": ["#8a8a8a", "#1f5fa8"]},
                },
            },
        }
        chart = charts.svg(
            spec,
            title=_("Kosten je Woche: 1:1 und Pool"),
            description=_(
                "Balken je Pool: Kosten bei 1:1-Begleitung und im Pool; Werte in der Tabelle."
            ),
        )
    return render(
        request,
        "pool/compare.html",
        {
            "rows": rows,
            "total": total,
            "chart": chart,
            "is_coordination": Role.SCHULASSISTENZ in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": [(_("Pool oder 1:1"), None)],
        },
    )
