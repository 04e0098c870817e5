"""Request id, login-by-default, active tenant and enforced two-factor."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from interprochance.core import policy
from interprochance.core.requestid import request_id_var

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-ID) for logs and audit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        request.request_id = rid  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = rid
        return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Login by default for pages. The REST API authenticates itself (tokens or
    session) and answers 401 instead of redirecting, so /api/ is left to DRF."""

    def process_view(self, request, view_func, view_args, view_kwargs):  # type: ignore[no-untyped-def]
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class TenantMiddleware:
    """Sets request.tenant (the active tenant) and request.roles (roles held there)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        policy.bind_tenant(request, request.session.get(policy.SESSION_TENANT_KEY))
        return self.get_response(request)


class TwoFactorEnforcementMiddleware:
    """Users holding a role listed in OTP_REQUIRED_ROLES must set up and use TOTP."""

    EXEMPT_PREFIXES = (
        "/anmelden",
        "/abmelden",
        "/zwei-faktor",
        "/static/",
        "/healthz",
        "/api/",
        "/i18n/",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.OTP_REQUIRED_ROLES
            and not request.path_info.startswith(self.EXEMPT_PREFIXES)
            and not user.is_verified()  # type: ignore[union-attr]
            and policy.user_needs_otp(user)
        ):
            return redirect("core:otp_setup")
        return self.get_response(request)
