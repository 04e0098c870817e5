"""Actions: bad input gives a specific German message and writes nothing; consent rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from interprochance.core.models import AuditEvent
from interprochance.counseling import services
from interprochance.counseling.models import (
    Case,
    Consent,
    Contact,
    Document,
    HouseholdIdentity,
    Referral,
    ReferralState,
    Topic,
)

from .conftest import open_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


def test_intake_keeps_identity_apart_and_locates_area(offices):
    case = open_case(
        offices.user_a,
        offices.a,
        name="Clara Test",
        address="Darmstädter Straße 10, 64331 Weiterstadt",
    )
    assert case.number.startswith(f"B-{case.opened_on.year}-")
    assert HouseholdIdentity.objects.get(household=case.household).contact_name == "Clara Test"
    # no name in case data or audit details
    assert "Clara" not in case.summary
    assert not AuditEvent.objects.filter(detail__icontains="Clara").exists()
    assert {t.topic for t in case.topics.all()} == {Topic.HOUSING, Topic.MONEY}


def test_case_numbers_are_sequential_per_tenant(offices):
    c1 = open_case(offices.user_a, offices.a)
    c2 = open_case(offices.user_b, offices.b)
    assert int(c2.number.rsplit("-", 1)[1]) == int(c1.number.rsplit("-", 1)[1]) + 1


def test_script_in_text_refused_nothing_written(offices):
    before = Case.objects.count(), HouseholdIdentity.objects.count()
    with pytest.raises(ValidationError) as exc:
        open_case(offices.user_a, offices.a, name="<script>alert(1)</script>")
    assert "HTML" in _messages(exc.value)
    assert (Case.objects.count(), HouseholdIdentity.objects.count()) == before


def test_contact_in_future_refused(offices):
    with pytest.raises(ValidationError) as exc:
        services.contact_add(
            actor=offices.user_a,
            case=offices.case_a,
            day=TODAY() + timedelta(days=1),
            duration_minutes=30,
            channel="phone",
        )
    assert "Zukunft" in _messages(exc.value)
    assert not Contact.objects.exists()


def test_contact_with_script_notes_refused(offices):
    with pytest.raises(ValidationError):
        services.contact_add(
            actor=offices.user_a,
            case=offices.case_a,
            day=TODAY(),
            duration_minutes=30,
            channel="phone",
            notes='<img src=x onerror="alert(1)">',
        )
    assert not Contact.objects.exists()


def test_closure_needs_outcome(offices):
    with pytest.raises(ValidationError) as exc:
        services.case_close(
            actor=offices.user_a, case=offices.case_a, outcome="", closed_on=TODAY()
        )
    assert "Ergebnis" in _messages(exc.value)
    offices.case_a.refresh_from_db()
    assert offices.case_a.status == "open"
    services.case_close(
        actor=offices.user_a, case=offices.case_a, outcome="achieved", closed_on=TODAY()
    )
    offices.case_a.refresh_from_db()
    assert offices.case_a.status == "closed" and offices.case_a.outcome == "achieved"


def test_document_type_and_size_checked(offices):
    exe = SimpleUploadedFile("bescheid.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor=offices.user_a, case=offices.case_a, title="Bescheid", upload=exe
        )
    assert "Dateityp" in _messages(exc.value)
    big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4" + b"0" * 2000, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor=offices.user_a, case=offices.case_a, title="Groß", upload=big, max_bytes=1000
        )
    assert "zu groß" in _messages(exc.value)
    assert not Document.objects.exists()
    ok = services.document_add(
        actor=offices.user_a,
        case=offices.case_a,
        title="Bescheid",
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 ok", content_type="application/pdf"),
    )
    assert ok.content_type == "application/pdf" and ok.size == 11 and len(ok.sha256) == 64


def _consent(offices, **kw):
    data = {
        "actor": offices.user_a,
        "case": offices.case_a,
        "purpose": "referral",
        "recipients": [f"office:{offices.b.pk}"],
        "recipient_label": "Stelle B",
        "categories": ["contact", "topics"],
        "given_on": TODAY(),
        "form": "written",
    }
    data.update(kw)
    return services.consent_record(**data)


def test_referral_without_consent_refused(offices):
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
        )
    assert "Einwilligung" in _messages(exc.value)
    assert not Referral.objects.exists()


def test_referral_needs_every_category_consented(offices):
    _consent(offices, categories=["contact"])
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=offices.user_a,
            case=offices.case_a,
            categories=["contact", "notes"],
            to_office=offices.b,
        )
    assert "notes" in _messages(exc.value)
    assert not Referral.objects.exists()


def test_referral_with_consent_hands_over_only_consented_data(offices):
    consent = _consent(offices)
    services.contact_add(
        actor=offices.user_a,
        case=offices.case_a,
        day=TODAY(),
        duration_minutes=30,
        channel="phone",
        notes="vertraulich",
    )
    referral = services.referral_send(
        actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
    )
    assert referral.consent == consent and referral.state == ReferralState.SENT
    assert referral.handover["contact"]["name"] == "Anna Alpha"
    assert "notes" not in referral.handover and "topics" not in referral.handover
    assert AuditEvent.objects.filter(
        action="counseling.referral_send", object_id=str(referral.pk)
    ).exists()


def test_consent_for_other_recipient_does_not_count(offices):
    _consent(offices, recipients=["office:999999"])
    with pytest.raises(ValidationError):
        services.referral_send(
            actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
        )


def test_withdrawn_consent_blocks_and_revokes(offices):
    consent = _consent(offices)
    referral = services.referral_send(
        actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
    )
    services.consent_withdraw(actor=offices.user_a, consent=consent, withdrawn_on=TODAY())
    referral.refresh_from_db()
    assert referral.state == ReferralState.REVOKED and referral.handover == {}
    with pytest.raises(ValidationError):
        services.referral_send(
            actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
        )


def test_override_needs_lead_and_reason_and_is_audited(offices):
    case_b = offices.case_b  # user_b is not lead of office B
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=offices.user_b,
            case=case_b,
            categories=["contact"],
            to_office=offices.a,
            override_reason="Gefährdung des Kindeswohls, sofortige Hilfe nötig",
            actor_is_lead=False,
        )
    assert "Leitung" in _messages(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.referral_send(
            actor=offices.user_a,
            case=offices.case_a,
            categories=["contact"],
            to_office=offices.b,
            override_reason="kurz",
            actor_is_lead=True,
        )
    assert "20 Zeichen" in _messages(exc.value)
    referral = services.referral_send(
        actor=offices.user_a,
        case=offices.case_a,
        categories=["contact"],
        to_office=offices.b,
        override_reason="Gefährdung des Kindeswohls, sofortige Hilfe nötig",
        actor_is_lead=True,
    )
    assert referral.override_role == "office_lead" and referral.consent is None
    event = AuditEvent.objects.get(
        action="counseling.referral_override", object_id=str(referral.pk)
    )
    assert event.detail["override_role"] == "office_lead"


def test_referral_states(offices):
    _consent(offices)
    referral = services.referral_send(
        actor=offices.user_a, case=offices.case_a, categories=["contact"], to_office=offices.b
    )
    with pytest.raises(ValidationError):
        services.referral_transition(
            actor=offices.user_a, referral=referral, target="accepted", side="sender"
        )
    services.referral_transition(
        actor=offices.user_b,
        referral=referral,
        target="accepted",
        side="receiver",
        feedback="Termin am Montag",
    )
    services.referral_transition(
        actor=offices.user_b, referral=referral, target="done", side="receiver"
    )
    referral.refresh_from_db()
    assert referral.state == "done" and "Termin am Montag" in referral.feedback
    with pytest.raises(ValidationError):
        services.referral_transition(
            actor=offices.user_a, referral=referral, target="revoked", side="sender"
        )


def test_consent_in_future_refused(offices):
    with pytest.raises(ValidationError):
        _consent(offices, given_on=TODAY() + timedelta(days=3))
    assert not Consent.objects.exists()


def test_economics_validation_and_benefits_inputs(offices):
    from datetime import date

    hh = offices.case_a.household
    with pytest.raises(ValidationError):
        services.household_set_economics(
            actor=offices.user_a,
            household=hh,
            members=[services.MemberData(role="child", birth_date=date(2018, 1, 1))],
            housing_cost_cents=50000,
            current_benefits=[],
        )
    services.household_set_economics(
        actor=offices.user_a,
        household=hh,
        members=[
            services.MemberData(
                role="adult",
                birth_date=date(1990, 1, 1),
                gross_earned_cents=150000,
                net_earned_cents=115000,
            ),
            services.MemberData(
                role="child", birth_date=date(2018, 5, 1), kindergeld=True, schooling="school"
            ),
        ],
        housing_cost_cents=80000,
        current_benefits=["wohngeld"],
    )
    assert hh.members.count() == 2
