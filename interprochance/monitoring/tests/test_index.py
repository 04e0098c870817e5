"""MSS index: method unit tests and the Berlin MSS 2021 reproduction."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.monitoring.index import (
    AreaInput,
    IndexSpec,
    IndicatorWeight,
    classify_dynamics,
    classify_status,
    compute_index,
    zscores,
)

# The repository ships the published table (see data/external/berlin-mss-2021/README.md).
MSS = Path(__file__).resolve().parents[3] / "data" / "external" / "berlin-mss-2021"

BERLIN_SPEC = IndexSpec(
    status=(IndicatorWeight("S1"), IndicatorWeight("S3"), IndicatorWeight("S4")),
    dynamics=(IndicatorWeight("D1"), IndicatorWeight("D3"), IndicatorWeight("D4")),
    min_population=300,
)


def _read(name):
    with (MSS / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _num(text):
    if text in ("", None):
        return None
    value = float(text)
    return None if value == -9999 else value


def berlin_inputs():
    rows = _read("mss_2021_index_indikatoren.csv")
    inputs = []
    for r in rows:
        population = int(r["EW"]) if r["EW"] else None
        excluded = "Ausreißer" if "Ausreißer" in r["KOM"] else None
        values = {c: _num(r[c]) for c in ("S1", "S3", "S4", "D1", "D3", "D4")}
        inputs.append(AreaInput(r["PLR_ID"], population, values, excluded))
    return inputs


def test_reproduces_berlin_mss_2021_classes_for_all_valid_planungsraeume():
    published = {r["PLR_ID"]: r for r in _read("mss_2021_indizes.csv")}
    result = compute_index(berlin_inputs(), BERLIN_SPEC)
    valid = [a for a in result.areas.values() if a.valid]
    assert len(valid) == 536
    # Validity agrees with the published KOM flag.
    for code, area in result.areas.items():
        assert area.valid == (published[code]["KOM"] == "gültig"), code
    status_mismatch = [a.code for a in valid if a.status_class != int(published[a.code]["SI_N"])]
    dynamics_mismatch = [
        a.code for a in valid if a.dynamics_class != int(published[a.code]["DI_N"])
    ]
    combined_mismatch = [a.code for a in valid if a.combined != published[a.code]["SDI"]]
    assert status_mismatch == []
    assert dynamics_mismatch == []
    assert combined_mismatch == []


def test_population_weighting_would_not_reproduce_berlin():
    """The test above can fail: a population-weighted variant breaks dynamics classes."""
    import math

    published = {r["PLR_ID"]: r for r in _read("mss_2021_indizes.csv")}
    result = compute_index(berlin_inputs(), BERLIN_SPEC)
    valid = [a for a in berlin_inputs() if result.areas[a.code].valid]
    pops = [a.population for a in valid]
    total = sum(pops)

    def wz(values):
        mean = sum(p * v for p, v in zip(pops, values)) / total
        sd = math.sqrt(sum(p * (v - mean) ** 2 for p, v in zip(pops, values)) / total)
        return [(v - mean) / sd for v in values]

    summed = [0.0] * len(valid)
    for code in ("D1", "D3", "D4"):
        for i, z in enumerate(wz([a.values[code] for a in valid])):
            summed[i] += z
    weighted = wz(summed)
    mismatches = sum(
        classify_dynamics(x) != int(published[a.code]["DI_N"]) for a, x in zip(valid, weighted)
    )
    assert mismatches > 0


def test_classes_at_the_published_thresholds():
    assert [classify_status(x) for x in (-1.01, -1.0, 1.0, 1.01, 1.5, 1.51)] == [1, 2, 2, 3, 3, 4]
    assert [classify_dynamics(x) for x in (-1.01, -1.0, 1.0, 1.01)] == [1, 3, 3, 5]


def test_small_and_incomplete_areas_are_excluded_and_do_not_shift_others():
    spec = IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("b")), min_population=300)
    base = [
        AreaInput("1", 1000, {"a": 1.0, "b": 2.0}),
        AreaInput("2", 1000, {"a": 2.0, "b": 1.0}),
        AreaInput("3", 1000, {"a": 9.0, "b": 8.0}),
        AreaInput("4", 1000, {"a": 3.0, "b": 3.0}),
    ]
    extra = [
        AreaInput("small", 120, {"a": 50.0, "b": 50.0}),
        AreaInput("gap", 900, {"a": 1.0, "b": None}),
        AreaInput("flag", 900, {"a": 1.0, "b": 1.0}, excluded="Ausreißer"),
    ]
    alone = compute_index(base, spec)
    mixed = compute_index(base + extra, spec)
    for code in "1234":
        assert mixed.areas[code].status == pytest.approx(alone.areas[code].status)
    assert mixed.areas["small"].reason == "unter 300 Einwohner"
    assert mixed.areas["gap"].reason == "fehlende Werte: b"
    assert mixed.areas["flag"].reason == "Ausreißer"
    assert mixed.valid_count == 4


def test_weights_and_direction_change_the_index():
    areas = [
        AreaInput("x", 500, {"a": 1.0, "b": 10.0}),
        AreaInput("y", 500, {"a": 2.0, "b": 5.0}),
        AreaInput("z", 500, {"a": 3.0, "b": 1.0}),
    ]
    heavy_b = compute_index(
        areas, IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("b", 5.0)))
    )
    heavy = compute_index(
        areas, IndexSpec(status=(IndicatorWeight("a", 5.0), IndicatorWeight("b")))
    )
    flipped = compute_index(
        areas, IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("b", direction=-1)))
    )
    assert heavy_b.areas["x"].status > heavy_b.areas["z"].status
    assert heavy.areas["z"].status > heavy.areas["x"].status
    assert flipped.areas["z"].status > flipped.areas["y"].status > flipped.areas["x"].status


def test_bad_specs_are_rejected():
    with pytest.raises(ValueError):
        IndexSpec(status=())
    with pytest.raises(ValueError):
        IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("a")))
    with pytest.raises(ValueError):
        IndicatorWeight("a", weight=0)
    with pytest.raises(ValueError):
        zscores([1.0, 1.0, 1.0])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=3, max_size=40, unique=True))
def test_index_is_standardised(values):
    areas = [AreaInput(str(i), 1000, {"a": v, "b": v * 0.5 + i}) for i, v in enumerate(values)]
    try:
        result = compute_index(
            areas, IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("b")))
        )
    except ValueError:
        return  # degenerate: all sums equal
    s = [a.status for a in result.areas.values()]
    mean = sum(s) / len(s)
    assert abs(mean) < 1e-6
    assert abs(sum((x - mean) ** 2 for x in s) / len(s) - 1) < 1e-6


def test_an_indicator_without_spread_contributes_nothing():
    areas = [
        AreaInput("x", 500, {"a": 1.0, "b": 7.0}),
        AreaInput("y", 500, {"a": 2.0, "b": 7.0}),
        AreaInput("z", 500, {"a": 3.0, "b": 7.0}),
    ]
    both = compute_index(areas, IndexSpec(status=(IndicatorWeight("a"), IndicatorWeight("b"))))
    alone = compute_index(areas, IndexSpec(status=(IndicatorWeight("a"),)))
    for code in "xyz":
        assert both.areas[code].status == pytest.approx(alone.areas[code].status)
    assert both.sds["b"] == 0.0
