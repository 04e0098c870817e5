"""schemathesis against our own OpenAPI schema: no input may cause a server
error (5xx). Runs every operation anonymously and as a user holding every
role in Weiterstadt (token auth), with generated parameters and bodies."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: requests must not close the test transaction's
    connection (Django closes connections it sees inside an atomic block)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(core_demo):
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from interprochance.core.models import Membership
    from interprochance.core.roles import Role

    user = get_user_model().objects.create_user("fuzz-all-roles", password="fuzz-password-123")
    for role in Role.values:
        Membership.objects.create(user=user, tenant=core_demo.weiterstadt, role=role)
    return Token.objects.create(user=user).key


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_answers_with_a_server_error(case, api_token):
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(
        headers={"Authorization": f"Token {api_token}", "X-Tenant": "weiterstadt"},
        checks=[not_a_server_error],
    )
