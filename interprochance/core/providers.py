"""The provider interface through which modules publish measures to the
monitoring (e.g. counselling contacts per area and quarter). Monitoring reads
the registry; it never imports the providing modules.

A provider registers itself in its AppConfig.ready():

    from interprochance.core import providers
    providers.register(MyProvider())
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class MeasureSpec:
    code: str  # e.g. "beratung_kontakte"
    name: str  # German label
    unit: str = "Anzahl"
    period_kind: str = "quarter"  # "year" | "quarter"
    description: str = ""


@dataclass(frozen=True)
class MeasureValue:
    area_code: str
    period: str  # "2025" or "2025-Q3"
    measure: str
    value: int


class MeasureProvider(Protocol):
    key: str  # module key, e.g. "counseling"
    label: str

    def measures(self) -> list[MeasureSpec]: ...

    def collect(self, tenant_slug: str, period: str | None = None) -> Iterable[MeasureValue]:
        """Aggregated counts only (no personal data); disclosure control happens in monitoring."""
        ...


_registry: dict[str, MeasureProvider] = {}


def register(provider: MeasureProvider) -> None:
    _registry[provider.key] = provider


def all_providers() -> list[MeasureProvider]:
    return [_registry[k] for k in sorted(_registry)]


def get(key: str) -> MeasureProvider | None:
    return _registry.get(key)
