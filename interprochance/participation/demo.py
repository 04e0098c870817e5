"""Demo participation concepts and their roll-out in Weiterstadt's real
Kitas and schools (the roll-out data is synthetic)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interprochance.core.models import Institution
from interprochance.participation import services

CONCEPTS = [
    {
        "code": "kinderrat-kita",
        "name": "Kinderrat in der Kita",
        "goal": "Kinder bestimmen im Kita-Alltag mit und erleben, dass ihre Stimme zählt.",
        "target_group": "Kinder von 3 bis 6 Jahren, besonders aus Familien im Leistungsbezug",
        "life_phase": "early_childhood",
        "institution_kind": "kita",
        "resources": "Fortbildung der Fachkräfte (2 Tage), 1 Stunde Moderation je Woche",
        "stages": {
            "activities": ("Der Kinderrat tagt alle zwei Wochen.", []),
            "reach": (
                "Alle Gruppen entsenden Kinder; Kinder aus benachteiligten Familien sind "
                "vertreten.",
                ["kita_besuchsquote_u6"],
            ),
            "acceptance": ("Kinder und Eltern kennen und nutzen den Kinderrat.", []),
            "behaviour": ("Kinder bringen eigene Vorschläge ein.", []),
            "living_conditions": (
                "Kinder aus benachteiligten Familien nehmen häufiger an Angeboten teil.",
                ["sgb2_quote_u15"],
            ),
        },
    },
    {
        "code": "lernpaten-grundschule",
        "name": "Lernpaten an Grundschulen",
        "goal": "Ehrenamtliche Lernpaten begleiten Kinder mit Förderbedarf beim Lesen und Rechnen.",
        "target_group": "Kinder der Klassen 1 bis 4 mit Förderbedarf",
        "life_phase": "primary",
        "institution_kind": "school",
        "resources": "Koordination 5 Wochenstunden, Raum in der Schule, Material",
        "stages": {
            "activities": ("Wöchentliche Lerntreffen in festen Tandems.", []),
            "reach": ("Je Schule mindestens 10 Tandems.", []),
            "knowledge": ("Kinder verbessern Lese- und Rechenfertigkeiten.", []),
            "living_conditions": (
                "Weniger Klassenwiederholungen.",
                ["schulabgaenger_ohne_abschluss"],
            ),
        },
    },
    {
        "code": "teilhabe-lotse-schule",
        "name": "Teilhabe-Lotsen an Schulen",
        "goal": "Familien erfahren von Leistungen für Bildung und Teilhabe und nutzen sie.",
        "target_group": "Schülerinnen, Schüler und ihre Familien",
        "life_phase": "secondary",
        "institution_kind": "school",
        "resources": "Schulsozialarbeit, Infomaterial in mehreren Sprachen",
        "stages": {
            "activities": ("Sprechstunde und Elternabende zu BuT-Leistungen.", []),
            "reach": ("Familien mit Anspruch werden erreicht.", ["but_inanspruchnahme"]),
            "acceptance": ("Familien stellen Anträge.", ["but_inanspruchnahme"]),
            "society": ("Teilhabeleistungen werden selbstverständlich genutzt.", []),
        },
    },
]

# (concept code, institution kind, how many institutions, final stage)
ROLLOUT = [
    ("kinderrat-kita", "kita", 3),
    ("lernpaten-grundschule", "schule", 3),
    ("teilhabe-lotse-schule", "schule", 2),
]
PATH = ["planned", "preparing", "running", "evaluated", "anchored"]


def load(ctx: Any) -> str:
    tenant = ctx.weiterstadt
    actor = ctx.users.get("demo-netzwerk")
    concepts = {
        str(c["code"]): services.concept_create(tenant=tenant, actor=actor, **c)  # type: ignore[arg-type]
        for c in CONCEPTS
    }
    today = ctx.today
    made = 0
    for code, kind, count in ROLLOUT:
        institutions = list(Institution.objects.filter(tenant=tenant, kind=kind).order_by("name"))
        for index, institution in enumerate(institutions[:count]):
            start = today - dt.timedelta(days=700 - 90 * index)
            item = services.implementation_start(
                tenant=tenant,
                concept=concepts[code],
                institution=institution,
                responsible="Kita-Leitung" if kind == "kita" else "Schulsozialarbeit",
                started=start,
                actor=actor,
            )
            target = ctx.rng.randint(1, len(PATH) - 1) if index else len(PATH) - 1
            day = start
            for stage in PATH[1 : target + 1]:
                day = day + dt.timedelta(days=ctx.rng.randint(40, 110))
                day = min(day, today)
                services.implementation_move(
                    implementation=item,
                    to_stage=stage,
                    on=day,
                    actor=actor,
                    participation=(
                        "Kinder haben Regeln und Themen in Gesprächsrunden mitbestimmt "
                        "(synthetische Demodaten)."
                    )
                    if stage == "running"
                    else None,
                    evaluation=(
                        "Befragung von Kindern und Fachkräften: hohe Zufriedenheit, mehr "
                        "Beteiligung (synthetische Demodaten)."
                    )
                    if stage in ("evaluated", "anchored")
                    else None,
                )
            services.milestone_add(
                implementation=item,
                title="Auftaktveranstaltung",
                due=start + dt.timedelta(days=30),
                actor=actor,
            )
            services.milestone_add(
                implementation=item,
                title="Zwischenauswertung",
                due=start + dt.timedelta(days=365),
                actor=actor,
            )
            made += 1
    return f"{len(concepts)} Konzepte, {made} Umsetzungen in Einrichtungen (synthetisch)"
