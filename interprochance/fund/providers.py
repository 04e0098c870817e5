"""Aggregated fund figures for the monitoring (registered in FundConfig.ready()).

Counts and sums per Sozialraum and quarter (or year); no personal data. Disclosure
control of small numbers happens in the monitoring.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from interprochance.core.providers import MeasureSpec, MeasureValue


class FundProvider:
    key = "fund"
    label = "Sozialfonds"

    def measures(self) -> list[MeasureSpec]:
        return [
            MeasureSpec(
                "fonds_bewilligungen",
                "Bewilligte Anträge Sozialfonds",
                "Anzahl",
                "quarter",
                "Bewilligte (auch ausgezahlte) Anträge nach Entscheidungsquartal",
            ),
            MeasureSpec(
                "fonds_kinder",
                "Vom Sozialfonds unterstützte Kinder",
                "Anzahl",
                "quarter",
                "Verschiedene Kinder (Pseudonyme) mit Bewilligung im Quartal",
            ),
            MeasureSpec(
                "fonds_betrag_euro",
                "Bewilligter Betrag Sozialfonds",
                "Euro",
                "quarter",
                "Summe der bewilligten Beträge, gerundet auf Euro",
            ),
        ]

    def collect(self, tenant_slug: str, period: str | None = None) -> Iterable[MeasureValue]:
        from interprochance.fund.models import Application, Status

        qs = Application.objects.filter(
            tenant__slug=tenant_slug,
            status__in=[Status.APPROVED, Status.PAID, Status.CLOSED],
            decided_at__isnull=False,
        )
        if period:
            year, _, q = period.partition("-Q")
            qs = qs.filter(decided_at__year=int(year))
            if q:
                months = range(3 * int(q) - 2, 3 * int(q) + 1)
                qs = qs.filter(decided_at__month__in=list(months))
        rows = (
            qs.annotate(y=ExtractYear("decided_at"), m=ExtractMonth("decided_at"))
            .values("area__code", "y", "m")
            .annotate(
                n=Count("pk"),
                cents=Sum("approved_cents"),
            )
            .order_by()
        )
        acc: dict[tuple[str, str], list[int]] = {}
        children: dict[tuple[str, str], set[str]] = {}
        for r in rows:
            key = (r["area__code"], f"{r['y']}-Q{(r['m'] - 1) // 3 + 1}")
            a = acc.setdefault(key, [0, 0])
            a[0] += r["n"]
            a[1] += r["cents"] or 0
        # distinct children per area and quarter need their own query (not additive over months)
        for area, y, m, child in qs.annotate(
            y=ExtractYear("decided_at"), m=ExtractMonth("decided_at")
        ).values_list("area__code", "y", "m", "child_ref"):
            children.setdefault((area, f"{y}-Q{(m - 1) // 3 + 1}"), set()).add(child)
        for (area, per), (n, cents) in sorted(acc.items()):
            yield MeasureValue(area, per, "fonds_bewilligungen", n)
            yield MeasureValue(area, per, "fonds_kinder", len(children.get((area, per), ())))
            yield MeasureValue(area, per, "fonds_betrag_euro", round(cents / 100))
