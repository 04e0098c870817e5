"""Demo success conditions (Landkreis catalogue), assessments for Weiterstadt
and Griesheim over time, guideline steps and lessons."""

from __future__ import annotations

import datetime as dt
from typing import Any

from interprochance.transfer import services

CONDITIONS = [
    (
        "politischer-rueckhalt",
        "Politischer Rückhalt",
        "Beschlüsse von Kreistag und "
        "Stadtverordnetenversammlung tragen das Vorhaben; die Gremien werden regelmäßig informiert.",
        "Steuerung",
    ),
    (
        "gemeinsame-steuerung",
        "Gemeinsame Steuerung",
        "Landkreis und Gemeinde steuern gemeinsam in "
        "einer Steuerungsgruppe mit klaren Zuständigkeiten.",
        "Steuerung",
    ),
    (
        "koordinationsstelle",
        "Feste Koordinationsstelle",
        "Eine dauerhaft finanzierte Stelle koordiniert das Netzwerk.",
        "Ressourcen",
    ),
    (
        "datengrundlage",
        "Kleinräumige Datengrundlage",
        "Sozial- und Bildungsmonitoring auf Ebene der Sozialräume mit Datenschutz.",
        "Wissen",
    ),
    (
        "netzwerk",
        "Tragfähiges Netzwerk",
        "Träger, Kitas, Schulen und Beratungsstellen arbeiten verbindlich zusammen.",
        "Zusammenarbeit",
    ),
    (
        "beteiligung",
        "Beteiligung von Kindern und Familien",
        "Kinder, Jugendliche und Eltern gestalten Angebote mit.",
        "Zusammenarbeit",
    ),
    (
        "ressourcenbuendelung",
        "Gebündelte Ressourcen",
        "Mittel verschiedener Träger werden zielorientiert gebündelt (Sozialfonds, Pools).",
        "Ressourcen",
    ),
    (
        "evaluation",
        "Wirkungsorientierte Auswertung",
        "Maßnahmen werden entlang einer Wirkungstreppe ausgewertet.",
        "Wissen",
    ),
]

STEPS = [
    (
        "auftrag",
        "Politischen Auftrag klären",
        "Gemeinsamen Beschluss von Landkreis und Gemeinde "
        "herbeiführen; Kooperationsvereinbarung mit Laufzeit und Kündigungsregel schließen.",
        ["Sozialplanung", "Administration"],
        ["Beschlussvorlage erstellt", "Vereinbarung unterzeichnet"],
    ),
    (
        "gremien",
        "Steuerungsgruppe und Projektbeirat einsetzen",
        "Zusammensetzung nach der Vereinbarung; Pflichtsitze des Projektbeirats besetzen.",
        ["Sozialplanung"],
        ["Mitglieder benannt", "Pflichtsitze vollständig", "Sitzungsrhythmus festgelegt"],
    ),
    (
        "monitoring",
        "Monitoring aufbauen",
        "Sozialräume festlegen, Indikatoren wählen, Datenschutz und Geheimhaltung klären.",
        ["Sozialplanung"],
        ["Sozialräume und Straßenverzeichnis", "Indikatorenset", "Veröffentlichungsregeln"],
    ),
    (
        "netzwerk",
        "Netzwerk und Angebotsverzeichnis",
        "Angebote entlang der Lebensphasen erfassen und Lücken mit dem Bedarf vergleichen.",
        ["Netzwerkkoordination"],
        ["Angebote erfasst", "Lückenanalyse besprochen"],
    ),
    (
        "konzepte",
        "Teilhabekonzepte umsetzen",
        "Konzepte mit Wirkungstreppe in Kitas und Schulen einführen, Kinder beteiligen, auswerten.",
        ["Netzwerkkoordination"],
        ["Konzept beschrieben", "Einrichtungen gewonnen", "Auswertung geplant"],
    ),
    (
        "bericht",
        "Regelmäßig berichten",
        "Quartals- und Jahresberichte an die Gremien, ohne kleine Fallzahlen.",
        ["Sozialplanung", "Gremium"],
        ["Berichtsvorlage", "Termine"],
    ),
]


def load(ctx: Any) -> str:
    landkreis, weiterstadt = ctx.landkreis, ctx.weiterstadt
    actor = ctx.users.get("demo-admin")
    conditions = [
        services.condition_create(
            tenant=landkreis, code=c, name=n, description=d, category=k, position=i, actor=actor
        )
        for i, (c, n, d, k) in enumerate(CONDITIONS)
    ]
    for i, (code, name, text, roles, checklist) in enumerate(STEPS, start=1):
        services.step_upsert(
            tenant=landkreis,
            code=code,
            position=i,
            name=name,
            text=text,
            roles=roles,
            checklist=checklist,
            actor=actor,
        )
    planner = ctx.users.get("demo-planung")
    made = 0
    griesheim = ctx.tenants.get("griesheim")
    for tenant, base in ((weiterstadt, 2), (griesheim, 1)):
        if tenant is None:
            continue
        for offset, bonus in ((540, 0), (180, 1)):
            day = ctx.today - dt.timedelta(days=offset)
            for c in conditions:
                rating = max(1, min(4, base + bonus + ctx.rng.choice([-1, 0, 0, 1])))
                services.assessment_record(
                    tenant=tenant,
                    condition=c,
                    assessed_on=day,
                    rating=rating,
                    note="synthetische Demodaten",
                    actor=planner,
                )
                made += 1
    for title, text, days in (
        (
            "Früh beteiligen",
            "Kitas und Schulen von Beginn an in die Steuerungsgruppe einladen; "
            "späte Beteiligung kostet Vertrauen.",
            500,
        ),
        (
            "Kleine Zahlen schützen",
            "Bei kleinen Sozialräumen Werte zusammenfassen, bevor sie in Berichten erscheinen.",
            300,
        ),
        (
            "Fonds braucht klare Regeln",
            "Nachrang gegenüber BuT und SGB II schriftlich regeln; "
            "das beschleunigt Entscheidungen.",
            120,
        ),
    ):
        services.lesson_record(
            tenant=weiterstadt,
            title=title,
            text=text,
            recorded_on=ctx.today - dt.timedelta(days=days),
            actor=planner,
        )
    return f"{len(conditions)} Gelingensbedingungen, {made} Bewertungen, {len(STEPS)} Leitfaden-Schritte"
