"""Sections of the status report to the councils.

Each builder reads ONE module through its selectors and returns a
``Section`` or None. A module's section appears only when that module is
installed and offers the selectors the builder needs (checked at run time,
so the report grows as modules are added). Every count about people goes
through ``protect_count``/``protect_row`` (no small numbers).

Section titles are German (``SECTION_TITLES``, marked for the catalogue) and stay
German in the document model and in ``StatusReport.sections``; the fragment
template translates them when the report is rendered, like the rest of its
chrome, so a report is in the language it is generated in (the background
worker's default: German).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from interprochance.core.models import Tenant
from interprochance.governance.report.document import (
    Chart,
    KeyFigure,
    Paragraph,
    Section,
    Table,
    protect_count,
)


@dataclass(frozen=True)
class ReportContext:
    tenant: Tenant
    start: dt.date
    end: dt.date


def module_selectors(app: str) -> Any:
    """The app's selectors module if the app is installed and has one."""
    if not apps.is_installed(f"interprochance.{app}"):
        return None
    dotted = f"interprochance.{app}.selectors"
    if find_spec(dotted) is None:
        return None
    return import_module(dotted)


def _d(day: dt.date) -> str:
    return date_format(day, "d.m.Y")


# ---- own modules ------------------------------------------------------------


def section_agreement(ctx: ReportContext) -> Section | None:
    from interprochance.governance import selectors

    views = selectors.agreements_for_tenant(ctx.tenant, on=ctx.end)
    if not views:
        return None
    rows = []
    for v in views:
        if v.state is None:
            rows.append([v.agreement.title, "–", "–", v.error])
            continue
        rows.append(
            [
                v.agreement.title,
                f"{_d(v.state.term.start)} – {_d(v.state.term.end)}",
                _d(v.state.term.notice_deadline),
                {"running": "läuft", "notice_given": "gekündigt", "ended": "beendet"}[
                    v.state.status.value
                ],
            ]
        )
    blocks: list[Any] = [
        Table(
            "Vereinbarungen und Laufzeiten",
            ["Vereinbarung", "laufende Laufzeit", "Kündigung bis", "Status"],
            rows,
        )
    ]
    notes = [v.agreement.signed_note for v in views if v.agreement.signed_note]
    blocks += [Paragraph(n) for n in notes]
    return Section("agreement", SECTION_TITLES["agreement"], blocks)


def section_participation(ctx: ReportContext) -> Section | None:
    sel = module_selectors("participation")
    if sel is None or not hasattr(sel, "stage_counts"):
        return None
    from interprochance.participation.staircase import IMPLEMENTATION_STAGES

    counts = sel.stage_counts(ctx.tenant)
    total = sum(counts.values())
    concepts = sel.concepts_for_tenant(ctx.tenant)
    labels = dict(IMPLEMENTATION_STAGES)
    # Implementations are institutions, not people: counts are shown as is.
    chart = Chart(
        "Umsetzungen nach Stand",
        {
            "data": {
                "values": [
                    {"Stand": labels[k], "Anzahl": v, "order": i}
                    for i, (k, v) in enumerate(counts.items())
                ]
            },
            "mark": "bar",
            "encoding": {
                "x": {
                    "field": "Stand",
                    "type": "nominal",
                    "sort": {"field": "order"},
                    "title": None,
                    "axis": {"labelAngle": 0},
                },
                "y": {"field": "Anzahl", "type": "quantitative", "axis": {"tickMinStep": 1}},
            },
            "width": 420,
            "height": 180,
        },
        "Balkendiagramm: " + ", ".join(f"{labels[k]} {v}" for k, v in counts.items()),
    )
    rows = [
        [i.concept.name, i.institution.name, labels.get(i.stage, i.stage)]
        for i in sel.implementations_for_tenant(ctx.tenant)
    ]
    return Section(
        "participation",
        SECTION_TITLES["participation"],
        [
            KeyFigure("Konzepte", str(len(concepts))),
            KeyFigure("Umsetzungen in Einrichtungen", str(total)),
            chart,
            Table("Umsetzungen", ["Konzept", "Einrichtung", "Stand"], rows),
        ],
    )


def section_governance(ctx: ReportContext) -> Section | None:
    from interprochance.governance import selectors

    decisions = list(selectors.decisions_between(ctx.tenant, ctx.start, ctx.end))
    actions = list(selectors.open_actions(ctx.tenant))
    meetings = list(selectors.meetings_between(ctx.tenant, ctx.start, ctx.end))
    if not (decisions or actions or meetings):
        return None
    return Section(
        "governance",
        SECTION_TITLES["governance"],
        [
            KeyFigure("Sitzungen im Zeitraum", str(len(meetings))),
            KeyFigure("Beschlüsse im Zeitraum", str(len(decisions))),
            KeyFigure("offene Aufgaben", str(len(actions))),
            Table(
                "Beschlüsse",
                ["Datum", "Gremium", "Beschluss"],
                [[_d(d.meeting.starts_at.date()), d.meeting.body.name, d.text] for d in decisions],
            ),
            Table(
                "Offene Aufgaben",
                ["fällig", "Aufgabe", "verantwortlich", "Gremium"],
                [
                    [
                        _d(a.due) + (" (überfällig)" if a.due < ctx.end else ""),
                        a.title,
                        a.owner,
                        a.meeting.body.name,
                    ]
                    for a in actions
                ],
            ),
        ],
    )


# ---- other modules (adapters over their selectors) --------------------------

ADAPTERS: dict[str, Callable[[ReportContext], Section | None]] = {}


def adapter(
    key: str,
) -> Callable[
    [Callable[[ReportContext], Section | None]], Callable[[ReportContext], Section | None]
]:
    def register(func: Callable[[ReportContext], Section | None]):
        ADAPTERS[key] = func
        return func

    return register


SECTION_BUILDERS: dict[str, Callable[[ReportContext], Section | None]] = {
    "agreement": section_agreement,
}


def all_builders() -> dict[str, Callable[[ReportContext], Section | None]]:
    from interprochance.governance.report import adapters  # noqa: F401  (registers ADAPTERS)

    builders = dict(SECTION_BUILDERS)
    builders.update(ADAPTERS)
    builders["participation"] = section_participation
    builders["governance"] = section_governance
    return builders


SECTION_KEYS = (
    "agreement",
    "monitoring",
    "coverage",
    "pool",
    "fund",
    "counseling",
    "participation",
    "governance",
)
# The titles the builders give their sections (one place, marked for the catalogue).
SECTION_TITLES = {
    "agreement": gettext_noop("Projektgrundlage und Laufzeit"),
    "monitoring": gettext_noop("Monitoring: Kennzahlen und Index"),
    "coverage": gettext_noop("Netzwerk: Angebote, Bedarf und Lücken"),
    "pool": gettext_noop("Schulassistenz-Pool"),
    "fund": gettext_noop("Sozialfonds: Mittel und Verfahren"),
    "counseling": gettext_noop("Beratung (geschützte Statistik)"),
    "participation": gettext_noop("Teilhabekonzepte in Kitas und Schulen"),
    "governance": gettext_noop("Gremien, Beschlüsse und offene Aufgaben"),
}


def build_sections(ctx: ReportContext, keys: list[str] | None = None) -> list[Section]:
    builders = all_builders()
    sections = []
    for key in keys or list(SECTION_KEYS):
        builder = builders.get(key)
        if builder is None:
            continue
        section = builder(ctx)
        if section is not None:
            sections.append(section)
    return sections


__all__ = [
    "ReportContext",
    "build_sections",
    "protect_count",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "adapter",
]
