"""Monitoring pages. Thin: parse, authorise (access.py), call selectors/services,
render. Exact values only for Sozialplanung inside its own territory, audited."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from interprochance.core import audit, charts
from interprochance.core.exports import table_response
from interprochance.core.models import Area, AreaLevel, Tenant
from interprochance.core.pdf import pdf_response, render_pdf
from interprochance.core.policy import public_view, require_roles, require_tenant
from interprochance.core.roles import Role
from interprochance.core.selectors import tenant_areas
from interprochance.core.tabular import Problems, read_table

from . import comparison, maps, selectors, services
from .access import READ_ROLES, WRITE_ROLES, access_area, access_batch, access_flag, may_see_exact
from .classify import METHODS, classify
from .forms import METHOD_LABELS, FlagForm, ImportForm, RulesForm
from .models import Indicator, QualityFlag

# lazy: translated when shown, in the reader's language (not once at import)
LEVELS = {
    "gemeinde": gettext_lazy("Gemeinden"),
    "ortsteil": gettext_lazy("Ortsteile"),
    "sozialraum": gettext_lazy("Sozialräume"),
}
SESSION_UPLOAD = "monitoring_upload"
DEFAULT_INDICATOR = "kinderarmut_sgb2_u15"


# ------------------------------------------------------------------ helpers


def _coverage(indicator: Indicator, tenant: Tenant | None) -> dict[str, selectors.Coverage]:
    """Where the indicator has figures, per level, over the areas the page would show."""
    return selectors.indicator_coverage(
        indicator, [a for level in LEVELS for a in _areas(level, tenant)]
    )


def _widest(coverage: dict[str, selectors.Coverage]) -> selectors.Coverage | None:
    """The level that shows the most areas with a value (equal: the coarser one)."""
    return selectors.widest_level(coverage, list(LEVELS))


def _params(
    request: HttpRequest,
    indicator: Indicator,
    *,
    tenant: Tenant | None,
    coverage: dict[str, selectors.Coverage] | None = None,
) -> dict[str, Any]:
    """The view's choices from the query. Level and period that are not asked for
    default to where the indicator has figures (the level showing the most areas,
    there the period with the most), not to a fixed level and the latest period:
    an indicator with figures only for Sozialräume, or with a numerator reaching
    further back than its denominator, would otherwise open on an empty map."""
    periods = selectors.indicator_periods(indicator)
    level = request.GET.get("level") or ""
    period = request.GET.get("period") or ""
    if level not in LEVELS or period not in periods:
        if coverage is None:
            coverage = _coverage(indicator, tenant)
        if level not in LEVELS:
            widest = _widest(coverage)
            level = widest.level if widest else "gemeinde"
        if period not in periods:
            at_level = coverage.get(level)
            period = at_level.period if at_level else (periods[-1] if periods else "")
    method = request.GET.get("method") or "quantile"
    if method not in METHODS:
        method = "quantile"
    try:
        k = max(2, min(7, int(request.GET.get("k", 5))))
    except ValueError:
        k = 5
    fixed_text = request.GET.get("bounds", "")
    return {
        "periods": periods,
        "period": period,
        "level": level,
        "method": method,
        "k": k,
        "bounds_text": fixed_text,
    }


def _parse_bounds(text: str) -> list[float] | None:
    try:
        bounds = [float(x.replace(",", ".")) for x in text.split(";") if x.strip()]
    except ValueError:
        return None
    return bounds or None


def _areas(level: str, tenant: Tenant | None) -> list[Area]:
    if level == "gemeinde" or tenant is None:
        return selectors.public_areas(level)
    return list(tenant_areas(tenant, level=level))


def _table(
    request: HttpRequest,
    indicator: Indicator,
    p: dict[str, Any],
    *,
    tenant: Tenant | None,
    exact_allowed: bool,
) -> dict[str, Any]:
    """Rows, map/chart and comparison for one indicator, level and period."""
    areas = _areas(p["level"], tenant)
    exact_ids: set[int] = set()
    if exact_allowed and tenant is not None:
        own = set(tenant_areas(tenant).values_list("pk", flat=True))
        exact_ids = {a.pk for a in areas if a.pk in own}
    if not p["period"]:
        return {"rows": [], "ranked": [], "chart": None, "exact": False}
    protected = selectors.indicator_values(indicator, p["period"], areas)
    if exact_ids:
        exact_rows = {
            r.area.pk: r
            for r in selectors.indicator_values(
                indicator, p["period"], [a for a in areas if a.pk in exact_ids], exact=True
            )
        }
        rows = [exact_rows.get(r.area.pk, r) for r in protected]
        audit.record_read(
            actor=request.user,
            tenant=tenant,
            entity="monitoring.values",
            object_id=f"{indicator.code}/{p['period']}/{p['level']}",
        )
    else:
        rows = protected
    suppressed_codes = {
        r.area.code for r in protected if r.suppressed
    }  # classes follow the publication, so the map never reveals a hidden value
    values = {
        r.area.code: (None if r.area.code in suppressed_codes else r.value) for r in protected
    }
    problems = []
    bounds = _parse_bounds(p["bounds_text"]) if p["method"] == "fixed" else None
    method = p["method"]
    if method == "fixed" and bounds is None:
        problems.append(_("Für eine feste Legende bitte Grenzen angeben, z. B. „5;10;20“."))
        method = "quantile"
    try:
        classification = classify(
            values, method, p["k"], suppressed=sorted(suppressed_codes), bounds=bounds
        )
    except ValueError as exc:
        problems.append(_("Klassifikation nicht möglich: %(e)s") % {"e": exc})
        classification = classify(values, "quantile", p["k"], suppressed=sorted(suppressed_codes))
    decimals = indicator.decimals
    text = {
        r.area.code: ("." if r.area.code in suppressed_codes else selectors.fmt(r.value, decimals))
        for r in protected
    }
    title = f"{indicator.label} {p['period']} ({LEVELS[p['level']]})"
    chart = None
    features = [
        {"geometry": a.geometry, "properties": {"code": a.code, "name": a.name}}
        for a in areas
        if a.geometry
    ]
    try:
        if features and len(features) == len(areas):
            chart = charts.svg(
                maps.choropleth(
                    features,
                    classification,
                    title=title,
                    direction=indicator.direction,
                    value_text=text,
                ),
                title=title,
                description=_("Karte; die Werte stehen in der Tabelle darunter."),
            )
        elif areas:
            bars = [
                (a.name, values.get(a.code), maps.label_of(classification, a.code)) for a in areas
            ]
            chart = charts.svg(
                maps.class_bars(
                    bars,
                    classification,
                    title=title,
                    direction=indicator.direction,
                    unit=indicator.unit_label,
                ),
                title=title,
                description=_("Balkendiagramm; die Werte stehen in der Tabelle darunter."),
            )
    except Exception as exc:  # noqa: BLE001 - a broken chart must not hide the table
        problems.append(_("Grafik konnte nicht erzeugt werden: %(e)s") % {"e": exc})
    ranked = selectors.rank_rows(rows, indicator)
    return {
        "rows": rows,
        "ranked": ranked,
        "chart": chart,
        "classification": classification,
        "class_of": {a.code: maps.label_of(classification, a.code) for a in areas},
        "exact": bool(exact_ids),
        "exact_ids": exact_ids,
        "problems": problems,
        "synthetic": any(r.synthetic for r in rows),
    }


def _export_query(indicator: Indicator, p: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(
        {
            "indikator": indicator.code,
            "period": p["period"],
            "level": p["level"],
            "method": p["method"],
            "k": p["k"],
            "bounds": p["bounds_text"],
        }
    )


def _export_rows(indicator: Indicator, data: dict[str, Any]):
    columns = [
        _("Rang"),
        _("Gebiet"),
        _("Kennziffer"),
        _("Wert"),
        _("Zähler"),
        _("Nenner"),
        _("Hinweis"),
    ]
    out = []
    for rank, r in data["ranked"]:
        if r.suppressed:
            out.append(
                [
                    rank or "",
                    r.area.name,
                    r.area.code,
                    ".",
                    ".",
                    ".",
                    selectors.describe_reason(r.reason),
                ]
            )
        else:
            out.append(
                [
                    rank or "",
                    r.area.name,
                    r.area.code,
                    "" if r.value is None else round(r.value, indicator.decimals),
                    ""
                    if r.numerator is None
                    else int(r.numerator)
                    if indicator.numerator.kind == "count"
                    else r.numerator,
                    "" if r.denominator is None else int(r.denominator),
                    _("synthetische Demodaten") if r.synthetic else "",
                ]
            )
    return columns, out


def _series_chart(indicator: Indicator, areas: list[Area], *, exact_ids: set[int]):
    points = []
    for area in areas:
        for r in selectors.indicator_series(indicator, area, exact=area.pk in exact_ids):
            if r.value is not None and not r.suppressed:
                points.append({"gebiet": area.name, "zeitraum": r.period, "wert": r.value})
    if not points:
        return None
    return charts.svg(
        maps.series(
            points,
            title=_("Zeitverlauf: %(n)s") % {"n": indicator.label},
            unit=indicator.unit_label,
        ),
        title=_("Zeitverlauf: %(n)s") % {"n": indicator.label},
        description=_("Liniendiagramm; die Werte stehen in der Tabelle."),
    )


def _direction_text(indicator: Indicator) -> str:
    if indicator.direction == "better":
        return _("Höhere Werte sind günstiger.")
    if indicator.direction == "worse":
        return _("Niedrigere Werte sind günstiger.")
    return _("Die Werte werden nicht gewertet.")


def _rank_note(indicator: Indicator) -> str:
    if indicator.direction == "better":
        return _("Rang 1 = höchster Wert")
    if indicator.direction == "worse":
        return _("Rang 1 = niedrigster Wert")
    return _("ohne Rang")


def _comparison_summary(cmp: selectors.KreisComparison) -> str:
    """One sentence on the latest year, for the public page."""
    y = cmp.latest
    if y is None:
        return ""
    ind = cmp.indicator
    decimals = ind.decimals
    values = {
        "year": y.period,
        "area": cmp.area.name,
        "unit": ind.numerator.unit_label,
        "median": selectors.fmt(float(y.median), decimals),
        "n": y.count,
    }
    if y.own is None:
        return (
            _(
                "%(year)s: Für %(area)s liegt kein Wert vor; Median der %(n)s Kreise und "
                "kreisfreien Städte Hessens: %(median)s %(unit)s."
            )
            % values
        )
    values["value"] = selectors.fmt(float(y.own), decimals)
    if y.rank is None:
        return (
            _(
                "%(year)s: %(area)s %(value)s %(unit)s, Median der %(n)s Kreise und "
                "kreisfreien Städte Hessens %(median)s %(unit)s."
            )
            % values
        )
    values["rank"] = y.rank
    return (
        _(
            "%(year)s: %(area)s %(value)s %(unit)s, Median der %(n)s Kreise und "
            "kreisfreien Städte Hessens %(median)s %(unit)s; Rang %(rank)s von %(n)s "
            "(1 = günstigster Wert)."
        )
        % values
    )


def _comparison_block(cmp: selectors.KreisComparison) -> dict[str, Any]:
    """Table rows, chart and texts of one indicator for "Vergleich mit Hessen"."""
    ind = cmp.indicator
    unit = ind.numerator.unit_label
    title = _("%(ind)s: %(area)s im Vergleich mit den Kreisen Hessens") % {
        "ind": ind.label,
        "area": cmp.area.name,
    }
    description = _(
        "Liniendiagramm %(a)s bis %(b)s: %(area)s (durchgezogene Linie), der Median der "
        "Kreise und kreisfreien Städte Hessens (gestrichelt) und die Spanne vom niedrigsten "
        "bis zum höchsten Kreiswert (Fläche). %(dir)s Die Werte stehen in der Tabelle."
    ) % {
        "a": cmp.years[0].period,
        "b": cmp.years[-1].period,
        "area": cmp.area.name,
        "dir": _direction_text(ind),
    }
    problems = []
    chart = None
    try:
        chart = charts.svg(
            comparison.band_chart(
                cmp.years,
                title=ind.label,
                subtitle=_("%(area)s im Vergleich mit den Kreisen Hessens")
                % {"area": cmp.area.name},
                own_label=cmp.area.name,
                median_label=_("Median der Kreise Hessens"),
                band_label=_("Spanne Minimum–Maximum"),
                x_title=_("Jahr"),
                y_title=unit,
            ),
            title=title,
            description=description,
        )
    except Exception as exc:  # noqa: BLE001 - a broken chart must not hide the table
        problems.append(_("Grafik konnte nicht erzeugt werden: %(e)s") % {"e": exc})
    return {
        "comparison": cmp,
        "indicator": ind,
        "unit": unit,
        "rows": list(reversed(cmp.years)),  # latest first in the table
        "chart": chart,
        "title": title,
        "summary": _comparison_summary(cmp),
        "direction_text": _direction_text(ind),
        "rank_note": _rank_note(ind),
        "sources": cmp.sources or [ind.source],
        "problems": problems,
    }


def _comparisons(area: Area | None = None) -> list[selectors.KreisComparison]:
    """The comparison with Hessen for every indicator that has values (default area:
    the Landkreis)."""
    out = []
    for ind in selectors.comparison_indicators():
        cmp = selectors.kreis_comparison(ind, area)
        if cmp is not None and cmp.years:
            out.append(cmp)
    return out


# ------------------------------------------------------------------ internal pages


@require_roles(*READ_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    by_topic: dict[str, list[Indicator]] = {}
    for ind in selectors.indicators():
        by_topic.setdefault(ind.topic_label, []).append(ind)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "by_topic": sorted(by_topic.items()),
            "tenant": tenant,
            "can_write": Role.PLANUNG in request.roles,  # type: ignore[attr-defined]
            "areas": list(tenant_areas(tenant).exclude(level=AreaLevel.SOZIALRAUM))[:40],
            "sozialraeume": list(tenant_areas(tenant, level=AreaLevel.SOZIALRAUM)),
            "breadcrumbs": [(_("Monitoring"), None)],
        },
    )


@require_roles(*READ_ROLES)
def indicator_detail(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    indicator = selectors.indicator_by_code(request.GET.get("indikator") or DEFAULT_INDICATOR)
    if indicator is None:
        raise Http404
    p = _params(request, indicator, tenant=tenant)
    data = _table(request, indicator, p, tenant=tenant, exact_allowed=may_see_exact(request.roles))  # type: ignore[attr-defined]
    landkreis = Area.objects.valid_on().filter(level=AreaLevel.LANDKREIS).first()
    comparison = []
    if p["period"]:
        own = tenant.area
        for area in [a for a in (own, landkreis) if a is not None]:
            comparison.append(selectors.indicator_values(indicator, p["period"], [area])[0])
    series_areas = [a for a in (tenant.area, landkreis) if a is not None]
    series = _series_chart(indicator, series_areas, exact_ids=set())
    query = _export_query(indicator, p)
    return render(
        request,
        "monitoring/indicator_detail.html",
        {
            "indicator": indicator,
            "p": p,
            "levels": LEVELS,
            "methods": METHOD_LABELS,
            "comparison": comparison,
            "series": series,
            "export_query": query,
            **data,
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:dashboard")),
                (indicator.label, None),
            ],
        },
    )


@require_roles(*READ_ROLES)
def indicator_export(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    indicator = selectors.indicator_by_code(request.GET.get("indikator") or DEFAULT_INDICATOR)
    if indicator is None:
        raise Http404
    p = _params(request, indicator, tenant=tenant)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    data = _table(request, indicator, p, tenant=tenant, exact_allowed=may_see_exact(request.roles))  # type: ignore[attr-defined]
    columns, rows = _export_rows(indicator, data)
    return table_response(
        columns, rows, fmt=fmt, filename=f"{indicator.code}_{p['period']}_{p['level']}"
    )


def _profile_context(request: HttpRequest, tenant: Tenant, code: str) -> dict[str, Any]:
    area = access_area(tenant, code)
    own = tenant_areas(tenant).filter(pk=area.pk).exists()
    exact = own and may_see_exact(request.roles)  # type: ignore[attr-defined]
    rows = selectors.area_profile(area, exact=exact)
    if exact:
        audit.record_read(
            actor=request.user, tenant=tenant, entity="monitoring.profile", object_id=area.code
        )
    own_comparisons = _comparisons(area) if area.level == AreaLevel.LANDKREIS else []
    hessen = [{"comparison": c, "rank_note": _rank_note(c.indicator)} for c in own_comparisons]
    return {
        "area": area,
        "rows": rows,
        "hessen": hessen,
        "hessen_sources": sorted({s for c in own_comparisons for s in c.sources}),
        "exact": exact,
        "synthetic": area.is_synthetic or any(r.current and r.current.synthetic for r in rows),
        "generated": timezone.now(),
    }


def _profile_export(ctx: dict[str, Any], fmt: str) -> HttpResponse:
    def shown(row: Any, decimals: int) -> Any:
        if row is None:
            return ""
        if row.suppressed:
            return "."
        return "" if row.value is None else round(row.value, decimals)

    columns = [
        _("Indikator"),
        _("Einheit"),
        _("Zeitraum"),
        _("Wert"),
        _("Vorperiode"),
        _("Trend"),
        _("Landkreis"),
        _("Position"),
        _("von"),
    ]
    rows = [
        [
            r.indicator.label,
            r.indicator.unit_label,
            r.period,
            shown(r.current, r.indicator.decimals),
            shown(r.previous, r.indicator.decimals),
            r.trend or "",
            shown(r.landkreis, r.indicator.decimals),
            r.rank or "",
            r.of,
        ]
        for r in ctx["rows"]
    ]
    return table_response(columns, rows, fmt=fmt, filename=f"sozialraumprofil_{ctx['area'].code}")


@require_roles(*READ_ROLES)
def area_profile(request: HttpRequest, code: str) -> HttpResponse:
    tenant = require_tenant(request)
    ctx = _profile_context(request, tenant, code)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _profile_export(ctx, fmt)
    ctx["breadcrumbs"] = [
        (_("Monitoring"), reverse("monitoring:dashboard")),
        (_("Sozialraumprofil %(n)s") % {"n": ctx["area"].name}, None),
    ]
    return render(request, "monitoring/area_profile.html", ctx)


@require_roles(*READ_ROLES)
def area_profile_pdf(request: HttpRequest, code: str) -> HttpResponse:
    tenant = require_tenant(request)
    ctx = _profile_context(request, tenant, code)
    pdf = render_pdf("monitoring/area_profile_pdf.html", ctx, request=request)
    return pdf_response(pdf, f"sozialraumprofil_{ctx['area'].code}.pdf")


@require_roles(*READ_ROLES)
def index_view(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    level = request.GET.get("level") or "gemeinde"
    if level not in LEVELS:
        level = "gemeinde"
    ind = selectors.indicator_by_code("kinderarmut_sgb2_u15")
    periods = selectors.indicator_periods(ind) if ind else []
    period = request.GET.get("period") or (periods[-1] if periods else "")
    areas = _areas(level, tenant)
    spec_text = request.GET.get("indikatoren", "")
    problems = []
    try:
        spec = selectors.index_spec(spec_text or None)
    except ValueError as exc:
        problems.append(str(exc))
        spec = selectors.index_spec(None)
    result = selectors.index_table(period, areas, spec) if period else None
    rows = []
    if result is not None:
        for a in areas:
            rows.append((a, result.areas.get(a.code)))
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        from .index import DYNAMICS_CLASSES, STATUS_CLASSES

        columns = [
            _("Gebiet"),
            _("Kennziffer"),
            _("Index"),
            _("Klasse"),
            _("Dynamik"),
            _("Dynamikklasse"),
            _("Hinweis"),
        ]
        out = []
        for a, r in rows:
            valid = r is not None and r.valid
            out.append(
                [
                    a.name,
                    a.code,
                    round(r.status, 2) if valid and r.status is not None else "",
                    STATUS_CLASSES.get(r.status_class or 0, "") if valid else "",
                    round(r.dynamics, 2) if valid and r.dynamics is not None else "",
                    DYNAMICS_CLASSES.get(r.dynamics_class or 0, "") if valid else "",
                    (r.reason or "") if r is not None else "",
                ]
            )
        return table_response(columns, out, fmt=fmt, filename=f"index_{period}_{level}")
    return render(
        request,
        "monitoring/index.html",
        {
            "rows": rows,
            "result": result,
            "periods": periods,
            "period": period,
            "level": level,
            "levels": LEVELS,
            "spec": result.spec if result else spec,
            "spec_text": spec_text,
            "problems": problems,
            "breadcrumbs": [(_("Monitoring"), reverse("monitoring:dashboard")), (_("Index"), None)],
        },
    )


# ------------------------------------------------------------------ imports


@require_roles(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    plan = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if len(data) > 5 * 1024 * 1024:
            problems.append(_("Die Datei ist größer als 5 MB."))
        else:
            try:
                table = read_table(data, filename=upload.name)
                plan = services.facts_plan(tenant=tenant, table=table)
            except Problems as exc:
                problems = [str(p) for p in exc.items]
            except (ValueError, ValidationError) as exc:
                problems = [str(exc)]
            if plan is not None:
                request.session[SESSION_UPLOAD] = {
                    "name": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                    "sha256": services.file_sha256(data),
                    "tenant": tenant.pk,
                }
    return render(
        request,
        "monitoring/import.html",
        {
            "form": form,
            "plan": plan,
            "problems": problems,
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:dashboard")),
                (_("Import"), None),
            ],
        },
    )


@require_roles(*WRITE_ROLES)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    stored = request.session.get(SESSION_UPLOAD)
    if not stored or stored.get("tenant") != tenant.pk:
        messages.error(request, _("Keine geprüfte Datei vorhanden. Bitte erneut hochladen."))
        return redirect("monitoring:import_upload")
    data = base64.b64decode(stored["data"])
    try:
        plan = services.facts_plan(tenant=tenant, table=read_table(data, filename=stored["name"]))
        batch = services.facts_import(
            actor=request.user,
            tenant=tenant,
            plan=plan,
            label=_("Datei %(n)s") % {"n": stored["name"]},
            filename=stored["name"],
            sha256=stored["sha256"],
        )
    except Problems as exc:
        messages.error(request, str(exc))
        return redirect("monitoring:import_upload")
    request.session.pop(SESSION_UPLOAD, None)
    messages.success(request, _("%(n)s Werte importiert.") % {"n": batch.rows})
    return redirect("monitoring:import_list")


@require_roles(*WRITE_ROLES)
def import_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    return render(
        request,
        "monitoring/import_list.html",
        {
            "batches": selectors.import_batches(tenant)[:100],
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:dashboard")),
                (_("Importe"), None),
            ],
        },
    )


@require_roles(*WRITE_ROLES)
@require_POST
def import_revert(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    batch = access_batch(tenant, pk, write=True)
    try:
        n = services.import_revert(actor=request.user, batch=batch)
        messages.success(
            request, _("Import zurückgenommen, %(n)s Werte wiederhergestellt.") % {"n": n}
        )
    except Problems as exc:
        messages.error(request, str(exc))
    return redirect("monitoring:import_list")


# ------------------------------------------------------------------ quality, rules


@require_roles(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def quality(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    periods = sorted(
        set(
            selectors.Fact.objects.filter(area__in=tenant_areas(tenant)).values_list(
                "period", flat=True
            )
        )
    )
    if request.method == "POST":
        period = request.POST.get("period", "")
        if period not in periods:
            messages.error(request, _("Bitte einen Zeitraum mit Daten wählen."))
        else:
            flags = services.quality_check_run(actor=request.user, tenant=tenant, period=period)
            messages.success(
                request, _("Prüfung abgeschlossen: %(n)s Befunde.") % {"n": len(flags)}
            )
        return redirect("monitoring:quality")
    flag_rows = QualityFlag.objects.filter(tenant=tenant).select_related("area")[:300]
    return render(
        request,
        "monitoring/quality.html",
        {
            "flags": flag_rows,
            "periods": periods,
            "form": FlagForm(),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:dashboard")),
                (_("Datenqualität"), None),
            ],
        },
    )


@require_roles(*WRITE_ROLES)
@require_POST
def quality_flag(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    flag = access_flag(tenant, pk, write=True)
    form = FlagForm(request.POST)
    if form.is_valid():
        services.quality_flag_update(
            actor=request.user,
            flag=flag,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Befund aktualisiert."))
    else:
        messages.error(request, _("Bitte einen gültigen Status wählen."))
    return redirect("monitoring:quality")


@require_roles(*WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    current = selectors.tenant_rules(tenant)
    initial = {
        "min_count": current.min_count,
        "min_denominator": current.min_denominator,
        "protect_complement": current.protect_complement,
        "dominance_n": current.dominance_n,
        "dominance_k": current.dominance_k,
    }
    form = RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_rules_update(actor=request.user, tenant=tenant, **form.cleaned_data)
        except Problems as exc:
            for p in exc.items:
                form.add_error(p.column if p.column in form.fields else None, p.message)
        else:
            messages.success(request, _("Geheimhaltungsregeln gespeichert."))
            return redirect("monitoring:rules")
    return render(
        request,
        "monitoring/rules.html",
        {
            "form": form,
            "effective": selectors.publication_rules(),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:dashboard")),
                (_("Geheimhaltung"), None),
            ],
        },
    )


# ------------------------------------------------------------------ public


def _public_default(
    indicators: list[Indicator],
) -> tuple[Indicator | None, dict[str, selectors.Coverage]]:
    """The indicator the public page opens with, and its coverage. The configured
    DEFAULT_INDICATOR while it shows values for at least half as many areas as the
    best-covered public indicator; otherwise the best-covered one (equal coverage:
    one of the configured default's topic first, then catalogue order). So the
    first map a visitor sees is mostly filled, whatever has been imported so far."""
    areas = [a for level in LEVELS for a in _areas(level, None)]
    coverage = {i.code: selectors.indicator_coverage(i, areas) for i in indicators}

    def present(ind: Indicator) -> int:
        return max((c.present for c in coverage[ind.code].values()), default=0)

    def shown(ind: Indicator) -> int:
        widest = _widest(coverage[ind.code])
        return widest.shown if widest else 0

    configured = next((i for i in indicators if i.code == DEFAULT_INDICATOR), None)
    best = shown(configured) if configured else 0
    # Disclosure control only where it could matter: an indicator cannot show more
    # areas than have figures, so the search stops below the best shown so far.
    for ind in sorted(indicators, key=present, reverse=True):
        if present(ind) < best:
            break
        best = max(best, shown(ind))
    if configured is not None and 2 * shown(configured) >= best:
        return configured, coverage[configured.code]
    best_covered = [i for i in indicators if present(i) >= best and shown(i) == best]
    topic = configured.topic if configured else None
    chosen = min(best_covered, key=lambda i: (i.topic != topic, indicators.index(i)), default=None)
    return chosen, (coverage[chosen.code] if chosen else {})


def _kreis_only(indicators: list[Indicator]) -> list[Indicator]:
    """Public indicators published for Kreise only (INKAR): no figures on any level
    the map offers, but shown on "Vergleich mit Hessen". The map leaves them out of
    its choice and links there instead of opening on an empty map."""
    compared = {i.code for i in selectors.comparison_indicators()}
    candidates = [i for i in indicators if i.code in compared]
    if not candidates:
        return []
    on_map = selectors.indicators_with_figures_at(candidates, LEVELS)
    return [i for i in candidates if i.code not in on_map]


@public_view
def public_page(request: HttpRequest) -> HttpResponse:
    catalogue = list(selectors.indicators(public_only=True))
    kreis_only = _kreis_only(catalogue)
    code = request.GET.get("indikator")
    if code and any(i.code == code for i in kreis_only):
        return redirect(f"{reverse('monitoring:public_comparison')}#{code}")
    indicators = [i for i in catalogue if i not in kreis_only]
    indicator = next((i for i in indicators if i.code == code), None)
    coverage = None
    if indicator is None:
        indicator, coverage = _public_default(indicators)
    ctx: dict[str, Any] = {
        "indicators": indicators,
        "catalogue": catalogue,
        "kreis_only": kreis_only,
        "indicator": indicator,
        "levels": LEVELS,
        "methods": METHOD_LABELS,
    }
    if indicator is not None:
        p = _params(request, indicator, tenant=None, coverage=coverage)
        ctx["p"] = p
        ctx.update(_table(request, indicator, p, tenant=None, exact_allowed=False))
        ctx["export_query"] = _export_query(indicator, p)
    return render(request, "monitoring/public.html", ctx)


@public_view
def public_export(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("indikator")
    coverage = None
    if code and any(
        i.code == code for i in _kreis_only(list(selectors.indicators(public_only=True)))
    ):
        # its figures are Kreis values: the export of the map's levels would be empty
        return redirect(f"{reverse('monitoring:public_comparison')}#{code}")
    if code:
        indicator = selectors.indicator_by_code(code, public_only=True)
    else:
        indicator, coverage = _public_default(list(selectors.indicators(public_only=True)))
    if indicator is None:
        raise Http404
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    p = _params(request, indicator, tenant=None, coverage=coverage)
    data = _table(request, indicator, p, tenant=None, exact_allowed=False)
    columns, rows = _export_rows(indicator, data)
    return table_response(
        columns, rows, fmt=fmt, filename=f"{indicator.code}_{p['period']}_{p['level']}"
    )


@public_view
def public_comparison(request: HttpRequest) -> HttpResponse:
    """Vergleich mit Hessen: the Landkreis among all Kreise and kreisfreie Staedte of
    Hessen (published INKAR values, no disclosure control needed)."""
    blocks = [_comparison_block(c) for c in _comparisons()]
    return render(request, "monitoring/public_comparison.html", {"blocks": blocks})
