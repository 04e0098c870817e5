"""Write actions of the directory: one user action = one transaction = one audit record.

All functions are keyword-only and take ``actor=`` (a user, or None for the
system / a provider using a personal link). Input is validated completely
before anything is written (``inputs.check_service``, ``hsds.importer``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from interprochance.core import audit
from interprochance.core.models import Area, Tenant
from interprochance.core.territory import locate

from .hsds import importer as hsds_importer
from .inputs import ServiceData, Translation, check_service
from .models import (
    ActionStatus,
    CooperationAgreement,
    HSDSImport,
    Location,
    MeetingAction,
    MeetingTopic,
    NetworkMeeting,
    Organization,
    ProposalState,
    ProviderLink,
    RevisionKind,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceProposal,
    ServiceRevision,
    ServiceState,
    ServiceTranslation,
    codes_to_field,
    field_to_codes,
)
from .search.german import document
from .taxonomy import LANGUAGE_NAMES, LIFE_PHASES, NEED_AREAS, TARGET_GROUPS, life_phases_for_ages
from .validation.fields import (
    FieldProblem,
    validate_email,
    validate_phone,
    validate_text,
    validate_url,
)
from .validation.schedule import OpeningSlot, weekly_hours


class DirectoryError(ValidationError):
    """Bad input: carries per-field German messages; nothing was written."""

    def __init__(self, problems: dict[str, list[str]]):
        self.problems = problems
        super().__init__(dict(problems.items()))


def _actor_name(actor: Any) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return "system" if actor is None else "anonym"


# ---- organisations, contacts, locations ---------------------------------------------


@dataclass(frozen=True)
class OrganizationData:
    name: str
    kind: str = "traeger"
    description: str = ""
    alternate_name: str = ""
    email: str = ""
    website: str = ""
    phone: str = ""
    legal_status: str = ""


def _check_org(data: OrganizationData) -> tuple[dict[str, Any], dict[str, list[str]]]:
    problems: dict[str, list[str]] = {}
    out: dict[str, Any] = {"kind": data.kind}
    checks = [
        (
            "name",
            lambda v: validate_text(
                v, field="name", label="Name", required=True, max_length=200, multiline=False
            ),
        ),
        (
            "alternate_name",
            lambda v: validate_text(
                v, field="alternate_name", label="Kurzname", max_length=200, multiline=False
            ),
        ),
        ("description", lambda v: validate_text(v, field="description", label="Beschreibung")),
        (
            "legal_status",
            lambda v: validate_text(
                v, field="legal_status", label="Rechtsform", max_length=100, multiline=False
            ),
        ),
        ("email", lambda v: validate_email(v) if v else ""),
        ("website", lambda v: validate_url(v, field="website") if v else ""),
        ("phone", lambda v: validate_phone(v) if v else ""),
    ]
    for key, fn in checks:
        try:
            out[key] = fn(getattr(data, key))
        except FieldProblem as p:
            problems.setdefault(key, []).append(p.message)
    return out, problems


def organization_create(
    *,
    actor: Any,
    tenant: Tenant,
    data: OrganizationData,
    is_synthetic: bool = False,
    institution: Any = None,
) -> Organization:
    values, problems = _check_org(data)
    if not problems and Organization.objects.filter(tenant=tenant, name=values["name"]).exists():
        problems["name"] = [f"Ein Träger „{values['name']}“ ist schon eingetragen."]
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        org = Organization.objects.create(
            tenant=tenant, is_synthetic=is_synthetic, institution=institution, **values
        )
        audit.record(actor=actor, action="directory.organization_create", tenant=tenant, obj=org)
    return org


def organization_update(
    *, actor: Any, organization: Organization, data: OrganizationData
) -> Organization:
    values, problems = _check_org(data)
    if (
        not problems
        and Organization.objects.filter(tenant=organization.tenant, name=values["name"])
        .exclude(pk=organization.pk)
        .exists()
    ):
        problems["name"] = [f"Ein Träger „{values['name']}“ ist schon eingetragen."]
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        changed = [k for k, v in values.items() if getattr(organization, k) != v]
        for k, v in values.items():
            setattr(organization, k, v)
        organization.save()
        audit.record(
            actor=actor,
            action="directory.organization_update",
            tenant=organization.tenant,
            obj=organization,
            detail={"fields": changed},
        )
    return organization


def contact_create(
    *,
    actor: Any,
    organization: Organization,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    is_public: bool = False,
):
    from .models import Contact

    problems: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    raw = {"name": name, "title": title, "email": email, "phone": phone}
    checks = {
        "name": lambda v: validate_text(
            v, field="name", label="Name", required=True, max_length=200, multiline=False
        ),
        "title": lambda v: validate_text(
            v, field="title", label="Funktion", max_length=200, multiline=False
        ),
        "email": lambda v: validate_email(v) if v else "",
        "phone": lambda v: validate_phone(v) if v else "",
    }
    for key, fn in checks.items():
        try:
            values[key] = fn(raw[key])
        except FieldProblem as p:
            problems.setdefault(key, []).append(p.message)
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        contact = Contact.objects.create(organization=organization, is_public=is_public, **values)
        audit.record(
            actor=actor, action="directory.contact_create", tenant=organization.tenant, obj=contact
        )
    return contact


def _gemeinde_of(tenant: Tenant) -> Area | None:
    area = tenant.area
    return area if area.level == "gemeinde" else None


def location_create(
    *,
    actor: Any,
    tenant: Tenant,
    name: str,
    street: str,
    postal_code: str,
    city: str,
    organization: Organization | None = None,
    barrier_free: bool = False,
    accessibility_note: str = "",
    transportation: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    institution: Any = None,
    area: Area | None = None,
    is_synthetic: bool = False,
) -> Location:
    """Create a location; its Stadtteil/Sozialraum comes from core's street directory.

    ``area`` may be given when the caller already knows it (e.g. a real
    institution with a verified Stadtteil); otherwise ``locate`` decides and an
    address it cannot place is kept with the reason, never guessed.
    """
    problems: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    for key, label, value, max_length in (
        ("name", "Name des Ortes", name, 200),
        ("street", "Straße und Hausnummer", street, 200),
        ("city", "Ort", city, 100),
        ("accessibility_note", "Barrierefreiheit", accessibility_note, 500),
        ("transportation", "Anfahrt", transportation, 500),
    ):
        try:
            values[key] = validate_text(
                value,
                field=key,
                label=label,
                required=key in ("name", "street", "city"),
                max_length=max_length,
                multiline=False,
            )
        except FieldProblem as p:
            problems.setdefault(key, []).append(p.message)
    pc = (postal_code or "").strip()
    if not (len(pc) == 5 and pc.isdigit()):
        problems.setdefault("postal_code", []).append(f"„{pc}“ ist keine Postleitzahl (5 Ziffern).")
    if problems:
        raise DirectoryError(problems)
    note = ""
    if area is None:
        result = locate(f"{values['street']}, {pc} {values['city']}", gemeinde=_gemeinde_of(tenant))
        area = result.area
        note = "" if result.ok else str(result.message)
    with transaction.atomic():
        loc = Location.objects.create(
            tenant=tenant,
            organization=organization,
            postal_code=pc,
            area=area,
            area_note=note,
            barrier_free=barrier_free,
            latitude=latitude,
            longitude=longitude,
            institution=institution,
            is_synthetic=is_synthetic,
            **values,
        )
        audit.record(
            actor=actor,
            action="directory.location_create",
            tenant=tenant,
            obj=loc,
            detail={"area": area.code if area else None},
        )
    return loc


# ---- services -------------------------------------------------------------------


def service_snapshot(service: Service) -> dict[str, Any]:
    data = service_data_of(service)
    payload = data.to_payload()
    payload.update(
        {
            "state": service.state,
            "organization": service.organization.name,
            "last_confirmed": service.last_confirmed.isoformat()
            if service.last_confirmed
            else None,
        }
    )
    return payload


def service_data_of(service: Service) -> ServiceData:
    return ServiceData(
        name=service.name,
        description=service.description,
        easy_summary=service.easy_summary,
        application_process=service.application_process,
        eligibility=service.eligibility,
        fees_description=service.fees_description,
        is_free=service.is_free,
        reduced_available=service.reduced_available,
        but_eligible=service.but_eligible,
        min_age=service.min_age,
        max_age=service.max_age,
        life_phases=tuple(field_to_codes(service.life_phases)),
        need_areas=tuple(field_to_codes(service.need_areas)),
        target_groups=tuple(field_to_codes(service.target_groups)),
        languages=tuple(field_to_codes(service.languages)),
        url=service.url,
        email=service.email,
        phone=service.phone,
        status=service.status,
        location_ids=tuple(sorted(sl.location_id for sl in service.service_locations.all())),
        schedules=tuple(slot_of(s) for s in service.schedules.all()),
        translations={
            t.language: Translation(t.name, t.description, t.application_process)
            for t in service.translations.all()
        },
    )


def slot_of(s: Schedule) -> OpeningSlot:
    return OpeningSlot(
        weekdays=tuple(d for d in s.weekdays.split(",") if d),
        opens_at=s.opens_at,
        closes_at=s.closes_at,
        freq=s.freq,
        interval=s.interval,
        setpos=s.setpos,
        valid_from=s.valid_from,
        valid_to=s.valid_to,
        note=s.note,
    )


def _search_fields(service: Service, data: ServiceData) -> list[str]:
    vocab = [LIFE_PHASES.get(c).name for c in data.life_phases]
    vocab += [NEED_AREAS.get(c).name for c in data.need_areas]
    vocab += [NEED_AREAS.get(c).description for c in data.need_areas]
    vocab += [TARGET_GROUPS.get(c).name for c in data.target_groups]
    vocab += [LANGUAGE_NAMES.get(c, c) for c in data.languages]
    return [
        data.name,
        data.description,
        data.easy_summary,
        data.application_process,
        data.eligibility,
        service.organization.name,
        service.organization.alternate_name,
        *vocab,
        *(t.name for t in data.translations.values()),
        *(t.description for t in data.translations.values()),
    ]


def _write(service: Service, data: ServiceData, *, today: date) -> None:
    """Apply validated data to the service and its children; refresh denormalised fields."""
    service.name = data.name
    service.description = data.description
    service.easy_summary = data.easy_summary
    service.application_process = data.application_process
    service.eligibility = data.eligibility
    service.fees_description = data.fees_description
    service.is_free = data.is_free
    service.reduced_available = data.reduced_available
    service.but_eligible = data.but_eligible
    service.min_age = data.min_age
    service.max_age = data.max_age
    service.life_phases = codes_to_field(data.life_phases)
    service.need_areas = codes_to_field(data.need_areas)
    service.target_groups = codes_to_field(data.target_groups)
    service.languages = codes_to_field(data.languages)
    service.url = data.url
    service.email = data.email
    service.phone = data.phone
    service.status = data.status
    service.save()

    existing = {sl.location_id: sl for sl in service.service_locations.all()}
    wanted = set(data.location_ids)
    for loc_id, sl in existing.items():
        if loc_id not in wanted:
            sl.delete()
    for loc_id in wanted - set(existing):
        ServiceAtLocation.objects.create(service=service, location_id=loc_id)

    service.schedules.all().delete()
    Schedule.objects.bulk_create(
        [
            Schedule(
                service=service,
                freq=s.freq,
                interval=s.interval,
                weekdays=",".join(s.weekdays),
                setpos=s.setpos,
                opens_at=s.opens_at,
                closes_at=s.closes_at,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
                note=s.note,
            )
            for s in data.schedules
        ]
    )
    service.translations.all().delete()
    ServiceTranslation.objects.bulk_create(
        [
            ServiceTranslation(
                service=service,
                language=lang,
                name=t.name,
                description=t.description,
                application_process=t.application_process,
            )
            for lang, t in sorted(data.translations.items())
        ]
    )
    service_refresh(service, data=data, today=today)


def service_refresh(
    service: Service, *, data: ServiceData | None = None, today: date | None = None
) -> None:
    """Recompute the finder's denormalised columns (areas, barrier-free, hours, search text)."""
    today = today or timezone.localdate()
    data = data or service_data_of(service)
    locations = list(
        Location.objects.filter(service_locations__service=service).select_related(
            "area", "area__parent"
        )
    )
    codes: set[str] = set()
    for loc in locations:
        if loc.area is not None:
            codes.add(loc.area.code)
            if loc.area.parent is not None and loc.area.level == "sozialraum":
                codes.add(loc.area.parent.code)
    service.area_codes = codes_to_field(codes)
    service.barrier_free = any(loc.barrier_free for loc in locations)
    monday = today - timedelta(days=today.weekday())
    service.weekly_hours = Decimal(str(weekly_hours(data.schedules, start=monday)))
    areas_text = [loc.area.name for loc in locations if loc.area] + [loc.name for loc in locations]
    service.search_text = document([*_search_fields(service, data), *areas_text])
    Service.objects.filter(pk=service.pk).update(
        area_codes=service.area_codes,
        barrier_free=service.barrier_free,
        weekly_hours=service.weekly_hours,
        search_text=service.search_text,
    )


def _revision(
    service: Service,
    *,
    kind: str,
    actor: Any,
    note: str = "",
    before: dict[str, Any] | None = None,
    actor_name: str = "",
) -> ServiceRevision:
    snap = service_snapshot(service)
    changed = (
        sorted(k for k in snap if before is not None and before.get(k) != snap.get(k))
        if before is not None
        else []
    )
    return ServiceRevision.objects.create(
        service=service,
        kind=kind,
        snapshot=snap,
        changed_fields=changed,
        actor_name=actor_name or _actor_name(actor),
        note=note,
    )


def _validated(data: ServiceData, organization: Organization, today: date) -> ServiceData:
    allowed = set(Location.objects.filter(tenant=organization.tenant).values_list("pk", flat=True))
    clean, problems = check_service(data, today=today, allowed_location_ids=allowed)
    if problems:
        raise DirectoryError(problems)
    return clean


def service_create(
    *,
    actor: Any,
    organization: Organization,
    data: ServiceData,
    publish: bool = False,
    is_synthetic: bool = False,
    today: date | None = None,
) -> Service:
    today = today or timezone.localdate()
    clean = _validated(data, organization, today)
    with transaction.atomic():
        service = Service(
            tenant=organization.tenant,
            organization=organization,
            is_synthetic=is_synthetic,
            state=ServiceState.DRAFT,
        )
        if publish:
            service.state = ServiceState.PUBLISHED
            service.published_at = timezone.now()
            service.last_confirmed = today
        _write(service, clean, today=today)
        _revision(
            service, kind=RevisionKind.PUBLISHED if publish else RevisionKind.CREATED, actor=actor
        )
        audit.record(
            actor=actor,
            action="directory.service_create",
            tenant=organization.tenant,
            obj=service,
            detail={"published": publish},
        )
    return service


def service_update(
    *, actor: Any, service: Service, data: ServiceData, note: str = "", today: date | None = None
) -> Service:
    today = today or timezone.localdate()
    clean = _validated(data, service.organization, today)
    with transaction.atomic():
        before = service_snapshot(service)
        _write(service, clean, today=today)
        rev = _revision(service, kind=RevisionKind.UPDATED, actor=actor, before=before, note=note)
        audit.record(
            actor=actor,
            action="directory.service_update",
            tenant=service.tenant,
            obj=service,
            detail={"fields": rev.changed_fields},
        )
    return service


def service_publish(*, actor: Any, service: Service, today: date | None = None) -> Service:
    today = today or timezone.localdate()
    with transaction.atomic():
        service.state = ServiceState.PUBLISHED
        service.published_at = timezone.now()
        service.last_confirmed = today
        service.save(update_fields=["state", "published_at", "last_confirmed", "updated"])
        _revision(service, kind=RevisionKind.PUBLISHED, actor=actor)
        audit.record(
            actor=actor, action="directory.service_publish", tenant=service.tenant, obj=service
        )
    return service


def service_confirm(
    *, actor: Any, service: Service, today: date | None = None, actor_name: str = ""
) -> Service:
    """The provider or coordination confirms the entry is still correct (resets the 12-month flag)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        service.last_confirmed = today
        service.save(update_fields=["last_confirmed", "updated"])
        _revision(service, kind=RevisionKind.CONFIRMED, actor=actor, actor_name=actor_name)
        audit.record(
            actor=actor, action="directory.service_confirm", tenant=service.tenant, obj=service
        )
    return service


def service_archive(*, actor: Any, service: Service, note: str = "") -> Service:
    with transaction.atomic():
        service.state = ServiceState.ARCHIVED
        service.save(update_fields=["state", "updated"])
        _revision(service, kind=RevisionKind.ARCHIVED, actor=actor, note=note)
        audit.record(
            actor=actor, action="directory.service_archive", tenant=service.tenant, obj=service
        )
    return service


# ---- editorial workflow: proposals ----------------------------------------------------


def service_propose(
    *,
    actor: Any,
    organization: Organization,
    data: ServiceData,
    service: Service | None = None,
    via: str = "login",
    submitted_name: str = "",
    today: date | None = None,
) -> ServiceProposal:
    """A provider proposes a new entry or a change; nothing public changes until review."""
    today = today or timezone.localdate()
    if service is not None and service.organization_id != organization.pk:
        raise DirectoryError({"__all__": ["Dieses Angebot gehört nicht zu Ihrem Träger."]})
    clean = _validated(data, organization, today)
    with transaction.atomic():
        proposal = ServiceProposal.objects.create(
            tenant=organization.tenant,
            organization=organization,
            service=service,
            payload=clean.to_payload(),
            via=via,
            submitted_by=actor
            if actor is not None and getattr(actor, "is_authenticated", False)
            else None,
            submitted_name=submitted_name[:200],
        )
        if service is None:
            # A new entry exists as a "proposed" service (not public) so it has a history.
            new = Service(
                tenant=organization.tenant, organization=organization, state=ServiceState.PROPOSED
            )
            _write(new, clean, today=today)
            proposal.service = new
            proposal.save(update_fields=["service"])
            _revision(new, kind=RevisionKind.PROPOSED, actor=actor, actor_name=submitted_name)
        else:
            ServiceRevision.objects.create(
                service=service,
                kind=RevisionKind.PROPOSED,
                snapshot=proposal.payload,
                actor_name=submitted_name or _actor_name(actor),
                note="Änderungsvorschlag (noch nicht übernommen)",
            )
        audit.record(
            actor=actor,
            action="directory.service_propose",
            tenant=organization.tenant,
            obj=proposal,
            detail={"via": via},
        )
    return proposal


def proposal_accept(
    *, actor: Any, proposal: ServiceProposal, note: str = "", today: date | None = None
) -> Service:
    today = today or timezone.localdate()
    if proposal.state != ProposalState.OPEN:
        raise DirectoryError({"__all__": ["Dieser Vorschlag ist bereits bearbeitet."]})
    data = ServiceData.from_payload(proposal.payload)
    clean = _validated(data, proposal.organization, today)
    with transaction.atomic():
        service = proposal.service
        assert service is not None
        before = service_snapshot(service)
        _write(service, clean, today=today)
        service.state = ServiceState.PUBLISHED
        service.published_at = timezone.now()
        service.last_confirmed = today
        service.save(update_fields=["state", "published_at", "last_confirmed", "updated"])
        _revision(
            service,
            kind=RevisionKind.PUBLISHED,
            actor=actor,
            before=before,
            note=note or "Vorschlag übernommen",
        )
        proposal.state = ProposalState.ACCEPTED
        proposal.reviewed_by = actor
        proposal.reviewed_at = timezone.now()
        proposal.review_note = note
        proposal.save()
        audit.record(
            actor=actor,
            action="directory.proposal_accept",
            tenant=proposal.tenant,
            obj=proposal,
            detail={"service": service.pk},
        )
    return service


def proposal_reject(*, actor: Any, proposal: ServiceProposal, note: str) -> ServiceProposal:
    if proposal.state != ProposalState.OPEN:
        raise DirectoryError({"__all__": ["Dieser Vorschlag ist bereits bearbeitet."]})
    try:
        note = validate_text(note, field="note", label="Begründung", required=True, max_length=500)
    except FieldProblem as p:
        raise DirectoryError({"note": [p.message]}) from None
    with transaction.atomic():
        proposal.state = ProposalState.REJECTED
        proposal.reviewed_by = actor
        proposal.reviewed_at = timezone.now()
        proposal.review_note = note
        proposal.save()
        if proposal.service is not None:
            ServiceRevision.objects.create(
                service=proposal.service,
                kind=RevisionKind.REJECTED,
                snapshot=proposal.payload,
                actor_name=_actor_name(actor),
                note=note,
            )
        audit.record(
            actor=actor, action="directory.proposal_reject", tenant=proposal.tenant, obj=proposal
        )
    return proposal


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def provider_link_create(
    *,
    actor: Any,
    organization: Organization,
    label: str,
    days: int = 180,
    today: date | None = None,
) -> tuple[ProviderLink, str]:
    """Create a personal link; returns the link record and the clear token (shown once)."""
    today = today or timezone.localdate()
    try:
        label = validate_text(
            label, field="label", label="Für", required=True, max_length=200, multiline=False
        )
    except FieldProblem as p:
        raise DirectoryError({"label": [p.message]}) from None
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = ProviderLink.objects.create(
            organization=organization,
            token_hash=_hash(token),
            label=label,
            created_by=actor,
            expires_on=today + timedelta(days=days),
        )
        audit.record(
            actor=actor,
            action="directory.provider_link_create",
            tenant=organization.tenant,
            obj=link,
        )
    return link, token


def provider_link_resolve(token: str, *, today: date | None = None) -> ProviderLink | None:
    if not token or len(token) > 100:
        return None
    link = (
        ProviderLink.objects.select_related("organization", "organization__tenant")
        .filter(token_hash=_hash(token))
        .first()
    )
    if link is None or not link.usable(today):
        return None
    return link


def provider_link_revoke(*, actor: Any, link: ProviderLink) -> None:
    with transaction.atomic():
        link.revoked = True
        link.save(update_fields=["revoked"])
        audit.record(
            actor=actor,
            action="directory.provider_link_revoke",
            tenant=link.organization.tenant,
            obj=link,
        )


# ---- network --------------------------------------------------------------------------


def agreement_create(
    *,
    actor: Any,
    tenant: Tenant,
    title: str,
    parties: Sequence[Organization],
    subject: str = "",
    signed_on: date | None = None,
    valid_until: date | None = None,
    is_synthetic: bool = False,
) -> CooperationAgreement:
    problems: dict[str, list[str]] = {}
    try:
        title = validate_text(
            title, field="title", label="Titel", required=True, max_length=200, multiline=False
        )
        subject = validate_text(subject, field="subject", label="Gegenstand")
    except FieldProblem as p:
        problems.setdefault(p.field, []).append(p.message)
    if len({p.pk for p in parties}) < 2:
        problems.setdefault("parties", []).append(
            "Eine Vereinbarung braucht mindestens zwei Partner."
        )
    if any(p.tenant_id != tenant.pk for p in parties):
        problems.setdefault("parties", []).append("Alle Partner müssen zu diesem Netzwerk gehören.")
    if signed_on and valid_until and valid_until < signed_on:
        problems.setdefault("valid_until", []).append(
            "„gültig bis“ liegt vor dem Unterzeichnungsdatum."
        )
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        agreement = CooperationAgreement.objects.create(
            tenant=tenant,
            title=title,
            subject=subject,
            signed_on=signed_on,
            valid_until=valid_until,
            is_synthetic=is_synthetic,
        )
        agreement.parties.set(parties)
        audit.record(actor=actor, action="directory.agreement_create", tenant=tenant, obj=agreement)
    return agreement


@dataclass(frozen=True)
class ActionInput:
    description: str
    responsible: Organization | None = None
    due_on: date | None = None


def meeting_create(
    *,
    actor: Any,
    tenant: Tenant,
    title: str,
    held_on: date,
    participants: Sequence[Organization],
    topics: Iterable[tuple[str, str]] = (),
    actions: Iterable[ActionInput] = (),
    place: str = "",
    participant_count: int | None = None,
    is_synthetic: bool = False,
) -> NetworkMeeting:
    problems: dict[str, list[str]] = {}
    clean_topics: list[tuple[str, str]] = []
    clean_actions: list[ActionInput] = []
    try:
        title = validate_text(
            title, field="title", label="Titel", required=True, max_length=200, multiline=False
        )
        place = validate_text(place, field="place", label="Ort", max_length=200, multiline=False)
        for t, notes in topics:
            if t.strip() or notes.strip():
                clean_topics.append(
                    (
                        validate_text(
                            t,
                            field="topics",
                            label="Thema",
                            required=True,
                            max_length=200,
                            multiline=False,
                        ),
                        validate_text(notes, field="topics", label="Ergebnis"),
                    )
                )
        for a in actions:
            if a.description.strip():
                clean_actions.append(
                    ActionInput(
                        validate_text(
                            a.description,
                            field="actions",
                            label="Maßnahme",
                            required=True,
                            max_length=300,
                            multiline=False,
                        ),
                        a.responsible,
                        a.due_on,
                    )
                )
    except FieldProblem as p:
        problems.setdefault(p.field, []).append(p.message)
    if not participants:
        problems.setdefault("participants", []).append("Bitte die teilnehmenden Träger angeben.")
    if any(p.tenant_id != tenant.pk for p in participants) or any(
        a.responsible and a.responsible.tenant_id != tenant.pk for a in clean_actions
    ):
        problems.setdefault("participants", []).append(
            "Alle Träger müssen zu diesem Netzwerk gehören."
        )
    if participant_count is not None and participant_count < len({p.pk for p in participants}):
        problems.setdefault("participant_count", []).append(
            "Es nahmen weniger Personen teil als Träger angegeben sind."
        )
    if problems:
        raise DirectoryError(problems)
    with transaction.atomic():
        meeting = NetworkMeeting.objects.create(
            tenant=tenant,
            title=title,
            held_on=held_on,
            place=place,
            participant_count=participant_count,
            is_synthetic=is_synthetic,
        )
        meeting.participants.set(participants)
        MeetingTopic.objects.bulk_create(
            [MeetingTopic(meeting=meeting, title=t, notes=n) for t, n in clean_topics]
        )
        MeetingAction.objects.bulk_create(
            [
                MeetingAction(
                    meeting=meeting,
                    description=a.description,
                    responsible=a.responsible,
                    due_on=a.due_on,
                )
                for a in clean_actions
            ]
        )
        audit.record(actor=actor, action="directory.meeting_create", tenant=tenant, obj=meeting)
    return meeting


def meeting_action_set_status(*, actor: Any, action: MeetingAction, status: str) -> MeetingAction:
    if status not in ActionStatus.values:
        raise DirectoryError({"status": ["Unbekannter Stand."]})
    with transaction.atomic():
        action.status = status
        action.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="directory.meeting_action_status",
            tenant=action.meeting.tenant,
            obj=action,
            detail={"status": status},
        )
    return action


# ---- HSDS import ----------------------------------------------------------------------


@dataclass
class ImportOutcome:
    record: HSDSImport | None
    problems: list[str]
    duplicates: list[dict[str, Any]]


def hsds_import(
    *,
    actor: Any,
    tenant: Tenant,
    document_json: Any,
    publisher: str,
    filename: str,
    today: date | None = None,
    skip_duplicates: bool = True,
) -> ImportOutcome:
    """Take in another publisher's HSDS directory: all or nothing.

    Likely duplicates of existing services (same HSDS id or URL, or similar
    name and provider) are reported and, by default, not imported again.
    Imported services arrive as proposals for review ("eingereicht").
    """
    today = today or timezone.localdate()
    parsed = hsds_importer.parse_publication(document_json, today=today)
    if not parsed.ok:
        return ImportOutcome(None, [str(p) for p in parsed.problems], [])
    try:
        publisher = validate_text(
            publisher,
            field="publisher",
            label="Herausgeber",
            required=True,
            max_length=200,
            multiline=False,
        )
    except FieldProblem as p:
        return ImportOutcome(None, [p.message], [])

    existing = [
        hsds_importer.DedupCandidate(
            key=f"db:{s.pk}",
            name=s.name,
            organization_name=s.organization.name,
            postal_codes=frozenset(
                s.service_locations.values_list("location__postal_code", flat=True)
            ),
            hsds_id=s.external_id or str(s.uuid),
            url=s.url,
        )
        for s in Service.objects.filter(tenant=tenant)
        .exclude(state=ServiceState.ARCHIVED)
        .select_related("organization")
        .prefetch_related("service_locations")
    ]
    incoming = [
        hsds_importer.DedupCandidate(
            key=f"in:{s.id}",
            name=s.name,
            organization_name=s.organization.name,
            postal_codes=frozenset(
                sal.location.address.postal_code
                for sal in s.service_at_locations
                if sal.location.address
            ),
            hsds_id=str(s.id),
            url=s.url,
        )
        for s in parsed.services
    ]
    matches = hsds_importer.find_duplicates(incoming, existing)
    dup_keys = {m.incoming for m in matches}
    names = {c.key: c.name for c in [*existing, *incoming]}
    duplicates = [
        {
            "incoming": names[m.incoming],
            "existing": names[m.existing],
            "score": m.score,
            "reason": m.reason,
        }
        for m in matches
    ]

    with transaction.atomic():
        orgs: dict[str, Organization] = {}
        n_orgs = 0
        n_services = 0
        for s in parsed.services:
            if skip_duplicates and f"in:{s.id}" in dup_keys:
                continue
            o = s.organization
            org = (
                orgs.get(str(o.id))
                or Organization.objects.filter(tenant=tenant, name=o.name).first()
            )
            if org is None:
                org = Organization.objects.create(
                    tenant=tenant,
                    name=o.name,
                    description=o.description,
                    alternate_name=o.alternate_name,
                    email=o.email,
                    website=o.website,
                    legal_status=o.legal_status,
                    phone=o.phones[0].number if o.phones else "",
                )
                n_orgs += 1
            orgs[str(o.id)] = org
            loc_ids = []
            for sal in s.service_at_locations:
                loc = sal.location
                if loc.address is None:
                    continue
                existing_loc = Location.objects.filter(
                    tenant=tenant, street=loc.address.address_1, postal_code=loc.address.postal_code
                ).first()
                if existing_loc is None:
                    result = locate(
                        f"{loc.address.address_1}, {loc.address.postal_code} {loc.address.city}",
                        gemeinde=_gemeinde_of(tenant),
                    )
                    existing_loc = Location.objects.create(
                        tenant=tenant,
                        organization=org,
                        name=loc.name,
                        street=loc.address.address_1,
                        postal_code=loc.address.postal_code[:5],
                        city=loc.address.city,
                        area=result.area,
                        area_note="" if result.ok else str(result.message),
                        barrier_free=bool(loc.accessibility),
                        accessibility_note="; ".join(a.description for a in loc.accessibility)[
                            :500
                        ],
                        latitude=Decimal(str(loc.latitude)) if loc.latitude is not None else None,
                        longitude=Decimal(str(loc.longitude))
                        if loc.longitude is not None
                        else None,
                    )
                loc_ids.append(existing_loc.pk)
            data = ServiceData(
                name=s.name,
                description=s.description or s.name,
                life_phases=life_phases_for_ages(s.minimum_age, s.maximum_age)
                if s.minimum_age is not None or s.maximum_age is not None
                else (),
                application_process=s.application_process,
                eligibility=s.eligibility_description,
                fees_description=s.fees_description[:500],
                min_age=s.minimum_age,
                max_age=s.maximum_age,
                languages=tuple(
                    sorted({lang.code for lang in s.languages if lang.code in LANGUAGE_NAMES})
                ),
                url=s.url,
                email=s.email,
                phone=s.phones[0].number if s.phones else "",
                status=s.status,
                location_ids=tuple(loc_ids),
                schedules=tuple(sch.slot for sch in s.schedules if sch.slot is not None),
            )
            service = Service(
                tenant=tenant,
                organization=org,
                state=ServiceState.PROPOSED,
                imported_from=publisher,
                external_id=str(s.id),
            )
            _write(service, data, today=today)
            _revision(
                service,
                kind=RevisionKind.IMPORTED,
                actor=actor,
                note=f"HSDS-Import aus {publisher}",
            )
            n_services += 1
        record = HSDSImport.objects.create(
            tenant=tenant,
            filename=filename[:200],
            publisher=publisher,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            organizations=n_orgs,
            services=n_services,
            duplicates=duplicates,
        )
        audit.record(
            actor=actor,
            action="directory.hsds_import",
            tenant=tenant,
            obj=record,
            detail={"services": n_services, "duplicates": len(duplicates)},
        )
    return ImportOutcome(record, [], duplicates)
