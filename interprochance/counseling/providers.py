"""Anonymous counts for the monitoring (core.providers interface).

Counts only: cases opened and contacts held per area and quarter, and cases
per topic. Disclosure control (small numbers) is applied by the monitoring
before anything is published.
"""

from __future__ import annotations

from collections.abc import Iterable

from interprochance.core.providers import MeasureSpec, MeasureValue

from .models import Topic
from .rules.statistics import count_rows, quarter_bounds


class CounselingProvider:
    key = "counseling"
    label = "Beratung"

    def measures(self) -> list[MeasureSpec]:
        specs = [
            MeasureSpec(
                "beratung_faelle",
                "Beratungsfälle (neu eröffnet)",
                description="Neu eröffnete Beratungsfälle je Gebiet und Quartal.",
            ),
            MeasureSpec(
                "beratung_kontakte",
                "Beratungskontakte",
                description="Beratungskontakte je Gebiet und Quartal.",
            ),
        ]
        specs += [
            MeasureSpec(
                f"beratung_faelle_{t.value}",
                f"Beratungsfälle: {t.label}",
                description="Neu eröffnete Fälle mit diesem Thema.",
            )
            for t in Topic
        ]
        return specs

    def collect(self, tenant_slug: str, period: str | None = None) -> Iterable[MeasureValue]:
        from .selectors import statistics_rows

        bounds = quarter_bounds(period) if period and "-Q" in period else None
        cases, contacts, topics = statistics_rows(tenant_slug, bounds)
        out = count_rows(cases, measure="beratung_faelle")
        out += count_rows(contacts, measure="beratung_kontakte")
        out += count_rows(topics, measure="beratung_faelle", by_topic=True)
        return [
            MeasureValue(area_code=c.area_code, period=c.period, measure=c.measure, value=c.value)
            for c in out
        ]
