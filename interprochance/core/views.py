"""Core pages: landing, login with TOTP, dashboard, tenant switch, territory,
jobs, audit, legal pages, health check, error pages. Thin: parse, authorise,
call a selector or action, render."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from interprochance.core import audit, charts, policy, selectors
from interprochance.core.access import access_area, access_job
from interprochance.core.boundaries import size_problem
from interprochance.core.exports import table_response
from interprochance.core.forms import (
    AddressCheckForm,
    AuditFilterForm,
    BoundaryImportForm,
    LoginForm,
    TokenForm,
)
from interprochance.core.models import AreaLevel, Institution, StreetSegment
from interprochance.core.policy import public_view, require_roles, signed_in_view
from interprochance.core.roles import Role
from interprochance.core.tabular import Problems
from interprochance.core.territory import boundaries_import, locate

PENDING_OTP_USER = "pending_otp_user"


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# ---- public -------------------------------------------------------------------


@public_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    public_links = []
    for url_name, label, text in (
        (
            "directory:finder",
            _("Angebote finden"),
            _("Hilfe und Angebote für Familien in Ihrer Nähe, nach Alter und Thema."),
        ),
        (
            "monitoring:public",
            _("Sozialmonitoring"),
            _("Kennzahlen zur Lage von Kindern und Jugendlichen in den Gemeinden."),
        ),
        (
            "counseling:appointment_request",
            _("Beratungstermin anfragen"),
            _("Ohne Anmeldung, vertraulich, in Ihrer Sprache."),
        ),
    ):
        try:
            public_links.append({"url": reverse(url_name), "label": label, "text": text})
        except Exception:  # noqa: BLE001,S112 - module not installed yet
            continue
    return render(request, "core/home.html", {"public_links": public_links})


@public_view
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(None, _("Benutzername oder Passwort ist falsch."))
        elif TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            request.session[PENDING_OTP_USER] = user.pk
            request.session["pending_next"] = _safe_next(request, reverse("core:dashboard"))
            return redirect("core:login_otp")
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            audit.record(actor=user, action="auth.login")
            return redirect(_safe_next(request, reverse("core:dashboard")))
    return render(request, "core/login.html", {"form": form, "next": request.GET.get("next", "")})


@policy.may_redirect
@public_view
@require_http_methods(["GET", "POST"])
def login_otp(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_OTP_USER)
    if not user_id:
        return redirect("core:login")
    user = get_user_model().objects.get(pk=user_id)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next(
            (
                d
                for d in TOTPDevice.objects.filter(user=user, confirmed=True)
                if d.verify_token(form.cleaned_data["token"])
            ),
            None,
        )
        if device is None:
            form.add_error("token", _("Der Code ist ungültig oder abgelaufen."))
        else:
            target = request.session.pop("pending_next", reverse("core:dashboard"))
            request.session.pop(PENDING_OTP_USER, None)
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            audit.record(actor=user, action="auth.login", detail={"second_factor": "totp"})
            return redirect(target)
    return render(request, "core/login_otp.html", {"form": form})


@require_POST
@signed_in_view
def logout_view(request: HttpRequest) -> HttpResponse:
    audit.record(actor=request.user, action="auth.logout")
    auth_logout(request)
    return redirect("core:home")


@public_view
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@public_view
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (German is the default; English follows as it is translated)."""
    from django.views.i18n import set_language as django_set_language

    return django_set_language(request)


@public_view
@require_GET
def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "core/legal/imprint.html", {"breadcrumbs": [(_("Impressum"), None)]})


@public_view
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/legal/privacy.html", {"breadcrumbs": [(_("Datenschutz"), None)]})


@public_view
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/legal/accessibility.html", {"breadcrumbs": [(_("Barrierefreiheit"), None)]}
    )


@public_view
@require_GET
def sources(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/legal/sources.html",
        {"sources": selectors.sources_in_use(), "breadcrumbs": [(_("Quellen und Lizenzen"), None)]},
    )


# ---- signed in -----------------------------------------------------------------


@signed_in_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    tenant = getattr(request, "tenant", None)
    context: dict[str, Any] = {
        "tenant": tenant,
        "roles": sorted(Role(r).label for r in getattr(request, "roles", ())),
    }  # type: ignore[attr-defined]
    if tenant is not None:
        context["recent_jobs"] = selectors.recent_jobs(tenant)
    return render(request, "core/dashboard.html", context)


@require_POST
@signed_in_view
def tenant_switch(request: HttpRequest) -> HttpResponse:
    try:
        tenant = policy.switch_tenant(request, request.POST.get("tenant", ""))
    except Http404:
        messages.error(request, _("Dieser Mandant ist Ihrem Konto nicht zugeordnet."))
        return redirect("core:dashboard")
    messages.success(request, _("Sie arbeiten jetzt für %(t)s.") % {"t": tenant.name})
    return redirect(_safe_next(request, reverse("core:dashboard")))


@signed_in_view
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(actor=request.user, action="auth.totp_enrolled")
            messages.success(request, _("Zwei-Faktor-Anmeldung ist eingerichtet."))
            return redirect("core:dashboard")
        form.add_error("token", _("Der Code ist ungültig oder abgelaufen."))
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode().split("?>", 1)[-1]
    has_confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(
        request,
        "core/otp_setup.html",
        {
            "form": form,
            "qr_svg": svg,
            "secret": device.bin_key.hex(),
            "has_confirmed": has_confirmed,
            "breadcrumbs": [(_("Zwei-Faktor-Anmeldung"), None)],
        },
    )


@signed_in_view
@require_http_methods(["GET", "POST"])
def area_list(request: HttpRequest) -> HttpResponse:
    tenant = policy.require_tenant(request)
    areas = list(selectors.tenant_areas(tenant))
    gemeinden = [a for a in areas if a.level == AreaLevel.GEMEINDE and a.geometry]
    map_svg = None
    if gemeinden:
        spec = charts.choropleth(
            [(a.pk, a.name, a.geometry) for a in gemeinden],
            {a.pk: a.population for a in gemeinden},
            title=_("Gemeinden"),
            legend_title=_("Einwohner"),
            width=520,
            height=480,
        )
        map_svg = charts.svg(spec, title=_("Karte der Gemeinden nach Einwohnerzahl"))
    form = AddressCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = locate(form.cleaned_data["address"], gemeinde=form.cleaned_data["gemeinde"])
    return render(
        request,
        "core/area_list.html",
        {
            "areas": areas,
            "map_svg": map_svg,
            "form": form,
            "result": result,
            "may_import_boundaries": Role.PLANUNG in request.roles,  # type: ignore[attr-defined]
            "breadcrumbs": [(_("Gebiete"), None)],
        },
    )


@require_roles(Role.PLANUNG)
@require_http_methods(["GET", "POST"])
def boundaries_upload(request: HttpRequest) -> HttpResponse:
    """Sozialplanung uploads the boundaries of its Ortsteile or Sozialräume (GeoJSON);
    the file is checked completely and written all-or-nothing."""
    tenant = policy.require_tenant(request)
    gemeinden = selectors.tenant_areas(tenant, level=AreaLevel.GEMEINDE).defer("geometry")
    form = BoundaryImportForm(request.POST or None, request.FILES or None, gemeinden=gemeinden)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # one of the tenant's Gemeinden (the form's choices), fetched again with its geometry
        gemeinde = selectors.tenant_areas(tenant).get(pk=form.cleaned_data["gemeinde"].pk)
        level = form.cleaned_data["level"]
        if too_large := size_problem(upload.size or 0):
            problems.append(too_large)
        else:
            try:
                count = boundaries_import(
                    data=upload.read(),
                    gemeinde=gemeinde,
                    level=level,
                    actor=request.user,
                    attribution=form.cleaned_data["attribution"],
                )
            except Problems as exc:
                problems = [str(p) for p in exc.items]
            else:
                messages.success(
                    request,
                    _("Grenzen für %(n)s Gebiete der Ebene „%(l)s“ in %(g)s übernommen.")
                    % {"n": count, "l": AreaLevel(level).label, "g": gemeinde.name},
                )
                return redirect("core:boundaries_upload")
    return render(
        request,
        "core/boundaries_upload.html",
        {
            "form": form,
            "problems": problems,
            "coverage": selectors.boundary_coverage(list(gemeinden.values_list("pk", flat=True))),
            "breadcrumbs": [
                (_("Gebiete"), reverse("core:area_list")),
                (_("Grenzen importieren"), None),
            ],
        },
    )


@signed_in_view
@require_GET
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    tenant = policy.require_tenant(request)
    area = access_area(request.user, tenant, code)
    return render(
        request,
        "core/area_detail.html",
        {
            "area": area,
            "children": area.children.valid_on().order_by("name"),  # type: ignore[attr-defined]
            "institutions": Institution.objects.filter(area=area).order_by("kind", "name"),
            "n_segments": StreetSegment.objects.filter(area=area).count(),
            "breadcrumbs": [(_("Gebiete"), reverse("core:area_list")), (area.name, None)],
        },
    )


@signed_in_view
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    tenant = policy.require_tenant(request)
    page = Paginator(selectors.jobs_for_tenant(tenant), 25).get_page(request.GET.get("seite"))
    return render(
        request, "core/job_list.html", {"page": page, "breadcrumbs": [(_("Aufträge"), None)]}
    )


@signed_in_view
@require_GET
def job_detail(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = access_job(request.user, getattr(request, "tenant", None), job_id)
    template = (
        "core/_job_status.html" if getattr(request, "htmx", False) else "core/job_detail.html"
    )
    return render(
        request,
        template,
        {"job": job, "breadcrumbs": [(_("Aufträge"), reverse("core:job_list")), (job.title, None)]},
    )


@require_roles(Role.ADMIN)
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    tenant = policy.require_tenant(request)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    # The Landkreis administration sees every tenant's trail; a Gemeinde its own.
    scope = None if tenant.kind == "landkreis" else tenant.slug
    events = selectors.audit_events(tenant_slug=scope, **filters)
    audit.record(
        actor=request.user,
        action="audit.view",
        tenant=tenant,
        detail={"filters": {k: str(v) for k, v in filters.items() if v}},
    )
    if request.GET.get("format") in {"csv", "xlsx"}:
        columns = [
            "id",
            "zeit",
            "benutzer",
            "mandant",
            "aktion",
            "objektart",
            "objekt_id",
            "anfrage_id",
            "details",
        ]
        rows = (
            [
                e.pk,
                e.timestamp.isoformat(),
                e.actor_username,
                e.tenant_slug,
                e.action,
                e.entity,
                e.object_id,
                e.request_id,
                e.detail,
            ]
            for e in events.iterator()
        )
        return table_response(columns, rows, fmt=request.GET["format"], filename="protokoll")
    page = Paginator(events, 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "breadcrumbs": [(_("Protokoll"), None)],
        },
    )


# ---- error pages ------------------------------------------------------------------


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", {"operator": settings.OPERATOR}, status=500)
