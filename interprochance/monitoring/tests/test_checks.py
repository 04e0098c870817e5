"""Outlier rules of the data-quality checks."""

from __future__ import annotations

import pytest

from interprochance.monitoring.checks import (
    modified_zscore_outliers,
    range_outliers,
    relative_change_outliers,
    zscore_outliers,
)


def test_zscore_finds_a_clear_outlier_only_with_enough_areas():
    values = {str(i): 10.0 + (i % 3) for i in range(20)} | {"x": 60.0}
    assert set(zscore_outliers(values)) == {"x"}
    assert zscore_outliers({"a": 1.0, "b": 100.0}) == {}


def test_modified_zscore_is_robust_where_the_plain_zscore_is_masked():
    # Two extreme values inflate the standard deviation so the plain z-score misses them.
    values = {str(i): 10.0 + (i % 5) * 0.5 for i in range(10)} | {"x": 40.0, "y": 41.0}
    assert zscore_outliers(values) == {}
    assert set(modified_zscore_outliers(values)) == {"x", "y"}
    flat = {"a": 5.0, "b": 5.0, "c": 5.0, "e": 5.0, "f": 5.0, "d": 9.0}
    assert set(modified_zscore_outliers(flat)) == {"d"}  # MAD 0: falls back to mean deviation


def test_range_and_jump_rules():
    assert range_outliers({"a": -1.0, "b": 50.0, "c": 101.0}, 0, 100) == {"a": -1.0, "c": 101.0}
    jumps = relative_change_outliers({"a": 10.0, "b": 30.0, "c": 5.0}, {"a": 9.0, "b": 10.0})
    assert jumps == {"b": pytest.approx(2.0)}
