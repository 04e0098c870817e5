from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from interprochance.core.models import Tenant


def tenant_arg(slug: str) -> Tenant:
    tenant = Tenant.objects.filter(slug=slug, is_active=True).first()
    if tenant is None:
        raise CommandError(f"Unbekannter Mandant „{slug}“.")
    return tenant


def user_arg(username: str | None):
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Unbekannter Benutzer „{username}“.")
    return user
