"""Every route, every role, and anonymous: the expected answer.

A route without a declared access (policy decorators / mixin / DRF `access`)
fails this test, and so does a parameterised route without an example in
its app's `matrix.route_examples(ctx)`. Forbidden answers 404, like missing.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from interprochance.core.models import Membership
from interprochance.core.policy import access_of
from interprochance.core.roles import Role
from tests.matrix import MatrixContext, walk

SKIP_NAMESPACES = ("admin",)  # Django admin: staff only, tested below
LOGIN_PATH = "/anmelden/"


def _routes():
    return [r for r in walk() if not r.name.startswith(SKIP_NAMESPACES)]


def _examples(ctx: MatrixContext) -> dict[str, dict[str, Any]]:
    examples: dict[str, dict[str, Any]] = {}
    for config in apps.get_app_configs():
        module = f"{config.name}.matrix"
        if config.name.startswith("interprochance.") and find_spec(module) is not None:
            examples.update(import_module(module).route_examples(ctx))
    return examples


@pytest.fixture
def matrix(core_demo) -> MatrixContext:
    User = get_user_model()
    users = {}
    for role in Role.values:
        user = User.objects.create_user(f"matrix-{role}", password="matrix-password-123")
        Membership.objects.create(user=user, tenant=core_demo.weiterstadt, role=role)
        users[role] = user
    outsider = User.objects.create_user("matrix-outsider", password="matrix-password-123")
    for role in Role.values:
        Membership.objects.create(user=outsider, tenant=core_demo.griesheim, role=role)
    return MatrixContext(
        tenant=core_demo.weiterstadt, users=users, outsider=outsider, demo=core_demo
    )


def test_every_route_declares_its_access():
    undeclared = [f"{r.name} ({r.pattern})" for r in _routes() if access_of(r.callback) is None]
    assert not undeclared, (
        "Routes without declared access (use the policy decorators):\n" + "\n".join(undeclared)
    )


def _url(route, kwargs: dict[str, Any]) -> str:
    if route.name == route.pattern:  # unnamed: only parameterless patterns can be called
        return "/" + route.pattern.lstrip("^").rstrip("$")
    return reverse(route.name, kwargs=kwargs or None)


def _call(client: Client, url: str, is_api: bool) -> tuple[int, str]:
    response = client.get(url, HTTP_ACCEPT="application/json" if is_api else "text/html")
    if response.status_code == 405:
        response = client.post(url, {})
    return response.status_code, response.get("Location", "")


def test_role_matrix(matrix: MatrixContext):
    examples = _examples(matrix)
    failures: list[str] = []
    for route in _routes():
        access = access_of(route.callback)
        assert access is not None
        kwargs = {}
        if route.converters:
            if route.name not in examples:
                failures.append(
                    f"{route.name}: no example kwargs in the app's matrix.route_examples()"
                )
                continue
            kwargs = examples[route.name]
        url = _url(route, kwargs)
        is_api = url.startswith("/api/")

        status, location = _call(Client(), url, is_api)
        if access.public:
            if (
                status >= 500
                or status in (401, 403)
                or (location.startswith(LOGIN_PATH) and not access.redirects)
            ):
                failures.append(f"{url} anonymous: public route answered {status} {location}")
        elif is_api:
            if status not in (401, 403):
                failures.append(f"{url} anonymous: expected 401/403, got {status}")
        elif not (status == 302 and location.startswith(LOGIN_PATH)):
            failures.append(f"{url} anonymous: expected redirect to login, got {status} {location}")

        for role, user in matrix.users.items():
            client = Client()
            client.force_login(user)
            status, location = _call(client, url, is_api)
            allowed = access.allows({role}, authenticated=True)
            if allowed and (
                status >= 500
                or status in (401, 403, 404)
                or (location.startswith(LOGIN_PATH) and not access.redirects)
            ):
                failures.append(f"{url} as {role}: allowed but answered {status}")
            if not allowed and status != 404:
                failures.append(f"{url} as {role}: forbidden must answer 404, got {status}")

        if route.converters and not access.public:
            client = Client()
            client.force_login(matrix.outsider)
            status, _loc = _call(client, url, is_api)
            if status != 404:
                failures.append(
                    f"{url} as outsider from another Gemeinde: expected 404, got {status}"
                )
    assert not failures, "\n".join(failures)


def test_admin_is_staff_only(core_demo):
    client = Client()
    client.force_login(core_demo.users["demo-planung"])
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_unknown_url_is_a_german_404(core_demo):
    response = Client().get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
