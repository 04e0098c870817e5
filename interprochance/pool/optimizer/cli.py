"""Command-line logic shared by ``python -m interprochance.pool.optimizer`` and the
management commands ``pool_solve`` / ``pool_check`` (which only pass arguments and
their stdout through).

Exit codes: 0 valid / solved, 1 broken rules or no valid plan, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from .checker import check
from .exchange import loads_instance, loads_solution, solution_to_dict
from .model import solve
from .types import InputError

EXIT_OK, EXIT_INVALID, EXIT_BAD_INPUT = 0, 1, 2


def _read(path: str, out: TextIO) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        out.write(f"cannot read {path}: {exc}\n")
        return None


def _report_problems(what: str, exc: InputError, out: TextIO) -> None:
    out.write(f"{what} is not valid ({len(exc.problems)} problems):\n")
    for p in exc.problems:
        out.write(f"  - {p}\n")


def solve_main(
    instance_path: str, out_path: str | None, time_limit: float, out: TextIO, *, workers: int = 1
) -> int:
    text = _read(instance_path, out)
    if text is None:
        return EXIT_BAD_INPUT
    try:
        instance = loads_instance(text)
    except InputError as exc:
        _report_problems("instance", exc, out)
        return EXIT_BAD_INPUT
    solution = solve(instance, time_limit=time_limit, workers=workers)
    payload = json.dumps(solution_to_dict(solution), indent=1, ensure_ascii=False)
    if out_path:
        Path(out_path).write_text(payload + "\n", encoding="utf-8")
    else:
        out.write(payload + "\n")
    info = solution.info
    out.write(
        f"status {solution.status}; cost {solution.cost:.2f} EUR; lower bound {solution.lower_bound} EUR "
        f"({solution.lower_bound_method}); 1:1 baseline {info.get('baseline_cost')} EUR; "
        f"{solution.assistant_slots} assistant slots; {info.get('seconds')} s\n"
    )
    for u in solution.unmet[:50]:
        out.write(f"  unmet: child {u.child} {u.day} slot {u.slot}: {u.reason}: {u.message}\n")
    if len(solution.unmet) > 50:
        out.write(f"  ... and {len(solution.unmet) - 50} more\n")
    return EXIT_OK if solution.status in ("optimal", "feasible") else EXIT_INVALID


def check_main(instance_path: str, solution_path: str, out: TextIO) -> int:
    texts = [_read(instance_path, out), _read(solution_path, out)]
    if None in texts:
        return EXIT_BAD_INPUT
    try:
        instance = loads_instance(texts[0] or "")
    except InputError as exc:
        _report_problems("instance", exc, out)
        return EXIT_BAD_INPUT
    try:
        solution = loads_solution(texts[1] or "")
    except InputError as exc:
        _report_problems("solution", exc, out)
        return EXIT_BAD_INPUT
    report = check(instance, solution)
    if report.valid:
        out.write(
            f"valid: all 7 rules kept; {len(solution.assignments)} assignments, cost {report.cost:.2f} EUR\n"
        )
        return EXIT_OK
    rules = [str(r) for r in report.rules_broken() if r]
    other = sum(1 for v in report.violations if not v.rule)
    out.write(
        f"INVALID: rules broken: {', '.join(rules) or 'none'}"
        f"{f'; {other} other problems (references, stated cost)' if other else ''}; "
        f"{len(report.violations)} violations\n"
    )
    for v in report.violations[:200]:
        out.write(f"  - {v}\n")
    if len(report.violations) > 200:
        out.write(f"  ... and {len(report.violations) - 200} more\n")
    return EXIT_INVALID


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interprochance.pool.optimizer")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_solve = sub.add_parser("solve")
    p_solve.add_argument("instance")
    p_solve.add_argument("--out")
    p_solve.add_argument("--time-limit", type=float, default=10.0)
    p_solve.add_argument("--workers", type=int, default=1)
    p_check = sub.add_parser("check")
    p_check.add_argument("instance")
    p_check.add_argument("solution")
    args = parser.parse_args(argv)
    if args.cmd == "solve":
        return solve_main(
            args.instance, args.out, args.time_limit, sys.stdout, workers=args.workers
        )
    return check_main(args.instance, args.solution, sys.stdout)
