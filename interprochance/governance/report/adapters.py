"""Report sections of the other modules, read ONLY through their selectors.

Each adapter returns None when its module (or the selector it needs) does not
exist, so the report shows a module's part only once the module is there.
Counts about people go through protect_count / protect_row (no small
numbers); figures the module already suppressed (None) stay suppressed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from interprochance.core import charts
from interprochance.governance.report.document import (
    SUPPRESSED,
    Chart,
    KeyFigure,
    Paragraph,
    Section,
    Table,
    protect_count,
    protect_row,
)
from interprochance.governance.report.sections import (
    SECTION_TITLES,
    ReportContext,
    adapter,
    module_selectors,
)


def _euro(cents: int | None) -> str:
    if cents is None:
        return SUPPRESSED
    return f"{cents / 100:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".")


def _has(module: Any, *names: str) -> bool:
    return module is not None and all(hasattr(module, n) for n in names)


@adapter("coverage")
def section_coverage(ctx: ReportContext) -> Section | None:
    sel = module_selectors("directory")
    if not _has(sel, "directory_summary"):
        return None
    summary = sel.directory_summary(ctx.tenant, today=ctx.end)
    blocks: list[Any] = [
        KeyFigure("veröffentlichte Angebote", str(summary.get("services_published", 0))),
        KeyFigure("Organisationen im Netzwerk", str(summary.get("organizations", 0))),
        KeyFigure("Kooperationsvereinbarungen", str(summary.get("agreements", 0))),
        KeyFigure("Netzwerktreffen", str(summary.get("meetings", 0))),
        KeyFigure("zu prüfende Einträge", str(summary.get("stale", 0))),
    ]
    if _has(sel, "coverage_report"):
        report = sel.coverage_report(ctx.tenant)
        rows = [[g.area_name, g.life_phase, g.need_area, g.reason] for g in report.gaps]
        note = f"Bedarf: {report.need_source}" + (
            " (synthetische Demodaten)" if report.need_synthetic else ""
        )
        blocks.append(
            Table(
                "Lücken zwischen Bedarf und Angebot",
                ["Sozialraum", "Lebensphase", "Bedarfsfeld", "Begründung"],
                rows,
                note=note,
            )
        )
    else:
        blocks.append(
            Paragraph(
                "Die Gegenüberstellung von Bedarf und Angebot je Sozialraum "
                "steht im Angebotsverzeichnis."
            )
        )
    return Section("coverage", SECTION_TITLES["coverage"], blocks)


@adapter("fund")
def section_fund(ctx: ReportContext) -> Section | None:
    sel = module_selectors("fund")
    if not _has(sel, "fund_report"):
        return None
    report = sel.fund_report(ctx.tenant, ctx.end.year)

    def cell_rows(cells: list[Any]) -> list[list[Any]]:
        return [
            [
                c.label,
                SUPPRESSED if c.children is None else protect_count(c.children),
                SUPPRESSED if c.applications is None else c.applications,
                _euro(c.cents),
            ]
            for c in cells
        ]

    blocks: list[Any] = [
        KeyFigure(f"bewilligt {report.year}", _euro(report.total_cents)),
        KeyFigure(
            "geförderte Kinder",
            str(protect_count(report.total_children))
            if report.total_children is not None
            else SUPPRESSED,
        ),
        Table(
            f"Bewilligungen {report.year} nach Ziel",
            ["Ziel", "Kinder", "Anträge", "Betrag"],
            cell_rows(report.by_goal),
        ),
        Table(
            f"Bewilligungen {report.year} nach Lebensphase",
            ["Lebensphase", "Kinder", "Anträge", "Betrag"],
            cell_rows(report.by_life_phase),
        ),
        Table(
            f"Mittel {report.year} je Quelle",
            ["Quelle", "eingezahlt", "gebunden", "ausgezahlt", "verfügbar am Jahresende"],
            [
                [
                    r.name,
                    _euro(r.contributed),
                    _euro(r.committed),
                    _euro(r.paid),
                    _euro(r.available_end),
                ]
                for r in report.sources
            ],
        ),
    ]
    values = [
        {"Ziel": c.label, "Betrag (€)": round((c.cents or 0) / 100)}
        for c in report.by_goal
        if c.cents is not None
    ]
    if values:
        blocks.insert(
            2,
            Chart(
                f"Bewilligte Mittel {report.year} nach Ziel",
                {
                    "data": {"values": values},
                    "mark": "bar",
                    "encoding": {
                        "y": {"field": "Ziel", "type": "nominal", "title": None},
                        "x": {"field": "Betrag (€)", "type": "quantitative"},
                    },
                    "width": 420,
                    "height": 24 * len(values),
                },
                "Balkendiagramm: " + ", ".join(f"{v['Ziel']} {v['Betrag (€)']} €" for v in values),
            ),
        )
    return Section("fund", SECTION_TITLES["fund"], blocks)


@adapter("counseling")
def section_counseling(ctx: ReportContext) -> Section | None:
    sel = module_selectors("counseling")
    if not _has(sel, "statistics_rows"):
        return None
    cases, contacts, topics = sel.statistics_rows(ctx.tenant.slug, (ctx.start, ctx.end))
    case_counts = Counter(r.area_code for r in cases)
    contact_counts = Counter(r.area_code for r in contacts)
    areas = sorted(a for a in set(case_counts) | set(contact_counts) if a)
    case_row = protect_row([case_counts[a] for a in areas])
    contact_row = protect_row([contact_counts[a] for a in areas])
    from interprochance.core.models import Area

    names = dict(Area.objects.filter(code__in=areas).values_list("code", "name"))
    rows = [[names.get(a, a), case_row[i], contact_row[i]] for i, a in enumerate(areas)]
    rows.append(["insgesamt", case_row[-1], contact_row[-1]])
    topic_counts = Counter(r.topic for r in topics)
    labels: dict[str, str] = {}
    topic_model = getattr(sel, "CaseTopic", None)  # choices as exposed by the selectors module
    if topic_model is not None:
        labels = {k: str(v) for k, v in (topic_model._meta.get_field("topic").choices or [])}
    topic_rows = [
        [labels.get(t, t) if t else "ohne Angabe", protect_count(n)]
        for t, n in sorted(topic_counts.items(), key=lambda kv: labels.get(kv[0], kv[0] or ""))
    ]
    return Section(
        "counseling",
        SECTION_TITLES["counseling"],
        [
            Paragraph(
                "Nur Zählungen je Sozialraum; Werte unter 5 werden nicht ausgewiesen, und wo "
                "eine Summe einen solchen Wert verraten würde, wird ein weiterer ausgeblendet."
            ),
            Table(
                "Fälle und Kontakte je Sozialraum", ["Sozialraum", "neue Fälle", "Kontakte"], rows
            ),
            Table("Themen der neuen Fälle", ["Thema", "Fälle"], topic_rows),
        ],
    )


@adapter("monitoring")
def section_monitoring(ctx: ReportContext) -> Section | None:
    """Published (disclosure-controlled) indicator values per Ortsteil with the
    change to the previous period, and the status index per Sozialraum."""
    sel = module_selectors("monitoring")
    if not _has(sel, "indicators", "indicator_periods", "indicator_values", "areas_for_view"):
        return None
    areas = sel.areas_for_view(ctx.tenant, "ortsteil") or sel.areas_for_view(
        ctx.tenant, "sozialraum"
    )
    if not areas:
        return None
    blocks: list[Any] = []
    chart_values: list[dict[str, Any]] = []
    latest_seen = None
    shown = 0
    synthetic = False
    for ind in sel.indicators(public_only=True).order_by("code"):
        periods = [p for p in sel.indicator_periods(ind) if p[:4] <= str(ctx.end.year)]
        if not periods:
            continue
        latest = periods[-1]
        previous = periods[-2] if len(periods) > 1 else None
        latest_seen = max(latest_seen or latest, latest)
        now_rows = sel.indicator_values(ind, latest, areas)
        if all(r.value is None and not r.suppressed for r in now_rows):
            continue  # indicator not kept at this level (e.g. Gemeinde-level statistics)
        before = (
            {r.area.pk: r for r in sel.indicator_values(ind, previous, areas)} if previous else {}
        )

        def show(row: Any, decimals: int = ind.decimals) -> str:
            if row is None:
                return "–"
            if row.suppressed:
                return "geschützt"
            return "–" if row.value is None else sel.fmt(row.value, decimals)

        rows = []
        for row in now_rows:
            old = before.get(row.area.pk)
            change = "–"
            if (
                old is not None
                and not row.suppressed
                and not old.suppressed
                and row.value is not None
                and old.value is not None
            ):
                change = f"{row.value - old.value:+.{ind.decimals}f}".replace(".", ",")
            rows.append([row.area.name, show(row), show(old), change])
            synthetic = synthetic or row.synthetic
            if shown == 0 and row.value is not None and not row.suppressed:
                chart_values.append({"Ortsteil": row.area.name, "Wert": round(row.value, 2)})
        if shown == 0 and chart_values:
            blocks.append(
                Chart(
                    f"{ind.name} ({ind.unit}), {latest}",
                    {
                        "data": {"values": chart_values},
                        "mark": "bar",
                        "encoding": {
                            "y": {"field": "Ortsteil", "type": "nominal", "title": None},
                            "x": {"field": "Wert", "type": "quantitative", "title": ind.unit},
                        },
                        "width": 420,
                        "height": 26 * len(chart_values),
                    },
                    "Balkendiagramm: "
                    + ", ".join(f"{v['Ortsteil']} {v['Wert']}" for v in chart_values),
                )
            )
        blocks.append(
            Table(
                f"{ind.name} ({ind.unit})",
                ["Ortsteil", latest, previous or "Vorperiode", "Veränderung"],
                rows,
                note=f"Quelle: {ind.source}",
            )
        )
        shown += 1
        if shown >= 4:
            break
    if not blocks:
        return None
    map_chart = _gemeinde_map(sel, ctx)
    if map_chart is not None:
        blocks.append(map_chart)
    if latest_seen and _has(sel, "index_table"):
        fine = sel.areas_for_view(ctx.tenant, "sozialraum")
        result = sel.index_table(latest_seen, fine) if fine else None
        if result is not None:
            names = {a.code: a.name for a in fine}
            rows = [
                [
                    names.get(code, code),
                    "–" if a.status_class is None else a.status_class,
                    a.combined or ("ungültig: " + (a.reason or "") if not a.valid else "–"),
                ]
                for code, a in sorted(result.areas.items())
            ]
            blocks.append(
                Table(
                    f"Sozialindex {latest_seen} je Sozialraum (Klassen wie im Monitoring)",
                    ["Sozialraum", "Statusklasse", "Status/Dynamik"],
                    rows,
                )
            )
    blocks.insert(
        0,
        Paragraph(
            "Veröffentlichte Werte nach Geheimhaltungsprüfung; „geschützt“ heißt: "
            "der Wert fällt unter die Regeln gegen kleine Zahlen."
            + (" Die Werte enthalten synthetische Demodaten." if synthetic else "")
        ),
    )
    return Section("monitoring", SECTION_TITLES["monitoring"], blocks)


def _gemeinde_map(sel: Any, ctx: ReportContext) -> Chart | None:
    """Map of the Landkreis' Gemeinden coloured by the first published
    indicator kept at Gemeinde level (boundaries: BKG VG250)."""
    from interprochance.core.selectors import gemeinden_of_landkreis

    own = ctx.tenant.area
    landkreis_area = own if own.level == "landkreis" else own.parent
    if landkreis_area is None:
        return None
    gemeinden = [
        a for a in gemeinden_of_landkreis() if a.geometry and a.parent_id == landkreis_area.pk
    ]
    if len(gemeinden) < 3:
        return None
    for ind in sel.indicators(public_only=True).order_by("code"):
        periods = [p for p in sel.indicator_periods(ind) if p[:4] <= str(ctx.end.year)]
        if not periods:
            continue
        rows = sel.indicator_values(ind, periods[-1], gemeinden)
        values = {r.area.pk: r.value for r in rows if r.value is not None and not r.suppressed}
        if len(values) < len(gemeinden) // 2:
            continue
        title = f"{ind.name} ({ind.unit}) {periods[-1]} je Gemeinde"
        ordered = sorted(
            ((a.name, values[a.pk]) for a in gemeinden if a.pk in values), key=lambda x: -x[1]
        )
        return Chart(
            title,
            charts.choropleth(
                [(a.pk, a.name, a.geometry) for a in gemeinden],
                values,
                suppressed={r.area.pk for r in rows if r.suppressed},
                legend_title=ind.unit,
                width=420,
                height=380,
            ),
            "Karte; höchste Werte: "
            + ", ".join(f"{n} {sel.fmt(v, ind.decimals)}" for n, v in ordered[:5])
            + ". Grenzen: © GeoBasis-DE / BKG (VG250).",
        )
    return None


@adapter("pool")
def section_pool(ctx: ReportContext) -> Section | None:
    """Pooled school assistance vs. one-to-one: the pools of the tenant, or
    (for a Gemeinde) the Landkreis' pools at the Gemeinde's schools."""
    sel = module_selectors("pool")
    if not _has(sel, "comparison"):
        return None
    rows, _total = sel.comparison(ctx.tenant)
    if not rows and ctx.tenant.parent_id:
        parent_rows, _ = sel.comparison(ctx.tenant.parent)
        rows = [
            r
            for r in parent_rows
            if r.pool.school_id and getattr(r.pool.school, "tenant_id", None) == ctx.tenant.pk
        ]
    if not rows:
        return None

    def money(value: Any) -> str:
        return _euro(int(round(float(value) * 100)))

    children = protect_row([r.children for r in rows])
    table_rows = [
        [
            r.pool.name,
            children[i],
            f"{r.support_hours:.1f}".replace(".", ","),
            f"{r.pooled_hours:.1f}".replace(".", ","),
            money(r.baseline),
            money(r.cost),
            f"{r.saving_pct} %".replace(".", ","),
        ]
        for i, r in enumerate(rows)
    ]
    baseline = sum(float(r.baseline) for r in rows)
    cost = sum(float(r.cost) for r in rows)
    table_rows.append(
        [
            "insgesamt",
            children[-1],
            "",
            "",
            money(baseline),
            money(cost),
            f"{(100 * (baseline - cost) / baseline) if baseline else 0:.1f} %".replace(".", ","),
        ]
    )
    return Section(
        "pool",
        SECTION_TITLES["pool"],
        [
            KeyFigure("Pools", str(len(rows))),
            KeyFigure("Kosten je Woche (Pool)", money(cost)),
            KeyFigure("Kosten je Woche (1:1)", money(baseline)),
            Table(
                "Pool im Vergleich zur Einzelbegleitung (je Woche)",
                [
                    "Pool",
                    "Kinder",
                    "Bedarf (Std.)",
                    "Pool-Stunden",
                    "Kosten 1:1",
                    "Kosten Pool",
                    "Ersparnis",
                ],
                table_rows,
            ),
        ],
    )
