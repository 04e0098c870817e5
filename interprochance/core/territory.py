"""Territory services: address -> area through the street directory, and the
imports of the real reference data (Gemeinden, boundaries, Stadtteile,
institutions). Every module locates addresses through `locate()`."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from interprochance.core import audit, boundaries
from interprochance.core.models import (
    SCHEMATIC_BOUNDARIES_KEY,
    Area,
    AreaLevel,
    Institution,
    InstitutionKind,
    Parity,
    Source,
    StreetSegment,
    Tenant,
    TenantKind,
)
from interprochance.core.tabular import Problems, read_table
from interprochance.core.textcheck import text_problem

LANDKREIS_CODE = "06432"
HESSEN_CODE = "06"

# ---- address parsing and normalisation --------------------------------------

_ADDRESS = re.compile(
    r"^\s*(?P<street>.+?)\s+(?P<number>\d{1,4})\s*(?P<suffix>[a-zA-Z]?)\b"
    r"(?:\s*[-/]\s*\d{1,4}\s*[a-zA-Z]?)?"
    r"\s*(?:,\s*(?:(?P<postcode>\d{5})\s+)?(?P<town>.+?))?\s*$"
)


def street_key(street: str) -> str:
    """Normalise a street name the way statistics offices compare them."""
    text = street.strip().lower().replace("ß", "ss")
    text = re.sub(r"str\.?(?=\s|$)", "strasse", text)
    text = re.sub(r"strasse\b", "strasse", text)
    text = unicodedata.normalize("NFKD", text)
    text = text.replace("\u0308", "e")  # ä -> ae etc. after decomposition
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass(frozen=True)
class ParsedAddress:
    street: str
    number: int
    suffix: str = ""
    postcode: str = ""
    town: str = ""


def parse_address(text: str) -> ParsedAddress | None:
    match = _ADDRESS.match(text or "")
    if not match:
        return None
    return ParsedAddress(
        street=match["street"].strip().rstrip(","),
        number=int(match["number"]),
        suffix=(match["suffix"] or "").upper(),
        postcode=match["postcode"] or "",
        town=(match["town"] or "").strip(),
    )


@dataclass(frozen=True)
class LocateResult:
    area: Area | None
    status: str  # matched | unparseable | unknown_gemeinde | unknown_street | number_out_of_range | ambiguous
    message: str
    address: ParsedAddress | None = None

    @property
    def ok(self) -> bool:
        return self.area is not None


def locate(address: str, *, gemeinde: Area | None = None, on: date | None = None) -> LocateResult:
    """Map an address to the finest area of the street directory.

    Never guesses: an address that matches no range (or more than one area)
    comes back with area=None and a German reason to report.
    """
    parsed = parse_address(address)
    if parsed is None:
        return LocateResult(
            None, "unparseable", _("Adresse nicht lesbar (erwartet: Straße Hausnummer, PLZ Ort).")
        )
    if gemeinde is None and parsed.town:
        gemeinde = (
            Area.objects.valid_on(on)
            .filter(level=AreaLevel.GEMEINDE, name__iexact=parsed.town)
            .first()
        )
    if gemeinde is None:
        return LocateResult(None, "unknown_gemeinde", _("Gemeinde nicht erkannt."), parsed)
    segments = list(
        StreetSegment.objects.filter(
            gemeinde=gemeinde, street_key=street_key(parsed.street)
        ).select_related("area")
    )
    if not segments:
        return LocateResult(
            None,
            "unknown_street",
            _("Straße „%(s)s“ ist im Straßenverzeichnis von %(g)s nicht enthalten.")
            % {"s": parsed.street, "g": gemeinde.name},
            parsed,
        )
    hits = {
        seg.area_id: seg.area
        for seg in segments
        if seg.number_from <= parsed.number <= seg.number_to
        and (seg.parity == Parity.ALL or (seg.parity == Parity.ODD) == (parsed.number % 2 == 1))
    }
    if not hits:
        return LocateResult(
            None,
            "number_out_of_range",
            _("Hausnummer %(n)s liegt in keinem Abschnitt der %(s)s.")
            % {"n": parsed.number, "s": parsed.street},
            parsed,
        )
    if len(hits) > 1:
        return LocateResult(
            None,
            "ambiguous",
            _("Die Adresse passt zu mehreren Gebieten; bitte das Verzeichnis prüfen."),
            parsed,
        )
    area = next(iter(hits.values()))
    return LocateResult(area, "matched", _("Zugeordnet: %(a)s") % {"a": area.name}, parsed)


# ---- reference imports -------------------------------------------------------

#: the source of the schematic demo boundaries below Gemeinde level (maps say so)
SCHEMATIC_BOUNDARIES = SCHEMATIC_BOUNDARIES_KEY

SOURCES = {
    "bkg-vg250-ew": {
        "title": "Verwaltungsgebiete 1:250 000 mit Einwohnerzahlen (VG250-EW)",
        "publisher": "Bundesamt für Kartographie und Geodäsie",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)",
        "attribution": "© GeoBasis-DE / BKG (2025)",
        "url": "https://gdz.bkg.bund.de/",
    },
    "hsl-bevoelkerung": {
        "title": "Bevölkerung der Gemeinden am 31.12.2024",
        "publisher": "Hessisches Statistisches Landesamt, veröffentlicht durch den Landkreis Darmstadt-Dieburg",
        "licence": "",
        "attribution": "Hessisches Statistisches Landesamt",
        "url": "https://www.ladadi.de/kreis-bildung/der-kreis/kreisstatistik/bevoelkerung",
    },
    "wikipedia-stadtteile": {
        "title": "Einwohner der Stadtteile Weiterstadts (Infoboxen, Belege: Stadt Weiterstadt)",
        "publisher": "Wikipedia / Stadt Weiterstadt",
        "licence": "CC BY-SA 4.0",
        "attribution": "de.wikipedia.org, Belege: Stadt Weiterstadt, Statistische Informationen",
        "url": "https://de.wikipedia.org/wiki/Weiterstadt",
    },
    "rki-gisd": {
        "title": "German Index of Socioeconomic Deprivation (GISD), Release 2025",
        "publisher": "Robert Koch-Institut",
        "licence": "CC BY 4.0",
        "attribution": "Robert Koch-Institut, GISD",
        "url": "https://github.com/robert-koch-institut/German_Index_of_Socioeconomic_Deprivation_GISD",
    },
    "bbsr-inkar": {
        "title": "INKAR – Indikatoren und Karten zur Raum- und Stadtentwicklung",
        "publisher": "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR) Bonn",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)",
        "attribution": "INKAR, BBSR Bonn",
        "url": "https://www.inkar.de/",
    },
    SCHEMATIC_BOUNDARIES: {
        "title": "Schematische Demo-Grenzen der Stadtteile und Sozialräume Weiterstadts",
        "publisher": "InterProChance (synthetische Demodaten)",
        "licence": "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)",
        "attribution": (
            "schematische Demo-Grenzen, keine amtlichen Grenzen; aus der Gemeindegrenze "
            "© GeoBasis-DE / BKG (2025) in Zellen um gesetzte Punkte geteilt"
        ),
        "url": "",
    },
    "weiterstadt-einrichtungen": {
        "title": "Schulen und Kitas in Weiterstadt",
        "publisher": "Zusammenstellung aus weiterstadt.de, Schulwebsites, ev. Dekanat, echo-online",
        "licence": "",
        "attribution": "Quellen je Einrichtung angegeben",
        "url": "https://www.weiterstadt.de/",
    },
}


def ensure_source(key: str) -> Source:
    source, _created = Source.objects.update_or_create(key=key, defaults=SOURCES[key])
    return source


def _stadtteil_code(name: str, index: int) -> str:
    return f"06432023-{index:02d}"


@transaction.atomic
def territory_import_reference(*, directory: Path, actor: object = None) -> dict[str, int]:
    """Import Hessen > Landkreis Darmstadt-Dieburg > 23 Gemeinden (+ boundaries,
    population) > Weiterstadt's Stadtteile, and the tenants. Idempotent."""
    gemeinden_csv = directory / "ladadi_gemeinden.csv"
    geojson_path = directory / "ladadi_gemeinden.geojson"
    stadtteile_csv = directory / "weiterstadt_stadtteile.csv"
    problems = Problems()
    rows = list(csv.DictReader(gemeinden_csv.open(encoding="utf-8")))
    for index, row in enumerate(rows, start=2):
        if not re.fullmatch(r"06432\d{3}", row.get("ags", "")):
            problems.add(index, "ags", _("Ungültiger Amtlicher Gemeindeschlüssel."))
    problems.raise_if_any()
    features = {
        f["properties"]["ags"]: f
        for f in json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    }

    bkg = ensure_source("bkg-vg250-ew")
    hsl = ensure_source("hsl-bevoelkerung")
    land, _c = Area.objects.update_or_create(
        code=HESSEN_CODE,
        valid_from=date(1900, 1, 1),
        defaults={"name": "Hessen", "level": AreaLevel.LAND},
    )
    kreis, _c = Area.objects.update_or_create(
        code=LANDKREIS_CODE,
        valid_from=date(1900, 1, 1),
        defaults={
            "name": "Landkreis Darmstadt-Dieburg",
            "level": AreaLevel.LANDKREIS,
            "parent": land,
            "population": sum(int(r["einwohner_2024_12_31"]) for r in rows),
            "population_date": date(2024, 12, 31),
            "source": hsl,
        },
    )
    kreis_tenant, _c = Tenant.objects.update_or_create(
        slug="landkreis-darmstadt-dieburg",
        defaults={
            "name": "Landkreis Darmstadt-Dieburg",
            "kind": TenantKind.LANDKREIS,
            "area": kreis,
        },
    )
    counts = {"gemeinden": 0, "stadtteile": 0}
    for row in rows:
        feature = features.get(row["ags"])
        gemeinde, _c = Area.objects.update_or_create(
            code=row["ags"],
            valid_from=date(1900, 1, 1),
            defaults={
                "name": row["name"],
                "level": AreaLevel.GEMEINDE,
                "parent": kreis,
                "geometry": feature["geometry"] if feature else None,
                "geometry_source": bkg if feature else None,
                "population": int(row["einwohner_2024_12_31"]),
                "population_date": date(2024, 12, 31),
                "area_km2": row["flaeche_km2"],
                "source": bkg,
            },
        )
        Tenant.objects.update_or_create(
            slug=slug_for(row["name"]),
            defaults={
                "name": f"{row['bezeichnung']} {row['name']}",
                "kind": TenantKind.GEMEINDE,
                "area": gemeinde,
                "parent": kreis_tenant,
            },
        )
        counts["gemeinden"] += 1

    weiterstadt = Area.objects.get(code="06432023", valid_from=date(1900, 1, 1))
    wiki = ensure_source("wikipedia-stadtteile")
    for index, row in enumerate(csv.DictReader(stadtteile_csv.open(encoding="utf-8")), start=1):
        Area.objects.update_or_create(
            code=_stadtteil_code(row["stadtteil"], index),
            valid_from=date(1900, 1, 1),
            defaults={
                "name": ortsteil_name(row["stadtteil"]),
                "level": AreaLevel.ORTSTEIL,
                "parent": weiterstadt,
                "population": int(row["einwohner"]) if row["einwohner"] else None,
                "population_date": date.fromisoformat(row["stichtag"]) if row["stichtag"] else None,
                "area_km2": row["flaeche_km2"] or None,
                "source": wiki,
            },
        )
        counts["stadtteile"] += 1
    audit.record(actor=actor, action="territory.import", entity="core.area", detail=counts)
    return counts


def ortsteil_name(label: str) -> str:
    """'Weiterstadt (Kernstadt)' -> 'Kernstadt'; 'Braunshardt (lt. Seitengliederung)' -> 'Braunshardt'."""
    if "Kernstadt" in label:
        return "Kernstadt"
    return label.split(" (")[0].strip()


def slug_for(name: str) -> str:
    text = name.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


INSTITUTION_KIND = {"schule": InstitutionKind.SCHULE, "kita": InstitutionKind.KITA}


@transaction.atomic
def institutions_import_weiterstadt(*, path: Path, actor: object = None) -> int:
    tenant = Tenant.objects.get(slug="weiterstadt")
    source = ensure_source("weiterstadt-einrichtungen")
    ortsteile = {
        a.name: a for a in Area.objects.filter(parent=tenant.area, level=AreaLevel.ORTSTEIL)
    }
    count = 0
    for row in csv.DictReader(path.open(encoding="utf-8")):
        typ = row["typ"].lower()
        kind = (
            InstitutionKind.KITA
            if "kita" in typ or "kinder" in typ
            else (
                InstitutionKind.SCHULE
                if "schule" in typ or "gymnasium" in typ
                else InstitutionKind.SONSTIGE
            )
        )
        stadtteil = ortsteil_name(row["stadtteil"])
        Institution.objects.update_or_create(
            tenant=tenant,
            kind=kind,
            name=row["name"],
            defaults={
                "subtype": row["typ"],
                "operator": row["traeger"],
                "address": row["adresse"],
                "area": ortsteile.get(stadtteil) or tenant.area,
                "size_note": row["plaetze_oder_groesse"],
                "status_note": row["status"],
                "source_note": row["quelle"],
                "source": source,
            },
        )
        count += 1
    audit.record(
        actor=actor,
        action="institution.import",
        tenant=tenant,
        entity="core.institution",
        detail={"count": count},
    )
    return count


STREET_COLUMNS = ("street", "number_from", "number_to", "parity", "area_code")
PARITY_WORDS = {
    "all": Parity.ALL,
    "alle": Parity.ALL,
    "odd": Parity.ODD,
    "ungerade": Parity.ODD,
    "even": Parity.EVEN,
    "gerade": Parity.EVEN,
}


@transaction.atomic
def streets_import(
    *,
    source: Path | bytes,
    gemeinde: Area,
    actor: object = None,
    filename: str = "",
    replace: bool = True,
) -> int:
    """Import a street directory (street, number_from, number_to, parity, area_code).
    Validates every row first; a file with any problem writes nothing."""
    table = read_table(source, filename=filename or str(source))
    table.require_columns(STREET_COLUMNS)
    areas = {
        a.code: a
        for a in Area.objects.filter(
            Q(pk=gemeinde.pk) | Q(parent=gemeinde) | Q(parent__parent=gemeinde)
        )
    }
    problems = Problems()
    segments = []
    for row in table.rows:
        line = int(row["__row__"])
        street = row["street"]
        if not street:
            problems.add(line, "street", _("Straßenname fehlt."))
        numbers = []
        for col in ("number_from", "number_to"):
            try:
                value = int(row[col])
                if value < 0:
                    raise ValueError
                numbers.append(value)
            except ValueError:
                problems.add(line, col, _("Keine gültige Hausnummer: „%(v)s“.") % {"v": row[col]})
        if len(numbers) == 2 and numbers[0] > numbers[1]:
            problems.add(line, "number_to", _("Bereich endet vor seinem Anfang."))
        parity = PARITY_WORDS.get(row["parity"].strip().lower())
        if parity is None:
            problems.add(line, "parity", _("Seite muss „alle“, „gerade“ oder „ungerade“ sein."))
        area = areas.get(row["area_code"])
        if area is None:
            problems.add(
                line,
                "area_code",
                _("Unbekanntes Gebiet „%(c)s“ in %(g)s.")
                % {"c": row["area_code"], "g": gemeinde.name},
            )
        if not problems.items or problems.items[-1].row != line:
            segments.append(
                StreetSegment(
                    gemeinde=gemeinde,
                    street=street,
                    street_key=street_key(street),
                    number_from=numbers[0],
                    number_to=numbers[1],
                    parity=parity or Parity.ALL,
                    area=area,
                )
            )
    problems.raise_if_any()
    if replace:
        StreetSegment.objects.filter(gemeinde=gemeinde).delete()
    StreetSegment.objects.bulk_create(segments)
    audit.record(
        actor=actor,
        action="streets.import",
        entity="core.streetsegment",
        detail={"gemeinde": gemeinde.code, "count": len(segments)},
    )
    return len(segments)


BOUNDARY_LEVELS = (AreaLevel.ORTSTEIL, AreaLevel.SOZIALRAUM)
# stored titles are data (German), not UI text in the importer's language
_LEVEL_PLURAL_DE = {AreaLevel.ORTSTEIL: "Ortsteile", AreaLevel.SOZIALRAUM: "Sozialräume"}


def boundary_areas(gemeinde: Area, level: str) -> list[Area]:
    """The current areas of `level` below a Gemeinde (Sozialräume directly below it
    or below one of its Ortsteile)."""
    return list(
        Area.objects.valid_on()
        .filter(level=level)
        .filter(Q(parent=gemeinde) | Q(parent__parent=gemeinde))
        .order_by("code")
    )


@transaction.atomic
def boundaries_import(
    *,
    data: bytes,
    gemeinde: Area,
    level: str,
    actor: object = None,
    attribution: str = "",
    source: Source | None = None,
) -> int:
    """Set the boundaries (GeoJSON geometry) of all areas of `level` below a Gemeinde
    from a FeatureCollection; returns the number of areas.

    The file is checked completely first (`boundaries.plan_boundaries`: features
    matched by property `code`, by `name` only without one; Polygon/MultiPolygon in
    WGS84; inside the Gemeinde; every area exactly once); any problem raises
    `Problems` with all of them and nothing is written. The boundaries are recorded
    with their source: `source`, or one kept per Gemeinde and level whose
    attribution is `attribution` (default: the Gemeinde's name). Idempotent: the
    same file again changes nothing but records the run.
    """
    problems = Problems()
    if gemeinde.level != AreaLevel.GEMEINDE:
        problems.add(None, None, _("Grenzen werden je Gemeinde importiert."))
    if level not in BOUNDARY_LEVELS:
        problems.add(
            None,
            None,
            _("Grenzen können für Ortsteile und Sozialräume importiert werden, nicht für „%(l)s“.")
            % {"l": level},
        )
    attribution = attribution.strip()
    if len(attribution) > 300:
        problems.add(None, None, _("Die Quellenangabe ist länger als 300 Zeichen."))
    elif attribution and text_problem(attribution) is not None:
        problems.add(None, None, _("Die Quellenangabe enthält Steuerzeichen, Markup oder Skript."))
    problems.raise_if_any()
    areas = boundary_areas(gemeinde, level)
    level_label = str(AreaLevel(level).label)
    plan = boundaries.plan_boundaries(
        data,
        targets=[boundaries.Target(a.pk, a.code, a.name) for a in areas],
        gemeinde_name=gemeinde.name,
        level_label=level_label,
        gemeinde_bbox=boundaries.bbox_of(gemeinde.geometry) if gemeinde.geometry else None,
    )
    if source is None:
        source, _created = Source.objects.update_or_create(
            key=f"grenzen-{gemeinde.code}-{level}",
            defaults={
                "title": f"Grenzen der {_LEVEL_PLURAL_DE[AreaLevel(level)]} von {gemeinde.name}",
                "publisher": gemeinde.name,
                "attribution": attribution or gemeinde.name,
            },
        )
    changed = 0
    for area in areas:
        geometry = plan[area.pk]
        if area.geometry != geometry or area.geometry_source_id != source.pk:
            area.geometry = geometry
            area.geometry_source = source
            area.save(update_fields=["geometry", "geometry_source"])
            changed += 1
    audit.record(
        actor=actor,
        action="boundaries.import",
        tenant=Tenant.objects.filter(area=gemeinde).first(),
        entity="core.area",
        object_id=gemeinde.code,
        detail={
            "gemeinde": gemeinde.code,
            "level": level,
            "count": len(areas),
            "changed": changed,
            "source": source.key,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return len(areas)
