"""HSDS 3.0 import: another publisher's JSON -> records, plus duplicate detection.

Pure Python. ``parse_publication`` validates *everything* first (strict schema,
then our field rules: plain text only, phone/e-mail/URL, ages, opening hours)
and returns the records only if there is no problem at all, so the Django layer
can write all-or-nothing in one transaction.

Accepted shapes: a fully nested service, a fully nested organisation (with its
``services``), an HSDS page (``contents``), or a JSON array of these.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any
from uuid import UUID

from ..validation.fields import (
    MAX_AGE,
    FieldProblem,
    validate_email,
    validate_phone,
    validate_text,
    validate_url,
)
from ..validation.schedule import OpeningSlot, check_slot, find_overlaps, parse_byday, parse_hhmm
from . import validator
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
)

MAX_ITEMS = 10_000


@dataclass(frozen=True)
class ImportProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParsedPublication:
    organizations: list[Organization] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _items(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        out: list[Any] = []
        for d in doc:
            sub = _items(d)
            if sub is None:
                return None
            out.extend(sub)
        return out
    if isinstance(doc, dict):
        if "contents" in doc and isinstance(doc["contents"], list):
            return list(doc["contents"])
        return [doc]
    return None


def _kind(item: Any) -> str:
    if isinstance(item, dict) and "status" in item:
        return "service"
    if isinstance(item, dict) and isinstance(item.get("service"), dict):
        return "service_at_location"
    return "organization"


def _sal_as_service(item: dict[str, Any]) -> dict[str, Any]:
    """A fully nested service_at_location, turned around into its service."""
    service = dict(item["service"])
    sal = {k: v for k, v in item.items() if k != "service"}
    service["service_at_locations"] = [sal]
    return service


class _Collector:
    def __init__(self, today: date) -> None:
        self.problems: list[ImportProblem] = []
        self.where = ""
        self.today = today

    def text(
        self,
        d: dict[str, Any],
        key: str,
        label: str,
        *,
        required: bool = False,
        max_length: int = 5000,
    ) -> str:
        try:
            return validate_text(
                d.get(key), field=key, label=label, required=required, max_length=max_length
            )
        except FieldProblem as p:
            self.problems.append(ImportProblem(self.where, p.message))
            return ""

    def call(self, fn: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(value, *args, **kwargs)
        except FieldProblem as p:
            self.problems.append(ImportProblem(self.where, p.message))
            return None

    def add(self, message: str) -> None:
        self.problems.append(ImportProblem(self.where, message))


def _phone(c: _Collector, d: dict[str, Any]) -> Phone | None:
    number = c.call(validate_phone, d.get("number", ""), field="phone")
    if number is None:
        return None
    return Phone(
        id=UUID(d["id"]),
        number=number,
        type=c.text(d, "type", "Telefon-Art", max_length=50) or "voice",
        description=c.text(d, "description", "Telefon-Beschreibung", max_length=200),
    )


def _phones(c: _Collector, items: Iterable[dict[str, Any]]) -> tuple[Phone, ...]:
    return tuple(p for p in (_phone(c, d) for d in items) if p is not None)


def _email(c: _Collector, value: str | None) -> str:
    if not value:
        return ""
    return c.call(validate_email, value) or ""


def _url(c: _Collector, value: str | None) -> str:
    if not value:
        return ""
    return c.call(validate_url, value) or ""


def _contact(c: _Collector, d: dict[str, Any]) -> Contact:
    return Contact(
        id=UUID(d["id"]),
        name=c.text(d, "name", "Kontaktname", max_length=200),
        title=c.text(d, "title", "Funktion", max_length=200),
        email=_email(c, d.get("email")),
        phones=_phones(c, d.get("phones", [])),
    )


def _location(c: _Collector, d: dict[str, Any]) -> Location:
    address = None
    for a in d.get("addresses", []):
        if a.get("address_type", "physical") == "physical":
            address = Address(
                id=UUID(a["id"]),
                address_1=c.text(a, "address_1", "Straße", required=True, max_length=200),
                city=c.text(a, "city", "Ort", required=True, max_length=100),
                postal_code=c.text(a, "postal_code", "Postleitzahl", required=True, max_length=10),
                state_province=c.text(a, "state_province", "Bundesland", max_length=100),
                country=c.text(a, "country", "Land", max_length=2) or "DE",
                region=c.text(a, "region", "Region", max_length=100),
            )
            break
    access = tuple(
        Accessibility(
            id=UUID(a["id"]),
            description=c.text(a, "description", "Barrierefreiheit", max_length=1000),
            details=c.text(a, "details", "Barrierefreiheit (Details)", max_length=1000),
        )
        for a in d.get("accessibility", [])
    )
    return Location(
        id=UUID(d["id"]),
        name=c.text(d, "name", "Ortsname", max_length=200) or "Standort",
        location_type=d.get("location_type", "physical"),
        organization_id=UUID(d["organization_id"]) if d.get("organization_id") else None,
        description=c.text(d, "description", "Ortsbeschreibung"),
        transportation=c.text(d, "transportation", "Anfahrt", max_length=1000),
        latitude=d.get("latitude"),
        longitude=d.get("longitude"),
        address=address,
        accessibility=access,
        area_code=(
            c.text(d, "external_identifier", "Sozialraum", max_length=50)
            if d.get("external_identifier_type") == "sozialraum"
            else ""
        ),
    )


def _date(c: _Collector, value: str | None, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        c.add(f"{label}: „{value}“ ist kein Datum (JJJJ-MM-TT).")
        return None


def _schedule(c: _Collector, d: dict[str, Any], index: int) -> Schedule:
    description = c.text(d, "description", "Öffnungszeit-Beschreibung", max_length=1000)
    if not (d.get("freq") and d.get("byday") and d.get("opens_at") and d.get("closes_at")):
        return Schedule(id=UUID(d["id"]), slot=None, description=description)
    try:
        weekdays, setpos = parse_byday(d["byday"], d["freq"])
        slot = OpeningSlot(
            weekdays=weekdays,
            setpos=setpos,
            freq=d["freq"],
            interval=int(d.get("interval", 1)),
            opens_at=parse_hhmm(d["opens_at"]),
            closes_at=parse_hhmm(d["closes_at"]),
            valid_from=_date(c, d.get("valid_from"), "gültig ab"),
            valid_to=_date(c, d.get("valid_to"), "gültig bis"),
            dtstart=_date(c, d.get("dtstart"), "Beginn"),
            note=c.text(d, "notes", "Hinweis zur Öffnungszeit", max_length=1000),
        )
    except FieldProblem as p:
        c.add(p.message)
        return Schedule(id=UUID(d["id"]), slot=None, description=description)
    for problem in check_slot(slot, index=index):
        c.add(problem.message)
    return Schedule(id=UUID(d["id"]), slot=slot, description=description)


def _check_overlaps(c: _Collector, schedules: list[Schedule], place: str | None) -> None:
    slots = [s.slot for s in schedules if s.slot is not None]
    if len(slots) < 2 or any(check_slot(s) for s in slots):
        return
    for i, j, day in find_overlaps(slots, reference=c.today):
        where = f" am Standort „{place}“" if place else ""
        c.add(
            f"Öffnungszeiten{where} überschneiden sich: {slots[i].label()} und "
            f"{slots[j].label()} (z. B. am {day:%d.%m.%Y})."
        )


def _age(c: _Collector, value: Any, label: str) -> int | None:
    if value is None:
        return None
    if value != int(value):
        c.add(f"{label} {value}: bitte ganze Jahre.")
        return None
    age = int(value)
    if age < 0:
        c.add(f"{label} {age} ist negativ.")
        return None
    return age


def _organization(c: _Collector, d: dict[str, Any]) -> Organization:
    return Organization(
        id=UUID(d["id"]),
        name=c.text(d, "name", "Name des Trägers", required=True, max_length=200),
        description=c.text(d, "description", "Beschreibung des Trägers", required=True),
        alternate_name=c.text(d, "alternate_name", "Kurzname", max_length=200),
        email=_email(c, d.get("email")),
        website=_url(c, d.get("website")),
        legal_status=c.text(d, "legal_status", "Rechtsform", max_length=100),
        phones=_phones(c, d.get("phones", [])),
        contacts=tuple(_contact(c, x) for x in d.get("contacts", [])),
        locations=tuple(_location(c, x) for x in d.get("locations", [])),
    )


def _service(c: _Collector, d: dict[str, Any], org: Organization) -> Service:
    minimum = _age(c, d.get("minimum_age"), "Mindestalter")
    maximum = _age(c, d.get("maximum_age"), "Höchstalter")
    if minimum is not None and minimum > MAX_AGE:
        c.add(
            f"Mindestalter {minimum}: das Angebot richtet sich nicht an Kinder und Jugendliche (0–{MAX_AGE})."
        )
    if maximum is not None and maximum > MAX_AGE:
        maximum = None  # open-ended for our age range
    if minimum is not None and maximum is not None and minimum > maximum:
        c.add(f"Mindestalter ({minimum}) ist größer als Höchstalter ({maximum}).")
    cost_options = []
    for x in d.get("cost_options", []):
        amount = None
        if x.get("amount") is not None:
            try:
                amount = Decimal(str(x["amount"]))
            except InvalidOperation:
                c.add(f"Kostenbetrag „{x['amount']}“ ist keine Zahl.")
        cost_options.append(
            CostOption(
                id=UUID(x["id"]),
                option=c.text(x, "option", "Kostenoption", max_length=200),
                amount=amount,
                currency=(x.get("currency") or "EUR").upper(),
                amount_description=c.text(x, "amount_description", "Kostenhinweis", max_length=500),
            )
        )
    service_schedules = tuple(_schedule(c, x, i) for i, x in enumerate(d.get("schedules", [])))
    sals = []
    for x in d.get("service_at_locations", []):
        loc = x.get("location")
        if not loc:
            continue
        sals.append(
            ServiceAtLocation(
                id=UUID(x["id"]),
                location=_location(c, loc),
                description=c.text(x, "description", "Beschreibung am Standort"),
                schedules=tuple(_schedule(c, s, i) for i, s in enumerate(x.get("schedules", []))),
            )
        )
    _check_overlaps(c, list(service_schedules), None)
    for sal in sals:
        _check_overlaps(c, list(sal.schedules), sal.location.name)
    last_modified = None
    if d.get("last_modified"):
        last_modified = datetime.fromisoformat(d["last_modified"].replace("Z", "+00:00"))
    return Service(
        id=UUID(d["id"]),
        organization=org,
        name=c.text(d, "name", "Name des Angebots", required=True, max_length=200),
        description=c.text(d, "description", "Beschreibung"),
        status=d["status"],
        alternate_name=c.text(d, "alternate_name", "Kurzname", max_length=200),
        url=_url(c, d.get("url")),
        email=_email(c, d.get("email")),
        interpretation_services=c.text(
            d, "interpretation_services", "Dolmetschdienste", max_length=1000
        ),
        application_process=c.text(d, "application_process", "Zugang"),
        eligibility_description=c.text(d, "eligibility_description", "Voraussetzungen"),
        fees_description=c.text(d, "fees_description", "Kosten"),
        minimum_age=minimum,
        maximum_age=maximum,
        assured_date=_date(c, d.get("assured_date"), "Prüfdatum"),
        last_modified=last_modified,
        alert=c.text(d, "alert", "Hinweis", max_length=1000),
        phones=_phones(c, d.get("phones", [])),
        contacts=tuple(_contact(c, x) for x in d.get("contacts", [])),
        languages=tuple(
            Language(
                id=UUID(x["id"]),
                code=c.text(x, "code", "Sprachcode", max_length=10).lower(),
                name=c.text(x, "name", "Sprache", max_length=100),
                note=c.text(x, "note", "Sprachhinweis", max_length=500),
            )
            for x in d.get("languages", [])
        ),
        schedules=service_schedules,
        cost_options=tuple(cost_options),
        terms=(),
        service_at_locations=tuple(sals),
    )


def parse_publication(doc: Any, *, today: date) -> ParsedPublication:
    """Validate and map a whole publication; records only when there is no problem."""
    result = ParsedPublication()
    items = _items(doc)
    if items is None or not items:
        result.problems.append(
            ImportProblem(
                "Datei",
                "Keine HSDS-Daten gefunden: erwartet werden Angebote (services) oder Träger (organizations) als JSON.",
            )
        )
        return result
    if len(items) > MAX_ITEMS:
        result.problems.append(
            ImportProblem(
                "Datei", f"Zu viele Einträge ({len(items)}); höchstens {MAX_ITEMS} je Import."
            )
        )
        return result

    # 1) strict schema validation of everything
    for n, item in enumerate(items):
        kind = _kind(item)
        for issue in validator.validate(kind, item):
            label = item.get("name") if isinstance(item, dict) else None
            where = f"Eintrag {n + 1}" + (f" „{label}“" if isinstance(label, str) else "")
            result.problems.append(ImportProblem(f"{where} {issue.path}", issue.message))
    if result.problems:
        return result

    # 2) our own field rules
    c = _Collector(today)
    orgs: dict[UUID, Organization] = {}
    pending: list[tuple[dict[str, Any], UUID | None, str]] = []
    for n, item in enumerate(items):
        kind = _kind(item)
        if kind == "service_at_location":
            item = _sal_as_service(item)
            kind = "service"
        where = f"Eintrag {n + 1} „{item.get('name', '')}“"
        c.where = where
        if kind == "organization":
            org = _organization(c, item)
            orgs[org.id] = org
            for m, s in enumerate(item.get("services", [])):
                pending.append((s, org.id, f"{where}, Angebot {m + 1} „{s.get('name', '')}“"))
        else:
            nested = item.get("organization")
            if nested:
                org = _organization(c, nested)
                orgs.setdefault(org.id, org)
                pending.append((item, org.id, where))
            else:
                org_id = UUID(item["organization_id"]) if item.get("organization_id") else None
                pending.append((item, org_id, where))
    services: list[Service] = []
    seen: set[UUID] = set()
    for item, org_id, where in pending:
        c.where = where
        if org_id is None or org_id not in orgs:
            c.add("Träger fehlt: das Angebot nennt keinen Träger, der in der Datei enthalten ist.")
            continue
        if "status" not in item:
            c.add("Pflichtfeld fehlt: status")
            continue
        service = _service(c, item, orgs[org_id])
        if service.id in seen:
            c.add(f"Angebots-ID {service.id} kommt mehrfach vor.")
        seen.add(service.id)
        services.append(service)
    result.problems.extend(c.problems)
    if not result.problems:
        result.organizations = list(orgs.values())
        result.services = services
    return result


# --------------------------------------------------------------------------- duplicates

_LEGAL = {
    "ev",
    "e",
    "v",
    "ggmbh",
    "gmbh",
    "ug",
    "ag",
    "kg",
    "stiftung",
    "verein",
    "der",
    "die",
    "das",
    "und",
    "fur",
    "für",
    "in",
    "im",
    "am",
    "an",
    "von",
    "zu",
    "zur",
    "zum",
    "mit",
    "fuer",
}
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise_name(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(w for w in words if w not in _LEGAL)


def _url_key(url: str) -> str:
    u = url.casefold().strip().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    return u.rstrip("/")


@dataclass(frozen=True)
class DedupCandidate:
    key: str
    name: str
    organization_name: str = ""
    postal_codes: frozenset[str] = frozenset()
    hsds_id: str = ""
    url: str = ""


@dataclass(frozen=True)
class DuplicateMatch:
    incoming: str
    existing: str
    score: float
    reason: str


def similarity(a: DedupCandidate, b: DedupCandidate) -> tuple[float, str]:
    if a.hsds_id and a.hsds_id == b.hsds_id:
        return 1.0, "gleiche HSDS-ID"
    if a.url and b.url and _url_key(a.url) == _url_key(b.url) and "/" in _url_key(a.url):
        return 0.95, "gleiche Internetadresse"
    na, nb = normalise_name(a.name), normalise_name(b.name)
    name_sim = SequenceMatcher(
        None, " ".join(sorted(na.split())), " ".join(sorted(nb.split()))
    ).ratio()
    oa, ob = normalise_name(a.organization_name), normalise_name(b.organization_name)
    org_sim = SequenceMatcher(None, oa, ob).ratio() if oa and ob else 0.5
    place = (
        1.0
        if a.postal_codes & b.postal_codes
        else (0.5 if not (a.postal_codes and b.postal_codes) else 0.0)
    )
    score = round(0.6 * name_sim + 0.3 * org_sim + 0.1 * place, 4)
    return score, f"ähnlicher Name ({name_sim:.0%}), Träger ({org_sim:.0%})"


def find_duplicates(
    incoming: Sequence[DedupCandidate],
    existing: Sequence[DedupCandidate],
    *,
    threshold: float = 0.85,
) -> list[DuplicateMatch]:
    """Likely duplicates of each incoming record among ``existing`` and earlier incoming ones.

    Blocking: only records sharing an HSDS id, a URL or a name word are compared,
    so the cost stays near-linear for thousands of existing services.
    """
    index: dict[str, list[DedupCandidate]] = defaultdict(list)

    def keys(c: DedupCandidate) -> set[str]:
        ks = {f"w:{w}" for w in normalise_name(c.name).split() if len(w) > 2}
        if c.hsds_id:
            ks.add(f"id:{c.hsds_id}")
        if c.url:
            ks.add(f"u:{_url_key(c.url)}")
        return ks

    def add(c: DedupCandidate) -> None:
        for k in keys(c):
            index[k].append(c)

    for e in existing:
        add(e)
    matches: list[DuplicateMatch] = []
    for inc in incoming:
        seen: set[str] = set()
        best: DuplicateMatch | None = None
        for k in keys(inc):
            for cand in index.get(k, []):
                if cand.key in seen or cand.key == inc.key:
                    continue
                seen.add(cand.key)
                score, reason = similarity(inc, cand)
                if score >= threshold and (best is None or score > best.score):
                    best = DuplicateMatch(inc.key, cand.key, score, reason)
        if best is not None:
            matches.append(best)
        add(inc)
    return matches
