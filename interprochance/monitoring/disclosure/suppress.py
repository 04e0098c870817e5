"""Primary and secondary cell suppression with an LP audit-and-repair loop."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .audit import Equation, Expression, Inequality, audit
from .model import Hierarchy, Link
from .rules import DisclosureRules

Key = tuple[str, str]  # (area code, measure code)

REST = "#rest"  # suffix of the virtual cell "children of a parent without a reported value"

PRIMARY_REASONS = ("min_count", "dominance", "min_denominator", "complement")


@dataclass(frozen=True)
class CellDecision:
    area: str
    measure: str
    value: int
    published: bool
    reason: str | None  # one of PRIMARY_REASONS, "secondary", or None when published

    @property
    def display(self) -> str:
        """What the public sees: the value, or "." when suppressed."""
        return str(self.value) if self.published else "."


@dataclass
class ProtectionResult:
    rules: DisclosureRules
    decisions: dict[Key, CellDecision]
    # Proven width of what the attacker can learn per suppressed cell: exact where
    # an LP or closed form decided it, otherwise a proven lower bound that already
    # meets the rules' protection width.
    widths: dict = field(default_factory=dict)
    unprotected: list[Key] = field(default_factory=list)
    lp_solves: int = 0
    repair_rounds: int = 0

    def published_value(self, area: str, measure: str) -> int | None:
        decision = self.decisions.get((area, measure))
        if decision is None or not decision.published:
            return None
        return decision.value

    def is_suppressed(self, area: str, measure: str) -> bool:
        decision = self.decisions.get((area, measure))
        return decision is not None and not decision.published

    @property
    def suppressed(self) -> list[CellDecision]:
        return [d for d in self.decisions.values() if not d.published]

    def rate_published(self, area: str, numerator: str, denominator: str) -> bool:
        """A rate is shown only when both of its counts are shown."""
        return (
            self.published_value(area, numerator) is not None
            and self.published_value(area, denominator) is not None
        )


def _int_value(key: Key, raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"cell {key}: boolean is not a count")
    try:
        as_float = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"cell {key}: {raw!r} is not a number") from None
    if not math.isfinite(as_float) or as_float != int(as_float):
        raise ValueError(f"cell {key}: {raw!r} is not a whole count")
    value = int(as_float)
    if value < 0:
        raise ValueError(f"cell {key}: negative count {value}")
    return value


class _Table:
    """Cells, additivity equations and links of one period."""

    def __init__(
        self,
        hierarchy: Hierarchy,
        values: Mapping[Key, object],
        links: Sequence[Link],
        derive_totals: bool = False,
    ):
        self.values: dict[Key, int] = {}
        for key, raw in values.items():
            area, _measure = key
            if area not in hierarchy:
                raise ValueError(f"cell {key}: unknown area {area!r}")
            if area.endswith(REST):
                raise ValueError(f"cell {key}: area codes must not end in {REST!r}")
            self.values[key] = _int_value(key, raw)
        self.real = set(self.values)
        self.measures = sorted({m for _, m in self.values})
        self.equations: list[Equation] = []
        self.virtual: set[Key] = set()
        order = hierarchy.leaves_first()
        children_of = {area: hierarchy.children(area) for area in order}
        for measure in self.measures:
            for area in order:
                children = children_of[area]
                present = [c for c in children if (c, measure) in self.values]
                if not present:
                    continue
                total_key = (area, measure)
                if total_key not in self.values and derive_totals:
                    if len(present) < len(children):
                        continue  # total unknown and parts incomplete: no equation holds
                    self.values[total_key] = sum(self.values[(c, measure)] for c in present)
                    self.real.add(total_key)
                if total_key not in self.values:
                    raise ValueError(
                        f"measure {measure!r}: area {area!r} has no value but its children have"
                    )
                parts = [(c, measure) for c in present]
                rest = self.values[total_key] - sum(self.values[p] for p in parts)
                if len(present) == len(children):
                    if rest != 0:
                        raise ValueError(
                            f"measure {measure!r}: area {area!r} is {self.values[total_key]} "
                            f"but its children sum to {self.values[total_key] - rest}"
                        )
                else:
                    if rest < 0:
                        raise ValueError(
                            f"measure {measure!r}: the reported children of {area!r} exceed "
                            f"its total by {-rest}"
                        )
                    virtual = (area + REST, measure)
                    self.values[virtual] = rest
                    self.virtual.add(virtual)
                    parts.append(virtual)
                self.equations.append(Equation(total_key, tuple(parts)))
        self.inequalities: list[Inequality] = []
        self.links = list(links)
        areas_with_rest = {a for a, _ in self.virtual}
        for link in self.links:
            for area in [*hierarchy.codes, *areas_with_rest]:
                n, d = (area, link.numerator), (area, link.denominator)
                if n in self.values and d in self.values:
                    if self.values[n] > self.values[d] and n in self.real:
                        raise ValueError(
                            f"area {area!r}: {link.numerator} ({self.values[n]}) exceeds "
                            f"{link.denominator} ({self.values[d]})"
                        )
                    self.inequalities.append(Inequality(n, d))
        # Neighbourhood index for choosing secondary suppressions.
        self.eqs_of: dict[Key, list[Equation]] = {}
        for eq in self.equations:
            for k in (eq.total, *eq.parts):
                self.eqs_of.setdefault(k, []).append(eq)
        self.ineqs_of: dict[Key, list[Inequality]] = {}
        for q in self.inequalities:
            self.ineqs_of.setdefault(q.small, []).append(q)
            self.ineqs_of.setdefault(q.big, []).append(q)


def _primary(
    table: _Table,
    rules: DisclosureRules,
    contributions: Mapping[Key, Sequence[float]],
) -> tuple[dict[Key, str], list[Expression]]:
    reasons: dict[Key, str] = {}
    expressions: list[Expression] = []
    width = rules.width
    for key in sorted(table.real):
        value = table.values[key]
        if rules.count_is_sensitive(value):
            reasons[key] = "min_count"
        elif rules.dominance_is_sensitive(value, contributions.get(key, ())):
            reasons[key] = "dominance"
    for q in table.inequalities:
        n, d = q.small, q.big
        if n not in table.real:
            continue
        den, num = table.values[d], table.values[n]
        if den == 0:
            continue
        if den < rules.min_denominator:
            reasons.setdefault(n, "min_denominator")
        elif rules.protect_complement and num > 0 and den - num < rules.min_count:
            reasons.setdefault(n, "complement")
            expressions.append(Expression(("complement", n, d), ((d, 1.0), (n, -1.0)), width))
    # Unreported remainders are never published; if small they need protection too.
    for key in sorted(table.virtual):
        if rules.count_is_sensitive(table.values[key]):
            expressions.append(Expression(key, ((key, 1.0),), width))
    return reasons, expressions


def _candidates(table: _Table, keys: Sequence[Key], hidden: set[Key]) -> list[Key]:
    """Published neighbours of ``keys``, best secondary suppression first.

    Siblings before children before linked measures before totals; small non-zero
    values first (they lose least information); zeros last (they add no room).
    """
    ranked: dict[Key, tuple[int, int, int, str, str]] = {}

    def offer(key: Key, role: int) -> None:
        if key in hidden or key not in table.real:
            return
        value = table.values[key]
        rank = (1 if value == 0 else 0, role, value, key[0], key[1])
        if key not in ranked or rank < ranked[key]:
            ranked[key] = rank

    for key in keys:
        for eq in table.eqs_of.get(key, ()):
            if key == eq.total:
                for part in eq.parts:
                    offer(part, 1)
            else:
                for part in eq.parts:
                    offer(part, 0)
                offer(eq.total, 3)
        for q in table.ineqs_of.get(key, ()):
            offer(q.big if q.small == key else q.small, 2)
    return sorted(ranked, key=ranked.__getitem__)


def _greedy(table: _Table, hidden: set[Key], width: float) -> set[Key]:
    """Fast pass: no additivity group may hold a single unknown or too little room."""
    added: set[Key] = set()
    changed = True
    while changed:
        changed = False
        for eq in table.equations:
            members = (eq.total, *eq.parts)
            unknown = [k for k in members if k in hidden]
            if not unknown:
                continue
            unknown_parts = [k for k in eq.parts if k in hidden]
            room = sum(table.values[k] for k in unknown_parts)
            need_more = len(unknown) == 1 or (eq.total not in hidden and room < width)
            if not need_more:
                continue
            published_parts = sorted(
                (k for k in eq.parts if k not in hidden and k in table.real),
                key=lambda k: (table.values[k] == 0, table.values[k], k),
            )
            choice: Key | None = None
            if published_parts:
                enough = [k for k in published_parts if room + table.values[k] >= width]
                choice = (
                    enough[0] if enough else max(published_parts, key=lambda k: table.values[k])
                )
                if len(unknown) == 1 and unknown[0] == eq.total:
                    choice = published_parts[0] if table.values[published_parts[0]] else choice
            elif eq.total not in hidden and eq.total in table.real:
                choice = eq.total
            if choice is not None:
                hidden.add(choice)
                added.add(choice)
                changed = True
    return added


def protect(
    hierarchy: Hierarchy,
    values: Mapping[Key, object],
    rules: DisclosureRules | None = None,
    *,
    links: Sequence[Link] = (),
    contributions: Mapping[Key, Sequence[float]] | None = None,
    derive_totals: bool = False,
    max_rounds: int = 10_000,
) -> ProtectionResult:
    """Decide which cells of one period may be published.

    ``values`` maps (area code, measure code) to a non-negative whole count. Every
    parent that has a value is checked to equal the sum of its children (children
    without a value form an unreported remainder that is never published). With
    ``derive_totals`` a missing total whose children are all given is derived as
    their sum (anyone can add them up), and one with incomplete children is left
    without an equation; otherwise a missing total is an error.
    """
    rules = rules or DisclosureRules()
    table = _Table(hierarchy, values, links, derive_totals)
    reasons, extra_expressions = _primary(table, rules, contributions or {})
    hidden: set[Key] = set(reasons) | table.virtual
    width = rules.width

    secondary = _greedy(table, hidden, width)

    def expressions() -> list[Expression]:
        exprs = [Expression(k, ((k, 1.0),), width) for k in sorted(hidden & table.real)]
        return exprs + extra_expressions

    cache: dict = {}
    solves = 0
    rounds = 0
    unprotected: list[Key] = []
    eps = 1e-6
    while True:
        exprs = expressions()
        widths, component_of, n = audit(
            hidden, table.values, table.equations, table.inequalities, exprs, cache
        )
        solves += n
        failing = [e for e in exprs if widths[e.label] < e.width - eps]
        if not failing:
            break
        rounds += 1
        if rounds > max_rounds:
            unprotected = [e.label for e in failing]
            break
        progress = False
        stuck: list[Key] = []
        for e in failing:
            comp = component_of.get(e.label)
            own = [k for k, _ in e.coefs]
            candidates = _candidates(table, own, hidden)
            if not candidates and comp is not None:
                candidates = _candidates(table, sorted(comp), hidden)
            if not candidates:
                stuck.append(e.label)
                continue
            hidden.add(candidates[0])
            secondary.add(candidates[0])
            progress = True
        if not progress:
            unprotected = stuck
            break

    decisions: dict[Key, CellDecision] = {}
    for key in table.real:
        if key in reasons:
            reason: str | None = reasons[key]
        elif key in hidden:
            reason = "secondary"
        else:
            reason = None
        decisions[key] = CellDecision(key[0], key[1], table.values[key], key not in hidden, reason)
    return ProtectionResult(
        rules=rules,
        decisions=decisions,
        widths=widths,
        unprotected=unprotected,
        lp_solves=solves,
        repair_rounds=rounds,
    )
