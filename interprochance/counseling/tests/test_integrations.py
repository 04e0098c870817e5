"""Seams to the directory (referral targets) and the fund (application from a case)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from interprochance.core.models import AuditEvent
from interprochance.counseling import integrations, services

pytestmark = pytest.mark.django_db


def test_fund_application_started_from_case_without_retyping(client_as, offices):
    assert integrations.fund_available()
    case = services.case_open(
        actor=offices.user_a,
        office=offices.a,
        data=services.IntakeData(
            contact_name="Fund Familie",
            topics=("money",),
            phone="0615011",
            address="Darmstädter Straße 10, 64331 Weiterstadt",
        ),
    )
    services.household_set_economics(
        actor=offices.user_a,
        household=case.household,
        housing_cost_cents=0,
        current_benefits=[],
        members=[
            services.MemberData(role="adult", birth_date=date(1990, 1, 1)),
            services.MemberData(role="child", birth_date=date(2017, 3, 1)),
        ],
    )
    client = client_as("demo-beratung-a")
    # without the family's consent to share with the fund: refused, nothing started
    r = client.post(reverse("counseling:fund_start", args=[case.pk]), {"child": "1"}, follow=True)
    assert "Einwilligung" in r.content.decode()
    assert not AuditEvent.objects.filter(action="counseling.fund_start").exists()
    services.consent_record(
        actor=offices.user_a,
        case=case,
        purpose="fund",
        recipients=["fund"],
        recipient_label="Sozialfonds",
        categories=["household"],
        given_on=timezone.localdate(),
        form="written",
    )
    r = client.post(reverse("counseling:fund_start", args=[case.pk]), {"child": "1"})
    assert r.status_code == 302
    url = urlsplit(r["Location"])
    assert url.path == reverse("fund:application_new")
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert params["case_ref"] == case.number
    assert params["household_ref"] == case.household.pseudonym
    assert params["child_ref"] == f"{case.household.pseudonym}-K1"
    assert params["area_code"] == case.area.code
    assert params["life_phase"] == integrations.life_phase(int(params["child_age"]))
    assert "Fund" not in r["Location"]  # no identity leaves the counselling module
    # the fund form opens prefilled for the counsellor
    page = client.get(r["Location"])
    assert page.status_code == 200 and case.number in page.content.decode()
    assert AuditEvent.objects.filter(
        action="counseling.fund_start", object_id=str(case.pk)
    ).exists()


def test_fund_start_of_other_office_is_404(client_as, offices):
    assert (
        client_as("demo-beratung-a")
        .post(reverse("counseling:fund_start", args=[offices.case_b.pk]), {"child": "1"})
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("age", "phase"),
    [(0, "birth"), (3, "early"), (7, "primary"), (12, "secondary"), (17, "transition")],
)
def test_life_phase(age, phase):
    assert integrations.life_phase(age) == phase


def test_referral_to_directory_service_with_consent(client_as, offices, monkeypatch):
    target = {
        "id": 77,
        "label": "Schuldnerberatung Weiterstadt",
        "organisation_id": 5,
        "organisation": "Caritas",
    }
    monkeypatch.setattr(integrations, "directory_services", lambda tenant: [target])
    from interprochance.counseling import views

    monkeypatch.setattr(views, "directory_services", lambda tenant: [target])
    client = client_as("demo-beratung-a")
    url = reverse("counseling:referral_add", args=[offices.case_a.pk])
    # without consent: refused
    r = client.post(url, {"v-target": "service:77", "v-categories": ["contact"]})
    assert r.status_code == 400
    # consent given to the organisation covers its service
    services.consent_record(
        actor=offices.user_a,
        case=offices.case_a,
        purpose="referral",
        recipients=["organisation:5"],
        recipient_label="Caritas",
        categories=["contact"],
        given_on=timezone.localdate(),
        form="oral",
    )
    r = client.post(url, {"v-target": "service:77", "v-categories": ["contact"]})
    assert r.status_code == 302
    referral = offices.case_a.referrals.get()
    assert referral.to_service_id == 77 and referral.to_label == "Schuldnerberatung Weiterstadt"
    # unknown service ids are refused
    r = client.post(url, {"v-target": "service:999", "v-categories": ["contact"]})
    assert r.status_code == 400
