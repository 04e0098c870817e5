"""Directory demo: real Weiterstadt schools and Kitas as locations, synthetic services.

Every organisation, service, agreement and meeting created here is marked
``is_synthetic`` except the real institutions themselves (their names,
addresses and Stadtteile come from ``data/reference/weiterstadt_einrichtungen.csv``
via core). Services are spread unevenly on purpose - plenty in the Kernstadt and
Braunshardt, little in Riedbahn and Schneppenhausen, nothing for some life
phases - so the need-versus-supply analysis has something to find.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from interprochance.core.models import Area, AreaLevel, Institution

from . import services as act
from .inputs import ServiceData, Translation
from .models import Location, Organization, Service, ServiceRevision
from .validation.schedule import OpeningSlot

SYNTHETIC_ORGS = [
    # name, kind, description, phone, email, website
    (
        "Lernwerkstatt Weiterstadt e. V.",
        "verein",
        "Verein für Lernförderung und Hausaufgabenbetreuung (Demo).",
        "06150 123450",
        "info@lernwerkstatt-demo.de",
        "https://lernwerkstatt-demo.de",
    ),
    (
        "Familienzentrum Sonnenblume",
        "traeger",
        "Offenes Familienzentrum mit Elterncafé und Beratung (Demo).",
        "06150 123460",
        "kontakt@sonnenblume-demo.de",
        "",
    ),
    (
        "Kinder- und Jugendförderung Weiterstadt",
        "kommune",
        "Fachbereich der Stadt für Kinder- und Jugendarbeit (Demo-Eintrag).",
        "06150 400100",
        "jugend@weiterstadt-demo.de",
        "",
    ),
    (
        "Migrationsdienst Süd e. V.",
        "beratung",
        "Beratung für zugewanderte Familien (Demo).",
        "06151 998800",
        "beratung@migrationsdienst-demo.de",
        "",
    ),
    (
        "Sportgemeinschaft Braunshardt 1900 (Demo)",
        "verein",
        "Sportverein mit Kinder- und Jugendabteilung (Demo).",
        "06150 554433",
        "",
        "",
    ),
    (
        "Frühe Hilfen Darmstadt-Dieburg (Demo)",
        "beratung",
        "Netzwerk Frühe Hilfen des Landkreises (Demo-Eintrag).",
        "06151 881200",
        "fruehehilfen@ladadi-demo.de",
        "",
    ),
    (
        "Jugendberufshilfe Dieburg gGmbH (Demo)",
        "traeger",
        "Übergang Schule–Beruf (Demo).",
        "06071 200300",
        "",
        "",
    ),
]

# Synthetic locations beyond the real institutions: name, street, postal code, organisation index
EXTRA_LOCATIONS = [
    ("Jugendzentrum Weiterstadt (Demo)", "Bahnhofstraße 12", "64331", 2),
    ("Familienzentrum Sonnenblume (Demo)", "Darmstädter Straße 21", "64331", 1),
    ("Vereinsheim Braunshardt (Demo)", "Kreisstraße 30", "64331", 4),
    ("Beratungsstelle Süd (Demo)", "Kreuzstraße 80", "64331", 3),
    ("Gemeinschaftsraum Riedbahn (Demo)", "Riedbahnstraße 10", "64331", 2),
]

W = "WEEKLY"


def _slot(
    days: str, start: int, end: int, *, interval: int = 1, freq: str = W, setpos: int | None = None
) -> OpeningSlot:
    return OpeningSlot(
        weekdays=tuple(days.split(",")),
        opens_at=time(start),
        closes_at=time(end),
        interval=interval,
        freq=freq,
        setpos=setpos,
    )


# name, org index, location key, phases, needs, targets, ages, free, but, languages, slots, easy summary, translations
SERVICES: list[dict[str, Any]] = [
    {
        "name": "Hausaufgabenhilfe an der Carl-Ulrich-Schule",
        "org": 0,
        "loc": "Carl-Ulrich-Schule",
        "phases": ["grundschule"],
        "needs": ["bildung"],
        "targets": ["kinder"],
        "ages": (6, 10),
        "free": True,
        "but": True,
        "langs": ["de", "tr"],
        "slots": [_slot("MO,TU,TH", 13, 15)],
        "easy": "Hilfe bei den Hausaufgaben. Nach der Schule. Das kostet nichts.",
        "description": "Ehrenamtliche und Lehramtsstudierende helfen Kindern der Klassen 1 bis 4 bei den Hausaufgaben, in kleinen Gruppen in den Räumen der Schule.",
        "translations": {
            "en": (
                "Homework help at Carl-Ulrich-Schule",
                "Volunteers help children in grades 1 to 4 with their homework in small groups.",
            ),
            "tr": (
                "Carl-Ulrich-Schule'de ödev yardımı",
                "Gönüllüler 1-4. sınıf çocuklarına küçük gruplar halinde ödevlerinde yardımcı olur.",
            ),
            "ar": (
                "المساعدة في الواجبات المنزلية",
                "يساعد متطوعون أطفال الصفوف من الأول إلى الرابع في واجباتهم المنزلية.",
            ),
            "uk": (
                "Допомога з домашнім завданням",
                "Волонтери допомагають дітям 1–4 класів з домашніми завданнями в малих групах.",
            ),
        },
    },
    {
        "name": "Lernförderung Deutsch und Mathe",
        "org": 0,
        "loc": "Albrecht-Dürer-Schule",
        "phases": ["sek1"],
        "needs": ["bildung"],
        "targets": ["jugendliche"],
        "ages": (10, 16),
        "free": False,
        "but": True,
        "langs": ["de"],
        "slots": [_slot("WE", 14, 16)],
        "easy": "Nachhilfe in Deutsch und Mathe. Mit dem BuT-Gutschein kostenlos.",
        "description": "Lernförderung in kleinen Gruppen für Schülerinnen und Schüler der Klassen 5 bis 10. Abrechnung über Bildung und Teilhabe möglich.",
    },
    {
        "name": "Elterncafé mit Kinderbetreuung",
        "org": 1,
        "loc": "Familienzentrum Sonnenblume (Demo)",
        "phases": ["geburt", "kita"],
        "needs": ["familie"],
        "targets": ["eltern", "alleinerziehende"],
        "ages": (0, 6),
        "free": True,
        "but": False,
        "langs": ["de", "en", "ar"],
        "slots": [_slot("TU", 9, 11), _slot("TH", 15, 17)],
        "easy": "Eltern treffen sich. Es gibt Kaffee. Die Kinder spielen.",
        "description": "Offener Treff für Eltern mit kleinen Kindern: Austausch, Fragen rund um Erziehung und Alltag, Kinder werden betreut.",
        "translations": {
            "en": (
                "Parents' café with childcare",
                "Open meeting place for parents with small children; childcare is provided.",
            ),
            "ar": (
                "مقهى الآباء مع رعاية الأطفال",
                "لقاء مفتوح للآباء والأمهات مع أطفال صغار، مع رعاية الأطفال.",
            ),
        },
    },
    {
        "name": "Babytreff und Stillberatung",
        "org": 5,
        "loc": "Familienzentrum Sonnenblume (Demo)",
        "phases": ["geburt"],
        "needs": ["gesundheit", "familie"],
        "targets": ["schwangere", "eltern"],
        "ages": (0, 1),
        "free": True,
        "but": False,
        "langs": ["de", "en"],
        "slots": [_slot("WE", 10, 12)],
        "easy": "Treffen für Eltern mit Baby. Eine Hebamme hilft.",
        "description": "Hebamme und Familienkinderkrankenschwester beraten zu Stillen, Schlafen und Entwicklung im ersten Lebensjahr.",
    },
    {
        "name": "Familienberatung Weiterstadt",
        "org": 1,
        "loc": "Familienzentrum Sonnenblume (Demo)",
        "phases": ["kita", "grundschule", "sek1"],
        "needs": ["familie", "schutz"],
        "targets": ["eltern"],
        "ages": (0, 18),
        "free": True,
        "but": False,
        "langs": ["de", "tr"],
        "slots": [_slot("MO", 9, 12), _slot("WE", 14, 18)],
        "easy": "Sie haben Sorgen in der Familie? Wir helfen. Das kostet nichts.",
        "description": "Vertrauliche Beratung bei Erziehungsfragen, Konflikten in der Familie, Trennung und Scheidung.",
    },
    {
        "name": "Sprachkurs für Mütter mit Kinderbetreuung",
        "org": 3,
        "loc": "Beratungsstelle Süd (Demo)",
        "phases": ["kita"],
        "needs": ["integration"],
        "targets": ["eltern", "zugewanderte"],
        "ages": (1, 6),
        "free": True,
        "but": False,
        "langs": ["de", "ar", "uk", "tr"],
        "slots": [_slot("MO,WE", 9, 11)],
        "easy": "Deutsch lernen für Mütter. Die Kinder werden betreut.",
        "description": "Deutschkurs für Mütter mit kleinen Kindern, die Kinder werden parallel betreut.",
        "translations": {
            "uk": (
                "Мовний курс для матерів",
                "Курс німецької мови для матерів з маленькими дітьми; діти під наглядом.",
            ),
            "ar": ("دورة لغة للأمهات", "دورة لغة ألمانية للأمهات مع رعاية الأطفال."),
        },
    },
    {
        "name": "Migrationsberatung für Familien",
        "org": 3,
        "loc": "Beratungsstelle Süd (Demo)",
        "phases": ["kita", "grundschule", "sek1", "uebergang"],
        "needs": ["integration", "existenz"],
        "targets": ["zugewanderte", "eltern"],
        "ages": None,
        "free": True,
        "but": False,
        "langs": ["de", "en", "ar", "uk", "tr", "fa"],
        "slots": [_slot("TU", 9, 13), _slot("TH", 13, 17)],
        "easy": "Beratung für Familien aus anderen Ländern.",
        "description": "Beratung zu Aufenthalt, Leistungen, Schule und Kita für zugewanderte Familien.",
    },
    {
        "name": "Offener Kinder- und Jugendtreff",
        "org": 2,
        "loc": "Jugendzentrum Weiterstadt (Demo)",
        "phases": ["grundschule", "sek1"],
        "needs": ["teilhabe"],
        "targets": ["kinder", "jugendliche"],
        "ages": (8, 16),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("MO,WE,FR", 15, 19)],
        "easy": "Ein Treff für Kinder und Jugendliche. Spielen, reden, kochen.",
        "description": "Offener Treff mit Spielen, Kochen, Ausflügen und Ansprechpersonen für Kinder und Jugendliche.",
    },
    {
        "name": "Jugendtreff Riedbahn",
        "org": 2,
        "loc": "Gemeinschaftsraum Riedbahn (Demo)",
        "phases": ["sek1"],
        "needs": ["teilhabe"],
        "targets": ["jugendliche"],
        "ages": (12, 18),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("FR", 16, 19, interval=2)],
        "easy": "Jugendtreff alle zwei Wochen am Freitag.",
        "description": "Mobiles Angebot der Jugendförderung alle zwei Wochen im Gemeinschaftsraum.",
    },
    {
        "name": "Kinderturnen",
        "org": 4,
        "loc": "Vereinsheim Braunshardt (Demo)",
        "phases": ["kita", "grundschule"],
        "needs": ["teilhabe", "gesundheit"],
        "targets": ["kinder"],
        "ages": (3, 8),
        "free": False,
        "but": True,
        "langs": ["de"],
        "slots": [_slot("TU", 15, 16), _slot("TH", 16, 17)],
        "easy": "Turnen für Kinder. Mit BuT-Geld bezahlen.",
        "description": "Bewegung und Spiel in der Halle; Mitgliedsbeitrag über das Bildungs- und Teilhabepaket abrechenbar.",
    },
    {
        "name": "Fußball für Kinder",
        "org": 4,
        "loc": "Vereinsheim Braunshardt (Demo)",
        "phases": ["grundschule", "sek1"],
        "needs": ["teilhabe"],
        "targets": ["kinder", "jugendliche"],
        "ages": (6, 14),
        "free": False,
        "but": True,
        "langs": ["de"],
        "slots": [_slot("MO,WE", 17, 18)],
        "description": "Training für Kinder und Jugendliche in Altersgruppen.",
    },
    {
        "name": "Vorlesestunde in der Kita",
        "org": 0,
        "loc": "Kita Apfelbaum",
        "phases": ["kita"],
        "needs": ["bildung"],
        "targets": ["kinder"],
        "ages": (3, 6),
        "free": True,
        "but": False,
        "langs": ["de", "tr"],
        "slots": [_slot("FR", 10, 11)],
        "easy": "Vorlesen für Kita-Kinder.",
        "description": "Ehrenamtliche lesen einmal in der Woche vor, auch zweisprachig.",
    },
    {
        "name": "Sprachförderung im Kita-Alltag",
        "org": 2,
        "loc": "Kita Schatzkiste",
        "phases": ["kita"],
        "needs": ["bildung", "integration"],
        "targets": ["kinder"],
        "ages": (3, 6),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("MO,TU,WE,TH", 9, 10)],
        "description": "Alltagsintegrierte Sprachbildung in kleinen Gruppen.",
    },
    {
        "name": "Bewerbungstraining",
        "org": 6,
        "loc": "Albrecht-Dürer-Schule",
        "phases": ["uebergang"],
        "needs": ["beruf"],
        "targets": ["jugendliche"],
        "ages": (15, 21),
        "free": True,
        "but": False,
        "langs": ["de", "en"],
        "slots": [_slot("TH", 14, 16)],
        "easy": "Hilfe bei der Bewerbung für eine Ausbildung.",
        "description": "Bewerbungsunterlagen, Vorstellungsgespräche üben, Praktikumsplätze finden.",
    },
    {
        "name": "Ausbildungslotsen",
        "org": 6,
        "loc": "Jugendzentrum Weiterstadt (Demo)",
        "phases": ["uebergang"],
        "needs": ["beruf", "bildung"],
        "targets": ["jugendliche"],
        "ages": (16, 25),
        "free": True,
        "but": False,
        "langs": ["de", "tr"],
        "slots": [_slot("TU", 15, 18)],
        "description": "Begleitung von jungen Menschen beim Übergang in Ausbildung und Beruf.",
    },
    {
        "name": "Schuldner- und Sozialberatung für Familien",
        "org": 3,
        "loc": "Beratungsstelle Süd (Demo)",
        "phases": ["kita", "grundschule", "sek1", "uebergang"],
        "needs": ["existenz"],
        "targets": ["eltern", "alleinerziehende"],
        "ages": None,
        "free": True,
        "but": False,
        "langs": ["de", "en"],
        "slots": [_slot("WE", 9, 12)],
        "easy": "Sie haben Schulden? Wir beraten Sie. Das kostet nichts.",
        "description": "Beratung zu Schulden, Leistungen (Bürgergeld, Kinderzuschlag, Wohngeld, BuT) und Haushaltsplanung.",
    },
    {
        "name": "Willkommensbesuch für Neugeborene",
        "org": 5,
        "loc": "Familienzentrum Sonnenblume (Demo)",
        "phases": ["geburt"],
        "needs": ["familie", "gesundheit"],
        "targets": ["eltern"],
        "ages": (0, 0),
        "free": True,
        "but": False,
        "langs": ["de", "en", "tr", "ar"],
        "slots": [_slot("MO,TU,WE,TH,FR", 9, 12)],
        "easy": "Wir besuchen Sie, wenn Ihr Baby geboren ist.",
        "description": "Fachkräfte der Frühen Hilfen besuchen Familien nach der Geburt und informieren über Angebote.",
    },
    {
        "name": "Hausaufgabenbetreuung Schloss-Schule",
        "org": 0,
        "loc": "Schloss-Schule Gräfenhausen",
        "phases": ["grundschule"],
        "needs": ["bildung"],
        "targets": ["kinder"],
        "ages": (6, 10),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("TU,TH", 13, 14)],
        "description": "Betreuung bei den Hausaufgaben im Rahmen des Ganztags.",
    },
    {
        "name": "Elternabend: Übergang Kita–Schule",
        "org": 1,
        "loc": "Schloss-Schule Gräfenhausen",
        "phases": ["kita", "grundschule"],
        "needs": ["familie", "bildung"],
        "targets": ["eltern"],
        "ages": (5, 7),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("TU", 19, 21, freq="MONTHLY", setpos=1)],
        "description": "Informationsabend für Eltern von Vorschulkindern, jeden ersten Dienstag im Monat.",
    },
    {
        "name": "Krabbelgruppe Schneppenhausen",
        "org": 1,
        "loc": "Kinderkrippe Schneppenhausen",
        "phases": ["geburt", "kita"],
        "needs": ["familie"],
        "targets": ["eltern"],
        "ages": (0, 3),
        "free": True,
        "but": False,
        "langs": ["de"],
        "slots": [_slot("FR", 9, 11)],
        "description": "Spielgruppe für Eltern mit Kleinkindern.",
    },
]


def _ortsteile(ctx: Any) -> dict[str, Area]:
    return {
        a.name: a
        for a in Area.objects.filter(parent=ctx.weiterstadt.area, level=AreaLevel.ORTSTEIL)
    }


def _street(address: str) -> tuple[str, str]:
    """'Kreuzstraße 45 A, 64331 Weiterstadt (...)' -> ('Kreuzstraße 45 A', '64331')."""
    first = address.split(";")[0].split("(")[0].strip().rstrip(",")
    street = first.split(",")[0].strip()
    return street, "64331"


def load(ctx: Any) -> str:
    tenant = ctx.weiterstadt
    planner = ctx.users.get("demo-netzwerk")
    today = timezone.localdate()

    orgs: list[Organization] = []
    for name, kind, description, phone, email, website in SYNTHETIC_ORGS:
        orgs.append(
            act.organization_create(
                actor=planner,
                tenant=tenant,
                is_synthetic=True,
                data=act.OrganizationData(
                    name=name,
                    kind=kind,
                    description=description,
                    phone=phone,
                    email=email,
                    website=website,
                ),
            )
        )
    act.contact_create(
        actor=planner,
        organization=orgs[1],
        name="Frau Demo-Beispiel",
        title="Leitung Familienzentrum",
        email="leitung@sonnenblume-demo.de",
        is_public=True,
    )
    act.contact_create(
        actor=planner,
        organization=orgs[0],
        name="Herr Demo-Muster",
        title="Koordination",
        phone="06150 123451",
        is_public=False,
    )

    # Real institutions as locations (and, for schools/Kitas, as network actors).
    locations: dict[str, Location] = {}
    inst_orgs: dict[str, Organization] = {}
    n_real = 0
    for inst in Institution.objects.filter(tenant=tenant).select_related("area"):
        if not inst.address.strip():
            continue
        street, pc = _street(inst.address)
        org = act.organization_create(
            actor=planner,
            tenant=tenant,
            institution=inst,
            data=act.OrganizationData(
                name=inst.name,
                kind="schule" if inst.kind == "schule" else "kita",
                description=f"{inst.subtype}. Träger: {inst.operator or 'nicht angegeben'}.",
            ),
        )
        inst_orgs[inst.name] = org
        locations[inst.name] = act.location_create(
            actor=planner,
            tenant=tenant,
            organization=org,
            name=inst.name,
            street=street,
            postal_code=pc,
            city="Weiterstadt",
            institution=inst,
            area=inst.area,
            barrier_free=inst.kind == "schule",
        )
        n_real += 1
    for name, street, pc, org_index in EXTRA_LOCATIONS:
        locations[name] = act.location_create(
            actor=planner,
            tenant=tenant,
            organization=orgs[org_index],
            name=name,
            street=street,
            postal_code=pc,
            city="Weiterstadt",
            barrier_free=org_index in (1, 3),
            is_synthetic=True,
            accessibility_note="Aufzug vorhanden" if org_index in (1, 3) else "",
        )

    created: list[Service] = []
    for spec in SERVICES:
        loc = locations.get(spec["loc"])
        ages = spec.get("ages")
        data = ServiceData(
            name=spec["name"],
            description=spec["description"],
            easy_summary=spec.get("easy", ""),
            life_phases=tuple(spec["phases"]),
            need_areas=tuple(spec["needs"]),
            target_groups=tuple(spec["targets"]),
            languages=tuple(spec["langs"]),
            min_age=ages[0] if ages else None,
            max_age=ages[1] if ages else None,
            is_free=spec["free"],
            but_eligible=spec["but"],
            reduced_available=not spec["free"],
            fees_description="kostenlos"
            if spec["free"]
            else "Beitrag; ermäßigt bzw. über BuT möglich",
            application_process="Ohne Anmeldung vorbeikommen oder vorher anrufen.",
            phone=orgs[spec["org"]].phone,
            location_ids=(loc.pk,) if loc else (),
            schedules=tuple(spec["slots"]),
            translations={
                k: Translation(n, d) for k, (n, d) in spec.get("translations", {}).items()
            },
        )
        created.append(
            act.service_create(
                actor=planner,
                organization=orgs[spec["org"]],
                data=data,
                publish=True,
                is_synthetic=True,
                today=today,
            )
        )

    # One entry not confirmed for 14 months (flagged), one draft, one open proposal by personal link.
    stale = created[10]
    Service.objects.filter(pk=stale.pk).update(last_confirmed=today - timedelta(days=430))
    ServiceRevision.objects.filter(service=stale).update(
        created=timezone.now() - timedelta(days=430)
    )
    link, _token = act.provider_link_create(
        actor=planner, organization=orgs[4], label="Jugendwart (Demo)", today=today
    )
    changed = act.service_data_of(stale)
    act.service_propose(
        actor=None,
        organization=orgs[4],
        service=stale,
        via="link",
        submitted_name=link.label,
        today=today,
        data=ServiceData(
            **{**changed.__dict__, "description": changed.description + " Neu: auch in den Ferien."}
        ),
    )
    act.service_propose(
        actor=None,
        organization=orgs[0],
        via="link",
        submitted_name="Lernwerkstatt (Demo)",
        today=today,
        data=ServiceData(
            name="Lesepaten für Grundschulkinder",
            description="Ehrenamtliche Lesepatinnen und -paten lesen mit Kindern.",
            life_phases=("grundschule",),
            need_areas=("bildung",),
            target_groups=("kinder",),
            languages=("de",),
            min_age=6,
            max_age=10,
            is_free=True,
            location_ids=(locations["Carl-Ulrich-Schule"].pk,)
            if "Carl-Ulrich-Schule" in locations
            else (),
            schedules=(_slot("WE", 13, 14),),
        ),
    )

    # Network: agreements and meetings between real institutions and synthetic providers.
    school = inst_orgs.get("Carl-Ulrich-Schule")
    kita = inst_orgs.get("Kita Apfelbaum")
    act.agreement_create(
        actor=planner,
        tenant=tenant,
        title="Kooperation Hausaufgabenhilfe (Demo)",
        parties=[p for p in (orgs[0], school) if p],
        signed_on=date(2024, 8, 1),
        subject="Räume und Zeiten der Hausaufgabenhilfe",
        is_synthetic=True,
    )
    act.agreement_create(
        actor=planner,
        tenant=tenant,
        title="Netzwerk Frühe Hilfen Weiterstadt (Demo)",
        parties=[orgs[1], orgs[5], orgs[2], *(p for p in (kita,) if p)],
        signed_on=date(2023, 3, 1),
        subject="Willkommensbesuche, Elterncafé, gegenseitige Vermittlung",
        is_synthetic=True,
    )
    act.agreement_create(
        actor=planner,
        tenant=tenant,
        title="Übergang Schule–Beruf (Demo)",
        parties=[orgs[6], orgs[2], *(p for p in (inst_orgs.get("Albrecht-Dürer-Schule"),) if p)],
        signed_on=date(2025, 2, 1),
        is_synthetic=True,
    )
    act.agreement_create(
        actor=planner,
        tenant=tenant,
        title="Sprachförderung und Integration (Demo)",
        parties=[orgs[3], orgs[1], *(p for p in (inst_orgs.get("Kita Schatzkiste"),) if p)],
        signed_on=date(2024, 1, 15),
        is_synthetic=True,
    )
    actors = list(inst_orgs.values())
    act.meeting_create(
        actor=planner,
        tenant=tenant,
        title="Netzwerkkonferenz Präventionskette (Demo)",
        held_on=today - timedelta(days=120),
        participants=[*orgs, *actors[:6]],
        place="Bürgerzentrum Weiterstadt",
        participant_count=24,
        is_synthetic=True,
        topics=[
            ("Angebote für Riedbahn", "Kaum Angebote vor Ort; mobile Angebote prüfen."),
            ("Übergang Kita–Grundschule", "Gemeinsamer Elternabend je Stadtteil."),
        ],
        actions=[
            act.ActionInput(
                "Mobiles Familiencafé in Riedbahn erproben", orgs[1], today + timedelta(days=60)
            ),
            act.ActionInput(
                "Elternabend Übergang in Gräfenhausen", orgs[1], today - timedelta(days=10)
            ),
        ],
    )
    act.meeting_create(
        actor=planner,
        tenant=tenant,
        title="AG Frühe Kindheit (Demo)",
        held_on=today - timedelta(days=45),
        participants=[orgs[1], orgs[5], orgs[2], *(a for a in actors if a.kind == "kita")][:8],
        participant_count=9,
        is_synthetic=True,
        topics=[("Willkommensbesuche", "Quote der erreichten Familien steigern.")],
        actions=[
            act.ActionInput("Flyer in Arabisch und Ukrainisch", orgs[5], today + timedelta(days=30))
        ],
    )
    act.meeting_create(
        actor=planner,
        tenant=tenant,
        title="AG Schule und Beruf (Demo)",
        held_on=today - timedelta(days=20),
        participants=[orgs[6], orgs[2], orgs[0], *(a for a in actors if a.kind == "schule")][:7],
        participant_count=8,
        is_synthetic=True,
        topics=[("Praktikumsbörse", "Termin im Frühjahr.")],
    )
    return f"{len(orgs) + len(inst_orgs)} Träger ({n_real} reale Einrichtungen als Orte), {len(created)} synthetische Angebote, 4 Vereinbarungen, 3 Treffen"
