"""Shared pytest fixtures for every app's tests.

- The test database starts with the real territory, tenants and the demo
  users (core demo, no synthetic module data): `core_demo` gives access to them.
- `client_as(username)` returns a Django test client logged in as a demo user.
- `make_user(role, tenant_slug)` creates a user holding exactly one role.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

os.environ.setdefault("TESTING", "1")


@dataclass
class CoreDemo:
    tenants: dict[str, Any]
    users: dict[str, Any]

    @property
    def weiterstadt(self) -> Any:
        return self.tenants["weiterstadt"]

    @property
    def landkreis(self) -> Any:
        return self.tenants["landkreis-darmstadt-dieburg"]

    @property
    def griesheim(self) -> Any:
        return self.tenants["griesheim"]


def _ensure_core_demo() -> CoreDemo:
    from django.contrib.auth import get_user_model

    from interprochance.core.demo import _load_core
    from interprochance.core.models import Tenant

    if not get_user_model().objects.filter(username="demo-admin").exists():
        import io

        _load_core(io.StringIO())
    return CoreDemo(
        tenants={t.slug: t for t in Tenant.objects.all()},
        users={
            u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")
        },
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _ensure_core_demo()


@pytest.fixture
def core_demo(db: Any) -> CoreDemo:
    return _ensure_core_demo()


@pytest.fixture
def client_as(core_demo: CoreDemo) -> Callable[..., Any]:
    from django.test import Client

    def make(username: str, tenant: str | None = None) -> Client:
        client = Client()
        client.force_login(core_demo.users.get(username) or _user(username))
        if tenant:
            session = client.session
            session["active_tenant"] = tenant
            session.save()
        return client

    return make


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


@pytest.fixture
def make_user(core_demo: CoreDemo) -> Callable[..., Any]:
    from django.contrib.auth import get_user_model

    from interprochance.core.models import Membership, Tenant

    def make(role: str, tenant_slug: str = "weiterstadt", username: str | None = None) -> Any:
        user = get_user_model().objects.create_user(
            username or f"u-{role}-{tenant_slug}", password="x" * 16
        )  # noqa: S106
        Membership.objects.create(user=user, tenant=Tenant.objects.get(slug=tenant_slug), role=role)
        return user

    return make


@pytest.fixture
def pdf_text() -> Callable[[bytes], str]:
    """The text of a generated PDF (all pages), whitespace collapsed, for content asserts."""
    import io

    from pypdf import PdfReader

    def read(data: bytes) -> str:
        assert data.startswith(b"%PDF"), "not a PDF"
        pages = PdfReader(io.BytesIO(data)).pages
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)

    return read


@pytest.fixture(autouse=True)
def _german_after_each_test() -> Any:
    """A request in English (test client with Accept-Language, the language form)
    activates English for the worker's thread; every test starts in the default."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
