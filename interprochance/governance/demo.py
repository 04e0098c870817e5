"""Demo bodies, meetings and the cooperation agreement.

The agreement text (../shared/seed) has no signing date; the demo takes the
document's "Stand" 16.09.2014 as signing date and says so on the page.
Member names are synthetic (functions are real)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from interprochance.governance import services
from interprochance.governance.services import ActionInput

BERLIN = ZoneInfo("Europe/Berlin")
SEED_TEXT = (
    "Die Kooperationsvereinbarung gilt zwei Jahre nach Unterzeichnung und verlängert sich "
    "jeweils um 12 Monate, wenn sie nicht bei der Einhaltung einer Frist von 3 Monaten zum "
    "Ablauf der Vertragsverlängerung schriftlich gekündigt wird."
)
SIGNED_NOTE = (
    "Demo: Das Dokument nennt kein Unterzeichnungsdatum; angenommen wird der Stand 16.09.2014."
)

STEERING = [
    (
        "Demo-Person A",
        "Fachbereichsleitung Soziales",
        "Landkreis Darmstadt-Dieburg",
        "vertretung_landkreis",
    ),
    ("Demo-Person B", "Sozialplanung", "Landkreis Darmstadt-Dieburg", "vertretung_landkreis"),
    (
        "Demo-Person C",
        "Fachbereich Kinder, Jugend, Soziales",
        "Stadt Weiterstadt",
        "vertretung_stadt",
    ),
    ("Demo-Person D", "Netzwerkkoordination", "Stadt Weiterstadt", "vertretung_stadt"),
]
ADVISORY = [  # Hochschulen/Wissenschaft and Kreisversammlung left open: the check shows them
    (
        "Demo-Person E",
        "Sozialdezernent/in",
        "Landkreis Darmstadt-Dieburg",
        "sozialdezernat_landkreis",
    ),
    ("Demo-Person F", "Bürgermeister/in", "Stadt Weiterstadt", "buergermeister_stadt"),
    ("Demo-Person G", "Vorsitz Sozialausschuss", "Kreistag", "vorsitz_sozialausschuss_landkreis"),
    (
        "Demo-Person H",
        "Vorsitz Sozialausschuss",
        "Stadtverordnetenversammlung",
        "vorsitz_sozialausschuss_stadt",
    ),
    ("Demo-Person I", "Geschäftsführung", "Wohlfahrtsverband (Demo)", "wohlfahrtsverbaende"),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


def load(ctx: Any) -> str:
    tenant = ctx.weiterstadt
    actor = ctx.users.get("demo-planung")
    today = ctx.today
    services.agreement_create(
        tenant=tenant,
        title="Kooperationsvereinbarung InterProChance",
        parties="Landkreis Darmstadt-Dieburg und Stadt Weiterstadt",
        signed=dt.date(2014, 9, 16),
        initial_months=24,
        renewal_months=12,
        notice_months=3,
        written_form=True,
        signed_note=SIGNED_NOTE,
        source_text=SEED_TEXT,
        actor=actor,
    )
    steering = services.body_create(
        tenant=tenant,
        kind="steuerungsgruppe",
        name="Steuerungsgruppe InterProChance",
        description="Operative Koordinierung des Projekts (Landkreis und Stadt).",
        actor=actor,
    )
    advisory = services.body_create(
        tenant=tenant,
        kind="projektbeirat",
        name="Projektbeirat InterProChance",
        description="Beratung und Begleitung des Projekts.",
        actor=actor,
    )
    since = dt.date(2015, 1, 1)
    for body, members in ((steering, STEERING), (advisory, ADVISORY)):
        for name, function, org, seat in members:
            services.member_add(
                body=body,
                name=name,
                function=function,
                organisation=org,
                seat=seat,
                since=since,
                actor=actor,
            )
    services.report_template_upsert(
        tenant=tenant,
        code="standard",
        name="Statusbericht (Standard)",
        sections=[
            "agreement",
            "monitoring",
            "coverage",
            "pool",
            "fund",
            "counseling",
            "participation",
            "governance",
        ],
        actor=actor,
    )
    meetings = 0
    for months_ago in (9, 6, 3):
        day = today - dt.timedelta(days=30 * months_ago)
        for body in (steering, advisory) if months_ago == 6 else (steering,):
            m = services.meeting_schedule(
                body=body,
                title=f"Sitzung {body.name.split()[0]} {day:%m/%Y}",
                starts_at=_at(day, 15),
                ends_at=_at(day, 17),
                location="Rathaus Weiterstadt",
                agenda=[
                    "Bericht der Netzwerkkoordination",
                    "Stand der Teilhabekonzepte",
                    "Sozialfonds: Verfahren und Zahlen",
                    "Verschiedenes",
                ],
                actor=actor,
            )
            services.meeting_record(
                meeting=m,
                actor=actor,
                minutes="Protokoll (synthetische Demodaten): Bericht zur Kenntnis genommen, "
                "Konzepte beraten, nächste Schritte vereinbart.",
                decisions=[
                    f"Der Bericht {day:%m/%Y} wird den Gremien zugeleitet.",
                    "Die Lernpaten werden auf eine weitere Grundschule ausgeweitet.",
                ]
                if months_ago != 9
                else ["Der Kinderrat wird in drei Kitas erprobt."],
                actions=[
                    ActionInput(
                        "Einladung an Hochschulen für den Projektbeirat",
                        "Sozialplanung Landkreis",
                        day + dt.timedelta(days=45),
                    ),
                    ActionInput(
                        "Auswertung Lernpaten vorbereiten",
                        "Netzwerkkoordination",
                        day + dt.timedelta(days=90),
                    ),
                ],
            )
            meetings += 1
    # close the oldest actions, with a follow-up note
    first = steering.meetings.order_by("starts_at").first()
    for item in first.actions.all() if first else []:
        services.action_follow_up(
            action=item, note="erledigt und in der Sitzung berichtet", done_on=item.due, actor=actor
        )
    for body, days in ((steering, 20), (advisory, 45)):
        day = today + dt.timedelta(days=days)
        services.meeting_schedule(
            body=body,
            title=f"Sitzung {body.name.split()[0]} {day:%m/%Y}",
            starts_at=_at(day, 16),
            ends_at=_at(day, 18),
            location="Kreishaus Dieburg" if body == advisory else "Rathaus Weiterstadt",
            agenda=["Statusbericht", "Transfer in weitere Kreiskommunen"],
            actor=actor,
        )
        meetings += 1
    return (
        f"Kooperationsvereinbarung (unterzeichnet angenommen 16.09.2014), 2 Gremien, "
        f"{meetings} Sitzungen"
    )
