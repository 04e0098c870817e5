"""Writes of the counselling module. One action = one transaction = one audit record.

Every action is keyword-only with `actor=`; it validates everything first and
raises `django.core.exceptions.ValidationError` (German messages per field)
before anything is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interprochance.core import audit
from interprochance.core.models import Area, Tenant
from interprochance.core.territory import locate

from .models import (
    AppointmentRequest,
    Case,
    CaseStatus,
    CaseTask,
    CaseTopic,
    Channel,
    Consent,
    ConsentForm,
    ConsentPurpose,
    Contact,
    ContactChannel,
    CounsellingOffice,
    Document,
    ErasureRequest,
    Goal,
    GoalStatus,
    Household,
    HouseholdIdentity,
    HouseholdMember,
    MemberRole,
    OfficeMembership,
    Outcome,
    Referral,
    ReferralState,
    RequestStatus,
    Schooling,
    Topic,
)
from .rules import consent as consent_rules
from .rules import referral_states
from .rules.validation import DEFAULT_MAX_BYTES, check_file, text_problem

ERR_MARKUP = "Bitte keine HTML-Tags oder Skripte eingeben („<…>“, „javascript:“); der Text wurde nicht gespeichert."
ERR_CONTROL = "Der Text enthält unzulässige Steuerzeichen."


# ---- validation helpers ---------------------------------------------------------


class _Errors:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(
        self, field: str, value: str, *, required: bool = False, max_length: int | None = None
    ) -> None:
        if required and not (value or "").strip():
            self.add(field, _("Dieses Feld ist erforderlich."))
            return
        problem = text_problem(value or "")
        if problem == "markup":
            self.add(field, _(ERR_MARKUP))
        elif problem == "control":
            self.add(field, _(ERR_CONTROL))
        if max_length is not None and len(value or "") > max_length:
            self.add(field, _("Höchstens %(n)s Zeichen.") % {"n": max_length})

    def choice(self, field: str, value: str, choices: Any) -> None:
        if value not in choices.values:
            self.add(field, _("Ungültige Auswahl."))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _today() -> date:
    return timezone.localdate()


# ---- offices ---------------------------------------------------------------------


@transaction.atomic
def office_create(
    *,
    actor: Any,
    tenant: Tenant,
    name: str,
    address: str = "",
    phone: str = "",
    languages: str = "",
) -> CounsellingOffice:
    errors = _Errors()
    errors.text("name", name, required=True, max_length=200)
    errors.text("address", address, max_length=300)
    if CounsellingOffice.objects.filter(tenant=tenant, name=name).exists():
        errors.add("name", _("Eine Beratungsstelle mit diesem Namen gibt es schon."))
    errors.raise_if_any()
    office = CounsellingOffice.objects.create(
        tenant=tenant, name=name, address=address, phone=phone, languages=languages
    )
    audit.record(actor=actor, action="counseling.office_create", tenant=tenant, obj=office)
    return office


@transaction.atomic
def office_assign(
    *, actor: Any, office: CounsellingOffice, user: Any, is_lead: bool = False
) -> OfficeMembership:
    membership, _created = OfficeMembership.objects.update_or_create(
        office=office, user=user, defaults={"is_lead": is_lead}
    )
    audit.record(
        actor=actor,
        action="counseling.office_assign",
        tenant=office.tenant,
        obj=office,
        detail={"user_id": user.pk, "is_lead": is_lead},
    )
    return membership


# ---- intake -------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeData:
    contact_name: str
    topics: tuple[str, ...]
    address: str = ""
    phone: str = ""
    email: str = ""
    preferred_channel: str = ContactChannel.PHONE
    language: str = ""
    other_names: str = ""
    summary: str = ""
    opened_on: date | None = None


def _next_case_number(tenant: Tenant, year: int) -> str:
    prefix = f"B-{year}-"
    last = (
        Case.objects.filter(tenant=tenant, number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def _locate_area(tenant: Tenant, address: str) -> Area | None:
    if not address.strip():
        return None
    gemeinde = tenant.area if tenant.area.level == "gemeinde" else None
    result = locate(address, gemeinde=gemeinde)
    return result.area if result.ok else None


@transaction.atomic
def case_open(*, actor: Any, office: CounsellingOffice, data: IntakeData) -> Case:
    """Intake: a new household (identity apart) and its first case."""
    errors = _Errors()
    errors.text("contact_name", data.contact_name, required=True, max_length=200)
    errors.text("other_names", data.other_names, max_length=500)
    errors.text("address", data.address, max_length=300)
    errors.text("summary", data.summary, max_length=300)
    errors.text("language", data.language, max_length=60)
    errors.text("phone", data.phone, max_length=50)
    errors.choice("preferred_channel", data.preferred_channel, ContactChannel)
    if not data.topics:
        errors.add("topics", _("Bitte mindestens ein Thema wählen."))
    for t in data.topics:
        if t not in Topic.values:
            errors.add("topics", _("Unbekanntes Thema."))
    opened_on = data.opened_on or _today()
    if opened_on > _today():
        errors.add("opened_on", _("Das Eröffnungsdatum darf nicht in der Zukunft liegen."))
    if data.preferred_channel == ContactChannel.EMAIL and not data.email:
        errors.add("email", _("Für den Kontaktweg E-Mail bitte eine E-Mail-Adresse angeben."))
    if data.preferred_channel == ContactChannel.PHONE and not data.phone:
        errors.add("phone", _("Für den Kontaktweg Telefon bitte eine Telefonnummer angeben."))
    errors.raise_if_any()

    tenant = office.tenant
    area = _locate_area(tenant, data.address)
    household = Household.objects.create(
        tenant=tenant, office=office, area=area, language=data.language
    )
    HouseholdIdentity.objects.create(
        household=household,
        contact_name=data.contact_name.strip(),
        other_names=data.other_names.strip(),
        address=data.address.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        preferred_channel=data.preferred_channel,
    )
    Tenant.objects.select_for_update().filter(
        pk=tenant.pk
    ).first()  # serialise numbering per tenant
    case = Case.objects.create(
        tenant=tenant,
        office=office,
        household=household,
        number=_next_case_number(tenant, opened_on.year),
        counsellor=actor if getattr(actor, "is_authenticated", False) else None,
        area=area,
        summary=data.summary.strip(),
        opened_on=opened_on,
    )
    CaseTopic.objects.bulk_create([CaseTopic(case=case, topic=t) for t in sorted(set(data.topics))])
    audit.record(
        actor=actor,
        action="counseling.case_open",
        tenant=tenant,
        obj=case,
        detail={"household": household.pseudonym, "area_located": area is not None},
    )
    return case


@transaction.atomic
def case_update_topics(*, actor: Any, case: Case, topics: Iterable[str], summary: str) -> Case:
    topics = sorted(set(topics))
    errors = _Errors()
    errors.text("summary", summary, max_length=300)
    if not topics:
        errors.add("topics", _("Bitte mindestens ein Thema wählen."))
    if any(t not in Topic.values for t in topics):
        errors.add("topics", _("Unbekanntes Thema."))
    errors.raise_if_any()
    case.summary = summary.strip()
    case.save(update_fields=["summary", "updated"])
    case.topics.all().delete()
    CaseTopic.objects.bulk_create([CaseTopic(case=case, topic=t) for t in topics])
    audit.record(
        actor=actor,
        action="counseling.case_update",
        tenant=case.tenant,
        obj=case,
        detail={"topics": topics},
    )
    return case


# ---- household economics (for the benefits check) ----------------------------------------


@dataclass(frozen=True)
class MemberData:
    role: str
    birth_date: date
    schooling: str = Schooling.NONE
    gross_earned_cents: int = 0
    net_earned_cents: int = 0
    other_income_cents: int = 0
    kindergeld: bool = False
    able_to_work: bool = True
    pregnant: bool = False


@transaction.atomic
def household_set_economics(
    *,
    actor: Any,
    household: Household,
    members: list[MemberData],
    housing_cost_cents: int,
    current_benefits: Iterable[str],
) -> Household:
    from .benefits import Benefit

    errors = _Errors()
    benefits = sorted(set(current_benefits))
    if any(b not in {x.value for x in Benefit} for b in benefits):
        errors.add("current_benefits", _("Unbekannte Leistung."))
    if housing_cost_cents < 0:
        errors.add("housing_cost", _("Wohnkosten dürfen nicht negativ sein."))
    adults = [m for m in members if m.role == MemberRole.ADULT]
    if not adults:
        errors.add("members", _("Bitte mindestens eine erwachsene Person angeben."))
    if len(adults) > 2:
        errors.add(
            "members",
            _(
                "Höchstens zwei Erwachsene (Eltern/Partner); weitere Personen bitte als eigenen Haushalt erfassen."
            ),
        )
    for i, m in enumerate(members, start=1):
        if m.birth_date > _today():
            errors.add(
                "members", _("Person %(n)s: Das Geburtsdatum liegt in der Zukunft.") % {"n": i}
            )
        if m.net_earned_cents > m.gross_earned_cents:
            errors.add(
                "members", _("Person %(n)s: Netto darf nicht höher als Brutto sein.") % {"n": i}
            )
        if min(m.gross_earned_cents, m.net_earned_cents, m.other_income_cents) < 0:
            errors.add("members", _("Person %(n)s: Beträge dürfen nicht negativ sein.") % {"n": i})
    errors.raise_if_any()
    household.members.all().delete()
    HouseholdMember.objects.bulk_create(
        [
            HouseholdMember(
                household=household,
                role=m.role,
                birth_date=m.birth_date,
                schooling=m.schooling,
                gross_earned_cents=m.gross_earned_cents,
                net_earned_cents=m.net_earned_cents,
                other_income_cents=m.other_income_cents,
                kindergeld=m.kindergeld,
                able_to_work=m.able_to_work,
                pregnant=m.pregnant,
            )
            for m in members
        ]
    )
    household.housing_cost_cents = housing_cost_cents
    household.current_benefits = benefits
    household.save(update_fields=["housing_cost_cents", "current_benefits"])
    audit.record(
        actor=actor,
        action="counseling.household_economics",
        tenant=household.tenant,
        obj=household,
        detail={"members": len(members)},
    )
    return household


# ---- contacts, goals, tasks -----------------------------------------------------------------


@transaction.atomic
def contact_add(
    *,
    actor: Any,
    case: Case,
    day: date,
    duration_minutes: int,
    channel: str,
    participants: str = "",
    notes: str = "",
) -> Contact:
    errors = _Errors()
    if case.status != CaseStatus.OPEN:
        errors.add("__all__", _("Der Fall ist abgeschlossen."))
    if day > _today():
        errors.add(
            "date", _("Ein Kontakt kann nicht in der Zukunft liegen; bitte das Datum prüfen.")
        )
    if day < case.opened_on:
        errors.add("date", _("Der Kontakt liegt vor der Eröffnung des Falls."))
    if not 1 <= duration_minutes <= 1440:
        errors.add("duration_minutes", _("Die Dauer muss zwischen 1 und 1440 Minuten liegen."))
    errors.choice("channel", channel, Channel)
    errors.text("participants", participants, max_length=300)
    errors.text("notes", notes, max_length=10000)
    errors.raise_if_any()
    contact = Contact.objects.create(
        case=case,
        date=day,
        duration_minutes=duration_minutes,
        channel=channel,
        participants=participants.strip(),
        notes=notes.strip(),
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="counseling.contact_add",
        tenant=case.tenant,
        obj=contact,
        detail={"case": case.pk},
    )
    return contact


@transaction.atomic
def goal_add(
    *, actor: Any, case: Case, text: str, agreed_on: date, review_on: date | None = None
) -> Goal:
    errors = _Errors()
    errors.text("text", text, required=True, max_length=500)
    if agreed_on > _today():
        errors.add("agreed_on", _("Das Datum der Vereinbarung darf nicht in der Zukunft liegen."))
    if review_on and review_on < agreed_on:
        errors.add("review_on", _("Die Überprüfung muss nach der Vereinbarung liegen."))
    errors.raise_if_any()
    goal = Goal.objects.create(
        case=case, text=text.strip(), agreed_on=agreed_on, review_on=review_on
    )
    audit.record(
        actor=actor,
        action="counseling.goal_add",
        tenant=case.tenant,
        obj=goal,
        detail={"case": case.pk},
    )
    return goal


@transaction.atomic
def goal_set_status(*, actor: Any, goal: Goal, status: str) -> Goal:
    errors = _Errors()
    errors.choice("status", status, GoalStatus)
    errors.raise_if_any()
    goal.status = status
    goal.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="counseling.goal_status",
        tenant=goal.case.tenant,
        obj=goal,
        detail={"case": goal.case_id, "status": status},
    )
    return goal


@transaction.atomic
def task_add(
    *,
    actor: Any,
    case: Case,
    title: str,
    due_on: date,
    remind_on: date | None = None,
    assignee: Any = None,
) -> CaseTask:
    errors = _Errors()
    errors.text("title", title, required=True, max_length=300)
    if remind_on and remind_on > due_on:
        errors.add("remind_on", _("Die Erinnerung muss vor dem Fälligkeitsdatum liegen."))
    errors.raise_if_any()
    task = CaseTask.objects.create(
        case=case,
        title=title.strip(),
        due_on=due_on,
        remind_on=remind_on,
        assignee=assignee or actor,
    )
    audit.record(
        actor=actor,
        action="counseling.task_add",
        tenant=case.tenant,
        obj=task,
        detail={"case": case.pk},
    )
    return task


@transaction.atomic
def task_done(*, actor: Any, task: CaseTask) -> CaseTask:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit.record(
            actor=actor,
            action="counseling.task_done",
            tenant=task.case.tenant,
            obj=task,
            detail={"case": task.case_id},
        )
    return task


# ---- documents --------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *, actor: Any, case: Case, title: str, upload: Any, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    errors = _Errors()
    errors.text("title", title, required=True, max_length=200)
    if upload is None:
        errors.add("file", _("Bitte eine Datei auswählen."))
        errors.raise_if_any()
    head = upload.read(4096)
    upload.seek(0)
    checked = check_file(head, upload.name or "", upload.size or 0, max_bytes=max_bytes)
    if not checked.ok:
        message = {
            "empty": _("Die Datei ist leer."),
            "too_large": _("Die Datei ist zu groß (höchstens %(mb)s MB).")
            % {"mb": max_bytes // (1024 * 1024)},
            "type": _(
                "Dieser Dateityp ist nicht erlaubt oder passt nicht zur Endung. Erlaubt: PDF, PNG, JPEG, DOCX, ODT."
            ),
        }[checked.problem or "type"]
        errors.add("file", message)
    errors.raise_if_any()
    file_type = checked.file_type
    if file_type is None:  # unreachable: checked.ok implies a type
        raise ValidationError({"file": [_("Dateityp unbekannt.")]})
    digest = hashlib.sha256()
    content = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    digest.update(content)
    doc = Document(
        case=case,
        title=title.strip(),
        filename=(upload.name or "")[:200],
        content_type=file_type.content_type,
        size=len(content),
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    doc.file.save("upload", ContentFile(content), save=False)
    doc.save()
    audit.record(
        actor=actor,
        action="counseling.document_add",
        tenant=case.tenant,
        obj=doc,
        detail={"case": case.pk, "size": doc.size, "type": file_type.code},
    )
    return doc


# ---- consent ------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    case: Case,
    purpose: str,
    recipients: list[str],
    recipient_label: str,
    categories: list[str],
    given_on: date,
    form: str,
    valid_until: date | None = None,
) -> Consent:
    errors = _Errors()
    errors.choice("purpose", purpose, ConsentPurpose)
    errors.choice("form", form, ConsentForm)
    errors.text("recipient_label", recipient_label, required=True, max_length=300)
    if not recipients:
        errors.add("recipients", _("Bitte mindestens einen Empfänger wählen."))
    if not categories:
        errors.add("categories", _("Bitte mindestens eine Datenart wählen."))
    if any(c not in {x.value for x in consent_rules.Category} for c in categories):
        errors.add("categories", _("Unbekannte Datenart."))
    if given_on > _today():
        errors.add("given_on", _("Eine Einwilligung kann nicht in der Zukunft erteilt sein."))
    if valid_until and valid_until < given_on:
        errors.add("valid_until", _("„Gültig bis“ liegt vor dem Erteilungsdatum."))
    errors.raise_if_any()
    consent = Consent.objects.create(
        case=case,
        purpose=purpose,
        recipients=sorted(set(recipients)),
        recipient_label=recipient_label.strip(),
        categories=sorted(set(categories)),
        given_on=given_on,
        valid_until=valid_until,
        form=form,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="counseling.consent_record",
        tenant=case.tenant,
        obj=consent,
        detail={
            "case": case.pk,
            "purpose": purpose,
            "recipients": consent.recipients,
            "categories": consent.categories,
        },
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent, withdrawn_on: date) -> Consent:
    """Withdrawal stops further sharing: open referrals resting on it are revoked and their handover cleared."""
    errors = _Errors()
    if consent.withdrawn_on:
        errors.add("__all__", _("Die Einwilligung ist bereits widerrufen."))
    if withdrawn_on > _today():
        errors.add("withdrawn_on", _("Das Widerrufsdatum darf nicht in der Zukunft liegen."))
    if withdrawn_on < consent.given_on:
        errors.add("withdrawn_on", _("Der Widerruf kann nicht vor der Erteilung liegen."))
    errors.raise_if_any()
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    revoked = []
    for referral in consent.referrals.filter(
        state__in=[ReferralState.SENT, ReferralState.ACCEPTED]
    ):
        referral.state = ReferralState.REVOKED
        referral.handover = {}
        referral.feedback = (referral.feedback + "\n" if referral.feedback else "") + _(
            "Einwilligung widerrufen."
        )
        referral.save(update_fields=["state", "handover", "feedback", "updated"])
        revoked.append(referral.pk)
    audit.record(
        actor=actor,
        action="counseling.consent_withdraw",
        tenant=consent.case.tenant,
        obj=consent,
        detail={"case": consent.case_id, "revoked_referrals": revoked},
    )
    return consent


def _consents_of(case: Case) -> list[consent_rules.Consent]:
    return [
        consent_rules.Consent(
            purpose=c.purpose,
            recipients=frozenset(c.recipients),
            categories=frozenset(consent_rules.Category(x) for x in c.categories),
            given_on=c.given_on,
            valid_until=c.valid_until,
            withdrawn_on=c.withdrawn_on,
        )
        for c in case.consents.all()
    ]


def covering_consent(
    case: Case, *, purpose: str, recipient_keys: list[str], categories: list[str], on: date
) -> Consent | None:
    """The first recorded consent that alone covers the sharing (used to link the referral)."""
    wanted = set(categories)
    for c in case.consents.filter(purpose=purpose).order_by("-given_on", "-id"):
        rule = consent_rules.Consent(
            purpose=c.purpose,
            recipients=frozenset(c.recipients),
            categories=frozenset(consent_rules.Category(x) for x in c.categories),
            given_on=c.given_on,
            valid_until=c.valid_until,
            withdrawn_on=c.withdrawn_on,
        )
        if rule.in_force(on) and rule.names(recipient_keys) and wanted <= set(c.categories):
            return c
    return None


def fund_sharing_allowed(case: Case) -> bool:
    """A fund application passes the household pseudonym, a child's age and the area to the fund team."""
    decision = consent_rules.check_sharing(
        _consents_of(case),
        purpose=ConsentPurpose.FUND,
        recipient_keys=["fund"],
        categories=[consent_rules.Category.HOUSEHOLD],
        on=_today(),
    )
    return decision.allowed


# ---- referrals -----------------------------------------------------------------------------------


def handover_data(case: Case, categories: Iterable[str]) -> dict[str, Any]:
    """The data a recipient gets, limited to the consented categories."""
    on = _today()
    household = case.household
    data: dict[str, Any] = {"case_number": case.number}
    cats = set(categories)
    if "contact" in cats and household is not None and hasattr(household, "identity"):
        ident = household.identity
        data["contact"] = {
            "name": ident.contact_name,
            "phone": ident.phone,
            "email": ident.email,
            "preferred_channel": ident.get_preferred_channel_display(),
        }
    if "household" in cats and household is not None:
        data["household"] = {
            "language": household.language,
            "area": case.area.name if case.area else "",
            "members": [
                {
                    "role": m.get_role_display(),
                    "age": on.year
                    - m.birth_date.year
                    - ((on.month, on.day) < (m.birth_date.month, m.birth_date.day)),
                }
                for m in household.members.all()
            ],
        }
    if "topics" in cats:
        data["topics"] = {
            "topics": [str(Topic(t.topic).label) for t in case.topics.all()],
            "summary": case.summary,
            "goals": [g.text for g in case.goals.filter(status=GoalStatus.OPEN)],
        }
    if "finances" in cats and household is not None:
        data["finances"] = {
            "housing_cost_cents": household.housing_cost_cents,
            "current_benefits": household.current_benefits,
            "income_cents": sum(
                m.net_earned_cents + m.other_income_cents for m in household.members.all()
            ),
        }
    if "notes" in cats:
        data["notes"] = [
            {"date": c.date.isoformat(), "notes": c.notes}
            for c in case.contacts.all()[:3]
            if c.notes
        ]
    if "documents" in cats:
        data["documents"] = [d.title for d in case.documents.all()]
    return data


def recipient_keys_for(
    *, to_office: CounsellingOffice | None, service_id: int | None, organisation_id: int | None
) -> list[str]:
    keys = []
    if to_office is not None:
        keys.append(f"office:{to_office.pk}")
    if service_id is not None:
        keys.append(f"service:{service_id}")
    if organisation_id is not None:
        keys.append(f"organisation:{organisation_id}")
    return keys


@transaction.atomic
def referral_send(
    *,
    actor: Any,
    case: Case,
    categories: list[str],
    reason: str = "",
    to_office: CounsellingOffice | None = None,
    service_id: int | None = None,
    organisation_id: int | None = None,
    to_label: str = "",
    override_reason: str = "",
    actor_is_lead: bool = False,
) -> Referral:
    """Send a referral. Needs consent covering every category, or a lead's override with a reason."""
    errors = _Errors()
    errors.text("reason", reason, max_length=2000)
    errors.text("override_reason", override_reason, max_length=2000)
    if case.status != CaseStatus.OPEN:
        errors.add("__all__", _("Der Fall ist abgeschlossen."))
    if to_office is None and service_id is None:
        errors.add("target", _("Bitte ein Angebot oder eine Beratungsstelle als Ziel wählen."))
    if to_office is not None and (
        to_office.pk == case.office_id or to_office.tenant_id != case.tenant_id
    ):
        errors.add("target", _("Bitte eine andere Beratungsstelle dieser Kommune wählen."))
    if not categories:
        errors.add("categories", _("Bitte angeben, welche Daten übergeben werden."))
    if any(c not in {x.value for x in consent_rules.Category} for c in categories):
        errors.add("categories", _("Unbekannte Datenart."))
    errors.raise_if_any()

    keys = recipient_keys_for(
        to_office=to_office, service_id=service_id, organisation_id=organisation_id
    )
    decision = consent_rules.check_sharing(
        _consents_of(case),
        purpose=ConsentPurpose.REFERRAL,
        recipient_keys=keys,
        categories=[consent_rules.Category(c) for c in categories],
        on=_today(),
    )
    override = ""
    if not decision.allowed:
        if not override_reason.strip():
            missing = ", ".join(sorted(decision.missing))
            errors.add(
                "__all__",
                _(
                    "Keine gültige Einwilligung für diese Vermittlung (fehlende Datenarten: %(m)s). "
                    "Bitte zuerst die Einwilligung erfassen."
                )
                % {"m": missing},
            )
        elif not actor_is_lead:
            errors.add(
                "override_reason",
                _(
                    "Eine Vermittlung ohne Einwilligung darf nur die Leitung der Beratungsstelle auslösen."
                ),
            )
        elif len(override_reason.strip()) < 20:
            errors.add(
                "override_reason",
                _("Bitte die Begründung ausführlich angeben (mindestens 20 Zeichen)."),
            )
        else:
            override = override_reason.strip()
    errors.raise_if_any()

    consent = covering_consent(
        case,
        purpose=ConsentPurpose.REFERRAL,
        recipient_keys=keys,
        categories=categories,
        on=_today(),
    )
    label = (
        to_office.name
        if to_office is not None
        else (to_label or _("Angebot %(id)s") % {"id": service_id})
    )
    referral = Referral.objects.create(
        case=case,
        from_office=case.office,
        to_office=to_office,
        to_service_id=service_id,
        to_label=label[:300],
        state=ReferralState.SENT,
        reason=reason.strip(),
        categories=sorted(set(categories)),
        handover=handover_data(case, categories),
        consent=consent,
        override_reason=override,
        override_role="office_lead" if override else "",
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="counseling.referral_override" if override else "counseling.referral_send",
        tenant=case.tenant,
        obj=referral,
        detail={
            "case": case.pk,
            "to": keys,
            "categories": referral.categories,
            "consent": consent.pk if consent else None,
            "override_role": referral.override_role,
        },
    )
    return referral


@transaction.atomic
def referral_transition(
    *,
    actor: Any,
    referral: Referral,
    target: str,
    side: str,
    feedback: str = "",
    on_behalf: bool = False,
) -> Referral:
    """Move a referral; `on_behalf`: the sender records the answer of a directory service."""
    errors = _Errors()
    errors.text("feedback", feedback, max_length=2000)
    try:
        referral_states.transition(
            referral_states.State(referral.state),
            referral_states.State(target),
            referral_states.Side(side),
        )
    except (ValueError, referral_states.TransitionError):
        errors.add(
            "__all__", _("Dieser Schritt ist im aktuellen Stand der Vermittlung nicht möglich.")
        )
    if on_behalf and referral.to_office_id is not None:
        errors.add("__all__", _("Eine Beratungsstelle antwortet selbst auf eine Vermittlung."))
    errors.raise_if_any()
    referral.state = target
    if feedback.strip():
        stamp = timezone.localdate().strftime("%d.%m.%Y")
        referral.feedback = (
            referral.feedback + "\n" if referral.feedback else ""
        ) + f"{stamp}: {feedback.strip()}"
    if target == ReferralState.REVOKED:
        referral.handover = {}
    referral.save(update_fields=["state", "feedback", "handover", "updated"])
    audit.record(
        actor=actor,
        action=f"counseling.referral_{target}",
        tenant=referral.case.tenant,
        obj=referral,
        detail={"case": referral.case_id, "side": side, "on_behalf_of_service": on_behalf},
    )
    return referral


# ---- closure -----------------------------------------------------------------------------------------


@transaction.atomic
def case_close(*, actor: Any, case: Case, outcome: str, closed_on: date, note: str = "") -> Case:
    errors = _Errors()
    if case.status != CaseStatus.OPEN:
        errors.add("__all__", _("Der Fall ist bereits abgeschlossen."))
    if not outcome:
        errors.add(
            "outcome",
            _(
                "Bitte ein Ergebnis angeben; ohne Ergebnis kann der Fall nicht abgeschlossen werden."
            ),
        )
    elif outcome not in Outcome.values:
        errors.add("outcome", _("Ungültige Auswahl."))
    if closed_on > _today():
        errors.add("closed_on", _("Das Abschlussdatum darf nicht in der Zukunft liegen."))
    if closed_on < case.opened_on:
        errors.add("closed_on", _("Das Abschlussdatum liegt vor der Eröffnung."))
    errors.text("note", note, max_length=5000)
    errors.raise_if_any()
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.closed_on = closed_on
    case.closure_note = note.strip()
    case.save(update_fields=["status", "outcome", "closed_on", "closure_note", "updated"])
    audit.record(
        actor=actor,
        action="counseling.case_close",
        tenant=case.tenant,
        obj=case,
        detail={"outcome": outcome},
    )
    return case


# ---- public appointment requests -------------------------------------------------------------------


@transaction.atomic
def request_submit(
    *,
    tenant: Tenant,
    topic: str,
    language: str,
    channel: str,
    reach: str,
    name: str = "",
    preferred_times: str = "",
    client_key: str,
    office: CounsellingOffice | None = None,
) -> AppointmentRequest:
    errors = _Errors()
    errors.choice("topic", topic, Topic)
    errors.text("language", language, required=True, max_length=60)
    errors.text("name", name, max_length=100)
    errors.text("preferred_times", preferred_times, max_length=200)
    errors.text("reach", reach, required=True, max_length=200)
    if channel not in ("phone", "email"):
        errors.add("channel", _("Bitte Telefon oder E-Mail wählen."))
    elif channel == "email" and "@" not in reach:
        errors.add("reach", _("Bitte eine gültige E-Mail-Adresse angeben."))
    elif channel == "phone":
        import phonenumbers

        try:
            number = phonenumbers.parse(reach, "DE")
            if not phonenumbers.is_possible_number(number):
                raise phonenumbers.NumberParseException(0, "impossible")
        except phonenumbers.NumberParseException:
            errors.add("reach", _("Bitte eine gültige Telefonnummer angeben."))
    errors.raise_if_any()
    item = AppointmentRequest.objects.create(
        tenant=tenant,
        office=office,
        topic=topic,
        language=language.strip(),
        channel=channel,
        reach=reach.strip(),
        name=name.strip(),
        preferred_times=preferred_times.strip(),
        client_key=client_key,
    )
    audit.record(
        actor=None,
        action="counseling.request_submit",
        tenant=tenant,
        obj=item,
        detail={"topic": topic},
    )
    return item


@transaction.atomic
def request_set_status(
    *, actor: Any, item: AppointmentRequest, status: str, office: CounsellingOffice | None = None
) -> AppointmentRequest:
    errors = _Errors()
    errors.choice("status", status, RequestStatus)
    errors.raise_if_any()
    item.status = status
    item.handled_by = actor
    item.handled_at = timezone.now()
    if office is not None:
        item.office = office
    item.save(update_fields=["status", "handled_by", "handled_at", "office"])
    audit.record(
        actor=actor,
        action="counseling.request_status",
        tenant=item.tenant,
        obj=item,
        detail={"status": status},
    )
    return item


# ---- data subject rights and retention ------------------------------------------------------------------


def _erase_household(household: Household) -> dict[str, int]:
    """Delete identity, members, documents; anonymise the cases (topics, area and dates stay)."""
    counts = {
        "identities": 0,
        "members": 0,
        "documents": 0,
        "contacts_cleared": 0,
        "cases_anonymised": 0,
        "consents": 0,
        "goals": 0,
        "tasks": 0,
    }
    counts["identities"] = HouseholdIdentity.objects.filter(household=household).delete()[0]
    counts["members"] = household.members.all().delete()[0]
    now = timezone.now()
    for case in household.cases.all():
        for doc in case.documents.all():
            doc.file.delete(save=False)
        counts["documents"] += case.documents.all().delete()[0]
        counts["contacts_cleared"] += case.contacts.update(notes="", participants="")
        counts["consents"] += case.consents.all().delete()[0]
        counts["goals"] += case.goals.all().delete()[0]
        counts["tasks"] += case.tasks.all().delete()[0]
        case.referrals.update(handover={}, reason="", feedback="", override_reason="")
        case.summary = ""
        case.closure_note = ""
        case.counsellor = None
        case.anonymised_at = now
        case.household = None
        case.save(
            update_fields=[
                "summary",
                "closure_note",
                "counsellor",
                "anonymised_at",
                "household",
                "updated",
            ]
        )
        counts["cases_anonymised"] += 1
    household.language = ""
    household.housing_cost_cents = 0
    household.current_benefits = []
    household.anonymised_at = now
    household.save(
        update_fields=["language", "housing_cost_cents", "current_benefits", "anonymised_at"]
    )
    return counts


@transaction.atomic
def erasure_decide(
    *, actor: Any, household: Household, received_on: date, execute: bool, reason: str = ""
) -> ErasureRequest:
    """Art. 17 GDPR: erase (identity, members, documents, notes; cases anonymised) or refuse with reason."""
    errors = _Errors()
    errors.text("reason", reason, max_length=2000)
    if received_on > _today():
        errors.add("received_on", _("Das Eingangsdatum darf nicht in der Zukunft liegen."))
    if not execute and len(reason.strip()) < 10:
        errors.add(
            "reason",
            _("Eine Ablehnung muss begründet werden (z. B. laufende Aufbewahrungspflicht)."),
        )
    if execute and household.cases.filter(retention_hold=True).exists():
        errors.add("__all__", _("Für einen Fall dieses Haushalts besteht eine Löschsperre."))
    errors.raise_if_any()
    report = _erase_household(household) if execute else {}
    record = ErasureRequest.objects.create(
        tenant=household.tenant,
        office=household.office,
        household=None if execute else household,
        household_pseudonym=household.pseudonym,
        received_on=received_on,
        decision="executed" if execute else "refused",
        reason=reason.strip(),
        report=report,
        decided_by=actor,
    )
    audit.record(
        actor=actor,
        action="counseling.erasure_" + ("executed" if execute else "refused"),
        tenant=household.tenant,
        obj=record,
        detail={"household": household.pseudonym, **report},
    )
    return record


def household_export(household: Household) -> dict[str, Any]:
    """Everything stored about a household (Art. 15 GDPR), as plain data."""
    ident = getattr(household, "identity", None)
    cases = household.cases.prefetch_related(
        "topics", "goals", "contacts", "tasks", "documents", "consents", "referrals"
    )
    return {
        "household": {
            "pseudonym": household.pseudonym,
            "office": household.office.name,
            "area": household.area.name if household.area else "",
            "language": household.language,
            "housing_cost_cents": household.housing_cost_cents,
            "current_benefits": household.current_benefits,
            "created": household.created.isoformat(),
        },
        "identity": (
            {
                "contact_name": ident.contact_name,
                "other_names": ident.other_names,
                "address": ident.address,
                "phone": ident.phone,
                "email": ident.email,
                "preferred_channel": ident.preferred_channel,
            }
            if ident
            else None
        ),
        "members": [
            {
                "role": m.role,
                "birth_date": m.birth_date.isoformat(),
                "schooling": m.schooling,
                "gross_earned_cents": m.gross_earned_cents,
                "net_earned_cents": m.net_earned_cents,
                "other_income_cents": m.other_income_cents,
                "kindergeld": m.kindergeld,
            }
            for m in household.members.all()
        ],
        "cases": [
            {
                "number": c.number,
                "status": c.status,
                "opened_on": c.opened_on.isoformat(),
                "closed_on": c.closed_on.isoformat() if c.closed_on else None,
                "outcome": c.outcome,
                "summary": c.summary,
                "closure_note": c.closure_note,
                "topics": [t.topic for t in c.topics.all()],
                "goals": [
                    {"text": g.text, "agreed_on": g.agreed_on.isoformat(), "status": g.status}
                    for g in c.goals.all()
                ],
                "contacts": [
                    {
                        "date": x.date.isoformat(),
                        "duration_minutes": x.duration_minutes,
                        "channel": x.channel,
                        "participants": x.participants,
                        "notes": x.notes,
                    }
                    for x in c.contacts.all()
                ],
                "tasks": [
                    {
                        "title": t.title,
                        "due_on": t.due_on.isoformat(),
                        "done": t.done_at is not None,
                    }
                    for t in c.tasks.all()
                ],
                "documents": [
                    {
                        "title": d.title,
                        "filename": d.filename,
                        "size": d.size,
                        "uploaded_at": d.uploaded_at.isoformat(),
                    }
                    for d in c.documents.all()
                ],
                "consents": [
                    {
                        "purpose": k.purpose,
                        "recipient": k.recipient_label,
                        "categories": k.categories,
                        "given_on": k.given_on.isoformat(),
                        "withdrawn_on": k.withdrawn_on.isoformat() if k.withdrawn_on else None,
                        "form": k.form,
                    }
                    for k in c.consents.all()
                ],
                "referrals": [
                    {
                        "to": r.to_label,
                        "state": r.state,
                        "categories": r.categories,
                        "created": r.created.isoformat(),
                        "without_consent": bool(r.override_reason),
                    }
                    for r in c.referrals.all()
                ],
            }
            for c in cases
        ],
    }


@transaction.atomic
def export_record(*, actor: Any, household: Household, fmt: str) -> None:
    audit.record(
        actor=actor,
        action="counseling.export_art15",
        tenant=household.tenant,
        obj=household,
        detail={"format": fmt},
    )


def retention_run(
    *, actor: Any, today: date, policy: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Apply the retention policy as of `today` across all tenants; write and return the report."""
    from .models import RetentionRun
    from .rules import retention

    rules = retention.RetentionPolicy.from_mapping(policy) if policy else retention.DEFAULT_POLICY
    report: dict[str, Any] = {
        "as_of": today.isoformat(),
        "households_erased": 0,
        "cases_anonymised": 0,
        "documents_deleted": 0,
        "requests_deleted": 0,
        "held": 0,
        "details": [],
    }
    with transaction.atomic():
        # A household is due when all its cases are closed and the last closure is past its period.
        households = Household.objects.filter(anonymised_at__isnull=True).prefetch_related("cases")
        items = []
        for h in households.iterator(chunk_size=500):
            cases = list(h.cases.all())
            if not cases:
                continue
            open_any = any(c.status == CaseStatus.OPEN for c in cases)
            last = max((c.closed_on for c in cases if c.closed_on), default=None)
            items.append(
                retention.Item(
                    kind="household",
                    key=h.pk,
                    closed_on=None if open_any else last,
                    hold=any(c.retention_hold for c in cases),
                )
            )
        plan = retention.plan(items, rules, today)
        report["held"] = len(plan.held)
        for decision in plan.due:
            household = Household.objects.get(pk=int(str(decision.item.key)))
            counts = _erase_household(household)
            report["households_erased"] += 1
            report["cases_anonymised"] += counts["cases_anonymised"]
            report["documents_deleted"] += counts["documents"]
            report["details"].append(
                {"household": household.pseudonym, "due_on": decision.due_on.isoformat(), **counts}
            )
        req_rule = rules.rule("appointment_request")
        stale = [
            r.pk
            for r in AppointmentRequest.objects.only("pk", "created")
            if retention.due_date(timezone.localtime(r.created).date(), req_rule) <= today
        ]
        report["requests_deleted"] = AppointmentRequest.objects.filter(pk__in=stale).delete()[0]
        run = RetentionRun.objects.create(as_of=today, report=report)
        audit.record(
            actor=actor,
            action="counseling.retention_run",
            obj=run,
            detail={k: v for k, v in report.items() if k != "details"},
        )
    report["run_id"] = run.pk
    return report
