"""Input and output of the benefits check: plain dataclasses, no Django."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


def _(message: str) -> str:
    """Marks a string for translation (xgettext keyword); the UI translates it."""
    return message


class Benefit(enum.StrEnum):
    SGB2 = "sgb2"  # Bürgergeld / Grundsicherung für Arbeitsuchende
    SGB12 = "sgb12"  # Sozialhilfe / Grundsicherung im Alter und bei Erwerbsminderung
    ASYLBLG = "asylblg"
    WOHNGELD = "wohngeld"
    KIZ = "kiz"  # Kinderzuschlag
    BUT = "but"  # Bildung und Teilhabe
    UVG = "uvg"  # Unterhaltsvorschuss


class Role(enum.StrEnum):
    ADULT = "adult"  # a parent / the applicant / their partner
    CHILD = "child"  # a child of the adults in the household


class Schooling(enum.StrEnum):
    NONE = "none"
    KITA = "kita"
    SCHOOL = "school"  # allgemein- oder berufsbildende Schule, no training allowance
    TRAINING = "training"  # paid vocational training / studies


@dataclass(frozen=True)
class Member:
    role: Role
    birth_date: date
    gross_earned: int = 0  # cents per month
    net_earned: int = 0  # cents per month
    other_income: int = 0  # maintenance, UVG, ALG I, pension ... cents per month
    kindergeld: bool = False  # Kindergeld is received for this child
    schooling: Schooling = Schooling.NONE
    able_to_work: bool = True  # erwerbsfähig im Sinne von § 8 SGB II
    pregnant: bool = False

    def __post_init__(self) -> None:
        for name in ("gross_earned", "net_earned", "other_income"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.net_earned > self.gross_earned:
            raise ValueError("net_earned must not exceed gross_earned")


@dataclass(frozen=True)
class Household:
    members: tuple[Member, ...]
    housing_cost: int  # rent incl. service and heating costs (Bruttowarmmiete), cents per month
    reference_date: date
    current_benefits: frozenset[Benefit] = frozenset()

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError("a household has at least one member")
        if not any(m.role is Role.ADULT for m in self.members):
            raise ValueError("a household has at least one adult")
        if len(self.adults) > 2:
            raise ValueError(
                "at most two adults (parents/partners); record others as own household"
            )
        if self.housing_cost < 0:
            raise ValueError("housing_cost must not be negative")
        for m in self.members:
            if m.birth_date > self.reference_date:
                raise ValueError("birth date after the reference date")

    @property
    def adults(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.role is Role.ADULT)

    @property
    def children(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.role is Role.CHILD)


class Outcome(enum.StrEnum):
    POSSIBLE = "possible"  # möglicherweise Anspruch
    RECEIVED = "received"  # wird bereits bezogen
    CONDITIONAL = "conditional"  # möglich, sobald eine Vorleistung bewilligt ist


@dataclass(frozen=True)
class Reason:
    """One sentence explaining a hint; `template % params` is the German text."""

    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template % dict(self.params) if self.params else self.template


@dataclass(frozen=True)
class Hint:
    benefit: Benefit
    outcome: Outcome
    title: str
    rule: str  # the rule in plain German, as applied
    legal_refs: tuple[str, ...]
    reasons: tuple[Reason, ...]
    next_step: str


@dataclass(frozen=True)
class NeedFigures:
    """SGB II comparison of need and countable income (cents per month)."""

    regelbedarf: int
    mehrbedarf: int
    housing: int
    need: int
    countable_income: int
    shortfall: int  # need - countable income, >= 0
    excess: int  # countable income - need, >= 0
    bg_size: int  # members in the Bedarfsgemeinschaft considered


@dataclass(frozen=True)
class CheckResult:
    hints: tuple[Hint, ...]
    figures: NeedFigures
    caveats: tuple[str, ...]

    def benefits(self) -> frozenset[Benefit]:
        return frozenset(h.benefit for h in self.hints)

    def hint(self, benefit: Benefit) -> Hint | None:
        return next((h for h in self.hints if h.benefit is benefit), None)
