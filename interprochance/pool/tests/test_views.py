"""HTTP tests of the pool pages: the role matrix for this app's routes, the flows
(edit with verdict, publish, substitution, statements) and privacy of identities."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from interprochance.core.models import AuditEvent, Membership
from interprochance.core.policy import access_of
from interprochance.core.roles import Role
from interprochance.pool.models import Plan, PlanStatus
from tests.matrix import MatrixContext, walk

from .factories import make_pool_with_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(core_demo):
    return make_pool_with_plan(core_demo.landkreis, core_demo.users["demo-schulassistenz"])


@pytest.fixture
def coord(client_as):
    return client_as("demo-schulassistenz")


def test_role_matrix_of_pool_routes(core_demo):
    from interprochance.pool.matrix import route_examples

    User = get_user_model()
    users = {}
    for role in Role.values:
        user = User.objects.create_user(f"pm-{role}", password="matrix-password-123")
        Membership.objects.create(user=user, tenant=core_demo.weiterstadt, role=role)
        users[role] = user
    outsider = User.objects.create_user("pm-outsider", password="matrix-password-123")
    for role in Role.values:
        Membership.objects.create(user=outsider, tenant=core_demo.griesheim, role=role)
    ctx = MatrixContext(
        tenant=core_demo.weiterstadt, users=users, outsider=outsider, demo=core_demo
    )
    examples = route_examples(ctx)
    routes = [r for r in walk() if r.name.startswith("pool:") or r.pattern.startswith("api/pool/")]
    assert len(routes) >= 20
    failures = []
    for route in routes:
        access = access_of(route.callback)
        assert access is not None, route.name
        url = reverse(route.name, kwargs=examples.get(route.name) or None)
        is_api = url.startswith("/api/")

        def call(client, url=url, is_api=is_api):
            r = client.get(url, HTTP_ACCEPT="application/json" if is_api else "text/html")
            if r.status_code == 405:
                r = client.post(url, {})
            return r.status_code

        anon = call(Client())
        if (is_api and anon not in (401, 403)) or (not is_api and anon != 302):
            failures.append(f"{url} anonymous {anon}")
        for role, user in users.items():
            c = Client()
            c.force_login(user)
            status = call(c)
            allowed = access.allows({role}, authenticated=True)
            if allowed and (status >= 400):
                failures.append(f"{url} as {role}: {status}")
            if not allowed and status != 404:
                failures.append(f"{url} as {role}: expected 404, got {status}")
        if route.converters:
            c = Client()
            c.force_login(outsider)
            if call(c) != 404:
                failures.append(f"{url} outsider not 404")
    assert not failures, "\n".join(failures)


def test_index_lists_pools_with_few_queries(made, coord, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        r = coord.get(reverse("pool:index"))
    assert r.status_code == 200 and made.pool.name in r.content.decode()


def test_identity_only_in_child_view_and_read_is_audited(made, coord):
    detail = coord.get(reverse("pool:pool_detail", args=[made.pool.pk])).content.decode()
    assert "M-01" in detail and "Becker" not in detail
    r = coord.get(reverse("pool:child_detail", args=[made.child.pk]))
    assert "Mia Becker" in r.content.decode()
    assert AuditEvent.objects.filter(action__contains="read", object_id=str(made.child.pk)).exists()
    plan_page = coord.get(reverse("pool:plan_detail", args=[made.plan.pk])).content.decode()
    assert "Becker" not in plan_page


def test_other_roles_see_comparison_but_not_children(made, client_as, core_demo):
    gremium = client_as("demo-gremium")
    # the comparison is per tenant; the demo Gremium sits in Weiterstadt, the pool in the Landkreis
    assert gremium.get(reverse("pool:compare")).status_code == 200
    assert gremium.get(reverse("pool:child_detail", args=[made.child.pk])).status_code == 404
    assert (
        client_as("demo-planung").get(reverse("pool:pool_detail", args=[made.pool.pk])).status_code
        == 404
    )


def test_edit_shows_verdict_immediately_and_publish_needs_validity(made, coord):
    url = reverse("pool:plan_edit", args=[made.plan.pk])
    r = coord.post(
        url,
        {"edit-child": "M-03", "edit-day": "mo", "edit-slot": "0", "edit-assistant": ""},
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 200 and 'id="plan-body"' in body and "<html" not in body
    assert "ist Mo, 1. Stunde nicht versorgt" in body
    r = coord.post(reverse("pool:plan_publish", args=[made.plan.pk]), follow=True)
    assert "kann nicht veröffentlicht werden" in r.content.decode()
    assert Plan.objects.get(pk=made.plan.pk).status == PlanStatus.DRAFT
    # an assistant outside the instance: a German form error, nothing changes
    r = coord.post(
        url,
        {"edit-child": "M-03", "edit-day": "mo", "edit-slot": "0", "edit-assistant": "NOPE"},
        HTTP_HX_REQUEST="true",
    )
    assert "Auswahl" in r.content.decode() or "gültig" in r.content.decode()


def test_grids_per_school_assistant_child_and_print(made, coord, pdf_text):
    base = reverse("pool:plan_detail", args=[made.plan.pk])
    a = made.plan.assignments[0]["assistant"]
    assert (
        f"Wochenplan der Kraft {a}"
        in coord.get(base, {"sicht": "kraft", "wer": a}).content.decode()
    )
    assert (
        "Wochenplan des Kindes M-04"
        in coord.get(base, {"sicht": "kind", "wer": "M-04"}).content.decode()
    )
    pdf = coord.get(reverse("pool:plan_print", args=[made.plan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "M-01" in text and a in text  # pseudonyms and assistants in the grid
    for name in ("Mia", "Becker", "Schäfer", "Koch", "Wolf"):  # identities never printed
        assert name not in text


def test_statement_csv_shows_computation(made, coord, pdf_text):
    st = made.statement
    r = coord.get(reverse("pool:statement_bearer", args=[st.pk, "egh", "csv"]))
    text = r.content.decode("utf-8-sig")
    assert "M-02" in text and "M-03" in text and "M-01" not in text  # only this bearer's children
    total = sum(Decimal(b["amount"]) for b in st.result["bearers"])
    assert total == st.total_cost
    pdf = coord.get(reverse("pool:statement_bearer", args=[st.pk, "ja", "pdf"]))
    text = pdf_text(pdf.content)
    ja = next(b for b in st.result["bearers"] if b["code"] == "ja")
    amount = f"{Decimal(ja['amount']):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert "Jugendamt (Test)" in text and amount in text  # the bearer and its share
    assert "M-01" in text and "M-04" in text and "M-02" not in text  # its children only
    assert coord.get(reverse("pool:statement_bearer", args=[st.pk, "zz", "csv"])).status_code == 404


def test_import_page_reports_problems_in_german(made, coord):
    from django.core.files.uploadedfile import SimpleUploadedFile

    f = SimpleUploadedFile("b.csv", b"klasse;rechtsgrundlage\n3a;40\n")
    r = coord.post(reverse("pool:pool_import", args=[made.pool.pk]), {"file": f})
    assert "nichts gespeichert" in r.content.decode()


def test_api_plan_has_pseudonyms_only(made, coord):
    r = coord.get(
        reverse("api-pool-plan", args=[made.plan.pk]), HTTP_X_TENANT="landkreis-darmstadt-dieburg"
    )
    assert r.status_code == 200
    assert "M-01" in r.content.decode() and "Becker" not in r.content.decode()


def test_solve_from_the_pool_page_runs_the_job_with_the_configured_workers(
    made, coord, monkeypatch, settings
):
    """The "Wochenplan berechnen" button: the job builds the instance, solves it with the
    time limit asked for and POOL_SOLVER_WORKERS threads, and stores a new plan."""
    from interprochance.pool import tasks
    from interprochance.pool.optimizer import model

    seen = {}

    def spy(instance, **kwargs):
        seen.update(kwargs)
        return model.solve(instance, **kwargs)

    monkeypatch.setattr(tasks, "solve", spy)
    settings.POOL_SOLVER_WORKERS = 1
    before = Plan.objects.filter(pool=made.pool).count()
    r = coord.post(reverse("pool:pool_solve", args=[made.pool.pk]), {"time_limit": "3"})
    assert r.status_code == 302 and r.url.startswith("/auftraege/")
    assert seen == {"time_limit": 3, "workers": 1}
    assert Plan.objects.filter(pool=made.pool).count() == before + 1


def test_solve_form_offers_30_seconds_by_default(made, coord):
    """The background optimisation defaults to 30 s (10 s plans were 1.5-4.5 % dearer on
    the benchmark pools, docs/pool.md)."""
    import re

    page = coord.get(reverse("pool:pool_detail", args=[made.pool.pk])).content.decode()
    field = re.search(r'<input[^>]*name="time_limit"[^>]*>', page)
    assert field is not None and 'value="30"' in field.group(0)
    assert "mehr Rechenzeit ergibt meist einen günstigeren Plan" in page


def test_solve_with_an_impossible_time_limit_says_why_and_starts_nothing(made, coord):
    from interprochance.core.models import Job

    jobs_before = Job.objects.count()
    plans_before = Plan.objects.filter(pool=made.pool).count()
    r = coord.post(
        reverse("pool:pool_solve", args=[made.pool.pk]), {"time_limit": "500"}, follow=True
    )
    page = r.content.decode()
    assert "Rechenzeit in Sekunden" in page and "120" in page
    assert Job.objects.count() == jobs_before
    assert Plan.objects.filter(pool=made.pool).count() == plans_before
