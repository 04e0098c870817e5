"""Outlier detection for data-quality checks (pure Python, no Django)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping


def zscore_outliers(values: Mapping[str, float], threshold: float = 3.0) -> dict[str, float]:
    """Areas whose value lies more than ``threshold`` standard deviations from the mean."""
    if len(values) < 3:
        return {}
    data = list(values.values())
    mean = statistics.fmean(data)
    sd = statistics.pstdev(data)
    if sd == 0:
        return {}
    return {k: (v - mean) / sd for k, v in values.items() if abs(v - mean) / sd > threshold}


def modified_zscore_outliers(
    values: Mapping[str, float], threshold: float = 3.5
) -> dict[str, float]:
    """Iglewicz-Hoaglin modified z-score 0.6745 (x - median) / MAD; robust to the outliers
    themselves. With MAD 0 the mean absolute deviation is used (factor 0.7979)."""
    if len(values) < 3:
        return {}
    data = list(values.values())
    median = statistics.median(data)
    mad = statistics.median(abs(v - median) for v in data)
    if mad > 0:
        scores = {k: 0.6745 * (v - median) / mad for k, v in values.items()}
    else:
        meanad = statistics.fmean(abs(v - median) for v in data)
        if meanad == 0:
            return {}
        scores = {k: (v - median) / (1.253314 * meanad) for k, v in values.items()}
    return {k: s for k, s in scores.items() if abs(s) > threshold}


def range_outliers(
    values: Mapping[str, float], minimum: float | None, maximum: float | None
) -> dict[str, float]:
    """Values outside the plausible range [minimum, maximum] (min-max rule)."""
    out = {}
    for k, v in values.items():
        if (minimum is not None and v < minimum) or (maximum is not None and v > maximum):
            out[k] = v
    return out


def relative_change_outliers(
    current: Mapping[str, float], previous: Mapping[str, float], limit: float = 0.5
) -> dict[str, float]:
    """Areas whose value changed by more than ``limit`` (share) against the previous period."""
    out = {}
    for k, v in current.items():
        before = previous.get(k)
        if before is None or before == 0 or not math.isfinite(before):
            continue
        change = (v - before) / abs(before)
        if abs(change) > limit:
            out[k] = change
    return out
