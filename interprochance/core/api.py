"""REST API plumbing shared by every app: the role permission (same policy as
the UI), tenant resolution for token clients, and German error bodies."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from interprochance.core import policy


class RolePermission(permissions.BasePermission):
    """Reads the view's `access` (a policy.Access). Views without one are closed.

    Tenant: `X-Tenant` header or `tenant` query parameter (slug), else the
    user's first tenant; a token client acts in exactly one tenant per call.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        access = getattr(view, "access", None)
        if not isinstance(access, policy.Access):
            raise Http404
        if access.public:
            return True
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        wanted = request.headers.get("X-Tenant") or request.query_params.get("tenant")
        if wanted is None:
            wanted = (
                request._request.session.get(policy.SESSION_TENANT_KEY)
                if hasattr(request._request, "session")
                else None
            )
        policy.bind_tenant(request._request, wanted)
        request.tenant = request._request.tenant  # type: ignore[attr-defined]
        if not access.allows(request._request.roles, True):  # type: ignore[attr-defined]
            raise Http404
        return True


class PublicThrottle(AnonRateThrottle):
    scope = "public"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Any:
    from rest_framework.views import (
        exception_handler as drf_exception_handler,  # avoid import cycle
    )

    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, (Http404, exceptions.NotFound)):
        response.data = {"detail": "Nicht gefunden."}
    return response
