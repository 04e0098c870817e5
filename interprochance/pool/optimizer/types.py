"""Plain data types of the pool optimiser (no Django import anywhere in this package).

The field names follow the fixed exchange format in docs/pool.md
(``interprochance.pool.instance/1`` and ``interprochance.pool.solution/1``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

INSTANCE_FORMAT = "interprochance.pool.instance/1"
SOLUTION_FORMAT = "interprochance.pool.solution/1"

#: Solution states. ``unknown`` extends the fixed format: the time limit ran out
#: before any valid plan was found and infeasibility was not proven either.
STATUSES = ("optimal", "feasible", "infeasible", "unknown")

Slot = tuple[str, int]  # (day, slot index)


@dataclass(frozen=True)
class School:
    id: str
    name: str = ""
    travel_minutes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Child:
    id: str
    school: str
    klass: str  # "class" in the exchange format
    cost_bearer: str = ""
    legal_basis: str = ""
    needs: tuple[str, ...] = ()
    exclusive: bool = False
    max_group: int = 1
    max_assistants: int = 1
    support: tuple[Slot, ...] = ()
    #: Consent to joint provision. Optional in the exchange format (default true);
    #: without consent the child must be exclusive or have max_group 1.
    consent: bool = True

    @property
    def group_limit(self) -> int:
        """Largest group this child may be part of."""
        return 1 if self.exclusive or not self.consent else self.max_group


@dataclass(frozen=True)
class Assistant:
    id: str
    qualifications: frozenset[str] = frozenset()
    max_slots_week: int = 0
    hourly_cost: Decimal = Decimal("0")
    schools: tuple[str, ...] = ()
    #: None means: available in every slot.
    available: frozenset[Slot] | None = None

    def is_available(self, day: str, slot: int) -> bool:
        return self.available is None or (day, slot) in self.available


@dataclass(frozen=True)
class Instance:
    days: tuple[str, ...]
    slots: tuple[str, ...]
    slot_minutes: int
    schools: tuple[School, ...]
    children: tuple[Child, ...]
    assistants: tuple[Assistant, ...]
    previous: tuple[tuple[str, str], ...] = ()  # (child id, assistant id)

    def school_by_id(self) -> dict[str, School]:
        return {s.id: s for s in self.schools}

    def child_by_id(self) -> dict[str, Child]:
        return {c.id: c for c in self.children}

    def assistant_by_id(self) -> dict[str, Assistant]:
        return {a.id: a for a in self.assistants}

    def slot_cost(self, assistant: Assistant) -> Decimal:
        """Cost of one assignment of this assistant in EUR (exact)."""
        return assistant.hourly_cost * self.slot_minutes / Decimal(60)


@dataclass(frozen=True)
class Assignment:
    assistant: str
    day: str
    slot: int
    children: tuple[str, ...]


@dataclass(frozen=True)
class Unmet:
    child: str
    day: str
    slot: int
    reason: str  # machine code: no_qualified_assistant, group_limits, hours_exhausted, ...
    message: str = ""  # English explanation; the UI translates by ``reason`` + ``params``
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Solution:
    status: str
    assignments: list[Assignment]
    cost: Decimal = Decimal("0")
    lower_bound: Decimal | None = None
    lower_bound_method: str = ""
    unmet: list[Unmet] = field(default_factory=list)
    #: Extra figures (baseline, kept previous assignments, max load, stage states ...).
    info: dict[str, object] = field(default_factory=dict)

    @property
    def assistant_slots(self) -> int:
        return len(self.assignments)


@dataclass(frozen=True)
class Problem:
    """One finding about bad input or a broken rule.

    ``code`` and ``params`` are stable so that the web layer can render a German
    message with gettext; ``message`` is the English text for logs and the CLI.
    """

    code: str
    message: str
    path: str = ""
    rule: int = 0  # 1..7 for the rules of the format, 0 for format/reference errors
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        prefix = f"rule {self.rule}: " if self.rule else ""
        where = f" [{self.path}]" if self.path else ""
        return f"{prefix}{self.message}{where}"


class InputError(ValueError):
    """Raised with the complete list of problems found in an instance or solution."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:10]))
