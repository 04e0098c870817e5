"""Reference optima of the benchmark's school pools, proven without a time floor.

The optimiser's bounds are held against these optima in the tests
(interprochance/pool/tests/test_model.py, test_bounds_stay_below_the_proven_optima_of_the_
benchmark_pools): a lower bound above a proven optimum would be a wrong bound; and
bench/pool_bench.py shows how far its 10 s plans are from them. The script builds the
optimiser's own set-partitioning columns (PoolModel: one 0/1 column per group of classmates,
assistant and slot) as a mixed-integer programme for HiGHS, which ships with OR-Tools,
with rules 1-5 and 7 (the school pools have one school, so rule 6 is void), and validates
the plan with the independent checker. ``--solver cpsat`` runs the CP-SAT model instead.

Measured (docs/pool.md, "Reference optima"): seed 0 is proven in 74 s (idle) to 130 s
(loaded) on one thread; seeds 1 and 5 gave no plan within 300 s, so this is a reference
tool, not the optimiser.

    .venv/bin/python scripts/pool_reference.py [--seed-list 0] [--time-limit 300] [--no-rule7]
        [--solver highs|cpsat] [--workers 2] [--write bench/pool_reference.json]

``--write`` merges each optimum proven with all rules and a valid plan into that file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.linear_solver import pywraplp  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402

from interprochance.pool.optimizer.checker import check  # noqa: E402
from interprochance.pool.optimizer.generate import school_pool  # noqa: E402
from interprochance.pool.optimizer.model import PoolModel  # noqa: E402
from interprochance.pool.optimizer.types import Instance, Solution  # noqa: E402


def solve_mip(inst: Instance, time_limit: float, rule7: bool = True) -> dict:
    """Rules 1-5 and 7 (rule 6 needs more than one school; the school pools have one)."""
    if len(inst.schools) > 1:
        raise SystemExit("the reference model covers single-school pools only (no rule 6)")
    started = time.monotonic()
    pm = PoolModel(inst, continuity=set())  # the options only; the rows are built below
    mip = pywraplp.Solver.CreateSolver("HIGHS")
    x = [mip.BoolVar(f"x{i}") for i in range(len(pm.vars))]
    cover: dict[tuple[int, str, int], list[int]] = defaultdict(list)
    busy: dict[tuple[int, str, int], list[int]] = defaultdict(list)
    load: dict[int, list[int]] = defaultdict(list)
    serves: dict[tuple[int, int], dict[tuple[str, int], list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, v in enumerate(pm.vars):
        busy[(v.assistant, v.day, v.slot)].append(i)
        load[v.assistant].append(i)
        for k in v.children:
            cover[(k, v.day, v.slot)].append(i)
            serves[(k, v.assistant)][(v.day, v.slot)].append(i)
    for k, c in enumerate(inst.children):  # rule 1 (a support slot without option: infeasible)
        for day, slot in c.support:
            mip.Add(sum(x[i] for i in cover.get((k, day, slot), [])) == 1)
    for idx in busy.values():  # rule 2
        mip.Add(sum(x[i] for i in idx) <= 1)
    for ai, idx in load.items():  # rule 5
        mip.Add(sum(x[i] for i in idx) <= inst.assistants[ai].max_slots_week)
    if rule7:
        helpers: dict[int, list[int]] = defaultdict(list)
        for k, ai in serves:
            helpers[k].append(ai)
        for k, assistants in helpers.items():
            if len(assistants) <= inst.children[k].max_assistants:
                continue
            uses = []
            for ai in assistants:
                u = mip.BoolVar("")
                for idx in serves[(k, ai)].values():  # per slot: the tight linking
                    mip.Add(sum(x[i] for i in idx) <= u)
                uses.append(u)
            mip.Add(sum(uses) <= inst.children[k].max_assistants)
    mip.Minimize(sum(c * x[i] for i, c in enumerate(pm.cost_coef)))
    mip.SetTimeLimit(int(time_limit * 1000))
    status = mip.Solve()
    took = time.monotonic() - started
    units = Decimal(6000)  # model units per EUR: cents x slot minutes / 60 min
    row = {
        "children": len(inst.children),
        "assistants": len(inst.assistants),
        "columns": len(x),
        "rows": mip.NumConstraints(),
        "rule7": rule7,
        "seconds": round(took, 1),
        "bound_eur": float(Decimal(round(mip.Objective().BestBound())) / units),
    }
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return {**row, "status": "no plan"}
    values = [round(v.solution_value()) for v in x]
    plan = pm.assignments_from(values)
    rate = {a.id: a.hourly_cost for a in inst.assistants}
    cost = sum((rate[a.assistant] * inst.slot_minutes / Decimal(60) for a in plan), Decimal(0))
    report = check(inst, Solution(status="feasible", assignments=plan, cost=cost))
    proven = status == pywraplp.Solver.OPTIMAL
    return {
        **row,
        "status": "optimal" if proven else "feasible",
        "cost_eur": float(cost),
        # without rule 7 the plan may break it: the checker then reports rule 7 only
        "checker": "valid" if report.valid else sorted(report.rules_broken()),
    }


def solve_cpsat(inst: Instance, time_limit: float, workers: int) -> dict:
    """The optimiser's own CP-SAT model with all seven rules, from scratch (no hint: a hint
    keeps CP-SAT's LP bound low), full LP with many cut rounds; for instances HiGHS does not
    close within the limit."""
    started = time.monotonic()
    pm = PoolModel(inst)
    pm.model.minimize(pm.cost_expr())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.linearization_level = 2
    solver.parameters.max_cut_rounds_at_level_zero = 50
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(pm.model)
    took = time.monotonic() - started
    row = {
        "children": len(inst.children),
        "assistants": len(inst.assistants),
        "columns": len(pm.vars),
        "rule7": True,
        "seconds": round(took, 1),
        "bound_eur": float(Decimal(round(solver.best_objective_bound)) / Decimal(6000)),
    }
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {**row, "status": "no plan"}
    plan = pm.assignments_from([int(solver.boolean_value(v.var)) for v in pm.vars])
    rate = {a.id: a.hourly_cost for a in inst.assistants}
    cost = sum((rate[a.assistant] * inst.slot_minutes / Decimal(60) for a in plan), Decimal(0))
    report = check(inst, Solution(status="feasible", assignments=plan, cost=cost))
    return {
        **row,
        "status": "optimal" if status == cp_model.OPTIMAL else "feasible",
        "cost_eur": float(cost),
        "checker": "valid" if report.valid else sorted(report.rules_broken()),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed-list", default="0")
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--no-rule7", action="store_true", help="the relaxation without rule 7")
    ap.add_argument("--write", type=Path, help="merge proven optima into this JSON file")
    ap.add_argument("--solver", choices=("highs", "cpsat"), default="highs")
    ap.add_argument("--workers", type=int, default=2, help="CP-SAT workers (--solver cpsat)")
    args = ap.parse_args()
    known = json.loads(args.write.read_text()) if args.write and args.write.exists() else {}
    for seed in (int(s) for s in args.seed_list.split(",")):
        inst = school_pool(seed, planted=True, n_classes=5)  # as bench/pool_bench.py
        if args.solver == "cpsat":
            row = solve_cpsat(inst, args.time_limit, args.workers)
        else:
            row = solve_mip(inst, args.time_limit, rule7=not args.no_rule7)
        name = f"school-pool-{seed}"
        print(json.dumps({"instance": name, **row}), flush=True)
        if args.write and row["status"] == "optimal" and row["rule7"] and row["checker"] == "valid":
            known[name] = {
                "optimum_eur": row["cost_eur"],
                "proven_by": f"scripts/pool_reference.py --solver {args.solver}",
                "seconds": row["seconds"],
            }
            args.write.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
