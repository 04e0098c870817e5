"""Fill the guideline dataclasses from what the platform holds."""

from __future__ import annotations

from django.utils import timezone

from interprochance.core.models import Tenant
from interprochance.core.roles import Role
from interprochance.transfer.guideline import Condition, Fact, Guideline, Lesson, Step
from interprochance.transfer.models import Rating
from interprochance.transfer.selectors import (
    assessments_matrix,
    conditions_for,
    lessons_for,
    steps_for,
)

ROLE_TASKS = {
    Role.ADMIN: "richtet Mandanten, Rollen und Zugänge ein; prüft das Protokoll",
    Role.PLANUNG: "führt Monitoring und Berichte, bereitet die Gremien vor",
    Role.NETZWERK: "pflegt das Angebotsverzeichnis und die Teilhabekonzepte",
    Role.BERATUNG: "berät Familien ganzheitlich und vermittelt in Angebote",
    Role.FONDS: "bearbeitet Anträge an den Sozialfonds",
    Role.FONDS_ANORDNUNG: "entscheidet über Anträge (Vier-Augen-Prinzip) und ordnet Zahlungen an",
    Role.SCHULASSISTENZ: "plant Schulassistenz-Pools und teilt die Kosten auf",
    Role.GREMIUM: "liest Berichte und Beschlüsse (Steuerungsgruppe, Projektbeirat, Ausschüsse)",
}


def build_guideline(tenant: Tenant) -> Guideline:
    from interprochance.transfer.registry import selectors_of as module_selectors

    facts = []
    if tenant.area_id and tenant.area.population:
        facts.append(Fact("Einwohner", f"{tenant.area.population:,}".replace(",", ".")))
    gov = module_selectors("governance")
    if gov is not None:
        bodies = gov.bodies_for_tenant(tenant)
        facts.append(Fact("Gremien", ", ".join(b.body.name for b in bodies) or "noch keine"))
        for view in gov.agreements_for_tenant(tenant):
            a = view.agreement
            facts.append(
                Fact(
                    "Vereinbarung",
                    f"{a.title}: {a.initial_months} Monate ab "
                    f"Unterzeichnung, Verlängerung um je {a.renewal_months} Monate, "
                    f"Kündigungsfrist {a.notice_months} Monate",
                )
            )
    part = module_selectors("participation")
    if part is not None:
        counts = part.stage_counts(tenant)
        facts.append(Fact("Teilhabekonzepte", str(part.concepts_for_tenant(tenant).count())))
        facts.append(Fact("Umsetzungen in Einrichtungen", str(sum(counts.values()))))
    matrix = assessments_matrix(tenant, [tenant])
    labels = dict(Rating.choices)
    conditions = []
    for c in conditions_for(tenant):
        latest = matrix["latest"].get((c.pk, tenant.pk))
        conditions.append(
            Condition(c.name, c.description, str(labels[latest["rating"]]) if latest else "")
        )
    return Guideline(
        title="Handlungsleitfaden: Aufbau einer lokalen Präventionskette",
        municipality=tenant.name,
        generated=timezone.localdate(),
        intro=(
            "Dieser Leitfaden entsteht aus dem, was die Plattform InterProChance festhält: "
            "Schritte, Rollen, Checklisten, Gelingensbedingungen mit ihrer Bewertung und "
            "Erfahrungen aus dem Projekt. Er enthält keine personenbezogenen Daten."
        ),
        facts=facts,
        steps=[Step(s.name, s.text, s.roles, s.checklist) for s in steps_for(tenant)],
        roles=[(str(Role(r).label), task) for r, task in ROLE_TASKS.items()],
        conditions=conditions,
        lessons=[
            Lesson(lesson.title, lesson.text, lesson.recorded_on) for lesson in lessons_for(tenant)
        ],
        sources=[
            "Kooperationsvereinbarung Landkreis Darmstadt-Dieburg und Stadt Weiterstadt "
            "(InterProChance), Stand 16.09.2014"
        ],
    )
