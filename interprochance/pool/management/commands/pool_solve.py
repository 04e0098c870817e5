"""pool_solve INSTANCE.json --out SOLUTION.json --time-limit SECONDS (exit 0 solved, 1 no valid plan, 2 bad input)."""

import sys

from django.core.management.base import BaseCommand

from interprochance.pool.optimizer.cli import solve_main


class Command(BaseCommand):
    help = (
        "Solve a pool instance (exchange format) with the CP-SAT optimiser and write the solution."
    )

    def add_arguments(self, parser):
        parser.add_argument("instance")
        parser.add_argument("--out", help="solution file (default: print to stdout)")
        parser.add_argument("--time-limit", type=float, default=10.0)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, **options):
        code = solve_main(
            options["instance"],
            options["out"],
            options["time_limit"],
            self.stdout,
            workers=options["workers"],
        )
        if code:
            sys.exit(code)
