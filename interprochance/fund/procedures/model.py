"""Plain data for the procedures: sources with earmarks, applications."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from interprochance.core.translatable import gettext_noop

# Life phases of the Präventionskette (DOMAIN.md).
LIFE_PHASES = {
    "birth": gettext_noop("Rund um die Geburt"),
    "early": gettext_noop("Frühe Kindheit / Kita"),
    "primary": gettext_noop("Grundschule"),
    "secondary": gettext_noop("Sekundarstufe I"),
    "transition": gettext_noop("Übergang Schule–Beruf"),
}


@dataclass(frozen=True, slots=True)
class Earmark:
    """Restrictions on a source; an empty set means "any"."""

    purposes: frozenset[str] = field(default_factory=frozenset)
    areas: frozenset[str] = field(default_factory=frozenset)
    life_phases: frozenset[str] = field(default_factory=frozenset)
    valid_from: date | None = None
    valid_until: date | None = None

    @property
    def specificity(self) -> int:
        """How many dimensions are restricted (0 = unrestricted money)."""
        return bool(self.purposes) + bool(self.areas) + bool(self.life_phases)

    def valid_on(self, on: date) -> bool:
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_until is not None and on > self.valid_until)

    def matches(self, app: AppCase, on: date) -> bool:
        return (
            self.valid_on(on)
            and (not self.purposes or app.purpose in self.purposes)
            and (not self.areas or app.area in self.areas)
            and (not self.life_phases or app.life_phase in self.life_phases)
        )


@dataclass(frozen=True, slots=True)
class FundSource:
    id: str
    name: str
    budget_cents: int
    earmark: Earmark = field(default_factory=Earmark)

    @property
    def earmarked(self) -> bool:
        return self.earmark.specificity > 0


@dataclass(frozen=True, slots=True)
class AppCase:
    id: str
    submitted_on: date
    area: str
    life_phase: str
    purpose: str
    amount_cents: int
    need_score: int = 0  # 0..100, higher = more urgent (from the professional's assessment)
