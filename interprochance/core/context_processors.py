from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@lru_cache(maxsize=256)
def _url(url_name: str) -> str | None:
    """URL of a navigation entry (URLconf is fixed per process, so resolve once)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation(request: HttpRequest) -> list[dict[str, Any]]:
    """Navigation entries of every installed module the user may use in the active tenant."""
    roles: frozenset[str] = getattr(request, "roles", frozenset())
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for config in apps.get_app_configs():
        for label, url_name, allowed in getattr(config, "nav_items", []):
            if allowed is not None and not (set(allowed) & roles):
                continue
            url = _url(url_name)
            if url is None:
                continue  # module not wired yet: simply absent
            items.append(
                {"label": label, "url": url, "active": request.path.startswith(url) and url != "/"}
            )
    return items


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_items": navigation(request),
        "active_tenant": getattr(request, "tenant", None),
        "user_tenants": getattr(request, "tenants", []),
        "user_roles": getattr(request, "roles", frozenset()),
        "demo_mode": settings.DEMO_MODE,
        "operator": settings.OPERATOR,
    }
