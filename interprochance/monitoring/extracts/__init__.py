"""Aggregation of person-level extracts into measures per area and period.

Pure Python + DuckDB, no Django. The extract (CSV or Parquet, one row per
person, carrying either an area code or a street address) is read in place
and never stored; only counts per (period, area, measure) come out.
"""

from .aggregate import (
    CATALOGUE_MEASURES,
    AggregationResult,
    MeasureDef,
    StreetRange,
    aggregate_extract,
    normalise_street,
    protect_periods,
    rollup,
)

__all__ = [
    "CATALOGUE_MEASURES",
    "AggregationResult",
    "MeasureDef",
    "StreetRange",
    "aggregate_extract",
    "normalise_street",
    "protect_periods",
    "rollup",
]
