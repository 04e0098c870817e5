import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from interprochance.core import jobs
from interprochance.core.models import Job, JobStatus, Membership
from interprochance.core.tabular import Problems, read_table

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]
ROOT = Path(__file__).resolve().parents[3]


def test_healthz():
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_security_headers_and_csp():
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_login_required_by_default():
    response = Client().get("/uebersicht/")
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")


def test_login_throttling_locks_after_repeated_failures(core_demo):
    client = Client()
    for _ in range(5):
        client.post("/anmelden/", {"username": "demo-planung", "password": "falsch-falsch"})
    response = client.post(
        "/anmelden/", {"username": "demo-planung", "password": "interprochance-demo"}
    )
    assert response.status_code == 429
    assert "Vorübergehend gesperrt" in response.content.decode()


def test_login_with_demo_password_uses_argon2(core_demo):
    client = Client()
    response = client.post(
        "/anmelden/", {"username": "demo-gremium", "password": "interprochance-demo"}
    )
    assert response.status_code == 302 and response["Location"] == "/uebersicht/"


def test_login_redirect_refuses_foreign_hosts(core_demo):
    response = Client().post(
        "/anmelden/",
        {
            "username": "demo-gremium",
            "password": "interprochance-demo",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/uebersicht/"


@override_settings(OTP_REQUIRED_ROLES=["administration"])
def test_two_factor_enforced_for_configured_roles(client_as):
    response = client_as("demo-admin").get("/gebiete/")
    assert response.status_code == 302 and response["Location"] == "/zwei-faktor/"
    assert client_as("demo-planung").get("/gebiete/").status_code == 200


def test_api_token_and_tenant_header(core_demo):
    user = core_demo.users["demo-planung"]
    Membership.objects.create(user=user, tenant=core_demo.landkreis, role="gremium")
    token = Token.objects.create(user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    me = client.get("/api/core/me/").json()
    assert me["tenant"] == "weiterstadt" and me["roles"] == ["sozialplanung"]
    me = client.get("/api/core/me/", HTTP_X_TENANT="landkreis-darmstadt-dieburg").json()
    assert me["roles"] == ["gremium"]
    assert Client().get("/api/core/me/").status_code == 401


def test_api_schema_and_docs():
    schema = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert json.loads(schema.content)["openapi"].startswith("3.")
    docs = Client().get("/api/docs/").content.decode()
    assert "/api/core/areas/" in docs


def test_public_area_api_has_attribution():
    data = Client().get("/api/core/areas/?level=gemeinde").json()
    assert data["count"] == 23
    assert all(item["source"].startswith("© GeoBasis-DE") for item in data["results"])


def _demo_job(job, *, n):
    jobs.progress(job, 50, "Halbzeit")
    return {"url": "/ergebnis/", "label": f"{n} Ergebnisse"}


def _failing_job(job):
    raise ValueError("kaputt")


def test_jobs_run_and_report_progress(core_demo, client_as):
    job = jobs.start(
        kind="test",
        title="Testauftrag",
        func="interprochance.core.tests.test_platform._demo_job",
        tenant=core_demo.weiterstadt,
        actor=core_demo.users["demo-planung"],
        n=3,
    )
    job.refresh_from_db()
    assert (
        job.status == JobStatus.DONE
        and job.progress == 100
        and job.result["label"] == "3 Ergebnisse"
    )
    page = client_as("demo-planung").get(f"/auftraege/{job.pk}/").content.decode()
    assert "3 Ergebnisse" in page
    assert client_as("demo-griesheim").get(f"/auftraege/{job.pk}/").status_code == 404


def test_failed_job_is_marked_failed(core_demo):
    job = jobs.start(
        kind="test",
        title="Fehlt",
        func="interprochance.core.tests.test_platform._failing_job",
        tenant=core_demo.weiterstadt,
        actor=None,
    )
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "kaputt" in job.message
    assert Job.objects.count() == 1


def test_read_table_detects_encodings_and_xlsx(tmp_path):
    text = "name;wert\nGräfenhausen;3\n"
    assert read_table(text.encode("utf-8")).rows[0]["name"] == "Gräfenhausen"
    table = read_table(text.encode("cp1252"))
    assert table.rows[0]["name"] == "Gräfenhausen" and table.encoding == "windows-1252"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["name", "wert"])
    wb.active.append(["Braunshardt", 4])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert read_table(path).rows[0] == {"__row__": "2", "name": "Braunshardt", "wert": "4"}
    with pytest.raises(Problems, match="Zeile 3"):
        read_table(b"a,b\n1,2\n3\n")


def test_load_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="Produktionseinstellungen"):
        call_command("load_demo")


def _settings_process(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_missing_secret_key():
    result = _settings_process(
        {"DJANGO_ENV": "production", "DJANGO_SETTINGS_MODULE": "config.settings"}
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = _settings_process(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    assert result.returncode != 0 and "DJANGO_DEBUG must be off" in result.stderr


def test_german_error_pages():
    assert "Seite nicht gefunden" in Client().get("/nichts-hier/").content.decode()


def test_read_table_takes_the_delimiter_from_the_header():
    data = b'kind;needs;times\nK1;"Pflege, Struktur";Mo 1,2\n'
    row = read_table(data).rows[0]
    assert row["needs"] == "Pflege, Struktur" and row["times"] == "Mo 1,2"
    assert read_table(b"a,b\n1;2,3\n").rows[0] == {"__row__": "2", "a": "1;2", "b": "3"}


def test_dashboard_lists_newest_jobs_of_the_tenant_in_few_queries(
    client_as, core_demo, django_assert_max_num_queries
):
    """The page every signed-in user lands on stays cheap (bench/http.py measures it):
    user, memberships, jobs; no boundary GeoJSON loaded for the tenant switcher."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tenant = core_demo.tenants["weiterstadt"]
    Job.objects.bulk_create(
        [Job(kind="t", title=f"Auftrag {i:02d}", tenant=tenant, status="done") for i in range(8)]
    )
    Job.objects.create(kind="t", title="Fremder Auftrag", tenant=core_demo.tenants["griesheim"])
    client = client_as("demo-planung")
    client.get("/uebersicht/")  # session and caches warm
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(4):
        response = client.get("/uebersicht/")
    page = response.content.decode()
    assert response.status_code == 200
    shown = [f"Auftrag {i:02d}" for i in range(8) if f"Auftrag {i:02d}<" in page]
    assert len(shown) == 5 and "Fremder Auftrag" not in page
    # the quoted column (not geometry_source_id, the boundary's source key)
    assert not any('"geometry"' in q["sql"] for q in captured.captured_queries)


def test_document_pdf_has_the_shared_style_and_the_named_footer(pdf_text):
    from interprochance.core.pdf import document_pdf

    body = "".join(f"<h2>Abschnitt {i}</h2><p>{'Text ' * 400}</p>" for i in range(4))
    page = f"<!DOCTYPE html><html lang='de'><body><h1>Bericht</h1>{body}</body></html>"
    text = pdf_text(document_pdf(page, footer='InterProChance – "Prüf\\bericht"'))
    assert "Abschnitt 3" in text
    pages = text.count('InterProChance – "Prüf\\bericht"')  # quoted for CSS, printed as typed
    assert pages >= 2 and f"Seite {pages} von {pages}" in text
