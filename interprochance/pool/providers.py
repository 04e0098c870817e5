"""Counts for the monitoring (core.providers): entitled children and entitled hours
per Gemeinde of the school, per school year, and children per need area.
Counts only; disclosure control (small numbers) is applied by the monitoring."""

from __future__ import annotations

from collections.abc import Iterable

from interprochance.core.providers import MeasureSpec, MeasureValue

from .models import NeedArea


class PoolProvider:
    key = "pool"
    label = "Schulassistenz"

    def measures(self) -> list[MeasureSpec]:
        specs = [
            MeasureSpec(
                "schulassistenz_kinder",
                "Kinder mit Schulassistenz",
                period_kind="year",
                description="Kinder mit einer gültigen Bewilligung im Jahr, nach Gemeinde der Schule.",
            ),
            MeasureSpec(
                "schulassistenz_stunden",
                "Bewilligte Schulassistenz-Stunden je Woche",
                unit="Stunden",
                period_kind="year",
                description="Summe der bewilligten Wochenstunden, nach Gemeinde der Schule.",
            ),
        ]
        specs += [
            MeasureSpec(
                f"schulassistenz_kinder_{a.value}",
                f"Kinder mit Schulassistenz: {a.label}",
                period_kind="year",
            )
            for a in NeedArea
        ]
        return specs

    def collect(self, tenant_slug: str, period: str | None = None) -> Iterable[MeasureValue]:
        from .selectors import monitoring_counts

        return [
            MeasureValue(area_code=a, period=p, measure=m, value=v)
            for (a, p, m), v in monitoring_counts(tenant_slug, period).items()
        ]
