"""Actions of the fund through their service functions (database, SQLite or PostgreSQL)."""

import uuid
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from interprochance.core.models import AuditEvent
from interprochance.fund import selectors, services
from interprochance.fund.models import (
    Application,
    LedgerPosting,
    LedgerTransaction,
    Payout,
    PayoutBatch,
    Status,
)
from interprochance.fund.services import FundError

from .conftest import app_input

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def bal(world, source):
    return next(b for b in selectors.source_balances(world.tenant) if b.source == source)


def assert_ledger_sound(world):
    check = selectors.ledger_totals_check(world.tenant)
    assert check == {"sum": 0, "unbalanced": 0}
    assert selectors.ledger_totals_verify(world.tenant) == []
    for b in selectors.source_balances(world.tenant):
        assert b.available >= 0 and b.committed >= 0
        assert b.contributed == b.available + b.committed + b.paid


def test_budget_posts_contribution(world):
    assert bal(world, world.stadt).available == 100_000
    assert bal(world, world.spende).contributed == 30_000
    assert_ledger_sound(world)


def test_submit_pseudonymises_and_records_statutory_check(world, submit):
    app = submit(benefits=("sgb2",), fund_reason="urgent")
    assert app.status == Status.SUBMITTED
    assert app.child_ref.startswith("K-") and "Mia" not in app.child_ref
    assert app.household_ref.startswith("H-")
    assert app.statutory["routes"][0]["legal_basis"] == "§ 28 Abs. 2 SGB II"
    assert app.fund_reason == "urgent"
    assert AuditEvent.objects.filter(
        action="fund.application_submit", object_id=str(app.pk)
    ).exists()
    # the same child gets the same pseudonym again (caps work across applications)
    again = submit(purpose="club_fee", total="50", amount="50", child_key="  mia   2014-05-03 ")
    assert again.child_ref == app.child_ref


def test_statutory_first_requires_reason(world, submit):
    with pytest.raises(FundError) as exc:
        submit(benefits=("sgb2",))
    assert "§ 28 Abs. 2 SGB II" in exc.value.errors["fund_reason"]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("over", "field", "fragment"),
    [
        ({"amount": "0"}, "amount", "größer als 0,00"),
        ({"amount": "-10"}, "amount", "nicht negativ"),
        ({"amount": "10,005"}, "amount", "zwei Nachkommastellen"),
        ({"provider_iban": "DE89370400440532013001"}, "provider_iban", "Prüfziffer"),
        ({"amount": "300", "total": "250"}, "amount", "höher als die Gesamtkosten"),
        ({"purpose": "yacht"}, "purpose", "Zweck"),
        ({"area_code": "nope"}, "area_code", "Sozialraum"),
        ({"child_key": ""}, "child_key", "Pseudonym"),
        ({"total": "500", "amount": "401"}, "amount", "Höchstbetrag"),
    ],
)
def test_bad_input_writes_nothing(world, submit, over, field, fragment):
    before = AuditEvent.objects.count()
    with pytest.raises(FundError) as exc:
        submit(**over)
    assert fragment in exc.value.errors[field]
    assert not Application.objects.exists()
    assert AuditEvent.objects.count() == before


def test_double_submission_of_same_form_refused(world):
    token = uuid.uuid4()
    first = services.application_submit(
        actor=world.beratung, tenant=world.tenant, form_token=token, data=app_input(world)
    )
    with pytest.raises(FundError) as exc:
        services.application_submit(
            actor=world.beratung, tenant=world.tenant, form_token=token, data=app_input(world)
        )
    assert exc.value.code == "duplicate"
    assert first.number in exc.value.message
    assert Application.objects.count() == 1


def test_cap_counts_pending_applications_of_the_same_child(world, submit):
    submit(total="300", amount="300")
    with pytest.raises(FundError) as exc:
        submit(total="150", amount="150")
    assert "Höchstbetrag für „Klassenfahrt“" in exc.value.errors["amount"]
    assert "Möglich sind noch 100,00 €" in exc.value.errors["amount"]


def test_cap_message_in_the_readers_language_german_unchanged(world, submit):
    submit(total="300", amount="300")
    with pytest.raises(FundError) as exc:
        submit(total="150", amount="150")
    assert exc.value.errors["amount"] == (
        "Der Höchstbetrag für „Klassenfahrt“ je Kind und Jahr ist 400,00 €; bereits bewilligt "
        "oder beantragt: 300,00 €. Möglich sind noch 100,00 €."
    )
    with translation.override("en"), pytest.raises(FundError) as exc:
        submit(total="150", amount="150")
    assert exc.value.errors["amount"] == (
        "The maximum for “Class trip” per child and year is 400,00 €; already approved or "
        "applied for: 300,00 €. Still possible: 100,00 €."
    )


def test_statutory_first_message_in_the_readers_language(world, submit):
    with translation.override("en"), pytest.raises(FundError) as exc:
        submit(benefits=("sgb2",))
    assert exc.value.errors["fund_reason"].startswith(
        "“Education and participation package: class trip” (§ 28 Abs. 2 SGB II) comes first, "
        "responsible: Jobcenter."
    )


def test_validation_messages_in_the_readers_language(world, submit):
    with pytest.raises(FundError) as exc:
        submit(description="kurz")
    assert exc.value.errors["description"] == (
        "Bitte beschreiben Sie den Bedarf in mindestens einem Satz."
    )
    with translation.override("en"), pytest.raises(FundError) as exc:
        submit(description="kurz")
    assert exc.value.errors["description"] == "Please describe the need in at least one sentence."


def test_four_eyes_proposer_cannot_approve(world, submit, make_user):
    from interprochance.core.models import Membership
    from interprochance.core.roles import Role

    app = submit()
    # one person holding both roles
    Membership.objects.create(user=world.fonds, tenant=world.tenant, role=Role.FONDS_ANORDNUNG)
    services.application_propose(actor=world.fonds, application=app, decision="approve")
    with pytest.raises(FundError) as exc:
        services.application_decide(actor=world.fonds, application=app, approve=True)
    assert exc.value.code == "four_eyes"
    app.refresh_from_db()
    assert app.status == Status.PROPOSED
    assert not LedgerTransaction.objects.filter(application=app).exists()


def test_four_eyes_enforced_by_database_constraint(world, submit):
    app = submit()
    Application.objects.filter(pk=app.pk).update(proposed_by=world.fonds)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=app.pk).update(decided_by=world.fonds)


def test_applicant_cannot_propose_own_application(world, submit):
    app = submit(actor=world.fonds)
    with pytest.raises(FundError):
        services.application_propose(actor=world.fonds, application=app, decision="approve")


def test_approval_binds_earmarked_money_first(world, approved):
    app = approved()
    assert app.status == Status.APPROVED
    assert "Gute Nachricht" in app.notice and "250,00 €" in app.notice
    assert bal(world, world.spende).committed == 25_000
    assert bal(world, world.stadt).committed == 0
    assert_ledger_sound(world)


def test_notice_for_the_family_stays_german_whatever_the_deciders_language(world, submit):
    app = submit()
    services.application_propose(actor=world.fonds, application=app, decision="approve")
    with translation.override("en"):
        app = services.application_decide(actor=world.anordnung, application=app, approve=True)
    assert app.notice.startswith(
        "Gute Nachricht: Der Sozialfonds übernimmt 250,00 € für „Klassenfahrt“."
    )


def test_budget_exhausted_refused_nothing_written(world, submit):
    from interprochance.fund.models import FundPurpose

    FundPurpose.objects.filter(key="tutoring").update(cap_cents=500_000)
    services.settings_for(world.tenant).__class__.objects.filter(tenant=world.tenant).update(
        child_year_cap_cents=500_000
    )
    app = submit(purpose="tutoring", total="1.200", amount="1.200", child_key="Ben 2012-01-01")
    services.application_propose(actor=world.fonds, application=app, decision="approve")
    with pytest.raises(FundError) as exc:
        services.application_decide(actor=world.anordnung, application=app, approve=True)
    assert exc.value.code == "budget"
    assert "1.000,00 €" in exc.value.message and "1.200,00 €" in exc.value.message
    app.refresh_from_db()
    assert app.status == Status.PROPOSED
    assert not LedgerTransaction.objects.filter(application=app).exists()


def test_rejection_needs_reason_and_gives_plain_notice(world, submit):
    app = submit()
    with pytest.raises(FundError):
        services.application_propose(actor=world.fonds, application=app, decision="reject", note="")
    services.application_propose(
        actor=world.fonds, application=app, decision="reject", note="Die Fahrt ist bereits bezahlt."
    )
    app = services.application_decide(actor=world.anordnung, application=app, approve=True)
    assert app.status == Status.REJECTED
    assert "leider nicht" in app.notice and "bereits bezahlt" in app.notice


def test_return_to_caseworker(world, submit):
    app = submit()
    services.application_propose(actor=world.fonds, application=app, decision="approve")
    app = services.application_return(actor=world.anordnung, application=app, note="Betrag prüfen")
    assert app.status == Status.SUBMITTED and app.proposed_by is None
    services.application_propose(
        actor=world.fonds2, application=app, decision="approve", amount="200"
    )
    app = services.application_decide(actor=world.anordnung, application=app, approve=True)
    assert app.approved_cents == 20_000


def test_payout_batch_idempotent_and_exports_valid_sepa(world, approved):
    a1 = approved()
    a2 = approved(purpose="club_fee", total="60", amount="60", child_key="Ole 2015-02-02")
    key = uuid.uuid4()
    run = date.today() + timedelta(days=2)
    batch = services.payout_batch_create(
        actor=world.fonds, tenant=world.tenant, request_key=key, execution_date=run
    )
    assert batch.count == 2 and batch.total_cents == 31_000
    again = services.payout_batch_create(
        actor=world.fonds, tenant=world.tenant, request_key=key, execution_date=run
    )
    assert again.pk == batch.pk
    assert PayoutBatch.objects.count() == 1 and Payout.objects.count() == 2
    with pytest.raises(FundError) as exc:  # a new request finds nothing left to pay
        services.payout_batch_create(
            actor=world.fonds, tenant=world.tenant, request_key=uuid.uuid4(), execution_date=run
        )
    assert exc.value.code == "empty"
    xml = services.payout_batch_export(actor=world.fonds, batch=batch)
    assert b"pain.001.001.09" in xml and f"<EndToEndId>{a1.number}</EndToEndId>".encode() in xml
    assert services.payout_batch_export(actor=world.fonds, batch=batch) == xml
    for a in (a1, a2):
        a.refresh_from_db()
        assert a.status == Status.PAID
    assert bal(world, world.spende).paid == 25_000
    assert bal(world, world.stadt).paid == 6_000
    assert_ledger_sound(world)


def test_proof_of_use_releases_unused_commitment(world, approved):
    app = approved()
    services.proof_record(actor=world.fonds, application=app, used="210,00")
    app.refresh_from_db()
    assert app.approved_cents == 21_000
    assert bal(world, world.spende).committed == 21_000
    assert bal(world, world.spende).available == 9_000
    with pytest.raises(FundError):
        services.proof_record(actor=world.fonds, application=app, used="1")
    assert_ledger_sound(world)


def test_ledger_rows_cannot_be_changed_or_deleted_through_the_orm(world):
    tx = LedgerTransaction.objects.first()
    with pytest.raises(PermissionError):
        tx.save()
    with pytest.raises(PermissionError):
        tx.delete()
    with pytest.raises(PermissionError):
        LedgerPosting.objects.filter(transaction=tx).update(amount_cents=1)
    with pytest.raises(PermissionError):
        LedgerPosting.objects.all().delete()


def test_correction_is_a_reversal(world):
    from interprochance.fund.models import TxKind

    src = services.source_create(
        actor=world.anordnung, tenant=world.tenant, key="x", name="Irrtum", kind="spende"
    )
    services.source_budget_add(
        actor=world.anordnung, source=src, year=date.today().year, amount="50"
    )
    tx = LedgerTransaction.objects.get(budget__source=src)
    services.ledger_reverse(actor=world.anordnung, tx=tx, memo="Doppelt erfasst")
    assert bal(world, src).available == 0
    with pytest.raises(FundError) as exc:
        services.ledger_reverse(actor=world.anordnung, tx=tx, memo="noch einmal")
    assert exc.value.code == "already_reversed"
    rev = LedgerTransaction.objects.get(reverses=tx)
    with pytest.raises(FundError):
        services.ledger_reverse(actor=world.anordnung, tx=rev, memo="Storno vom Storno")
    assert rev.kind == TxKind.CONTRIBUTION
    assert_ledger_sound(world)


def test_reversal_that_would_overdraw_is_refused(world, approved):
    approved()  # binds 250 of the 300 donated
    tx = LedgerTransaction.objects.get(budget__source=world.spende)
    with pytest.raises(FundError) as exc:
        services.ledger_reverse(actor=world.anordnung, tx=tx, memo="Spende zurück")
    assert exc.value.code == "overdraft"
    assert "Spende Klassenfahrten" in exc.value.message


def test_totals_verify_detects_tampering(world, approved):
    from interprochance.fund.models import LedgerTotal

    approved()
    assert selectors.ledger_totals_verify(world.tenant) == []
    LedgerTotal.objects.filter(account="commit").update(amount_cents=1)
    assert selectors.ledger_totals_verify(world.tenant)


def test_yearly_report_and_fund_report(world, approved):
    approved()
    year = date.today().year
    rows = {r.name: r for r in selectors.yearly_report(world.tenant, year)}
    r = rows["Spende Klassenfahrten"]
    assert (r.contributed, r.committed, r.paid, r.available_end, r.committed_end) == (
        30_000,
        25_000,
        0,
        5_000,
        25_000,
    )
    rep = selectors.fund_report(world.tenant, year)
    assert rep.total_cents == 25_000
    assert rep.total_children is None  # one child: small number suppressed
    assert all(c.suppressed for c in rep.by_area)
    assert rep.decisions is None  # one decision: too few to show a mean


def test_start_from_case_service(world):
    init = services.application_start_from_case(
        actor=world.beratung,
        tenant=world.tenant,
        case_ref="C-17",
        household_ref="H-ABC",
        child_ref="K-DEF",
        area_code=world.area.code,
        life_phase="primary",
        child_age=8,
    )
    assert init["case_ref"] == "C-17" and uuid.UUID(init["form_token"])
    app = services.application_submit(
        actor=world.beratung,
        tenant=world.tenant,
        form_token=init["form_token"],
        data=app_input(
            world,
            household_key="",
            child_key="",
            household_ref="H-ABC",
            child_ref="K-DEF",
            case_ref="C-17",
        ),
    )
    assert app.child_ref == "K-DEF" and app.case_ref == "C-17"


def test_withdraw_after_approval_reverses_the_commitment(world, approved):
    app = approved()
    assert bal(world, world.spende).committed == 25_000
    services.application_withdraw(actor=world.fonds, application=app, reason="Fahrt fällt aus")
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN
    assert bal(world, world.spende).committed == 0 and bal(world, world.spende).available == 30_000
    original = LedgerTransaction.objects.get(application=app, reverses__isnull=True)
    assert (
        LedgerTransaction.objects.get(reverses=original).postings.count()
        == original.postings.count()
    )
    rows = {r.name: r for r in selectors.yearly_report(world.tenant, date.today().year)}
    assert (
        rows["Spende Klassenfahrten"].committed == 0
    )  # the reversal counts against the commitment
    with pytest.raises(FundError):
        services.application_withdraw(actor=world.fonds, application=app, reason="noch einmal")
    assert_ledger_sound(world)


def test_withdraw_refused_after_payout(world, approved):
    app = approved()
    services.payout_batch_create(
        actor=world.fonds,
        tenant=world.tenant,
        request_key=uuid.uuid4(),
        execution_date=date.today() + timedelta(days=1),
    )
    with pytest.raises(FundError) as exc:
        services.application_withdraw(actor=world.fonds, application=app, reason="zu spät")
    assert exc.value.code == "state"


def test_monitoring_provider_counts_grants_per_area_and_quarter(world, approved):
    from interprochance.core import providers

    approved()
    approved(purpose="club_fee", total="60", amount="60", child_key="Ole 2015-02-02")
    provider = providers.get("fund")
    values = list(provider.collect("weiterstadt"))
    by_measure = {v.measure: v for v in values}
    assert by_measure["fonds_bewilligungen"].value == 2
    assert by_measure["fonds_kinder"].value == 2
    assert by_measure["fonds_betrag_euro"].value == 310
    assert by_measure["fonds_kinder"].area_code == world.area.code
    assert list(provider.collect("griesheim")) == []
