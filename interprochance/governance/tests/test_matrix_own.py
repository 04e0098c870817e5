"""The role matrix restricted to this issue's apps (governance, participation,
transfer), so it runs while other modules are still being built. Same rules
as tests/test_role_matrix.py."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.test import Client

from interprochance.core.policy import access_of
from interprochance.governance import matrix as gov_matrix
from tests.matrix import walk
from tests.test_role_matrix import (
    LOGIN_PATH,
    _call,
    _url,
    matrix,  # noqa: F401  (fixture)
)

NAMESPACES = ("governance:", "participation:", "transfer:")


@pytest.mark.django_db
def test_own_role_matrix(matrix):  # noqa: F811
    # participation's examples, imported by name (governance must not import its models)
    part_matrix = import_module("interprochance.participation.matrix")
    examples = {**gov_matrix.route_examples(matrix), **part_matrix.route_examples(matrix)}
    routes = [r for r in walk() if r.name.startswith(NAMESPACES)]
    assert len(routes) >= 25
    failures = []
    for route in routes:
        access = access_of(route.callback)
        assert access is not None, route.name
        kwargs = examples.get(route.name, {}) if route.converters else {}
        if route.converters and not kwargs:
            failures.append(f"{route.name}: no example")
            continue
        url = _url(route, kwargs)
        status, location = _call(Client(), url, False)
        if not (status == 302 and location.startswith(LOGIN_PATH)):
            failures.append(f"{url} anonymous: {status}")
        for role, user in matrix.users.items():
            client = Client()
            client.force_login(user)
            status, location = _call(client, url, False)
            allowed = access.allows({role}, authenticated=True)
            if allowed and (
                status >= 500 or status in (401, 403, 404) or location.startswith(LOGIN_PATH)
            ):
                failures.append(f"{url} as {role}: allowed but answered {status}")
            if not allowed and status != 404:
                failures.append(f"{url} as {role}: must answer 404, got {status}")
        if route.converters:
            client = Client()
            client.force_login(matrix.outsider)
            status, _loc = _call(client, url, False)
            if status != 404:
                failures.append(f"{url} as outsider: expected 404, got {status}")
    assert not failures, "\n".join(failures)
