"""Access policy: the one place that decides who may see and do what.

Every view declares its access with one of the decorators here (or the
mixin for class-based views); the role-matrix test walks every route and
fails on any route without a declaration. Forbidden and missing both answer
404, so the existence of a record is never revealed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest

from interprochance.core.models import Membership, Tenant

SESSION_TENANT_KEY = "active_tenant"


@dataclass(frozen=True)
class Access:
    """How a route is guarded. `roles=None` with public=False: any signed-in user."""

    public: bool = False
    roles: tuple[str, ...] | None = None
    note: str = ""
    redirects: bool = False  # may answer a plain GET with a redirect (e.g. a step of a flow)

    def allows(self, roles: Iterable[str], authenticated: bool) -> bool:
        if self.public:
            return True
        if not authenticated:
            return False
        if self.roles is None:
            return True
        return bool(set(self.roles) & set(roles))


# ---- tenant and roles -------------------------------------------------------


def _memberships(user: Any) -> dict[int, tuple[Tenant, set[str]]]:
    """One query per request: the user's active tenants with the roles held in each."""
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = {}
        for membership in (
            Membership.objects.filter(user=user, tenant__is_active=True)
            .select_related("tenant__area")
            .defer("tenant__area__geometry")
        ):
            # the boundary GeoJSON is large and no request needs it from here
            entry = cache.setdefault(membership.tenant_id, (membership.tenant, set()))
            entry[1].add(membership.role)
        user._membership_cache = cache
    return cache


def tenants_for(user: Any) -> list[Tenant]:
    if not getattr(user, "is_authenticated", False):
        return []
    tenants = [tenant for tenant, _roles in _memberships(user).values()]
    return sorted(tenants, key=lambda t: (t.kind, t.name))


def user_roles(user: Any, tenant: Tenant | None) -> frozenset[str]:
    if tenant is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    entry = _memberships(user).get(tenant.pk)
    return frozenset(entry[1]) if entry else frozenset()


def has_role(user: Any, tenant: Tenant | None, *roles: str) -> bool:
    return bool(user_roles(user, tenant) & set(roles))


def user_needs_otp(user: Any) -> bool:
    required = set(settings.OTP_REQUIRED_ROLES)
    if not required:
        return False
    return Membership.objects.filter(user=user, role__in=required).exists()


def bind_tenant(request: HttpRequest, wanted_slug: str | None) -> None:
    """Resolve the active tenant for this request (session choice if still valid, else the first)."""
    user = getattr(request, "user", None)
    tenants = tenants_for(user)
    tenant = next((t for t in tenants if t.slug == wanted_slug), None) or (
        tenants[0] if tenants else None
    )
    request.tenant = tenant  # type: ignore[attr-defined]
    request.tenants = tenants  # type: ignore[attr-defined]
    request.roles = user_roles(user, tenant)  # type: ignore[attr-defined]


def switch_tenant(request: HttpRequest, slug: str) -> Tenant:
    tenant = next((t for t in tenants_for(request.user) if t.slug == slug), None)
    if tenant is None:
        raise Http404
    request.session[SESSION_TENANT_KEY] = tenant.slug
    bind_tenant(request, tenant.slug)
    return tenant


# ---- declaring access on views ---------------------------------------------


def public_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """Opt a view out of the login requirement (public pages, no personal data)."""
    view = login_not_required(view)
    view.access = Access(public=True)  # type: ignore[attr-defined]
    return view


def may_redirect(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark (outermost) a view that answers a bare GET with a redirect by design."""
    from dataclasses import replace

    view.access = replace(view.access, redirects=True)  # type: ignore[attr-defined]
    return view


def signed_in_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """Any signed-in user (pages that show only the user's own things)."""
    view.access = Access(roles=None)  # type: ignore[attr-defined]
    return view


def require_roles(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The user must hold one of `roles` in the active tenant; otherwise 404."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not has_role(request.user, getattr(request, "tenant", None), *roles):
                raise Http404
            return view(request, *args, **kwargs)

        wrapper.access = Access(roles=tuple(roles))  # type: ignore[attr-defined]
        return wrapper

    return decorator


class RoleRequiredMixin:
    """For class-based views: set `roles = (...)`, or `public = True`."""

    roles: tuple[str, ...] | None = None
    public: bool = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.access = Access(public=cls.public, roles=cls.roles)  # type: ignore[attr-defined]

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., Any]:
        view = super().as_view(**initkwargs)  # type: ignore[misc]
        if cls.public:
            view = login_not_required(view)
        view.access = cls.access  # type: ignore[attr-defined]
        return view

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if (
            not self.public
            and self.roles is not None
            and not has_role(request.user, getattr(request, "tenant", None), *self.roles)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def access_of(callback: Any) -> Access | None:
    """The declared access of a resolved URL callback (function view, CBV or DRF view)."""
    for candidate in (
        callback,
        getattr(callback, "view_class", None),
        getattr(callback, "cls", None),
    ):
        access = getattr(candidate, "access", None)
        if isinstance(access, Access):
            return access
    return None


def require_tenant(request: HttpRequest) -> Tenant:
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        raise Http404
    return tenant
