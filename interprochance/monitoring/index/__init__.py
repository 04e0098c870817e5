"""Status and dynamics index by the method of Berlin's Monitoring Soziale
Stadtentwicklung (MSS). Pure Python, no Django.

Method (MSS 2021 Indikatorenheft): over the valid areas only, z-standardise
each indicator (unweighted mean and standard deviation), add the (weighted)
z-values, z-standardise the sum again; classify status at -1 / +1 / +1.5 and
dynamics at -1 / +1. Positive values mean more disadvantage.
"""

from .mss import (
    DYNAMICS_CLASSES,
    STATUS_CLASSES,
    AreaIndex,
    AreaInput,
    IndexResult,
    IndexSpec,
    IndicatorWeight,
    classify_dynamics,
    classify_status,
    compute_index,
    zscores,
)

__all__ = [
    "DYNAMICS_CLASSES",
    "STATUS_CLASSES",
    "AreaIndex",
    "AreaInput",
    "IndexResult",
    "IndexSpec",
    "IndicatorWeight",
    "classify_dynamics",
    "classify_status",
    "compute_index",
    "zscores",
]
