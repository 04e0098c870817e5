"""Build, render and archive a status report (HTML fragment + PDF)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from interprochance.core import audit
from interprochance.core.charts import svg
from interprochance.core.models import Tenant
from interprochance.governance.models import ReportKind, ReportTemplate, StatusReport
from interprochance.governance.report.document import SUPPRESSED, Chart, ReportDocument
from interprochance.governance.report.periods import period_label
from interprochance.governance.report.sections import ReportContext, build_sections


def template_sections(tenant: Tenant) -> list[str] | None:
    template = ReportTemplate.objects.filter(tenant=tenant, code="standard").first()
    return list(template.sections) if template else None


def build_document(tenant: Tenant, kind: str, start: dt.date, end: dt.date) -> ReportDocument:
    ctx = ReportContext(tenant=tenant, start=start, end=end)
    sections = build_sections(ctx, template_sections(tenant))
    doc = ReportDocument(
        title=f"Statusbericht InterProChance – {tenant.name}",
        period_label=period_label(kind, start, end),
        period_start=start,
        period_end=end,
        generated_at=timezone.now(),
        sections=sections,
        notes=[
            "Zahlen zu Personen unter 5 werden nicht ausgewiesen („< 5“); wo eine Summe "
            "sie verraten würde, ist ein weiterer Wert ausgeblendet."
        ],
    )
    doc.number()
    return doc


def render_fragment(doc: ReportDocument) -> str:
    charts: dict[int, Any] = {}
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Chart):
                charts[id(block)] = svg(block.spec, title=block.title, description=block.alt_text)

    def cells(block: Any) -> list[list[tuple[Any, bool]]]:
        rows = getattr(block, "rows", None) or []
        return [[(c, isinstance(c, int | float) or c == SUPPRESSED) for c in row] for row in rows]

    blocks = [
        {
            "section": s,
            "blocks": [{"b": b, "svg": charts.get(id(b)), "rows": cells(b)} for b in s.blocks],
        }
        for s in doc.sections
    ]
    return render_to_string(
        "governance/report_fragment.html", {"doc": doc, "toc": doc.toc(), "sections": blocks}
    )


def render_pdf(doc: ReportDocument, fragment: str) -> bytes:
    from interprochance.core.pdf import document_pdf

    page = render_to_string("governance/report_print.html", {"doc": doc, "fragment": fragment})
    return document_pdf(page, footer="InterProChance – Statusbericht")


def report_generate(
    *,
    tenant: Tenant,
    kind: str,
    start: dt.date,
    end: dt.date,
    actor: Any,
    job: Any = None,
    progress: Any = None,
) -> StatusReport:
    """Generate and archive a new version of the report for the period."""
    if kind not in ReportKind.values:
        raise ValueError(kind)
    started = time.monotonic()
    doc = build_document(tenant, kind, start, end)
    if progress:
        progress(40, "Abschnitte zusammengestellt")
    fragment = render_fragment(doc)
    if progress:
        progress(60, "HTML erstellt")
    pdf = render_pdf(doc, fragment)
    if progress:
        progress(90, "PDF erstellt")
    with transaction.atomic():
        last = (
            (
                StatusReport.objects.select_for_update()
                .filter(tenant=tenant, kind=kind, period_start=start, period_end=end)
                .aggregate(v=Max("version"))["v"]
            )
            or 0
        )
        report = StatusReport.objects.create(
            tenant=tenant,
            kind=kind,
            period_start=start,
            period_end=end,
            version=last + 1,
            title=f"{doc.title} – {doc.period_label}",
            sections=[{"key": s.key, "title": s.title, "number": s.number} for s in doc.sections],
            html=fragment,
            pdf=pdf,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            job=job,
        )
        audit.record(
            actor=actor,
            action="governance.report_generate",
            tenant=tenant,
            obj=report,
            detail={
                "kind": kind,
                "version": report.version,
                "sections": [s.key for s in doc.sections],
                "seconds": round(time.monotonic() - started, 2),
            },
        )
    return report
