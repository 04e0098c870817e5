"""Web flows with bad input (German message, nothing written), the public form,
query counts on list pages, the monitoring provider, and the role matrix of
this module's routes."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interprochance.core import providers
from interprochance.core.models import AuditEvent
from interprochance.counseling import services
from interprochance.counseling.models import AppointmentRequest, Case, Contact, Document
from interprochance.counseling.views import _signer

from .conftest import open_case

pytestmark = pytest.mark.django_db


def test_intake_via_web_and_read_is_audited(client_as, offices):
    client = client_as("demo-beratung-a")
    assert client.get(reverse("counseling:intake")).status_code == 200
    r = client.post(
        reverse("counseling:intake"),
        {
            "office": offices.a.pk,
            "contact_name": "Doris Delta",
            "preferred_channel": "phone",
            "phone": "06150 55555",
            "topics": ["housing"],
            "opened_on": timezone.localdate().isoformat(),
            "address": "Darmstädter Straße 10, 64331 Weiterstadt",
        },
    )
    assert r.status_code == 302
    case = Case.objects.get(household__identity__contact_name="Doris Delta")
    client.get(reverse("counseling:case_detail", args=[case.pk]))
    assert (
        AuditEvent.objects.filter(
            action="read", entity="counseling.case", object_id=str(case.pk)
        ).count()
        == 1
    )
    log = client.get(reverse("counseling:access_log", args=[case.pk]))
    assert log.status_code == 200 and "counseling.case_open" in log.content.decode()


def test_intake_with_script_shows_german_message(client_as, offices):
    before = Case.objects.count()
    r = client_as("demo-beratung-a").post(
        reverse("counseling:intake"),
        {
            "office": offices.a.pk,
            "contact_name": "<b>X</b>",
            "preferred_channel": "phone",
            "phone": "0615012",
            "topics": ["housing"],
            "opened_on": timezone.localdate().isoformat(),
        },
    )
    assert r.status_code == 200 and "HTML-Tags" in r.content.decode()
    assert Case.objects.count() == before


def test_future_contact_via_web(client_as, offices):
    r = client_as("demo-beratung-a").post(
        reverse("counseling:contact_add", args=[offices.case_a.pk]),
        {
            "k-date": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "k-duration_minutes": "30",
            "k-channel": "phone",
        },
    )
    assert r.status_code == 400 and "Zukunft" in r.content.decode()
    assert not Contact.objects.exists()


def test_close_without_outcome_via_web(client_as, offices):
    r = client_as("demo-beratung-a").post(
        reverse("counseling:case_close", args=[offices.case_a.pk]),
        {"s-outcome": "", "s-closed_on": timezone.localdate().isoformat()},
    )
    assert r.status_code == 400 and "ohne Ergebnis" in r.content.decode()
    assert Case.objects.get(pk=offices.case_a.pk).status == "open"


def test_wrong_file_via_web(client_as, offices):
    r = client_as("demo-beratung-a").post(
        reverse("counseling:document_add", args=[offices.case_a.pk]),
        {
            "d-title": "Foto",
            "d-file": SimpleUploadedFile("x.png", b"<html><script>", content_type="image/png"),
        },
    )
    assert r.status_code == 400 and "Dateityp" in r.content.decode()
    assert not Document.objects.exists()


def test_referral_without_consent_via_web(client_as, offices):
    r = client_as("demo-beratung-a").post(
        reverse("counseling:referral_add", args=[offices.case_a.pk]),
        {"v-target": f"office:{offices.b.pk}", "v-categories": ["contact"]},
    )
    assert r.status_code == 400 and "Keine gültige Einwilligung" in r.content.decode()


def test_consent_then_referral_via_web(client_as, offices):
    client = client_as("demo-beratung-a")
    r = client.post(
        reverse("counseling:consent_add", args=[offices.case_a.pk]),
        {
            "e-purpose": "referral",
            "e-recipient": f"office:{offices.b.pk}",
            "e-categories": ["contact", "topics"],
            "e-given_on": timezone.localdate().isoformat(),
            "e-form": "written",
        },
    )
    assert r.status_code == 302
    r = client.post(
        reverse("counseling:referral_add", args=[offices.case_a.pk]),
        {
            "v-target": f"office:{offices.b.pk}",
            "v-categories": ["contact"],
            "v-reason": "Wohnungssuche",
        },
    )
    assert r.status_code == 302
    assert offices.case_a.referrals.get().state == "sent"


def test_benefits_page(client_as, offices):
    client = client_as("demo-beratung-a")
    url = reverse("counseling:benefits", args=[offices.case_a.pk])
    data = {
        "housing_cost": "800,00",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "12",
        "m-0-role": "adult",
        "m-0-birth_date": "1990-01-01",
        "m-0-schooling": "none",
        "m-0-gross": "1500",
        "m-0-net": "1150",
        "m-0-able_to_work": "on",
        "m-1-role": "child",
        "m-1-birth_date": "2018-05-01",
        "m-1-schooling": "school",
        "m-1-kindergeld": "on",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "§ 6a BKGG" in page and "möglicherweise Anspruch" in page and "§ 28 SGB II" in page


# ---- public appointment request -------------------------------------------------------------


def _form(offices, **kw):
    data = {
        "office": str(offices.a.pk),
        "topic": "money",
        "language": "Türkisch",
        "channel": "phone",
        "reach": "06150 123456",
        "name": "Ayse",
        "rendered": _signer.sign(str(int(time.time()) - 20)),
        "website": "",
    }
    data.update(kw)
    return data


def test_public_form_get_and_submit(offices):
    client = Client()
    assert client.get(reverse("counseling:appointment_request")).status_code == 200
    r = client.post(reverse("counseling:appointment_request"), _form(offices))
    assert r.status_code == 302
    item = AppointmentRequest.objects.get()
    assert item.office == offices.a and item.status == "new" and len(item.client_key) == 64
    # staff queue shows it to office A only
    assert (
        "Ayse"
        in client_for(offices.user_a).get(reverse("counseling:request_queue")).content.decode()
    )
    assert (
        "Ayse"
        not in client_for(offices.user_b).get(reverse("counseling:request_queue")).content.decode()
    )


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_public_form_honeypot_too_fast_and_invalid(offices):
    client = Client()
    assert (
        client.post(
            reverse("counseling:appointment_request"), _form(offices, website="http://spam")
        ).status_code
        == 302
    )
    r = client.post(
        reverse("counseling:appointment_request"),
        _form(offices, rendered=_signer.sign(str(int(time.time())))),
    )
    assert r.status_code == 400 and "zu schnell" in r.content.decode()
    r = client.post(reverse("counseling:appointment_request"), _form(offices, rendered="forged"))
    assert r.status_code == 400
    r = client.post(reverse("counseling:appointment_request"), _form(offices, reach="keine nummer"))
    assert r.status_code == 400 and "Telefonnummer" in r.content.decode()
    r = client.post(
        reverse("counseling:appointment_request"), _form(offices, name="<script>x</script>")
    )
    assert r.status_code == 400
    assert not AppointmentRequest.objects.exists()


def test_public_form_rate_limited(offices):
    client = Client()
    for _ in range(5):
        assert (
            client.post(reverse("counseling:appointment_request"), _form(offices)).status_code
            == 302
        )
    r = client.post(reverse("counseling:appointment_request"), _form(offices))
    assert r.status_code == 429 and "zu viele Anfragen" in r.content.decode()
    assert AppointmentRequest.objects.count() == 5


# ---- query counts ----------------------------------------------------------------------------


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_case_list_constant_queries(offices):
    client = client_for(offices.user_a)
    url = reverse("counseling:case_list")
    small = _count(client, url)
    for i in range(30):
        c = open_case(offices.user_a, offices.a, name=f"Familie {i}")
        services.contact_add(
            actor=offices.user_a,
            case=c,
            day=timezone.localdate(),
            duration_minutes=20,
            channel="phone",
        )
    assert _count(client, url) == small
    assert _count(client, url, {"seite": "2"}) == small
    assert _count(client, url, {"q": "familie"}) == _count(client, url, {"q": "familie 1"})


def test_case_detail_constant_queries(offices):
    client = client_for(offices.user_a)
    url = reverse("counseling:case_detail", args=[offices.case_a.pk])
    first = _count(client, url)
    for _ in range(5):
        services.contact_add(
            actor=offices.user_a,
            case=offices.case_a,
            day=timezone.localdate(),
            duration_minutes=20,
            channel="phone",
        )
        services.goal_add(
            actor=offices.user_a, case=offices.case_a, text="Ziel", agreed_on=timezone.localdate()
        )
    assert _count(client, url) == first


# ---- provider -----------------------------------------------------------------------------------


def test_provider_counts_without_personal_data(offices):
    case = open_case(offices.user_a, offices.a, address="Darmstädter Straße 10, 64331 Weiterstadt")
    assert case.area is not None
    services.contact_add(
        actor=offices.user_a,
        case=case,
        day=timezone.localdate(),
        duration_minutes=20,
        channel="phone",
    )
    provider = providers.get("counseling")
    assert provider is not None
    codes = {m.code for m in provider.measures()}
    assert {"beratung_faelle", "beratung_kontakte", "beratung_faelle_housing"} <= codes
    values = list(provider.collect("weiterstadt"))
    cases = [v for v in values if v.measure == "beratung_faelle" and v.area_code == case.area.code]
    assert sum(v.value for v in cases) == 1
    assert any(v.measure == "beratung_kontakte" for v in values)
    assert all(isinstance(v.value, int) for v in values)
    assert list(provider.collect("griesheim")) == []


# ---- role matrix for this module's routes ----------------------------------------------------------


def test_module_role_matrix(core_demo):
    from django.contrib.auth import get_user_model

    from interprochance.core.models import Membership
    from interprochance.core.policy import access_of
    from interprochance.core.roles import Role
    from interprochance.counseling.matrix import route_examples
    from tests.matrix import MatrixContext, walk

    User = get_user_model()
    users = {}
    for role in Role.values:
        users[role] = User.objects.create_user(f"mx-{role}", password="x" * 16)
        Membership.objects.create(user=users[role], tenant=core_demo.weiterstadt, role=role)
    outsider = User.objects.create_user("mx-out", password="x" * 16)
    for role in Role.values:
        Membership.objects.create(user=outsider, tenant=core_demo.griesheim, role=role)
    ctx = MatrixContext(
        tenant=core_demo.weiterstadt, users=users, outsider=outsider, demo=core_demo
    )
    examples = route_examples(ctx)
    failures = []
    routes = [r for r in walk() if r.name.startswith("counseling")]
    assert len(routes) >= 30
    for route in routes:
        access = access_of(route.callback)
        assert access is not None, route.name
        url = reverse(route.name, kwargs=examples.get(route.name) if route.converters else None)

        def call(user):
            client = Client()
            if user is not None:
                client.force_login(user)
            r = client.get(url, HTTP_ACCEPT="application/json")
            return client.post(url, {}) if r.status_code == 405 else r

        for role, user in users.items():
            status = call(user).status_code
            if access.allows({role}, authenticated=True):
                if status >= 500 or status in (401, 403, 404):
                    failures.append(f"{url} as {role}: {status}")
            elif status != 404:
                failures.append(f"{url} as {role}: expected 404, got {status}")
        if route.converters and not access.public and call(outsider).status_code != 404:
            failures.append(f"{url} as outsider: not 404")
        anon = call(None)
        if not access.public and anon.status_code not in (302, 401, 403):
            failures.append(f"{url} anonymous: {anon.status_code}")
    assert not failures, "\n".join(failures)


def test_task_reminder_on_list(offices):
    today = timezone.localdate()
    services.task_add(
        actor=offices.user_a,
        case=offices.case_a,
        title="Wohngeldantrag abgeben",
        due_on=today + timedelta(days=5),
        remind_on=today,
    )
    services.task_add(
        actor=offices.user_a,
        case=offices.case_a,
        title="Jobcenter anrufen",
        due_on=today - timedelta(days=1),
    )
    html = client_for(offices.user_a).get(reverse("counseling:case_list")).content.decode()
    assert "Erinnerung" in html and "Wohngeldantrag abgeben" in html
    assert "überfällig" in html and "Jobcenter anrufen" in html
    assert (
        "Wohngeldantrag"
        not in client_for(offices.user_b).get(reverse("counseling:case_list")).content.decode()
    )


def test_topics_update_via_web(client_as, offices):
    client = client_as("demo-beratung-a")
    url = reverse("counseling:topics_update", args=[offices.case_a.pk])
    r = client.post(url, {"t-topics": [], "t-summary": "x"})
    assert r.status_code == 400
    r = client.post(url, {"t-topics": ["health", "work"], "t-summary": "Arbeitssuche"})
    assert r.status_code == 302
    assert {t.topic for t in offices.case_a.topics.all()} == {"health", "work"}
