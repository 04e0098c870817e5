"""DuckDB aggregation of person-level extracts."""

from __future__ import annotations

import csv
import random

import pandas as pd
import pytest

from interprochance.monitoring.disclosure import Hierarchy
from interprochance.monitoring.extracts import (
    CATALOGUE_MEASURES,
    StreetRange,
    aggregate_extract,
    normalise_street,
    protect_periods,
    rollup,
)

HIER = Hierarchy.from_parents({"G": None, "O1": "G", "O2": "G", "S1": "O1", "S2": "O1", "S3": "O2"})
LEAVES = ["S1", "S2", "S3"]
DIRECTORY = [
    StreetRange("Darmstädter Straße", 1, 99, "S1", "odd"),
    StreetRange("Darmstädter Straße", 2, 98, "S2", "even"),
    StreetRange("Am Löwentor", 1, 40, "S3"),
]
COLUMNS = [
    "year",
    "area_code",
    "street",
    "house_number",
    "age",
    "sgb2",
    "migration",
    "household_id",
    "single_parent",
]


def _people(n, seed=7):
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        if rnd.random() < 0.5:
            code, street, hn = rnd.choice(LEAVES), "", ""
        else:
            code = ""
            street, hn = rnd.choice(
                [
                    ("Darmstädter Str.", f"{rnd.randint(1, 99)}"),
                    ("Am Löwentor", f"{rnd.randint(1, 40)}a"),
                    ("darmstaedter strasse", "5"),
                ]
            )
        rows.append(
            {
                "year": rnd.choice([2022, 2023]),
                "area_code": code,
                "street": street,
                "house_number": hn,
                "age": rnd.randint(0, 90),
                "sgb2": rnd.random() < 0.15,
                "migration": rnd.random() < 0.3,
                "household_id": f"h{i // 3}",
                "single_parent": rnd.random() < 0.2,
            }
        )
    return rows


def _write_csv(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)


def _expected(rows):
    """Reference implementation in plain Python."""

    def area(r):
        if r["area_code"]:
            return r["area_code"]
        key = normalise_street(r["street"])
        hn = int("".join(ch for ch in r["house_number"] if ch.isdigit()))
        for d in DIRECTORY:
            parity_ok = d.parity == "all" or (d.parity == "odd") == (hn % 2 == 1)
            if normalise_street(d.street) == key and d.low <= hn <= d.high and parity_ok:
                return d.area_code
        return None

    counts, households = {}, {}
    for r in rows:
        a = area(r)
        if a is None:
            continue
        p = r["year"]

        def add(m):
            counts[(p, a, m)] = counts.get((p, a, m), 0) + 1

        add("einwohner")
        if r["age"] < 15:
            add("kinder_u15")
            if r["sgb2"]:
                add("kinder_u15_sgb2")
        if r["age"] < 18:
            households.setdefault((p, a, "haushalte_mit_kindern"), set()).add(r["household_id"])
            if r["single_parent"]:
                households.setdefault((p, a, "haushalte_alleinerziehend"), set()).add(
                    r["household_id"]
                )
    for k, v in households.items():
        counts[k] = len(v)
    return counts


def test_street_normalisation():
    assert normalise_street("Darmstädter Straße") == normalise_street("darmstädter str.")
    assert normalise_street("Am Löwen-Tor") == normalise_street("am löwentor")


@pytest.mark.parametrize("fmt", ["csv-utf8", "csv-cp1252", "parquet"])
def test_counts_match_a_plain_reference(tmp_path, fmt):
    rows = _people(3000)
    if fmt == "parquet":
        path = tmp_path / "extract.parquet"
        pd.DataFrame(rows).to_parquet(path)
    else:
        path = tmp_path / "extract.csv"
        _write_csv(path, rows, "utf-8" if fmt == "csv-utf8" else "cp1252")
    result = aggregate_extract(
        [path], area_codes=["G", "O1", "O2", *LEAVES], street_directory=DIRECTORY
    )
    expected = _expected(rows)
    for key, value in expected.items():
        assert result.counts[key] == value, key
    assert result.rows_read == 3000
    # "darmstaedter strasse" (ae instead of ä) does not match: reported, not guessed.
    assert result.unassigned == sum(1 for r in rows if r["street"] == "darmstaedter strasse")
    assert result.periods == [2022, 2023]


def test_unknown_codes_and_missing_columns_are_reported(tmp_path):
    path = tmp_path / "e.csv"
    rows = _people(50)
    rows[0]["area_code"] = "XX9"
    _write_csv(path, rows)
    result = aggregate_extract([path], area_codes=LEAVES, street_directory=DIRECTORY)
    assert result.unknown_area_codes == {"XX9": 1}
    bad = tmp_path / "bad.csv"
    bad.write_text("year,area_code\n2023,S1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the columns: age"):
        aggregate_extract([bad], area_codes=LEAVES)
    with pytest.raises(ValueError, match="outside the allowed range"):
        aggregate_extract(
            [path], area_codes=LEAVES, street_directory=DIRECTORY, periods=(2000, 2022)
        )


def test_overlapping_street_directory_is_rejected(tmp_path):
    path = tmp_path / "e.csv"
    _write_csv(path, _people(5))
    overlapping = [*DIRECTORY, StreetRange("Am Loewentor", 1, 5, "S1")]
    overlapping.append(StreetRange("Am Löwentor", 30, 50, "S2"))
    with pytest.raises(ValueError, match="overlaps"):
        aggregate_extract([path], area_codes=LEAVES, street_directory=overlapping)


def test_rollup_and_protection(tmp_path):
    path = tmp_path / "e.parquet"
    rows = _people(400, seed=3)
    pd.DataFrame(rows).to_parquet(path)
    measures = [m.code for m in CATALOGUE_MEASURES]
    result = aggregate_extract([path], area_codes=LEAVES, street_directory=DIRECTORY)
    full = rollup(result.table(2023), HIER, measures)
    assert full[("G", "einwohner")] == sum(full[(s, "einwohner")] for s in LEAVES)
    protected = protect_periods(result, HIER, measures)
    p23 = protected[2023]
    assert not p23.unprotected
    for key, decision in p23.decisions.items():
        if 0 < decision.value < 3:
            assert not decision.published, key
    assert any(d.reason == "secondary" for d in p23.decisions.values())
