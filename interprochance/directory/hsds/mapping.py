"""Records -> HSDS 3.0 JSON (pure functions, no Django).

Empty values are omitted rather than published as ``null`` or ``""``: HSDS
fields are typed (``"type": "string"``), so ``null`` would not validate, and an
empty string carries no information.

Taxonomy terms are attached to services through HSDS ``attribute`` objects
(``link_entity: "service"``); their identifiers are derived deterministically
(UUID5), so a re-publication yields the same ids.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid5

from .records import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .validator import HSDS_VERSION

#: Namespace for ids of derived HSDS objects (attributes) of this platform.
NAMESPACE = UUID("6f1c9a52-3d0e-4b7e-9b1e-1f0a4c6d2e10")


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != "" and v != []}


def _id(value: UUID | None) -> str | None:
    return str(value) if value is not None else None


def hsds_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("last_modified must be timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


# --------------------------------------------------------------------------- small objects


def phone_to_hsds(p: Phone, **links: UUID | None) -> dict[str, Any]:
    return _clean(
        {
            "id": str(p.id),
            **{k: _id(v) for k, v in links.items()},
            "number": p.number,
            "type": p.type,
            "description": p.description,
        }
    )


def contact_to_hsds(c: Contact, **links: UUID | None) -> dict[str, Any]:
    return _clean(
        {
            "id": str(c.id),
            **{k: _id(v) for k, v in links.items()},
            "name": c.name,
            "title": c.title,
            "email": c.email,
            "phones": [phone_to_hsds(p, contact_id=c.id) for p in c.phones],
        }
    )


def address_to_hsds(a: Address, *, location_id: UUID) -> dict[str, Any]:
    return _clean(
        {
            "id": str(a.id),
            "location_id": str(location_id),
            "address_1": a.address_1,
            "city": a.city,
            "region": a.region,
            "state_province": a.state_province,
            "postal_code": a.postal_code,
            "country": a.country,
            "address_type": a.address_type,
        }
    )


def language_to_hsds(lang: Language, *, service_id: UUID) -> dict[str, Any]:
    return _clean(
        {
            "id": str(lang.id),
            "service_id": str(service_id),
            "name": lang.name,
            "code": lang.code,
            "note": lang.note,
        }
    )


def accessibility_to_hsds(a: Accessibility, *, location_id: UUID) -> dict[str, Any]:
    return _clean(
        {
            "id": str(a.id),
            "location_id": str(location_id),
            "description": a.description,
            "details": a.details,
        }
    )


def schedule_to_hsds(s: Schedule, **links: UUID | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(s.id), **{k: _id(v) for k, v in links.items()}}
    slot = s.slot
    if slot is not None:
        out.update(
            {
                "freq": slot.freq,
                "interval": slot.interval,
                "byday": slot.byday(),
                "wkst": "MO",
                "opens_at": f"{slot.opens_at:%H:%M}",
                "closes_at": f"{slot.closes_at:%H:%M}",
                "valid_from": slot.valid_from.isoformat() if slot.valid_from else None,
                "valid_to": slot.valid_to.isoformat() if slot.valid_to else None,
                "dtstart": slot.dtstart.isoformat() if slot.dtstart else None,
                "description": s.description or slot.label(),
                "notes": slot.note,
            }
        )
    else:
        out["description"] = s.description
    return _clean(out)


def cost_option_to_hsds(c: CostOption, *, service_id: UUID) -> dict[str, Any]:
    amount: float | int | None = None
    if c.amount is not None:
        amount = int(c.amount) if c.amount == c.amount.to_integral_value() else float(c.amount)
    return _clean(
        {
            "id": str(c.id),
            "service_id": str(service_id),
            "option": c.option,
            "currency": c.currency if amount is not None else None,
            "amount": amount,
            "amount_description": c.amount_description,
        }
    )


# --------------------------------------------------------------------------- taxonomy


def taxonomy_to_hsds(t: Taxonomy) -> dict[str, Any]:
    return _clean(
        {
            "id": str(t.id),
            "name": t.name,
            "description": t.description,
            "uri": t.uri,
            "version": t.version,
        }
    )


def taxonomy_term_to_hsds(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": _id(term.parent_id),
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.id),
            "taxonomy_detail": taxonomy_to_hsds(term.taxonomy),
            "language": term.language,
            "term_uri": term.term_uri,
        }
    )


def attribute_id(link_id: UUID, term_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"attribute:{link_id}:{term_id}")


def term_attribute(term: TaxonomyTerm, *, link_id: UUID, link_entity: str) -> dict[str, Any]:
    return {
        "id": str(attribute_id(link_id, term.id)),
        "link_id": str(link_id),
        "link_type": term.taxonomy.name,
        "link_entity": link_entity,
        "taxonomy_term_id": str(term.id),
        "taxonomy_term": taxonomy_term_to_hsds(term),
    }


# --------------------------------------------------------------------------- location / organization


def location_flat(loc: Location) -> dict[str, Any]:
    return _clean(
        {
            "id": str(loc.id),
            "location_type": loc.location_type,
            "organization_id": _id(loc.organization_id),
            "name": loc.name,
            "description": loc.description,
            "transportation": loc.transportation,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.area_code,
            "external_identifier_type": "sozialraum" if loc.area_code else None,
        }
    )


def location_to_hsds(loc: Location) -> dict[str, Any]:
    out = location_flat(loc)
    if loc.address is not None:
        out["addresses"] = [address_to_hsds(loc.address, location_id=loc.id)]
    if loc.accessibility:
        out["accessibility"] = [
            accessibility_to_hsds(a, location_id=loc.id) for a in loc.accessibility
        ]
    return out


def organization_flat(org: Organization) -> dict[str, Any]:
    return _clean(
        {
            "id": str(org.id),
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "legal_status": org.legal_status,
        }
    )


def organization_to_hsds(
    org: Organization, *, services: Sequence[Service] = (), full_service: bool = False
) -> dict[str, Any]:
    """Fully nested organisation; ``services`` as one-to-one items or fully nested."""
    out = organization_flat(org)
    out.update(
        _clean(
            {
                "phones": [phone_to_hsds(p, organization_id=org.id) for p in org.phones],
                "contacts": [contact_to_hsds(c, organization_id=org.id) for c in org.contacts],
                "locations": [location_to_hsds(loc) for loc in org.locations],
            }
        )
    )
    if services:
        out["services"] = [
            service_to_hsds(s) if full_service else _service_minimal(s) for s in services
        ]
    return out


def _service_minimal(s: Service) -> dict[str, Any]:
    # The compiled organisation schema nests full service objects; the
    # one-to-one fields are a valid subset of it.
    return service_flat(s, with_organization=False)


# --------------------------------------------------------------------------- service


def service_flat(s: Service, *, with_organization: bool = True) -> dict[str, Any]:
    """One-to-one fields of a service (the ``/services`` list shape)."""
    out = _clean(
        {
            "id": str(s.id),
            "organization_id": str(s.organization.id),
            "name": s.name,
            "alternate_name": s.alternate_name,
            "description": s.description,
            "url": s.url,
            "email": s.email,
            "status": s.status,
            "interpretation_services": s.interpretation_services,
            "application_process": s.application_process,
            "fees_description": s.fees_description,
            "eligibility_description": s.eligibility_description,
            "minimum_age": s.minimum_age,
            "maximum_age": s.maximum_age,
            "assured_date": s.assured_date.isoformat() if s.assured_date else None,
            "alert": s.alert,
            "last_modified": hsds_datetime(s.last_modified) if s.last_modified else None,
        }
    )
    if with_organization:
        out["organization"] = organization_flat(s.organization)
    return out


def service_at_location_flat(sal: ServiceAtLocation, service: Service) -> dict[str, Any]:
    return _clean(
        {
            "id": str(sal.id),
            "service_id": str(service.id),
            "location_id": str(sal.location.id),
            "description": sal.description,
        }
    )


def _sal_nested(sal: ServiceAtLocation, service: Service) -> dict[str, Any]:
    out = service_at_location_flat(sal, service)
    out["location"] = location_to_hsds(sal.location)
    if sal.schedules:
        out["schedules"] = [
            schedule_to_hsds(sch, service_at_location_id=sal.id) for sch in sal.schedules
        ]
    return out


def _service_arrays(s: Service) -> dict[str, Any]:
    return _clean(
        {
            "phones": [phone_to_hsds(p, service_id=s.id) for p in s.phones],
            "contacts": [contact_to_hsds(c, service_id=s.id) for c in s.contacts],
            "languages": [language_to_hsds(lang, service_id=s.id) for lang in s.languages],
            "schedules": [schedule_to_hsds(sch, service_id=s.id) for sch in s.schedules],
            "cost_options": [cost_option_to_hsds(c, service_id=s.id) for c in s.cost_options],
            "attributes": [term_attribute(t, link_id=s.id, link_entity="service") for t in s.terms],
        }
    )


def service_to_hsds(s: Service) -> dict[str, Any]:
    """Fully nested service (``/services/{id}``)."""
    out = service_flat(s, with_organization=False)
    out.update(_service_arrays(s))
    out["organization"] = organization_to_hsds(s.organization)
    if s.service_at_locations:
        out["service_at_locations"] = [_sal_nested(sal, s) for sal in s.service_at_locations]
    return out


def service_at_location_to_hsds(sal: ServiceAtLocation, service: Service) -> dict[str, Any]:
    """Fully nested service at location (``/service_at_locations/{id}``)."""
    out = _sal_nested(sal, service)
    nested = service_flat(service, with_organization=False)
    nested.update(_service_arrays(service))
    nested["organization"] = organization_to_hsds(service.organization)
    out["service"] = nested
    return out


def service_at_location_list_item(sal: ServiceAtLocation, service: Service) -> dict[str, Any]:
    out = service_at_location_flat(sal, service)
    out["location"] = location_flat(sal.location)
    out["service"] = service_flat(service)
    return out


# --------------------------------------------------------------------------- API envelope


def page(
    contents: list[dict[str, Any]], *, total_items: int, page_number: int, per_page: int
) -> dict[str, Any]:
    total_pages = max(1, math.ceil(total_items / per_page)) if per_page else 1
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": total_items == 0,
        "contents": contents,
    }


def api_root(*, profile_url: str, openapi_url: str) -> dict[str, Any]:
    return {"version": HSDS_VERSION, "profile": profile_url, "openapi_url": openapi_url}
