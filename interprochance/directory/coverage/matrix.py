"""Need versus supply: the coverage matrix and its gap flags (pure Python).

Cells are area x life phase x need area. Supply in a cell is the number of
published, active services located in the area (or serving it) that are tagged
with that life phase and need area, and their opening hours per week. Need is
an area-level indicator value from monitoring (e.g. the social index or the
share of children in SGB II households), passed in as :class:`AreaNeed`.

The gap rule is explicit and configurable (:class:`GapRule`) so a planner can
see why a cell is flagged:

* the area's need is *high*: its need value is at or above the
  ``high_need_quantile`` of all areas with a known value (default: top third);
* the cell's supply is *low*: no service at all, or weekly hours per 1,000
  young people (0-27) below ``low_supply_share`` of the median over areas
  (only where the population is known, else hours below that share of the
  median hours).

Areas whose need value is unknown (suppressed for small numbers, or missing)
are never flagged; the matrix says so instead of guessing.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AreaNeed:
    code: str
    name: str
    need_value: float | None
    #: Young people 0-27 living in the area (None = unknown).
    population: int | None = None
    need_label: str = ""


@dataclass(frozen=True)
class Supply:
    key: str
    area_codes: frozenset[str]
    life_phases: frozenset[str]
    need_areas: frozenset[str]
    weekly_hours: float


@dataclass(frozen=True)
class GapRule:
    high_need_quantile: float = 2 / 3
    low_supply_share: float = 0.5


@dataclass
class Cell:
    area: str
    life_phase: str
    need_area: str
    services: int = 0
    weekly_hours: float = 0.0
    hours_per_1000: float | None = None
    gap: bool = False
    reason: str = ""


@dataclass
class CoverageResult:
    areas: list[AreaNeed]
    life_phases: list[str]
    need_areas: list[str]
    cells: dict[tuple[str, str, str], Cell]
    high_need_threshold: float | None
    high_need_areas: frozenset[str] = field(default_factory=frozenset)
    #: Distinct services per (area, life phase), whatever their need areas.
    services_by_area_phase: dict[tuple[str, str], int] = field(default_factory=dict)

    def cell(self, area: str, life_phase: str, need_area: str) -> Cell:
        return self.cells[(area, life_phase, need_area)]

    @property
    def gaps(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.gap]


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _fmt(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def coverage(
    areas: Sequence[AreaNeed],
    supply: Iterable[Supply],
    *,
    life_phases: Sequence[str],
    need_areas: Sequence[str],
    rule: GapRule = GapRule(),  # noqa: B008 - frozen dataclass, safe default
) -> CoverageResult:
    codes = {a.code for a in areas}
    cells: dict[tuple[str, str, str], Cell] = {
        (a.code, p, n): Cell(a.code, p, n) for a in areas for p in life_phases for n in need_areas
    }
    services_per_area_phase: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in supply:
        for area in s.area_codes & codes:
            for p in s.life_phases:
                if p not in life_phases:
                    continue
                for n in s.need_areas:
                    c = cells.get((area, p, n))
                    if c is None:
                        continue
                    c.services += 1
                    c.weekly_hours = round(c.weekly_hours + s.weekly_hours, 2)
                services_per_area_phase[(area, p)].add(s.key)

    pop = {a.code: a.population for a in areas}
    for c in cells.values():
        people = pop.get(c.area)
        if people:
            c.hours_per_1000 = round(c.weekly_hours / people * 1000, 2)

    known = [a.need_value for a in areas if a.need_value is not None]
    threshold = _quantile(known, rule.high_need_quantile) if known else None
    high = frozenset(
        a.code
        for a in areas
        if threshold is not None and a.need_value is not None and a.need_value >= threshold
    )
    need_of = {a.code: a for a in areas}

    for p in life_phases:
        for n in need_areas:
            column = [cells[(a.code, p, n)] for a in areas]
            with_pop = [c.hours_per_1000 for c in column if c.hours_per_1000 is not None]
            median_rel = statistics.median(with_pop) if with_pop else None
            median_abs = statistics.median([c.weekly_hours for c in column]) if column else 0.0
            for c in column:
                if c.area not in high:
                    continue
                a = need_of[c.area]
                need_txt = f"hoher Bedarf ({a.need_label or 'Wert'} {_fmt(a.need_value or 0)}, oberes Drittel)"
                if c.services == 0:
                    c.gap, c.reason = True, f"{need_txt}, kein Angebot"
                elif c.hours_per_1000 is not None and median_rel is not None:
                    if c.hours_per_1000 < rule.low_supply_share * median_rel:
                        c.gap = True
                        c.reason = (
                            f"{need_txt}, {_fmt(c.hours_per_1000)} Std./Woche je 1.000 junge Menschen "
                            f"(Median {_fmt(median_rel)})"
                        )
                elif c.weekly_hours < rule.low_supply_share * median_abs:
                    c.gap = True
                    c.reason = (
                        f"{need_txt}, {_fmt(c.weekly_hours)} Std./Woche (Median {_fmt(median_abs)})"
                    )

    return CoverageResult(
        areas=list(areas),
        life_phases=list(life_phases),
        need_areas=list(need_areas),
        cells=cells,
        high_need_threshold=threshold,
        high_need_areas=high,
        services_by_area_phase={k: len(v) for k, v in services_per_area_phase.items()},
    )


def heatmap_rows(result: CoverageResult) -> list[dict[str, Any]]:
    """Long rows (area, life phase, services, hours, gaps) for the heat map and export.

    Services are counted once per (area, life phase) even when tagged with
    several need areas; hours are summed over need areas (a service in two need
    areas adds its hours to both); gaps count flagged need-area cells.
    """
    rows = []
    for a in result.areas:
        for p in result.life_phases:
            cells = [result.cells[(a.code, p, n)] for n in result.need_areas]
            rows.append(
                {
                    "area": a.code,
                    "area_name": a.name,
                    "life_phase": p,
                    "need_value": a.need_value,
                    "high_need": a.code in result.high_need_areas,
                    "services": result.services_by_area_phase.get((a.code, p), 0),
                    "weekly_hours": round(sum(c.weekly_hours for c in cells), 2),
                    "gaps": sum(1 for c in cells if c.gap),
                }
            )
    return rows
