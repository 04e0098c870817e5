"""Classification of indicator values for choropleth maps (pure Python).

Methods: quantiles, equal intervals, standard deviation, natural breaks
(Fisher-Jenks, exact by dynamic programming) and a fixed legend. Suppressed and
missing values get their own classes so a map never hides the difference.
"""

from .breaks import (
    METHODS,
    MISSING,
    SUPPRESSED,
    Classification,
    classify,
    equal_interval_breaks,
    fixed_breaks,
    jenks_breaks,
    quantile_breaks,
    stddev_breaks,
)

__all__ = [
    "METHODS",
    "MISSING",
    "SUPPRESSED",
    "Classification",
    "classify",
    "equal_interval_breaks",
    "fixed_breaks",
    "jenks_breaks",
    "quantile_breaks",
    "stddev_breaks",
]
