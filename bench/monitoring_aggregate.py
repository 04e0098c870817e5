"""Benchmark: person-level extracts -> all catalogue measures per area and year,
with disclosure control. DuckDB (the product path) beside plain pandas.

Usage: .venv/bin/python bench/monitoring_aggregate.py [--rows 1000000 10000000]

Each engine and size runs in its own subprocess so peak memory (ru_maxrss) is
measured per run. Synthetic extracts are generated once into a cache directory
(not timed): a Landkreis of 23 Gemeinden -> Ortsteile -> Sozialraeume with very
unequal sizes (small counts occur in rare measures and must be suppressed), five years, 70 % of
rows carrying an area code and 30 % only a street address resolved through the
street directory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from interprochance.monitoring.disclosure import Area, Hierarchy  # noqa: E402
from interprochance.monitoring.extracts import (  # noqa: E402
    CATALOGUE_MEASURES,
    AggregationResult,
    StreetRange,
    aggregate_extract,
    protect_periods,
)

CACHE = Path(os.environ.get("BENCH_CACHE", "/tmp/interprochance-bench-monitoring"))
YEARS = list(range(2020, 2025))
SEED = 20261125


def territory():
    rng = np.random.default_rng(SEED)
    areas = [Area("06432", None, "Landkreis")]
    leaves = []
    for g in range(1, 24):
        gem = f"06432{g:03d}"
        areas.append(Area(gem, "06432", "Gemeinde"))
        for o in range(1, int(rng.integers(2, 6)) + 1):
            ort = f"{gem}-{o:02d}"
            areas.append(Area(ort, gem, "Ortsteil"))
            for s in range(1, int(rng.integers(2, 5)) + 1):
                code = f"{ort}-{s:02d}"
                areas.append(Area(code, ort, "Sozialraum"))
                leaves.append(code)
    # Unequal sizes (log-normal weights), as Sozialraeume are in practice.
    weights = rng.lognormal(0, 0.6, len(leaves))
    weights /= weights.sum()
    directory = []
    for i, code in enumerate(leaves):
        for k in range(3):
            directory.append(StreetRange(f"Straße {i}-{k}", 1, 199, code))
    return Hierarchy(areas), leaves, weights, directory


def generate(rows: int) -> Path:
    path = CACHE / f"extract_v3_{rows}.parquet"
    if path.exists():
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    CACHE.mkdir(parents=True, exist_ok=True)
    _, leaves, weights, _ = territory()
    rng = np.random.default_rng(rows)
    writer = None
    chunk = 1_000_000
    written = 0
    leaf_arr = np.array(leaves)
    while written < rows:
        n = min(chunk, rows - written)
        # Households of three people share area, address, year and household
        # attributes, as in a register extract; age and migration are per person.
        n_hh = -(-n // 3)

        def members(a, n=n):
            return np.repeat(a, 3)[:n]

        leaf_idx = members(rng.choice(len(leaves), n_hh, p=weights))
        has_code = members(rng.random(n_hh) < 0.7)
        area_code = np.where(has_code, leaf_arr[leaf_idx], None)
        street_no = members(rng.integers(0, 3, n_hh))
        street = np.where(
            has_code,
            None,
            np.char.add(
                np.char.add("Strasse ", leaf_idx.astype(str)),
                np.char.add("-", street_no.astype(str)),
            ),
        )
        house = np.where(has_code, None, members(rng.integers(1, 200, n_hh)).astype(str))
        age = rng.integers(0, 95, n).astype(np.int16)
        table = pa.table(
            {
                "year": members(rng.choice(YEARS, n_hh)).astype(np.int16),
                "area_code": pa.array(area_code, pa.string()),
                "street": pa.array(street, pa.string()),
                "house_number": pa.array(house, pa.string()),
                "age": age,
                "sgb2": members(rng.random(n_hh) < 0.08),
                "migration": rng.random(n) < 0.3,
                "household_id": (written // 3) + np.arange(n) // 3,
                "single_parent": members(rng.random(n_hh) < 0.05),
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(path.with_suffix(".tmp"), table.schema)
        writer.write_table(table)
        written += n
    assert writer is not None
    writer.close()
    path.with_suffix(".tmp").rename(path)
    return path


# ---------------------------------------------------------------- engines


def run_duckdb(path: Path, hierarchy, leaves, directory):
    return aggregate_extract(
        [path], CATALOGUE_MEASURES, area_codes=leaves, street_directory=directory
    )


def run_pandas(path: Path, hierarchy, leaves, directory):
    """The same aggregation written plainly in pandas."""
    import pandas as pd

    from interprochance.monitoring.extracts import normalise_street

    df = pd.read_parquet(path)
    addr = df["area_code"].isna()
    sub = df.loc[addr, ["street", "house_number"]].copy()
    sub["key"] = sub["street"].map(normalise_street)
    sub["hn"] = pd.to_numeric(sub["house_number"].str.extract(r"^\s*(\d+)")[0])
    d = pd.DataFrame(
        [(normalise_street(r.street), r.low, r.high, r.parity, r.area_code) for r in directory],
        columns=["key", "low", "high", "parity", "code"],
    )
    merged = sub.reset_index().merge(d, on="key", how="left")
    ok = (
        (merged["hn"] >= merged["low"])
        & (merged["hn"] <= merged["high"])
        & (
            (merged["parity"] == "all")
            | ((merged["parity"] == "odd") & (merged["hn"] % 2 == 1))
            | ((merged["parity"] == "even") & (merged["hn"] % 2 == 0))
        )
    )
    found = merged[ok].set_index("index")["code"]
    df["_area"] = df["area_code"]
    df.loc[found.index, "_area"] = found
    df = df[df["_area"].isin(set(leaves))]
    age = df["age"]
    flags = pd.DataFrame(
        {
            "year": df["year"].astype(int),
            "_area": df["_area"],
            "einwohner": True,
            "kinder_u3": age < 3,
            "kinder_3_6": (age >= 3) & (age < 6),
            "kinder_u6": age < 6,
            "kinder_6_10": (age >= 6) & (age < 10),
            "kinder_u15": age < 15,
            "kinder_u15_sgb2": (age < 15) & df["sgb2"],
            "minderjaehrige": age < 18,
            "minderjaehrige_migration": (age < 18) & df["migration"],
            "jugendliche_15_25": (age >= 15) & (age < 25),
            "einwohner_15_65": (age >= 15) & (age < 65),
            "einwohner_sgb2": df["sgb2"],
            "einwohner_65plus": age >= 65,
        }
    )
    sums = flags.groupby(["year", "_area"]).sum()
    hh = df[age < 18]
    hh_all = hh.groupby(["year", "_area"])["household_id"].nunique()
    hh_single = hh[hh["single_parent"]].groupby(["year", "_area"])["household_id"].nunique()
    hh_sgb2 = hh[hh["sgb2"]].groupby(["year", "_area"])["household_id"].nunique()
    counts = {}
    for (year, area), row in sums.iterrows():
        for m, v in row.items():
            counts[(int(year), area, m)] = int(v)
    for name, series in (
        ("haushalte_mit_kindern", hh_all),
        ("haushalte_alleinerziehend", hh_single),
        ("haushalte_mit_kindern_sgb2", hh_sgb2),
    ):
        for (year, area), v in series.items():
            counts[(int(year), area, name)] = int(v)
    for year, area in sums.index:
        for name in (
            "haushalte_mit_kindern",
            "haushalte_alleinerziehend",
            "haushalte_mit_kindern_sgb2",
        ):
            counts.setdefault((int(year), area, name), 0)
    periods = sorted({k[0] for k in counts})
    return AggregationResult(counts, len(df), len(df), 0, {}, periods)


def worker(engine: str, rows: int) -> None:
    hierarchy, leaves, _, directory = territory()
    path = generate(rows)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    fn = run_duckdb if engine == "duckdb" else run_pandas
    result = fn(path, hierarchy, leaves, directory)
    t1 = time.perf_counter()
    measures = [m.code for m in CATALOGUE_MEASURES]
    protected = protect_periods(result, hierarchy, measures)
    t2 = time.perf_counter()
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    cells = sum(len(p.decisions) for p in protected.values())
    suppressed = sum(len(p.suppressed) for p in protected.values())
    primary = sum(
        1
        for p in protected.values()
        for d in p.decisions.values()
        if d.reason and d.reason != "secondary"
    )
    unprotected = sum(len(p.unprotected) for p in protected.values())
    lp = sum(p.lp_solves for p in protected.values())
    checksum = sum(v for (_, a, m), v in result.counts.items() if m == "kinder_u15_sgb2")
    print(
        json.dumps(
            {
                "engine": engine,
                "rows": rows,
                "aggregate_s": t1 - t0,
                "protect_s": t2 - t1,
                "total_s": t2 - t0,
                "cpu_s": cpu,
                "load": os.getloadavg()[0],
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "cells": cells,
                "suppressed": suppressed,
                "primary": primary,
                "lp_solves": lp,
                "unprotected": unprotected,
                "checksum": checksum,
                "rows_assigned": result.rows_assigned,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "pandas"])
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "ROWS"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    hierarchy, leaves, _, _ = territory()
    print(
        f"territory: {len(hierarchy)} areas, {len(leaves)} Sozialraeume, years {YEARS[0]}-"
        f"{YEARS[-1]}, {len(CATALOGUE_MEASURES)} measures; cpus={os.cpu_count()}"
    )
    for rows in args.rows:
        t = time.perf_counter()
        generate(rows)
        print(f"extract {rows:>11,} rows ready ({time.perf_counter() - t:.1f} s, not timed)")
    results = []
    for rows in args.rows:
        for engine in args.engines:
            out = subprocess.run(
                [sys.executable, __file__, "--worker", engine, str(rows)],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    header = (
        f"{'engine':<7} {'rows':>11} {'aggregate s':>11} {'protect s':>9} {'total s':>8} "
        f"{'s/M rows':>8} {'cpu s':>6} {'load':>5} {'peak MB':>8} {'cells':>7} {'suppr.':>6} {'primary':>7} "
        f"{'LPs':>5} {'unprot.':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['engine']:<7} {r['rows']:>11,} {r['aggregate_s']:>11.2f} {r['protect_s']:>9.2f} "
            f"{r['total_s']:>8.2f} {r['total_s'] / (r['rows'] / 1e6):>8.2f} "
            f"{r['cpu_s']:>6.1f} {r['load']:>5.1f} {r['peak_mb']:>8.0f} {r['cells']:>7} {r['suppressed']:>6} {r['primary']:>7} "
            f"{r['lp_solves']:>5} {r['unprotected']:>7}"
        )
    floors = {1_000_000: 5.0, 10_000_000: 60.0}
    by = {(r["engine"], r["rows"]): r for r in results}
    for rows, limit in floors.items():
        r = by.get(("duckdb", rows))
        if r:
            ok = r["total_s"] <= limit and r["peak_mb"] < 4096
            print(
                f"floor {rows:,} rows: {r['total_s']:.2f} s <= {limit:.0f} s, "
                f"peak {r['peak_mb']:.0f} MB < 4096 MB: {'OK' if ok else 'MISSED'}"
            )
    small, big = by.get(("duckdb", 1_000_000)), by.get(("duckdb", 10_000_000))
    if small and big:
        print(
            f"growth 1M -> 10M: x{big['total_s'] / small['total_s']:.1f} time "
            f"(aggregation x{big['aggregate_s'] / small['aggregate_s']:.1f}) for x10 rows"
        )
    for rows in args.rows:
        a, b = by.get(("duckdb", rows)), by.get(("pandas", rows))
        if a and b:
            same = "same" if a["checksum"] == b["checksum"] else "DIFFERENT"
            print(
                f"{rows:,} rows: duckdb and pandas results {same} "
                f"(checksum {a['checksum']} / {b['checksum']})"
            )


if __name__ == "__main__":
    main()
