"""Model instances -> the pure HSDS records (``hsds/records.py``).

Only public information is published: published services, public contacts,
locations. Ids are the stored UUIDs; ids of objects we do not store as rows
(phones, languages, cost options, accessibility, addresses) are UUID5 of the
owner's id, so they are stable between requests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID, uuid5

from django.db.models import Prefetch, QuerySet

from .hsds import records as r
from .models import (
    Contact,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)
from .taxonomy import LANGUAGE_NAMES, LIFE_PHASES, NEED_AREAS, Vocabulary

PROFILE_PATH = "/api/hsds/profile/"


def _sub(owner: UUID, kind: str, key: str = "") -> UUID:
    return uuid5(owner, f"{kind}:{key}")


def taxonomy_record(vocab: Vocabulary, *, base_url: str) -> r.Taxonomy:
    return r.Taxonomy(
        id=vocab.uuid,
        name=vocab.name,
        description=vocab.description,
        uri=f"{base_url}{PROFILE_PATH}#{vocab.code}",
        version=vocab.version,
    )


def term_records(vocab: Vocabulary, *, base_url: str) -> list[r.TaxonomyTerm]:
    tax = taxonomy_record(vocab, base_url=base_url)
    return [
        r.TaxonomyTerm(
            id=t.uuid,
            code=t.code,
            name=t.name,
            description=t.description or t.name,
            taxonomy=tax,
            term_uri=f"{base_url}{PROFILE_PATH}#{vocab.code}-{t.code}",
        )
        for t in vocab.terms
    ]


def all_terms(base_url: str) -> list[r.TaxonomyTerm]:
    return term_records(LIFE_PHASES, base_url=base_url) + term_records(
        NEED_AREAS, base_url=base_url
    )


def _phone(owner: UUID, number: str, description: str = "") -> tuple[r.Phone, ...]:
    if not number:
        return ()
    return (r.Phone(id=_sub(owner, "phone", number), number=number, description=description),)


def location_record(loc: Location) -> r.Location:
    access: tuple[r.Accessibility, ...] = ()
    if loc.barrier_free:
        access = (
            r.Accessibility(
                id=_sub(loc.uuid, "accessibility"),
                description="barrierefrei zugänglich",
                details=loc.accessibility_note,
            ),
        )
    elif loc.accessibility_note:
        access = (
            r.Accessibility(id=_sub(loc.uuid, "accessibility"), description=loc.accessibility_note),
        )
    return r.Location(
        id=loc.uuid,
        name=loc.name,
        organization_id=loc.organization.uuid if loc.organization is not None else None,
        transportation=loc.transportation,
        latitude=float(loc.latitude) if loc.latitude is not None else None,
        longitude=float(loc.longitude) if loc.longitude is not None else None,
        address=r.Address(
            id=_sub(loc.uuid, "address"),
            address_1=loc.street,
            city=loc.city,
            postal_code=loc.postal_code,
            region="Landkreis Darmstadt-Dieburg",
        ),
        accessibility=access,
        area_code=loc.area.code if loc.area is not None else "",
    )


def organization_record(
    org: Organization,
    *,
    contacts: list[Contact] | None = None,
    locations: list[Location] | None = None,
) -> r.Organization:
    return r.Organization(
        id=org.uuid,
        name=org.name,
        description=org.description or org.name,
        alternate_name=org.alternate_name,
        email=org.email,
        website=org.website,
        legal_status=org.legal_status,
        phones=_phone(org.uuid, org.phone),
        contacts=tuple(
            r.Contact(
                id=c.uuid, name=c.name, title=c.title, email=c.email, phones=_phone(c.uuid, c.phone)
            )
            for c in (contacts or [])
        ),
        locations=tuple(location_record(loc) for loc in (locations or [])),
    )


def _slot(s: Schedule):
    from .services import slot_of

    return slot_of(s)


def service_record(
    service: Service, *, base_url: str, lang: str = "de", full_org: Organization | None = None
) -> r.Service:
    """``service`` must come from :func:`services_for_hsds` (prefetched)."""
    name, description, application = service.name, service.description, service.application_process
    if lang != "de":
        tr: ServiceTranslation | None = next(
            (t for t in service.translations.all() if t.language == lang), None
        )
        if tr is not None:
            name, description, application = (
                tr.name,
                tr.description,
                tr.application_process or application,
            )
    terms_by_code = {t.code: t for t in all_terms(base_url)}
    codes = [*service.life_phase_codes, *service.need_area_codes]
    cost: list[r.CostOption] = []
    if service.is_free:
        cost.append(
            r.CostOption(
                id=_sub(service.uuid, "cost", "free"), option="kostenlos", amount=Decimal("0")
            )
        )
    if service.reduced_available:
        cost.append(
            r.CostOption(id=_sub(service.uuid, "cost", "reduced"), option="ermäßigt möglich")
        )
    if service.but_eligible:
        cost.append(
            r.CostOption(
                id=_sub(service.uuid, "cost", "but"),
                option="über Bildung und Teilhabe (BuT) abrechenbar",
            )
        )
    org = service.organization
    org_rec = organization_record(
        full_org or org,
        contacts=getattr(org, "public_contacts", None),
        locations=list(getattr(org, "hsds_locations", [])),
    )
    last_modified = (
        service.updated if service.updated.tzinfo else service.updated.replace(tzinfo=UTC)
    )
    return r.Service(
        id=service.uuid,
        organization=org_rec,
        name=name,
        description=description,
        status=service.status,
        url=service.url,
        email=service.email,
        application_process=application,
        eligibility_description=service.eligibility,
        fees_description=service.fees_description,
        minimum_age=service.min_age,
        maximum_age=service.max_age,
        assured_date=service.last_confirmed,
        last_modified=last_modified,
        phones=_phone(service.uuid, service.phone),
        languages=tuple(
            r.Language(id=_sub(service.uuid, "language", c), code=c, name=LANGUAGE_NAMES.get(c, c))
            for c in service.language_codes
        ),
        schedules=tuple(
            r.Schedule(id=s.uuid, slot=_slot(s), description="")
            for s in service.schedules.all()
            if s.service_location_id is None
        ),
        cost_options=tuple(cost),
        terms=tuple(terms_by_code[c] for c in codes if c in terms_by_code),
        service_at_locations=tuple(
            r.ServiceAtLocation(id=sl.uuid, location=location_record(sl.location))
            for sl in service.service_locations.all()
        ),
    )


def services_for_hsds(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("organization").prefetch_related(
        "translations",
        Prefetch("schedules", queryset=Schedule.objects.order_by("pk")),
        Prefetch(
            "service_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__area", "location__organization"
            ).order_by("pk"),
        ),
        Prefetch(
            "organization__contacts",
            queryset=Contact.objects.filter(is_public=True),
            to_attr="public_contacts",
        ),
        Prefetch(
            "organization__locations",
            queryset=Location.objects.select_related("area", "organization").order_by("pk"),
            to_attr="hsds_locations",
        ),
    )


def hsds_timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
