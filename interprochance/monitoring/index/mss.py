"""MSS-style index computation."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Class numbers as published by MSS: status 1 hoch .. 4 sehr niedrig;
# dynamics 1 positiv, 3 stabil, 5 negativ.
STATUS_CLASSES = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYNAMICS_CLASSES = {1: "positiv", 3: "stabil", 5: "negativ"}


@dataclass(frozen=True)
class IndicatorWeight:
    code: str
    weight: float = 1.0
    # +1 when higher values mean more disadvantage, -1 when the opposite.
    direction: int = 1

    def __post_init__(self) -> None:
        if self.direction not in (1, -1):
            raise ValueError("direction must be +1 or -1")
        if not math.isfinite(self.weight) or self.weight <= 0:
            raise ValueError(f"weight of {self.code!r} must be positive")


@dataclass(frozen=True)
class IndexSpec:
    status: tuple[IndicatorWeight, ...]
    dynamics: tuple[IndicatorWeight, ...] = ()
    min_population: int = 300
    status_thresholds: tuple[float, float, float] = (-1.0, 1.0, 1.5)
    dynamics_thresholds: tuple[float, float] = (-1.0, 1.0)

    def __post_init__(self) -> None:
        if not self.status and not self.dynamics:
            raise ValueError("the index needs at least one indicator")
        codes = [w.code for w in (*self.status, *self.dynamics)]
        if len(codes) != len(set(codes)):
            raise ValueError("an indicator appears twice in the index")
        a, b, c = self.status_thresholds
        if not a < b < c:
            raise ValueError("status thresholds must increase")
        d, e = self.dynamics_thresholds
        if not d < e:
            raise ValueError("dynamics thresholds must increase")


@dataclass(frozen=True)
class AreaInput:
    code: str
    population: int | None
    values: Mapping[str, float | None]
    excluded: str | None = None  # reason given from outside (e.g. "Ausreißer")


@dataclass(frozen=True)
class AreaIndex:
    code: str
    valid: bool
    reason: str | None
    status: float | None = None
    dynamics: float | None = None
    status_class: int | None = None
    dynamics_class: int | None = None

    @property
    def combined(self) -> str | None:
        """MSS combined class, e.g. "2-" (status 2, dynamics negativ)."""
        if self.status_class is None or self.dynamics_class is None:
            return None
        sign = {1: "+", 3: "+/-", 5: "-"}[self.dynamics_class]
        return f"{self.status_class}{sign}"


@dataclass
class IndexResult:
    spec: IndexSpec
    areas: dict[str, AreaIndex]
    means: dict[str, float] = field(default_factory=dict)
    sds: dict[str, float] = field(default_factory=dict)

    @property
    def valid_count(self) -> int:
        return sum(1 for a in self.areas.values() if a.valid)


def zscores(values: Sequence[float]) -> list[float]:
    """z-standardise with the unweighted mean and the population standard deviation."""
    n = len(values)
    if n < 2:
        raise ValueError("standardising needs at least two areas")
    mean = math.fsum(values) / n
    var = math.fsum((v - mean) ** 2 for v in values) / n
    sd = math.sqrt(var)
    if sd == 0:
        raise ValueError("all areas have the same value; cannot standardise")
    return [(v - mean) / sd for v in values]


def classify_status(x: float, thresholds: tuple[float, float, float] = (-1.0, 1.0, 1.5)) -> int:
    low, high, very_high = thresholds
    if x < low:
        return 1
    if x <= high:
        return 2
    if x <= very_high:
        return 3
    return 4


def classify_dynamics(x: float, thresholds: tuple[float, float] = (-1.0, 1.0)) -> int:
    low, high = thresholds
    if x < low:
        return 1
    if x <= high:
        return 3
    return 5


def _index(
    valid: list[AreaInput], weights: Sequence[IndicatorWeight], result: IndexResult
) -> list[float]:
    total = [0.0] * len(valid)
    for w in weights:
        column = [float(a.values[w.code]) for a in valid]  # type: ignore[arg-type]
        if len(set(column)) == 1:
            # No spread (e.g. a rate that did not change anywhere): the indicator
            # tells the areas nothing apart and contributes zero to every sum.
            result.means[w.code] = column[0]
            result.sds[w.code] = 0.0
            continue
        z = zscores(column)
        result.means[w.code] = math.fsum(column) / len(column)
        result.sds[w.code] = math.sqrt(
            math.fsum((v - result.means[w.code]) ** 2 for v in column) / len(column)
        )
        for i, value in enumerate(z):
            total[i] += w.weight * w.direction * value
    return zscores(total)


def compute_index(areas: Sequence[AreaInput], spec: IndexSpec) -> IndexResult:
    """Status and dynamics index with classes for every valid area.

    An area is invalid (and left out of the standardisation) when its population
    is missing or below ``spec.min_population``, when it is excluded from outside,
    or when any indicator of the index has no value (e.g. suppressed).
    """
    codes = [w.code for w in (*spec.status, *spec.dynamics)]
    seen: set[str] = set()
    valid: list[AreaInput] = []
    out: dict[str, AreaIndex] = {}
    for area in areas:
        if area.code in seen:
            raise ValueError(f"area {area.code!r} appears twice")
        seen.add(area.code)
        reason = None
        if area.excluded:
            reason = area.excluded
        elif area.population is None or area.population < spec.min_population:
            reason = f"unter {spec.min_population} Einwohner"
        else:
            missing = [c for c in codes if area.values.get(c) is None]
            bad = [
                c
                for c in codes
                if c not in missing and not math.isfinite(float(area.values[c]))  # type: ignore[arg-type]
            ]
            if missing or bad:
                reason = "fehlende Werte: " + ", ".join(missing + bad)
        if reason is None:
            valid.append(area)
        else:
            out[area.code] = AreaIndex(area.code, False, reason)
    result = IndexResult(spec=spec, areas=out)
    status = _index(valid, spec.status, result) if spec.status else [None] * len(valid)
    dynamics = _index(valid, spec.dynamics, result) if spec.dynamics else [None] * len(valid)
    for area, s, d in zip(valid, status, dynamics, strict=True):
        out[area.code] = AreaIndex(
            area.code,
            True,
            None,
            status=s,
            dynamics=d,
            status_class=None if s is None else classify_status(s, spec.status_thresholds),
            dynamics_class=None if d is None else classify_dynamics(d, spec.dynamics_thresholds),
        )
    result.areas = {a.code: out[a.code] for a in areas}
    return result
