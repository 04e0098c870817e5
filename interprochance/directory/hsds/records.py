"""Plain records the HSDS mapping works on (no Django).

The Django layer builds these from its models (selectors) and the HSDS import
produces them from another publisher's JSON. Identifiers are UUIDs, as HSDS
requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ..validation.schedule import OpeningSlot


@dataclass(frozen=True)
class Phone:
    id: UUID
    number: str  # E.164
    type: str = "voice"
    description: str = ""


@dataclass(frozen=True)
class Contact:
    id: UUID
    name: str = ""
    title: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()


@dataclass(frozen=True)
class Address:
    id: UUID
    address_1: str
    city: str
    postal_code: str
    state_province: str = "Hessen"
    country: str = "DE"
    address_type: str = "physical"
    region: str = ""  # Landkreis


@dataclass(frozen=True)
class Language:
    id: UUID
    code: str  # ISO 639-1 (de, en, tr, ar, uk, ...)
    name: str
    note: str = ""


@dataclass(frozen=True)
class Accessibility:
    id: UUID
    description: str
    details: str = ""


@dataclass(frozen=True)
class Location:
    id: UUID
    name: str
    location_type: str = "physical"
    organization_id: UUID | None = None
    description: str = ""
    transportation: str = ""
    latitude: float | None = None
    longitude: float | None = None
    address: Address | None = None
    accessibility: tuple[Accessibility, ...] = ()
    #: Area (Sozialraum / Stadtteil) code, published as an external identifier.
    area_code: str = ""


@dataclass(frozen=True)
class Taxonomy:
    id: UUID
    name: str
    description: str
    uri: str = ""
    version: str = ""


@dataclass(frozen=True)
class TaxonomyTerm:
    id: UUID
    code: str
    name: str
    description: str
    taxonomy: Taxonomy
    parent_id: UUID | None = None
    language: str = "de"
    term_uri: str = ""


@dataclass(frozen=True)
class CostOption:
    id: UUID
    option: str
    amount: Decimal | None = None
    currency: str = "EUR"
    amount_description: str = ""


@dataclass(frozen=True)
class Schedule:
    id: UUID
    #: None when a publisher only gives a free-text description.
    slot: OpeningSlot | None
    description: str = ""


@dataclass(frozen=True)
class Organization:
    id: UUID
    name: str
    description: str
    alternate_name: str = ""
    email: str = ""
    website: str = ""
    legal_status: str = ""
    phones: tuple[Phone, ...] = ()
    contacts: tuple[Contact, ...] = ()
    locations: tuple[Location, ...] = ()


@dataclass(frozen=True)
class ServiceAtLocation:
    id: UUID
    location: Location
    description: str = ""
    schedules: tuple[Schedule, ...] = ()


@dataclass(frozen=True)
class Service:
    id: UUID
    organization: Organization
    name: str
    description: str
    status: str = "active"
    alternate_name: str = ""
    url: str = ""
    email: str = ""
    interpretation_services: str = ""
    application_process: str = ""
    eligibility_description: str = ""
    fees_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: date | None = None
    last_modified: datetime | None = None
    alert: str = ""
    phones: tuple[Phone, ...] = ()
    contacts: tuple[Contact, ...] = ()
    languages: tuple[Language, ...] = ()
    schedules: tuple[Schedule, ...] = ()
    cost_options: tuple[CostOption, ...] = ()
    terms: tuple[TaxonomyTerm, ...] = ()
    service_at_locations: tuple[ServiceAtLocation, ...] = ()
