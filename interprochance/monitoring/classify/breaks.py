"""Class breaks and class assignment."""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SUPPRESSED = "suppressed"
MISSING = "missing"
METHODS = ("quantile", "equal", "stddev", "jenks", "fixed")


def _clean(values: Sequence[float]) -> list[float]:
    out = sorted(float(v) for v in values)
    if not out:
        raise ValueError("no values to classify")
    if not all(math.isfinite(v) for v in out):
        raise ValueError("values must be finite numbers")
    return out


def quantile_breaks(values: Sequence[float], k: int) -> list[float]:
    """Upper bounds of k classes with (nearly) equal counts; duplicates collapse."""
    data = _clean(values)
    n = len(data)
    bounds = []
    for i in range(1, k):
        pos = i * n / k
        idx = max(0, math.ceil(pos) - 1)
        bounds.append(data[idx])
    bounds.append(data[-1])
    return _dedupe(bounds)


def equal_interval_breaks(values: Sequence[float], k: int) -> list[float]:
    data = _clean(values)
    lo, hi = data[0], data[-1]
    if lo == hi:
        return [hi]
    step = (hi - lo) / k
    return [lo + step * i for i in range(1, k)] + [hi]


def stddev_breaks(values: Sequence[float], k: int = 6) -> list[float]:
    """Breaks at the mean +- whole standard deviations (k classes, centred)."""
    data = _clean(values)
    mean = math.fsum(data) / len(data)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in data) / len(data))
    if sd == 0:
        return [data[-1]]
    half = k // 2
    offsets = range(-half + 1, half) if k % 2 == 0 else [x + 0.5 for x in range(-half, half)]
    inner = [mean + sd * o for o in offsets]
    inner = [b for b in inner if data[0] <= b < data[-1]]
    return _dedupe(inner + [data[-1]])


def jenks_breaks(values: Sequence[float], k: int) -> list[float]:
    """Exact Fisher-Jenks natural breaks: minimises the within-class sum of squares.

    Dynamic programming over the sorted values, O(k * n^2); fine for the few
    hundred areas of a Landkreis.
    """
    data = _clean(values)
    n = len(data)
    k = min(k, len(set(data)))
    if k <= 1:
        return [data[-1]]
    prefix = [0.0]
    prefix2 = [0.0]
    for v in data:
        prefix.append(prefix[-1] + v)
        prefix2.append(prefix2[-1] + v * v)

    def ssd(i: int, j: int) -> float:  # data[i:j]
        s = prefix[j] - prefix[i]
        return prefix2[j] - prefix2[i] - s * s / (j - i)

    inf = float("inf")
    # cost[c][j]: best cost for data[:j] in c classes; split[c][j]: start of last class
    cost = [[inf] * (n + 1) for _ in range(k + 1)]
    split = [[0] * (n + 1) for _ in range(k + 1)]
    cost[0][0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            best, arg = inf, c - 1
            for i in range(c - 1, j):
                if cost[c - 1][i] == inf:
                    continue
                value = cost[c - 1][i] + ssd(i, j)
                if value < best - 1e-12:
                    best, arg = value, i
            cost[c][j], split[c][j] = best, arg
    bounds = []
    j = n
    for c in range(k, 0, -1):
        bounds.append(data[j - 1])
        j = split[c][j]
    return sorted(bounds)


def fixed_breaks(bounds: Sequence[float]) -> list[float]:
    out = [float(b) for b in bounds]
    for lower, upper in zip(out, out[1:], strict=False):
        if upper <= lower:
            raise ValueError("fixed class bounds must increase")
    if not out:
        raise ValueError("a fixed legend needs at least one bound")
    return out


def _dedupe(bounds: list[float]) -> list[float]:
    out: list[float] = []
    for b in bounds:
        if not out or b > out[-1]:
            out.append(b)
    return out


@dataclass(frozen=True)
class Classification:
    method: str
    bounds: tuple[float, ...]  # upper bound of each class (the last class is open for "fixed")
    minimum: float | None
    classes: dict[str, int | str]  # area -> class index (0-based) or SUPPRESSED / MISSING

    @property
    def labels(self) -> list[str]:
        """Legend labels, German number format, with as many decimals as it takes
        to tell every class bound apart."""
        edges = [b for b in (self.minimum, *self.bounds) if b is not None and math.isfinite(b)]
        decimals = 0
        while decimals < 6 and (
            len({_fmt(b, decimals) for b in edges}) < len(set(edges))
            # a fixed legend shows the bounds the user gave, exactly
            or (self.method == "fixed" and any(abs(round(b, decimals) - b) > 1e-9 for b in edges))
        ):
            decimals += 1
        labels = []
        lower = self.minimum
        for i, upper in enumerate(self.bounds):
            if self.method == "fixed" and i == len(self.bounds) - 1:
                labels.append(
                    f"über {_fmt(lower, decimals)}"
                    if lower is not None
                    else f"bis {_fmt(upper, decimals)}"
                )
            elif lower is None:
                labels.append(f"bis {_fmt(upper, decimals)}")
            else:
                labels.append(f"{_fmt(lower, decimals)} bis {_fmt(upper, decimals)}")
            lower = upper
        return labels

    def counts(self) -> dict[int | str, int]:
        out: dict[int | str, int] = {}
        for c in self.classes.values():
            out[c] = out.get(c, 0) + 1
        return out


def _fmt(x: float, decimals: int = 0) -> str:
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def classify(
    values: Mapping[str, float | None],
    method: str,
    k: int = 5,
    *,
    suppressed: Sequence[str] = (),
    bounds: Sequence[float] | None = None,
) -> Classification:
    """Assign every area a class. ``values`` maps area code to value (None = missing);
    areas listed in ``suppressed`` get the suppressed class whatever their value."""
    if method not in METHODS:
        raise ValueError(f"unknown classification method {method!r}")
    if method != "fixed" and not 1 <= k <= 12:
        raise ValueError("between 1 and 12 classes")
    hidden = set(suppressed)
    present = {a: float(v) for a, v in values.items() if v is not None and a not in hidden}
    classes: dict[str, int | str] = {}
    minimum: float | None
    if method == "fixed":
        if bounds is None:
            raise ValueError("a fixed legend needs bounds")
        upper = fixed_breaks(bounds)
        # fixed: classes (-inf, b0], (b0, b1], ..., (b_last, inf)
        for area, v in present.items():
            classes[area] = bisect.bisect_left(upper, v)
        result_bounds: list[float] = upper + [math.inf]
        minimum = None
    elif present:
        data = list(present.values())
        fn = {
            "quantile": quantile_breaks,
            "equal": equal_interval_breaks,
            "stddev": stddev_breaks,
            "jenks": jenks_breaks,
        }[method]
        result_bounds = fn(data, k)
        for area, v in present.items():
            classes[area] = min(bisect.bisect_left(result_bounds, v), len(result_bounds) - 1)
        minimum = min(data)
    else:
        result_bounds, minimum = [], None
    for area, raw in values.items():
        if area in hidden:
            classes[area] = SUPPRESSED
        elif raw is None:
            classes[area] = MISSING
    for area in hidden - set(values):
        classes[area] = SUPPRESSED
    if method == "fixed":
        bounds_out = tuple(result_bounds[:-1])
        return Classification(method, bounds_out + (math.inf,), None, classes)
    return Classification(method, tuple(result_bounds), minimum, classes)
