"""The status report: sections from existing modules, HTML + PDF, archive."""

import datetime as dt
import io

import pytest
from django.utils import translation

from interprochance.core.demo import load_demo
from interprochance.core.models import Job
from interprochance.governance.models import StatusReport
from interprochance.governance.report.generate import (
    build_document,
    render_fragment,
    report_generate,
)
from interprochance.governance.report.sections import (
    SECTION_KEYS,
    SECTION_TITLES,
    all_builders,
    module_selectors,
)

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_report_from_demo_html_pdf_and_versions(core_demo, pdf_text):
    load_demo(only=["participation", "governance", "transfer"], stdout=io.StringIO())
    tenant = core_demo.weiterstadt
    start, end = dt.date(2025, 1, 1), dt.date.today()
    report = report_generate(tenant=tenant, kind="on_demand", start=start, end=end, actor=None)
    keys = [s["key"] for s in report.sections]
    assert {"agreement", "participation", "governance"} <= set(keys)
    assert keys == [k for k in SECTION_KEYS if k in keys]  # template order
    html = report.html
    assert 'class="report-toc"' in html and 'href="#sec-participation"' in html
    assert "<svg" in html and 'role="img"' in html  # chart, accessible
    assert "Kooperationsvereinbarung InterProChance" in html and "16.09.2014" in html
    printed = pdf_text(bytes(report.pdf))
    assert "Kooperationsvereinbarung InterProChance" in printed and "16.09.2014" in printed
    assert "InterProChance – Statusbericht" in printed  # footer of the shared document style
    assert "Seite 1 von" in printed
    again = report_generate(tenant=tenant, kind="on_demand", start=start, end=end, actor=None)
    assert again.version == 2 and StatusReport.objects.filter(tenant=tenant).count() == 2


def test_section_titles_in_the_language_the_report_is_rendered_in(core_demo):
    load_demo(only=["participation", "governance"], stdout=io.StringIO())
    doc = build_document(core_demo.weiterstadt, "on_demand", dt.date(2025, 1, 1), dt.date.today())
    titles = {s.key: s.title for s in doc.sections}
    # the document model keeps the German titles (they are archived with the report)
    assert titles["governance"] == "Gremien, Beschlüsse und offene Aufgaben"
    assert titles == {key: SECTION_TITLES[key] for key in titles}
    german = render_fragment(doc)
    assert "1. Projektgrundlage und Laufzeit</h2>" in german
    assert ">Gremien, Beschlüsse und offene Aufgaben</a>" in german  # table of contents
    with translation.override("en"):
        english = render_fragment(doc)
    assert "1. Project basis and term</h2>" in english
    assert ">Committees, decisions and open tasks</a>" in english
    assert "Participation concepts in daycare centres and schools</h2>" in english
    assert "Gremien, Beschlüsse und offene Aufgaben" not in english


def test_sections_only_for_existing_modules():
    builders = all_builders()
    for key in ("participation", "governance", "agreement"):
        assert key in builders
    # a module that is not installed has no selectors and no section
    assert module_selectors("does_not_exist") is None


def test_report_job_via_view(core_demo, client_as):
    client = client_as("demo-planung")
    response = client.post(
        "/gremien/berichte/",
        {"kind": "on_demand", "period_start": "2026-01-01", "period_end": "2026-03-31"},
    )
    assert response.status_code == 302 and "/auftraege/" in response["Location"]
    job = Job.objects.filter(kind="governance.status_report").latest("created")
    assert job.status == "done", job.message
    report = StatusReport.objects.get(pk=job.result["report_id"])
    page = client.get(f"/gremien/bericht/{report.pk}/")
    assert page.status_code == 200 and "Statusbericht" in page.content.decode()
    pdf = client.get(f"/gremien/bericht/{report.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    bad = client.post(
        "/gremien/berichte/",
        {"kind": "on_demand", "period_start": "2026-03-31", "period_end": "2026-01-01"},
    )
    assert bad.status_code == 200 and "Ende liegt vor dem Beginn" in bad.content.decode()


def test_scheduled_reports_command(core_demo):
    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "generate_status_reports", tenant=["weiterstadt"], today=dt.date(2026, 11, 25), stdout=out
    )
    reports = StatusReport.objects.filter(tenant=core_demo.weiterstadt)
    assert {(r.kind, r.period_start, r.period_end) for r in reports} == {
        ("quarterly", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("yearly", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    }
    out = io.StringIO()
    call_command(
        "generate_status_reports", tenant=["weiterstadt"], today=dt.date(2026, 11, 26), stdout=out
    )
    assert "0 Bericht(e) erstellt." in out.getvalue()  # already archived


def test_agreement_reminders_command(core_demo):
    from django.core.management import call_command

    from interprochance.governance.services import agreement_create

    agreement_create(
        tenant=core_demo.weiterstadt,
        title="KV",
        parties="A und B",
        signed=dt.date(2014, 9, 16),
        initial_months=24,
        renewal_months=12,
        notice_months=3,
        actor=None,
    )
    out = io.StringIO()
    call_command("agreement_reminders", on=dt.date(2027, 5, 16), stdout=out)  # 30 days before
    assert "Kündigung bis 15.06.2027" in out.getvalue()
    out = io.StringIO()
    call_command("agreement_reminders", on=dt.date(2027, 5, 17), stdout=out)
    assert "0 Erinnerung(en)" in out.getvalue()
