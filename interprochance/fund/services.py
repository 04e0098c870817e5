"""Write actions of the social fund. Keyword-only, always ``actor=``; one action is
one transaction with one audit record. Everything is validated before anything
is written; problems raise FundError with a message for the UI, translated when it is
raised (the request's language; German by default). Records stay German: ledger
memos, notes on the application, the SEPA remittance text and the notice for the family.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from interprochance.core import audit, labels
from interprochance.core.models import Area, Tenant
from interprochance.fund import ledger as pure
from interprochance.fund.ledger.rules import LedgerError, check_no_overdraft, format_cents
from interprochance.fund.models import (
    AccountKind,
    Application,
    ApplicationDocument,
    BatchStatus,
    DocumentKind,
    FundingSource,
    FundPurpose,
    FundSettings,
    LedgerPosting,
    LedgerTotal,
    LedgerTransaction,
    Payout,
    PayoutBatch,
    ProofOfUse,
    SourceBudget,
    Status,
    TxKind,
)
from interprochance.fund.payments import AmountError, IbanError, parse_amount, validate_iban
from interprochance.fund.payments.sepa import Debtor, Payment, SepaError, build_credit_transfer
from interprochance.fund.procedures import PAYERS, AppCase, Earmark, FundSource, allocate
from interprochance.fund.procedures.model import LIFE_PHASES
from interprochance.fund.subsidiarity import (
    FUND_REASONS,
    Benefit,
    ChildFacts,
    Purpose,
    SubsidiarityError,
    check,
    check_fund_share,
)


class FundError(Exception):
    """A refused action. ``errors`` maps form fields ("" = whole form) to messages."""

    def __init__(
        self, message: str, *, field: str = "", errors: dict[str, str] | None = None, code: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.errors = errors or {field: message}


# ---- helpers ------------------------------------------------------------------


def settings_for(tenant: Tenant) -> FundSettings:
    obj, _ = FundSettings.objects.get_or_create(tenant=tenant)
    return obj


def pseudonym(tenant: Tenant, kind: str, raw: str) -> str:
    """A stable pseudonym for a household or child; the raw identity is never stored."""
    normalised = " ".join(raw.casefold().split())
    digest = salted_hmac(f"fund.{kind}", f"{tenant.pk}|{normalised}").hexdigest()[:12].upper()
    return f"{kind[0].upper()}-{digest}"


def _amount(raw: Any, field: str, errors: dict[str, str]) -> int | None:
    try:
        return parse_amount(raw)
    except AmountError as exc:
        errors[field] = exc.message
        return None


def _lock_sources(ids: Iterable[int]) -> list[FundingSource]:
    """Row locks in a fixed order (no deadlocks) so concurrent decisions never overdraw."""
    return list(
        FundingSource.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
    )


def _balances(source_ids: Iterable[int]) -> dict[str, int]:
    """Current balances keyed like the pure ledger ("avail:<id>"), from the running totals."""
    rows = (
        LedgerTotal.objects.filter(source_id__in=list(source_ids))
        .values("source_id", "account")
        .annotate(total=Sum("amount_cents"))
    )
    return {f"{r['account']}:{r['source_id']}": r["total"] for r in rows}


def _post(
    *,
    tenant: Tenant,
    kind: str,
    booked_on: date,
    lines: Sequence[tuple[int, str, int]],
    actor: Any,
    memo: str = "",
    application: Application | None = None,
    budget: SourceBudget | None = None,
    payout: Payout | None = None,
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post one balanced transaction. Caller holds the row locks of the sources involved."""
    tx = pure.Transaction(
        id="new",
        booked_on=booked_on,
        postings=tuple(pure.Posting(f"{acc}:{sid}", cents) for sid, acc, cents in lines),
    )
    try:
        pure.validate_transaction(tx)
        check_no_overdraft(_balances({sid for sid, _, _ in lines}), tx)
    except LedgerError as exc:
        raise FundError(_source_names(exc.message), code=exc.code) from exc
    row = LedgerTransaction.objects.create(
        tenant=tenant,
        kind=kind,
        booked_on=booked_on,
        memo=memo[:200],
        application=application,
        budget=budget,
        payout=payout,
        reverses=reverses,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    LedgerPosting.objects.bulk_create(
        LedgerPosting(
            transaction=row,
            source_id=sid,
            account=acc,
            amount_cents=cents,
            booked_on=booked_on,
            tx_kind=kind,
        )
        for sid, acc, cents in lines
    )
    for sid, acc, cents in lines:  # running totals, under the same source row locks
        updated = LedgerTotal.objects.filter(
            source_id=sid, account=acc, year=booked_on.year, tx_kind=kind
        ).update(amount_cents=F("amount_cents") + cents)
        if not updated:
            LedgerTotal.objects.create(
                source_id=sid, account=acc, year=booked_on.year, tx_kind=kind, amount_cents=cents
            )
    return row


def _source_names(message: str) -> str:
    """Replace "Fördertopf <id>" in ledger messages by the source's name."""
    import re

    def name(m: re.Match[str]) -> str:
        src = FundingSource.objects.filter(pk=m.group(1)).only("name").first()
        return f"Fördertopf „{src.name}“" if src else m.group(0)

    return re.sub(r"Fördertopf (\d+)", name, message)


# ---- sources and budgets ---------------------------------------------------------


def source_create(
    *,
    actor: Any,
    tenant: Tenant,
    key: str,
    name: str,
    kind: str,
    donor: str = "",
    purposes: Sequence[str] = (),
    life_phases: Sequence[str] = (),
    areas: Sequence[Area] = (),
    valid_from: date | None = None,
    valid_until: date | None = None,
    is_synthetic: bool = False,
) -> FundingSource:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = gettext("Bitte geben Sie einen Namen an.")
    if FundingSource.objects.filter(tenant=tenant, key=key).exists():
        errors["key"] = gettext("Dieses Kürzel ist schon vergeben.")
    unknown = set(purposes) - set(FundPurpose.objects.values_list("key", flat=True))
    if unknown:
        errors["purposes"] = gettext("Unbekannter Zweck: %(keys)s") % {
            "keys": ", ".join(sorted(unknown))
        }
    if set(life_phases) - set(LIFE_PHASES):
        errors["life_phases"] = gettext("Unbekannte Lebensphase.")
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = gettext("Das Ende der Gültigkeit liegt vor ihrem Beginn.")
    if errors:
        raise FundError(next(iter(errors.values())), errors=errors)
    with transaction.atomic():
        src = FundingSource.objects.create(
            tenant=tenant,
            key=key,
            name=name.strip(),
            kind=kind,
            donor=donor,
            earmark_purposes=list(purposes),
            earmark_life_phases=list(life_phases),
            valid_from=valid_from,
            valid_until=valid_until,
            is_synthetic=is_synthetic,
        )
        if areas:
            src.earmark_areas.set(areas)
        audit.record(actor=actor, action="fund.source_create", tenant=tenant, obj=src)
    return src


def source_budget_add(
    *, actor: Any, source: FundingSource, year: int, amount: Any, note: str = ""
) -> SourceBudget:
    errors: dict[str, str] = {}
    cents = _amount(amount, "amount", errors)
    if not 2000 <= int(year) <= 2100:
        errors["year"] = gettext("Bitte ein gültiges Jahr angeben.")
    if SourceBudget.objects.filter(source=source, year=year).exists():
        errors["year"] = gettext(
            "Für %(year)s ist bereits ein Budget gebucht; Korrekturen bitte als Storno."
        ) % {"year": year}
    if errors:
        raise FundError(next(iter(errors.values())), errors=errors)
    assert cents is not None
    with transaction.atomic():
        _lock_sources([source.pk])
        budget = SourceBudget.objects.create(
            source=source, year=year, amount_cents=cents, note=note
        )
        booked = max(date(int(year), 1, 1), source.valid_from or date(int(year), 1, 1))
        _post(
            tenant=source.tenant,
            kind=TxKind.CONTRIBUTION,
            booked_on=booked,
            lines=[
                (source.pk, AccountKind.AVAILABLE, cents),
                (source.pk, AccountKind.CONTRIBUTION, -cents),
            ],
            actor=actor,
            memo=f"Budget {year} {note}".strip(),
            budget=budget,
        )
        audit.record(
            actor=actor,
            action="fund.budget_add",
            tenant=source.tenant,
            obj=budget,
            detail={"cents": cents},
        )
    return budget


# ---- applications ----------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationInput:
    purpose: str
    total: Any
    amount: Any
    child_age: Any
    life_phase: str
    area_code: str
    description: str
    provider_name: str
    provider_iban: str
    applicant_org: str
    household_key: str = ""
    child_key: str = ""
    household_ref: str = ""
    child_ref: str = ""
    case_ref: str = ""
    in_school: bool = False
    in_kita: bool = False
    benefits: tuple[str, ...] = ()
    months: Any = 1
    need_score: Any = 50
    fund_reason: str = ""


def _year_bounds(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def child_year_totals(
    tenant: Tenant, child_ref: str, day: date, *, include_pending: bool
) -> tuple[int, dict[str, int]]:
    """(all purposes, per purpose) already granted (and optionally pending) for a child in a year."""
    start, end = _year_bounds(day)
    statuses = [Status.APPROVED, Status.PAID, Status.CLOSED]
    if include_pending:
        statuses += [Status.SUBMITTED, Status.PROPOSED]
    rows = (
        Application.objects.filter(
            tenant=tenant,
            child_ref=child_ref,
            status__in=statuses,
            submitted_at__date__range=(start, end),
        )
        .values("purpose__key")
        .annotate(total=Sum("approved_cents"), requested=Sum("amount_cents"))
    )
    per: dict[str, int] = {}
    for r in rows:
        per[r["purpose__key"]] = per.get(r["purpose__key"], 0) + (r["total"] or 0)
    if include_pending:
        pending = (
            Application.objects.filter(
                tenant=tenant,
                child_ref=child_ref,
                status__in=[Status.SUBMITTED, Status.PROPOSED],
                submitted_at__date__range=(start, end),
            )
            .values("purpose__key")
            .annotate(requested=Sum("amount_cents"))
        )
        for p_row in pending:
            key = p_row["purpose__key"]
            per[key] = per.get(key, 0) + (p_row["requested"] or 0)
    return sum(per.values()), per


def _check_caps(
    tenant: Tenant,
    child_ref: str,
    purpose: FundPurpose,
    cents: int,
    day: date,
    *,
    include_pending: bool,
) -> str | None:
    total, per = child_year_totals(tenant, child_ref, day, include_pending=include_pending)
    already = per.get(purpose.key, 0)
    if already + cents > purpose.cap_cents:
        return gettext(
            "Der Höchstbetrag für „%(purpose)s“ je Kind und Jahr ist %(cap)s; bereits bewilligt "
            "oder beantragt: %(already)s. Möglich sind noch %(left)s."
        ) % {
            "purpose": labels.text(purpose.label),
            "cap": format_cents(purpose.cap_cents),
            "already": format_cents(already),
            "left": format_cents(max(0, purpose.cap_cents - already)),
        }
    cap = settings_for(tenant).child_year_cap_cents
    if total + cents > cap:
        return gettext(
            "Der Höchstbetrag je Kind und Jahr (alle Zwecke) ist %(cap)s; bereits bewilligt oder "
            "beantragt: %(already)s. Möglich sind noch %(left)s."
        ) % {
            "cap": format_cents(cap),
            "already": format_cents(total),
            "left": format_cents(max(0, cap - total)),
        }
    return None


def statutory_check(data: ApplicationInput, *, on: date) -> tuple[dict[str, str], Any]:
    """Validate the need part of the form and run the subsidiarity rules (no writes)."""
    errors: dict[str, str] = {}
    total = _amount(data.total, "total", errors)
    try:
        age = int(data.child_age)
        if not 0 <= age <= 26:
            raise ValueError
    except (TypeError, ValueError):
        errors["child_age"] = gettext(
            "Bitte das Alter des Kindes als ganze Zahl von 0 bis 26 angeben."
        )
        age = None
    try:
        months = int(data.months or 1)
        if not 1 <= months <= 12:
            raise ValueError
    except (TypeError, ValueError):
        errors["months"] = gettext("Bitte 1 bis 12 Monate angeben.")
        months = 1
    try:
        purpose = Purpose(data.purpose)
    except ValueError:
        errors["purpose"] = gettext("Bitte einen Zweck aus der Liste wählen.")
        purpose = None
    bad = [b for b in data.benefits if b not in {x.value for x in Benefit}]
    if bad:
        errors["benefits"] = gettext("Unbekannte Leistung angegeben.")
    result = None
    if not errors and total is not None and age is not None and purpose is not None:
        try:
            result = check(
                purpose=purpose,
                amount_cents=total,
                child=ChildFacts(age=age, in_school=data.in_school, in_kita=data.in_kita),
                benefits=frozenset(Benefit(b) for b in data.benefits),
                on=on,
                months=months,
            )
        except SubsidiarityError as exc:
            errors[""] = labels.text(exc.message)
    return errors, result


def statutory_snapshot(result: Any) -> dict[str, Any]:
    return {
        "routes": [
            {
                "title": r.title,
                "legal_basis": r.legal_basis,
                "office": r.office,
                "covers_cents": r.covers_cents,
                "full_cost": r.full_cost,
                "note": r.note,
            }
            for r in result.routes
        ],
        "hints": list(result.hints),
        "statutory_cents": result.statutory_cents,
        "remaining_cents": result.remaining_cents,
    }


def application_submit(
    *, actor: Any, tenant: Tenant, form_token: uuid.UUID | str, data: ApplicationInput
) -> Application:
    """A professional applies on a household's behalf. Double submission of one form is refused."""
    try:
        token = uuid.UUID(str(form_token))
    except ValueError:
        raise FundError(
            gettext("Das Formular ist ungültig; bitte neu laden."), code="token"
        ) from None
    existing = Application.objects.filter(form_token=token).first()
    if existing is not None:
        raise FundError(
            gettext(
                "Dieses Formular wurde bereits abgeschickt (Antrag %(number)s). Es wurde nichts "
                "doppelt gespeichert."
            )
            % {"number": existing.number},
            code="duplicate",
        )
    today = timezone.localdate()
    errors, result = statutory_check(data, on=today)
    amount = _amount(data.amount, "amount", errors)
    purpose = FundPurpose.objects.filter(key=data.purpose, active=True).first()
    if purpose is None and "purpose" not in errors:
        errors["purpose"] = gettext("Bitte einen Zweck aus der Liste wählen.")
    from interprochance.core.selectors import tenant_areas

    area = tenant_areas(tenant).filter(code=data.area_code).first()
    if area is None:
        errors["area_code"] = gettext("Bitte einen Sozialraum der Kommune wählen.")
    if data.life_phase not in LIFE_PHASES:
        errors["life_phase"] = gettext("Bitte eine Lebensphase wählen.")
    if len(data.description.strip()) < 10:
        errors["description"] = gettext(
            "Bitte beschreiben Sie den Bedarf in mindestens einem Satz."
        )
    if not data.provider_name.strip():
        errors["provider_name"] = gettext("Bitte den Zahlungsempfänger (Anbieter) angeben.")
    try:
        iban = validate_iban(data.provider_iban)
    except IbanError as exc:
        errors["provider_iban"] = exc.message
        iban = None
    if not data.applicant_org.strip():
        errors["applicant_org"] = gettext("Bitte Ihre Einrichtung angeben.")
    try:
        need = int(data.need_score)
        if not 0 <= need <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors["need_score"] = gettext("Die Dringlichkeit liegt zwischen 0 und 100.")
        need = 50
    child_ref = data.child_ref or (
        pseudonym(tenant, "kind", data.child_key) if data.child_key.strip() else ""
    )
    household_ref = data.household_ref or (
        pseudonym(tenant, "haushalt", data.household_key) if data.household_key.strip() else ""
    )
    if not child_ref:
        errors["child_key"] = gettext(
            "Bitte Vorname und Geburtsdatum des Kindes angeben (wird nur als Pseudonym gespeichert)."
        )
    if not household_ref:
        errors["household_key"] = gettext(
            "Bitte die interne Kennung des Haushalts angeben (wird nur als Pseudonym gespeichert)."
        )
    total = parse_amount(data.total) if "total" not in errors else None
    if amount is not None and total is not None and amount > total:
        errors["amount"] = gettext("Der beantragte Betrag ist höher als die Gesamtkosten.")
    if result is not None and amount is not None and "amount" not in errors:
        if data.fund_reason and data.fund_reason not in FUND_REASONS:
            errors["fund_reason"] = gettext("Bitte eine Begründung aus der Liste wählen.")
        else:
            try:
                check_fund_share(result, amount, data.fund_reason or None)
            except SubsidiarityError as exc:
                errors["fund_reason"] = labels.text(exc.message)
    if not errors and purpose is not None and amount is not None:
        cap_problem = _check_caps(tenant, child_ref, purpose, amount, today, include_pending=True)
        if cap_problem:
            errors["amount"] = cap_problem
    if errors:
        raise FundError(next(iter(errors.values())), errors=errors, code="invalid")
    assert area is not None and purpose is not None and iban is not None and result is not None
    assert total is not None and amount is not None

    try:
        with transaction.atomic():
            fs = FundSettings.objects.select_for_update().get(
                pk=settings_for(tenant).pk
            )  # serialises numbering
            seq = (
                Application.objects.filter(
                    tenant=tenant, number__startswith=f"SF-{today.year}-"
                ).count()
                + 1
            )
            app = Application.objects.create(
                tenant=tenant,
                number=f"SF-{today.year}-{tenant.pk:02d}{seq:05d}",
                form_token=token,
                applicant=actor,
                applicant_org=data.applicant_org.strip()[:200],
                household_ref=household_ref,
                child_ref=child_ref,
                case_ref=data.case_ref,
                child_age=int(data.child_age),
                in_school=data.in_school,
                in_kita=data.in_kita,
                benefits=sorted(set(data.benefits)),
                area=area,
                life_phase=data.life_phase,
                purpose=purpose,
                description=data.description.strip()[:2000],
                total_cents=total,
                amount_cents=amount,
                months=int(data.months or 1),
                need_score=need,
                statutory=statutory_snapshot(result),
                fund_reason=data.fund_reason if amount > result.remaining_cents else "",
                provider_name=data.provider_name.strip()[:70],
                provider_iban=iban.iban,
                provider_bic=iban.bic,
            )
            audit.record(
                actor=actor,
                action="fund.application_submit",
                tenant=tenant,
                obj=app,
                detail={"fs": fs.pk},
            )
    except IntegrityError:
        # The same form raced itself (double click): the other request has written it.
        raise FundError(
            gettext(
                "Dieses Formular wurde bereits abgeschickt. Es wurde nichts doppelt gespeichert."
            ),
            code="duplicate",
        ) from None
    return app


def application_start_from_case(
    *,
    actor: Any,
    tenant: Tenant,
    case_ref: str,
    household_ref: str,
    child_ref: str,
    area_code: str,
    life_phase: str,
    child_age: int,
) -> dict[str, Any]:
    """Public service for counseling: the initial values of a fund application for a case.

    Returns a dict of form initials (no write): counseling passes its own pseudonyms,
    so the fund never sees the family's identity. The professional completes and
    submits the form, which calls ``application_submit``.
    """
    if life_phase not in LIFE_PHASES:
        raise FundError(gettext("Unbekannte Lebensphase."))
    audit.record(
        actor=actor,
        action="fund.application_start_from_case",
        tenant=tenant,
        entity="counseling.case",
        object_id=case_ref,
    )
    return {
        "case_ref": case_ref,
        "household_ref": household_ref,
        "child_ref": child_ref,
        "area_code": area_code,
        "life_phase": life_phase,
        "child_age": child_age,
        "form_token": str(uuid.uuid4()),
    }


def _locked_app(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("purpose", "tenant", "area")
        .get(pk=application.pk)
    )


def application_propose(
    *, actor: Any, application: Application, decision: str, amount: Any = None, note: str = ""
) -> Application:
    """Fondssachbearbeitung proposes approval (with amount) or rejection."""
    errors: dict[str, str] = {}
    if decision not in ("approve", "reject"):
        errors["decision"] = gettext("Bitte „bewilligen“ oder „ablehnen“ wählen.")
    cents = None
    if decision == "approve":
        cents = (
            application.amount_cents if amount in (None, "") else _amount(amount, "amount", errors)
        )
        if cents is not None and cents > application.amount_cents:
            errors["amount"] = gettext(
                "Der Vorschlag darf den beantragten Betrag nicht übersteigen."
            )
    if decision == "reject" and len(note.strip()) < 10:
        errors["note"] = gettext(
            "Bitte begründen Sie die Ablehnung in einem Satz; der Text erscheint im Bescheid."
        )
    if application.applicant_id == getattr(actor, "pk", None):
        errors[""] = gettext("Wer den Antrag gestellt hat, kann ihn nicht selbst bearbeiten.")
    if errors:
        raise FundError(next(iter(errors.values())), errors=errors)
    with transaction.atomic():
        app = _locked_app(application)
        if app.status != Status.SUBMITTED:
            raise FundError(
                gettext(
                    "Der Antrag ist im Status „%(status)s“ und kann nicht vorgeschlagen werden."
                )
                % {"status": app.get_status_display()},
                code="state",
            )
        app.status = Status.PROPOSED
        app.proposal = decision
        app.proposed_cents = cents
        app.proposed_by = actor
        app.proposed_at = timezone.now()
        app.proposal_note = note.strip()
        app.save()
        audit.record(
            actor=actor,
            action="fund.application_propose",
            tenant=app.tenant,
            obj=app,
            detail={"decision": decision, "cents": cents},
        )
    return app


def fund_sources_pure(tenant: Tenant) -> tuple[list[FundSource], dict[int, FundingSource]]:
    rows = list(FundingSource.objects.filter(tenant=tenant).prefetch_related("earmark_areas"))
    out = []
    for s in rows:
        out.append(
            FundSource(
                id=str(s.pk),
                name=s.name,
                budget_cents=0,
                earmark=Earmark(
                    purposes=frozenset(s.earmark_purposes),
                    areas=frozenset(a.code for a in s.earmark_areas.all()),
                    life_phases=frozenset(s.earmark_life_phases),
                    valid_from=s.valid_from,
                    valid_until=s.valid_until,
                ),
            )
        )
    return out, {s.pk: s for s in rows}


def application_decide(
    *, actor: Any, application: Application, approve: bool, note: str = ""
) -> Application:
    """Fondsanordnung confirms the proposal (four eyes). Approval binds money in the ledger."""
    with transaction.atomic():
        app = _locked_app(application)
        if app.status != Status.PROPOSED:
            raise FundError(
                gettext("Der Antrag ist im Status „%(status)s“; es liegt kein Vorschlag vor.")
                % {"status": app.get_status_display()},
                code="state",
            )
        if app.proposed_by_id == getattr(actor, "pk", None):
            raise FundError(
                gettext(
                    "Vier-Augen-Prinzip: Wer den Vorschlag gemacht hat, kann ihn nicht selbst anordnen."
                ),
                code="four_eyes",
            )
        if app.applicant_id == getattr(actor, "pk", None):
            raise FundError(
                gettext("Wer den Antrag gestellt hat, kann nicht über ihn entscheiden."),
                code="four_eyes",
            )
        today = timezone.localdate()
        if approve and app.proposal == "approve":
            cents = app.proposed_cents or app.amount_cents
            cap_problem = _check_caps(
                app.tenant,
                app.child_ref,
                app.purpose,
                cents,
                app.submitted_at.date(),
                include_pending=False,
            )
            if cap_problem:
                raise FundError(cap_problem, code="cap")
            sources, by_id = fund_sources_pure(app.tenant)
            locked = _lock_sources(by_id)  # lock every source of the tenant, in id order
            bal_raw = _balances([s.pk for s in locked])
            bal = {str(s.pk): bal_raw.get(f"avail:{s.pk}", 0) for s in locked}
            case = AppCase(
                id=app.number,
                submitted_on=app.submitted_at.date(),
                area=app.area.code,
                life_phase=app.life_phase,
                purpose=app.purpose.key,
                amount_cents=cents,
                need_score=app.need_score,
            )
            payer = settings_for(app.tenant).payer
            split = allocate(payer if payer in PAYERS else "earmark", case, sources, bal, today)
            if split is None:
                matching = sum(bal[s.id] for s in sources if s.earmark.matches(case, today))
                raise FundError(
                    gettext(
                        "Die passenden Fördertöpfe reichen nicht aus: verfügbar %(available)s, "
                        "benötigt %(needed)s. Es wurde nichts gebucht."
                    )
                    % {"available": format_cents(matching), "needed": format_cents(cents)},
                    code="budget",
                )
            lines: list[tuple[int, str, int]] = []
            for sid, c in split:
                lines += [
                    (int(sid), AccountKind.COMMITTED, c),
                    (int(sid), AccountKind.AVAILABLE, -c),
                ]
            _post(
                tenant=app.tenant,
                kind=TxKind.COMMITMENT,
                booked_on=today,
                lines=lines,
                actor=actor,
                memo=f"Bewilligung {app.number}",
                application=app,
            )
            app.status = Status.APPROVED
            app.approved_cents = cents
            app.notice = notice_text(app, approved=True)
        else:
            app.status = Status.REJECTED
            app.approved_cents = None
            app.notice = notice_text(app, approved=False, reason=note or app.proposal_note)
        app.decided_by = actor
        app.decided_at = timezone.now()
        app.save()
        audit.record(
            actor=actor,
            action="fund.application_decide",
            tenant=app.tenant,
            obj=app,
            detail={"status": app.status, "cents": app.approved_cents},
        )
    return app


def application_return(*, actor: Any, application: Application, note: str) -> Application:
    """Fondsanordnung sends a proposal back to Sachbearbeitung (disagreement)."""
    if len(note.strip()) < 5:
        raise FundError(
            gettext("Bitte kurz begründen, warum der Vorschlag zurückgeht."), field="note"
        )
    with transaction.atomic():
        app = _locked_app(application)
        if app.status != Status.PROPOSED:
            raise FundError(gettext("Es liegt kein Vorschlag vor."), code="state")
        if app.proposed_by_id == getattr(actor, "pk", None):
            raise FundError(
                gettext("Vier-Augen-Prinzip: nicht den eigenen Vorschlag zurückgeben."),
                code="four_eyes",
            )
        app.status = Status.SUBMITTED
        app.proposal = ""
        app.proposal_note = f"Zurück von der Anordnung: {note.strip()}"
        app.proposed_cents = None
        app.proposed_by = None
        app.proposed_at = None
        app.save()
        audit.record(actor=actor, action="fund.application_return", tenant=app.tenant, obj=app)
    return app


def notice_text(app: Application, *, approved: bool, reason: str = "") -> str:
    """Plain-German notice for the family (given to them by the professional).

    Deliberately German and not translated: it is written once, when the decision is
    made, and stored as the text of the decision (``Application.notice``). Translating it
    would put the language of whoever confirmed the decision into the family's letter."""
    purpose = app.purpose.label
    if approved:
        return (
            f"Gute Nachricht: Der Sozialfonds übernimmt {format_cents(app.approved_cents or 0)} für "
            f"„{purpose}“. Das Geld geht direkt an {app.provider_name}. Sie müssen dafür nichts bezahlen "
            f"und nichts zurückzahlen. Bitte heben Sie die Rechnung auf: Ihre Fachkraft reicht sie als "
            f"Nachweis ein. Antragsnummer: {app.number}."
        )
    return (
        f"Der Sozialfonds kann „{purpose}“ leider nicht übernehmen. Grund: {reason.strip() or 'siehe Vermerk'}. "
        f"Ihre Fachkraft bespricht mit Ihnen, welche anderen Hilfen es gibt. Sie können die Entscheidung "
        f"noch einmal prüfen lassen. Antragsnummer: {app.number}."
    )


DOC_TYPES = {"application/pdf": b"%PDF", "image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8\xff"}
DOC_MAX_BYTES = 5 * 1024 * 1024


def document_add(
    *, actor: Any, application: Application, kind: str, upload: Any
) -> ApplicationDocument:
    """Attach a document: PDF, PNG or JPEG (checked by content), at most 5 MB."""
    if kind not in DocumentKind.values:
        raise FundError(gettext("Bitte die Art der Unterlage wählen."), field="kind")
    if upload is None:
        raise FundError(gettext("Bitte eine Datei auswählen."), field="file")
    if upload.size > DOC_MAX_BYTES:
        raise FundError(
            gettext("Die Datei ist größer als 5 MB. Bitte verkleinern oder als PDF speichern."),
            field="file",
        )
    if upload.size == 0:
        raise FundError(gettext("Die Datei ist leer."), field="file")
    head = upload.read(8)
    upload.seek(0)
    ctype = next((t for t, magic in DOC_TYPES.items() if head.startswith(magic)), None)
    if ctype is None:
        raise FundError(
            gettext("Nur PDF, PNG oder JPEG sind erlaubt (der Dateiinhalt passt nicht)."),
            field="file",
        )
    with transaction.atomic():
        doc = ApplicationDocument.objects.create(
            application=application,
            kind=kind,
            file=upload,
            original_name=str(getattr(upload, "name", "datei"))[:200],
            content_type=ctype,
            size=upload.size,
            uploaded_by=actor,
        )
        audit.record(actor=actor, action="fund.document_add", tenant=application.tenant, obj=doc)
    return doc


# ---- payouts ------------------------------------------------------------------------


def _open_commitments(app: Application) -> list[tuple[int, int]]:
    rows = (
        LedgerPosting.objects.filter(transaction__application=app, account=AccountKind.COMMITTED)
        .values("source_id")
        .annotate(total=Sum("amount_cents"))
        .order_by("source_id")
    )
    return [(r["source_id"], r["total"]) for r in rows if r["total"] > 0]


def payout_batch_create(
    *,
    actor: Any,
    tenant: Tenant,
    request_key: uuid.UUID | str,
    execution_date: date,
    on_payout: Callable[[int], None] | None = None,
) -> PayoutBatch:
    """Collect every approved, unpaid application into one batch, in one transaction.

    Idempotent: the same ``request_key`` returns the existing batch; an application
    has at most one payout (unique). A crash anywhere inside rolls everything back,
    so a batch is either complete (payouts + ledger) or absent. ``on_payout`` is a
    test hook called after each payout is written.
    """
    key = uuid.UUID(str(request_key))
    existing = PayoutBatch.objects.filter(request_key=key).first()
    if existing is not None:
        return existing
    if execution_date < timezone.localdate():
        raise FundError(
            gettext("Das Ausführungsdatum liegt in der Vergangenheit."), field="execution_date"
        )
    with transaction.atomic():
        apps = list(
            Application.objects.select_for_update(of=("self",))
            .filter(tenant=tenant, status=Status.APPROVED, payout__isnull=True)
            .select_related("purpose")
            .order_by("pk")
        )
        if not apps:
            raise FundError(
                gettext("Es gibt keine bewilligten Anträge, die auf Auszahlung warten."),
                code="empty",
            )
        seq = PayoutBatch.objects.filter(tenant=tenant).count() + 1
        batch = PayoutBatch.objects.create(
            tenant=tenant,
            reference=f"IPC-{tenant.pk}-{timezone.localdate():%Y%m%d}-{seq:04d}",
            request_key=key,
            execution_date=execution_date,
            created_by=actor,
            is_synthetic=all(a.is_synthetic for a in apps),
        )
        sources = _lock_sources(
            LedgerPosting.objects.filter(transaction__application__in=apps)
            .values_list("source_id", flat=True)
            .distinct()
        )
        del sources
        total = 0
        for i, app in enumerate(apps):
            parts = _open_commitments(app)
            cents = sum(c for _, c in parts)
            if cents <= 0:
                continue
            payout = Payout.objects.create(
                batch=batch,
                application=app,
                end_to_end_id=f"{app.number}",
                amount_cents=cents,
                creditor_name=app.provider_name,
                iban=app.provider_iban,
                bic=app.provider_bic,
                remittance=f"Sozialfonds {app.number} {app.purpose.label}"[:140],
            )
            lines: list[tuple[int, str, int]] = []
            for sid, c in parts:
                lines += [(sid, AccountKind.PAID, c), (sid, AccountKind.COMMITTED, -c)]
            _post(
                tenant=tenant,
                kind=TxKind.PAYOUT,
                booked_on=execution_date,
                lines=lines,
                actor=actor,
                memo=f"Auszahlung {app.number}",
                application=app,
                payout=payout,
            )
            Application.objects.filter(pk=app.pk).update(status=Status.PAID)
            total += cents
            if on_payout is not None:
                on_payout(i)
        batch.count = len(apps)
        batch.total_cents = total
        batch.save(update_fields=["count", "total_cents"])
        audit.record(
            actor=actor,
            action="fund.batch_create",
            tenant=tenant,
            obj=batch,
            detail={"count": batch.count, "cents": total},
        )
    return batch


def payout_batch_export(*, actor: Any, batch: PayoutBatch) -> bytes:
    """The SEPA file of a batch. The first export stores it; later exports return the same bytes."""
    with transaction.atomic():
        locked = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.xml:
            audit.record(
                actor=actor, action="fund.batch_download", tenant=locked.tenant, obj=locked
            )
            return bytes(locked.xml)
        fs = settings_for(locked.tenant)
        payments = [
            Payment(
                p.end_to_end_id, p.creditor_name, p.iban, p.amount_cents, p.remittance, bic=p.bic
            )
            for p in locked.payouts.order_by("pk")
        ]
        try:
            xml = build_credit_transfer(
                message_id=locked.reference,
                created_at=timezone.localtime(locked.created_at).replace(tzinfo=None),
                execution_date=locked.execution_date,
                debtor=Debtor(fs.debtor_name, fs.debtor_iban, fs.debtor_bic),
                payments=payments,
            )
        except SepaError as exc:
            raise FundError(exc.message, code=exc.code) from exc
        locked.xml = xml
        locked.xml_sha256 = hashlib.sha256(xml).hexdigest()
        locked.status = BatchStatus.EXPORTED
        locked.exported_at = timezone.now()
        locked.save(update_fields=["xml", "xml_sha256", "status", "exported_at"])
        audit.record(
            actor=actor,
            action="fund.batch_export",
            tenant=locked.tenant,
            obj=locked,
            detail={"sha256": locked.xml_sha256},
        )
    return xml


# ---- proof of use, corrections ------------------------------------------------------


def proof_record(
    *,
    actor: Any,
    application: Application,
    used: Any,
    note: str = "",
    document: ApplicationDocument | None = None,
) -> ProofOfUse:
    """Record the proof of use. If less was used than bound and not yet paid, the rest is released."""
    errors: dict[str, str] = {}
    try:
        cents = 0 if str(used).strip() in ("0", "0,00", "0.00") else parse_amount(used)
    except AmountError as exc:
        errors["used"] = exc.message
        cents = None
    if errors:
        raise FundError(next(iter(errors.values())), errors=errors)
    assert cents is not None
    with transaction.atomic():
        app = _locked_app(application)
        if app.status not in (Status.APPROVED, Status.PAID):
            raise FundError(
                gettext("Ein Nachweis ist nur für bewilligte oder ausgezahlte Anträge möglich."),
                code="state",
            )
        if hasattr(app, "proof"):
            raise FundError(
                gettext("Für diesen Antrag liegt bereits ein Nachweis vor."), code="duplicate"
            )
        if cents > (app.approved_cents or 0):
            raise FundError(
                gettext("Der verwendete Betrag ist höher als der bewilligte."), field="used"
            )
        if app.status == Status.APPROVED:
            open_parts = _open_commitments(app)
            _lock_sources(sid for sid, _ in open_parts)
            to_release = sum(c for _, c in open_parts) - cents
            lines: list[tuple[int, str, int]] = []
            for sid, c in reversed(open_parts):
                take = min(c, to_release)
                if take > 0:
                    lines += [
                        (sid, AccountKind.AVAILABLE, take),
                        (sid, AccountKind.COMMITTED, -take),
                    ]
                    to_release -= take
            if lines:
                _post(
                    tenant=app.tenant,
                    kind=TxKind.RELEASE,
                    booked_on=timezone.localdate(),
                    lines=lines,
                    actor=actor,
                    memo=f"Freigabe Rest {app.number}",
                    application=app,
                )
            app.approved_cents = cents
        proof = ProofOfUse.objects.create(
            application=app, used_cents=cents, note=note, document=document, recorded_by=actor
        )
        if app.status == Status.PAID:
            app.status = Status.CLOSED
        app.save()
        audit.record(
            actor=actor,
            action="fund.proof_record",
            tenant=app.tenant,
            obj=proof,
            detail={"cents": cents},
        )
    return proof


def ledger_reverse(*, actor: Any, tx: LedgerTransaction, memo: str) -> LedgerTransaction:
    """Correct a posted transaction by its reversal (never by changing it)."""
    if len(memo.strip()) < 5:
        raise FundError(gettext("Bitte den Grund des Stornos angeben."), field="memo")
    with transaction.atomic():
        original = LedgerTransaction.objects.select_for_update().get(pk=tx.pk)
        if original.kind != TxKind.CONTRIBUTION:
            raise FundError(
                gettext(
                    "Nur Mittelzuflüsse werden direkt storniert; Bewilligungen und Auszahlungen werden über den "
                    "Antrag korrigiert (Nachweis, Rücknahme)."
                ),
                code="kind",
            )
        if original.reverses_id is not None:
            raise FundError(
                gettext("Ein Storno kann nicht storniert werden; bitte eine neue Buchung anlegen."),
                code="reverse_reversal",
            )
        if LedgerTransaction.objects.filter(reverses=original).exists():
            raise FundError(
                gettext("Diese Buchung ist bereits storniert."), code="already_reversed"
            )
        postings = list(original.postings.all())
        _lock_sources(p.source_id for p in postings)
        try:
            row = _post(
                tenant=original.tenant,
                kind=original.kind,
                booked_on=timezone.localdate(),
                lines=[(p.source_id, p.account, -p.amount_cents) for p in postings],
                actor=actor,
                memo=f"Storno T{original.pk}: {memo.strip()}",
                application=original.application,
                budget=original.budget,
                payout=original.payout,
                reverses=original,
            )
        except IntegrityError:
            raise FundError(
                gettext("Diese Buchung ist bereits storniert."), code="already_reversed"
            ) from None
        audit.record(
            actor=actor,
            action="fund.ledger_reverse",
            tenant=original.tenant,
            obj=row,
            detail={"reverses": original.pk},
        )
    return row


def q_visible_for_applicant(user: Any) -> Q:
    return Q(applicant=user)


def application_withdraw(*, actor: Any, application: Application, reason: str) -> Application:
    """Withdraw an application that has not been paid. Money already bound is given back
    by reversing the commitment (the original postings stay untouched)."""
    if len(reason.strip()) < 5:
        raise FundError(
            gettext("Bitte kurz begründen, warum der Antrag zurückgenommen wird."), field="reason"
        )
    with transaction.atomic():
        app = _locked_app(application)
        if app.status not in (Status.SUBMITTED, Status.PROPOSED, Status.APPROVED):
            raise FundError(
                gettext("Ein Antrag im Status „%(status)s“ kann nicht zurückgenommen werden.")
                % {"status": app.get_status_display()},
                code="state",
            )
        if hasattr(app, "proof"):
            raise FundError(
                gettext("Für den Antrag liegt schon ein Verwendungsnachweis vor."), code="state"
            )
        commitments = list(
            LedgerTransaction.objects.filter(
                application=app,
                kind=TxKind.COMMITMENT,
                reverses__isnull=True,
                reversed_by__isnull=True,
            ).prefetch_related("postings")
        )
        _lock_sources(p.source_id for tx in commitments for p in tx.postings.all())
        for tx in commitments:
            _post(
                tenant=app.tenant,
                kind=TxKind.COMMITMENT,
                booked_on=timezone.localdate(),
                lines=[(p.source_id, p.account, -p.amount_cents) for p in tx.postings.all()],
                actor=actor,
                memo=f"Storno T{tx.pk}: Rücknahme {app.number}",
                application=app,
                reverses=tx,
            )
        app.status = Status.WITHDRAWN
        app.proposal_note = (app.proposal_note + f"\nZurückgenommen: {reason.strip()}").strip()
        app.save()
        audit.record(
            actor=actor,
            action="fund.application_withdraw",
            tenant=app.tenant,
            obj=app,
            detail={"reversed": [tx.pk for tx in commitments]},
        )
    return app


def transfer_fund_procedures_import(
    *, tenant: Tenant, items: list[dict[str, Any]], actor: Any
) -> int:
    """Take over another municipality's procedure configuration (from a transfer
    bundle). Validates every item first; a bad bundle changes nothing."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.utils.translation import gettext as _

    problems: list[str] = []
    for index, item in enumerate(items, start=1):
        if item.get("payer") not in PAYERS:
            problems.append(
                _("Eintrag %(n)s: unbekannte Finanzierungsregel „%(p)s“.")
                % {"n": index, "p": item.get("payer")}
            )
        cap = item.get("child_year_cap_cents")
        if not isinstance(cap, int) or isinstance(cap, bool) or cap <= 0:
            problems.append(
                _("Eintrag %(n)s: Höchstbetrag je Kind und Jahr muss eine positive Centzahl sein.")
                % {"n": index}
            )
    if len(items) > 1:
        problems.append(_("Ein Transferpaket enthält höchstens eine Fondskonfiguration."))
    if problems:
        raise DjangoValidationError(problems)
    with transaction.atomic():
        for item in items:
            row = settings_for(tenant)
            row.payer = item["payer"]
            row.child_year_cap_cents = item["child_year_cap_cents"]
            row.save(update_fields=["payer", "child_year_cap_cents"])
            audit.record(
                actor=actor,
                action="fund.settings_import",
                tenant=tenant,
                obj=row,
                detail={"payer": row.payer, "child_year_cap_cents": row.child_year_cap_cents},
            )
    return len(items)
