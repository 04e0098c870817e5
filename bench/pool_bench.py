"""Benchmark of the school-assistance pool optimiser (pure Python, no database).

Floors (issue 5): a school pool (30 children, 15 assistants, 5 days x 8 slots)
solved to proven optimality within 10 s; a Landkreis-wide instance (600
children, 150 schools, 400 assistants) valid within 60 s at a cost no more than
5 % above the lower bound. Instances come from the generators in
interprochance/pool/optimizer/generate.py and are written in the exchange format.

    .venv/bin/python bench/pool_bench.py [--seeds 3 | --seed-list 0,1,2,3,4,5] [--no-landkreis]
        [--quick] [--out DIR] [--workers 2]

Where bench/pool_reference.json holds an instance's optimum (proven offline by
scripts/pool_reference.py, without a time floor), the table shows it and how far the plan is
above it ("opt EUR", "above %"): the gap to the bound mixes the plan's distance from the
optimum with the bound's, this column shows the plan's alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interprochance.pool.optimizer.checker import check  # noqa: E402
from interprochance.pool.optimizer.exchange import (  # noqa: E402
    instance_to_dict,
    parse_instance,
    solution_to_dict,
)
from interprochance.pool.optimizer.generate import landkreis, school_pool  # noqa: E402
from interprochance.pool.optimizer.model import solve  # noqa: E402

REFERENCE = Path(__file__).resolve().parent / "pool_reference.json"


def known_optima() -> dict[str, float]:
    if not REFERENCE.exists():
        return {}
    return {k: v["optimum_eur"] for k, v in json.loads(REFERENCE.read_text()).items()}


def run(name: str, inst, limit: float, out: Path | None, workers: int = 2) -> dict:
    inst = parse_instance(instance_to_dict(inst))  # through the validator, as from a file
    started = time.monotonic()
    sol = solve(inst, time_limit=limit, workers=workers)
    took = time.monotonic() - started
    report = check(inst, sol)
    base = sol.info["baseline_cost"]
    lb = float(sol.lower_bound) if sol.lower_bound is not None else None
    cost = float(sol.cost)
    row = {
        "instance": name,
        "children": len(inst.children),
        "schools": len(inst.schools),
        "assistants": len(inst.assistants),
        "support_slots": sum(len(c.support) for c in inst.children),
        "status": sol.status,
        "cost_proven_optimal": sol.lower_bound_method.startswith("cp-sat (proven"),
        "valid": report.valid,
        "seconds": round(took, 1),
        "baseline_1to1": base,
        "cost": round(cost, 2),
        "lower_bound": lb,
        "bound_method": sol.lower_bound_method,
        "gap_pct": round(100 * (cost - lb) / lb, 2) if lb and report.valid else None,
        "saving_vs_1to1_pct": round(100 * (base - cost) / base, 1)
        if base and report.valid
        else None,
        "assistant_slots": len(sol.assignments),
        "known_optimum": known_optima().get(name),
        "components": sol.info.get("components"),
    }
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.instance.json").write_text(json.dumps(instance_to_dict(inst)))
        (out / f"{name}.solution.json").write_text(json.dumps(solution_to_dict(sol)))
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument(
        "--seed-list",
        help="comma-separated generator seeds to run as given (e.g. 0,1,2,3,4,5), including those "
        "whose witness needs 16-17 assistants (their assistant count is printed); overrides --seeds",
    )
    ap.add_argument("--no-landkreis", action="store_true", help="school pools only")
    ap.add_argument("--quick", action="store_true", help="smaller Landkreis instance (smoke run)")
    ap.add_argument("--out", type=Path, help="write instances and solutions here")
    ap.add_argument(
        "--workers", type=int, default=2, help="CP-SAT workers (the floor machine has 2 cores)"
    )
    args = ap.parse_args()
    rows = []
    # school pools: 30 children in 5 classes, 15 assistants, 5 days x 8 slots. The generator
    # plants a witness plan (feasible by construction) and fills up to 15 assistants; seeds
    # whose witness alone needs more than 15 assistants are skipped (printed), not tuned.
    seed, done = 0, 0
    if args.seed_list:
        for seed in (int(x) for x in args.seed_list.split(",")):
            inst = school_pool(seed, planted=True, n_classes=5)
            rows.append(run(f"school-pool-{seed}", inst, 10.0, args.out, args.workers))
            print(json.dumps(rows[-1]), flush=True)
        done = args.seeds
    while done < args.seeds:
        inst = school_pool(seed, planted=True, n_classes=5)
        if len(inst.assistants) != 15:
            print(f"skip seed {seed}: witness needs {len(inst.assistants)} assistants", flush=True)
        else:
            rows.append(run(f"school-pool-{seed}", inst, 10.0, args.out, args.workers))
            print(json.dumps(rows[-1]), flush=True)
            done += 1
        seed += 1
    if args.no_landkreis:
        pass
    elif args.quick:
        rows.append(
            run(
                "landkreis-small",
                landkreis(0, n_children=120, n_schools=30, n_assistants=80),
                20.0,
                args.out,
                args.workers,
            )
        )
    else:
        rows.append(
            run("landkreis-0", landkreis(0), 55.0, args.out, args.workers)
        )  # 5 s margin for set-up within the 60 s floor
    if not args.no_landkreis:
        print(json.dumps(rows[-1]), flush=True)
    print()
    head = f"{'instance':<16}{'asst':>5} {'status':<10}{'proven':>7}{'valid':>7}{'s':>7}{'1:1 EUR':>11}{'cost EUR':>11}{'bound EUR':>11}{'gap %':>7}{'saving %':>9}{'opt EUR':>11}{'above %':>8}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['instance']:<16}{r['assistants']:>5} {r['status']:<10}{str(r['cost_proven_optimal']):>7}{str(r['valid']):>7}{r['seconds']:>7}"
            f"{r['baseline_1to1']:>11.2f}{r['cost']:>11.2f}{(r['lower_bound'] or 0):>11.2f}{(r['gap_pct'] if r['gap_pct'] is not None else float('nan')):>7}"
            f"{(r['saving_vs_1to1_pct'] or 0):>9}"
            + (
                f"{r['known_optimum']:>11.2f}{100 * (r['cost'] - r['known_optimum']) / r['known_optimum']:>8.2f}"
                if r["known_optimum"]
                else f"{'-':>11}{'-':>8}"
            )
        )


if __name__ == "__main__":
    main()
