"""Map classification."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.monitoring import maps
from interprochance.monitoring.classify import (
    MISSING,
    SUPPRESSED,
    classify,
    equal_interval_breaks,
    jenks_breaks,
    quantile_breaks,
    stddev_breaks,
)


def _ssd(groups):
    total = 0.0
    for g in groups:
        m = sum(g) / len(g)
        total += sum((x - m) ** 2 for x in g)
    return total


def _brute_force_best(data, k):
    data = sorted(data)
    n = len(data)
    best = math.inf
    for cuts in itertools.combinations(range(1, n), k - 1):
        edges = (0, *cuts, n)
        groups = [data[a:b] for a, b in zip(edges, edges[1:])]
        best = min(best, _ssd(groups))
    return best


def _groups_for(data, bounds):
    data = sorted(data)
    groups, lower = [], -math.inf
    for upper in bounds:
        g = [x for x in data if lower < x <= upper]
        if g:
            groups.append(g)
        lower = upper
    return groups


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 100), min_size=3, max_size=9, unique=True),
    st.integers(2, 4),
)
def test_jenks_is_optimal_against_brute_force(values, k):
    k = min(k, len(values))
    bounds = jenks_breaks(values, k)
    groups = _groups_for(values, bounds)
    assert len(groups) == k
    assert _ssd(groups) == pytest.approx(_brute_force_best(values, k), abs=1e-6)


def test_jenks_finds_obvious_clusters():
    data = [1, 2, 3, 20, 21, 22, 50, 51, 52]
    assert jenks_breaks(data, 3) == [3, 22, 52]


def test_quantiles_balance_counts():
    data = list(range(1, 21))
    assert quantile_breaks(data, 4) == [5, 10, 15, 20]
    result = classify({str(v): v for v in data}, "quantile", 4)
    assert sorted(result.counts().values()) == [5, 5, 5, 5]


def test_equal_intervals_and_stddev():
    assert equal_interval_breaks([0, 10], 5) == [2, 4, 6, 8, 10]
    sd = stddev_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9], 4)
    mean = 5
    assert sd[1] == pytest.approx(mean)  # centred on the mean
    assert sd[-1] == 9


def test_suppressed_and_missing_have_their_own_classes():
    values = {"a": 1.0, "b": 5.0, "c": None, "d": 100.0, "e": 7.0}
    result = classify(values, "jenks", 2, suppressed=["d"])
    assert result.classes["c"] == MISSING
    assert result.classes["d"] == SUPPRESSED
    # The suppressed value does not shape the breaks.
    assert max(result.bounds) == 7.0


def test_map_shows_suppressed_area_as_gesperrt_not_its_value():
    values = {"a": 1.0, "b": 5.0, "c": None, "d": 100.0, "e": 7.0}
    result = classify(values, "quantile", 2, suppressed=["d"])
    features = [
        {"geometry": {"type": "Point"}, "properties": {"code": c, "name": c}} for c in values
    ]
    spec = maps.choropleth(
        features,
        result,
        title="t",
        direction="worse",
        value_text={"a": "1", "b": "5", "d": "100", "e": "7"},
    )
    shown = {f["properties"]["name"]: f["properties"] for f in spec["data"]["values"]}
    assert shown["d"] == {"name": "d", "value": "gesperrt (.)", "text": "."}
    assert shown["c"] == {"name": "c", "value": "keine Daten", "text": "–"}
    assert shown["a"]["value"] == result.labels[0]
    assert "100" not in str(spec)


def test_more_classes_than_colours_is_refused_rather_than_mislabelled():
    result = classify({"a": 1.0}, "fixed", bounds=list(range(1, 9)))  # 9 classes, 7 colours
    with pytest.raises(ValueError, match="at most 7"):
        maps.legend_classes(result, "worse")


def test_fixed_legend_and_german_labels():
    result = classify({"a": 4.0, "b": 10.0, "c": 25.5, "d": 1000.0}, "fixed", bounds=[10, 20.5])
    assert result.classes == {"a": 0, "b": 0, "c": 2, "d": 2}
    assert result.labels == ["bis 10,0", "10,0 bis 20,5", "über 20,5"]
    assert classify({"a": 1.0}, "fixed", bounds=[10, 20]).labels == [
        "bis 10",
        "10 bis 20",
        "über 20",
    ]
    close = classify({str(i): 0.43 + i / 1000 for i in range(9)}, "quantile", 3)
    assert len(set(close.labels)) == 3  # decimals grow until bounds differ
    with pytest.raises(ValueError, match="increase"):
        classify({"a": 1.0}, "fixed", bounds=[5, 5])


def test_bad_requests():
    with pytest.raises(ValueError, match="unknown"):
        classify({"a": 1.0}, "kmeans")
    with pytest.raises(ValueError, match="finite"):
        classify({"a": math.nan, "b": 1.0}, "equal")
    assert classify({"a": None}, "quantile").classes == {"a": MISSING}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60),
    st.sampled_from(["quantile", "equal", "stddev", "jenks"]),
    st.integers(1, 7),
)
def test_every_value_lands_in_a_class_that_contains_it(values, method, k):
    data = {str(i): v for i, v in enumerate(values)}
    result = classify(data, method, k)
    bounds = result.bounds
    assert list(bounds) == sorted(bounds)
    for area, v in data.items():
        c = result.classes[area]
        assert isinstance(c, int)
        assert v <= bounds[c] + 1e-9 * max(1, abs(v))
        if c > 0:
            assert v > bounds[c - 1] - 1e-9 * max(1, abs(v))
