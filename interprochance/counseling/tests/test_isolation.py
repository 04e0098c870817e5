"""Office A's counsellor gets 404 for everything of office B (web and API,
including search and exports); the outsider from Griesheim sees nothing.
Runs against the demo users demo-beratung-a, demo-beratung-b, demo-griesheim."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from interprochance.counseling import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def b_records(offices):
    ub, case = offices.user_b, offices.case_b
    today = timezone.localdate()
    contact = services.contact_add(
        actor=ub, case=case, day=today, duration_minutes=30, channel="phone", notes="B-Notiz"
    )
    doc = services.document_add(
        actor=ub,
        case=case,
        title="B-Dokument",
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 b", content_type="application/pdf"),
    )
    consent = services.consent_record(
        actor=ub,
        case=case,
        purpose="referral",
        recipients=["service:4711"],
        recipient_label="Angebot",
        categories=["contact"],
        given_on=today,
        form="written",
    )
    referral = services.referral_send(
        actor=ub, case=case, categories=["contact"], service_id=4711, to_label="Schuldnerberatung"
    )
    return {
        "case": case,
        "contact": contact,
        "doc": doc,
        "consent": consent,
        "referral": referral,
        "goal": services.goal_add(actor=ub, case=case, text="Ziel B", agreed_on=today),
        "task": services.task_add(actor=ub, case=case, title="Aufgabe B", due_on=today),
    }


def _b_urls(r):
    c = r["case"].pk
    hh = r["case"].household_id
    get = [
        reverse("counseling:case_detail", args=[c]),
        reverse("counseling:benefits", args=[c]),
        reverse("counseling:access_log", args=[c]),
        reverse("counseling:contact_detail", args=[r["contact"].pk]),
        reverse("counseling:document_download", args=[r["doc"].pk]),
        reverse("counseling:referral_detail", args=[r["referral"].pk]),
        reverse("counseling:household_export", args=[hh, "json"]),
        reverse("counseling:household_export", args=[hh, "pdf"]),
        reverse("counseling:erasure", args=[hh]),
    ]
    post = [
        reverse("counseling:contact_add", args=[c]),
        reverse("counseling:topics_update", args=[c]),
        reverse("counseling:goal_add", args=[c]),
        reverse("counseling:goal_status", args=[c, r["goal"].pk]),
        reverse("counseling:task_add", args=[c]),
        reverse("counseling:task_done", args=[c, r["task"].pk]),
        reverse("counseling:document_add", args=[c]),
        reverse("counseling:consent_add", args=[c]),
        reverse("counseling:consent_withdraw", args=[r["consent"].pk]),
        reverse("counseling:referral_add", args=[c]),
        reverse("counseling:case_close", args=[c]),
        reverse("counseling:fund_start", args=[c]),
        reverse("counseling:erasure", args=[hh]),
        reverse("counseling:referral_detail", args=[r["referral"].pk]),
    ]
    api = [
        f"/api/counseling/cases/{c}/",
        f"/api/counseling/contacts/{r['contact'].pk}/",
        f"/api/counseling/documents/{r['doc'].pk}/",
        f"/api/counseling/referrals/{r['referral'].pk}/",
    ]
    return get, post, api


@pytest.mark.parametrize("username", ["demo-beratung-a", "demo-griesheim"])
def test_everything_of_office_b_is_404(client_as, b_records, username):
    client = client_as(username)
    get, post, api = _b_urls(b_records)
    for url in get:
        assert client.get(url).status_code == 404, url
    for url in post:
        assert (
            client.post(
                url,
                {
                    "k-date": "2020-01-01",
                    "status": "achieved",
                    "w-withdrawn_on": "2020-01-01",
                    "s-outcome": "achieved",
                    "s-closed_on": "2020-01-01",
                    "target": "revoked",
                },
            ).status_code
            == 404
        ), url
    for url in api:
        assert client.get(url, HTTP_ACCEPT="application/json").status_code == 404, url
    # nothing was changed by those attempts
    b_records["case"].refresh_from_db()
    assert b_records["case"].status == "open"
    assert b_records["referral"].__class__.objects.get(pk=b_records["referral"].pk).state == "sent"


def test_office_b_counsellor_sees_own(client_as, b_records):
    client = client_as("demo-beratung-b")
    get, _post, api = _b_urls(b_records)
    for url in get:
        assert client.get(url).status_code == 200, url
    for url in api:
        assert client.get(url, HTTP_ACCEPT="application/json").status_code == 200, url


def test_search_list_and_exports_never_show_other_office(client_as, offices):
    client = client_as("demo-beratung-a")
    for q in ("", "Berta", offices.case_b.number, offices.case_b.household.pseudonym, "B-"):
        response = client.get(reverse("counseling:case_list"), {"q": q})
        assert offices.case_b.pk not in [c.pk for c in response.context["page"].object_list]
        assert (
            reverse("counseling:case_detail", args=[offices.case_b.pk])
            not in response.content.decode()
        )
        api = client.get("/api/counseling/cases/", {"q": q}, HTTP_ACCEPT="application/json").json()
        rows = api["results"] if isinstance(api, dict) else api
        assert offices.case_b.number not in json.dumps(rows)
        for fmt in ("csv", "xlsx"):
            body = client.get(reverse("counseling:case_export"), {"q": q, "format": fmt}).content
            assert offices.case_b.number.encode() not in body
    # and the own case is found by name
    html = client.get(reverse("counseling:case_list"), {"q": "anna"}).content.decode()
    assert offices.case_a.number in html


def test_outsider_lists_are_404_or_empty(client_as, offices):
    client = client_as("demo-griesheim")
    for name in ("case_list", "case_export", "referral_list", "request_queue", "intake"):
        assert client.get(reverse(f"counseling:{name}")).status_code == 404, name
    assert client.get("/api/counseling/cases/", HTTP_ACCEPT="application/json").status_code == 404
    assert (
        client.get("/api/counseling/referrals/", HTTP_ACCEPT="application/json").status_code == 404
    )


def test_colleague_without_role_sees_nothing(client_as, offices):
    client = client_as("demo-planung")
    assert client.get(reverse("counseling:case_list")).status_code == 404
    assert (
        client.get(reverse("counseling:case_detail", args=[offices.case_a.pk])).status_code == 404
    )


def test_receiving_office_sees_referral_handover_but_not_case(client_as, offices):
    services.consent_record(
        actor=offices.user_a,
        case=offices.case_a,
        purpose="referral",
        recipients=[f"office:{offices.b.pk}"],
        recipient_label="B",
        categories=["contact"],
        given_on=timezone.localdate(),
        form="written",
    )
    referral = services.referral_send(
        actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
    )
    client = client_as("demo-beratung-b")
    page = client.get(reverse("counseling:referral_detail", args=[referral.pk]))
    assert page.status_code == 200 and "Anna Alpha" in page.content.decode()
    assert (
        client.get(reverse("counseling:case_detail", args=[offices.case_a.pk])).status_code == 404
    )
    # the receiver accepts; the sender sees the feedback
    client.post(
        reverse("counseling:referral_detail", args=[referral.pk]),
        {"target": "accepted", "feedback": "Termin vereinbart"},
    )
    referral.refresh_from_db()
    assert referral.state == "accepted" and "Termin vereinbart" in referral.feedback


def test_sender_records_service_feedback_on_behalf(client_as, offices):
    from interprochance.core.models import AuditEvent

    services.consent_record(
        actor=offices.user_a,
        case=offices.case_a,
        purpose="referral",
        recipients=["service:31"],
        recipient_label="Angebot",
        categories=["contact"],
        given_on=timezone.localdate(),
        form="written",
    )
    referral = services.referral_send(
        actor=offices.user_a,
        case=offices.case_a,
        categories=["contact"],
        service_id=31,
        to_label="Tafel",
    )
    client = client_as("demo-beratung-a")
    url = reverse("counseling:referral_detail", args=[referral.pk])
    assert "stellvertretend" in client.get(url).content.decode()
    assert (
        client.post(url, {"target": "accepted", "feedback": "Aufnahme zugesagt"}).status_code == 302
    )
    assert client.post(url, {"target": "done"}).status_code == 302
    referral.refresh_from_db()
    assert referral.state == "done" and "Aufnahme zugesagt" in referral.feedback
    assert AuditEvent.objects.filter(
        action="counseling.referral_accepted", detail__on_behalf_of_service=True
    ).exists()


def test_sender_cannot_answer_for_an_office(client_as, offices):
    services.consent_record(
        actor=offices.user_a,
        case=offices.case_a,
        purpose="referral",
        recipients=[f"office:{offices.b.pk}"],
        recipient_label="B",
        categories=["contact"],
        given_on=timezone.localdate(),
        form="written",
    )
    referral = services.referral_send(
        actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
    )
    r = client_as("demo-beratung-a").post(
        reverse("counseling:referral_detail", args=[referral.pk]), {"target": "accepted"}
    )
    assert r.status_code == 400
    referral.refresh_from_db()
    assert referral.state == "sent"
