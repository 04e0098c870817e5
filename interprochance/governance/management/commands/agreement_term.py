"""Agreement term arithmetic on the command line (pure logic in
interprochance.governance.term.cli)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from interprochance.governance.term.cli import run


class Command(BaseCommand):
    help = (
        "Print the term, last day for notice and status of an agreement on a date as JSON. "
        "Example: agreement_term --signed 2014-09-16 --initial-months 24 "
        "--renewal-months 12 --notice-months 3 --on 2026-11-25"
    )

    def run_from_argv(self, argv: list[str]) -> None:
        # argv: [manage.py, agreement_term, ...]; the pure CLI parses the rest
        result = run(argv[2:])
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        sys.exit(result.exit_code)

    def add_arguments(self, parser) -> None:  # for call_command / --help
        from interprochance.governance.term.cli import add_arguments

        add_arguments(parser)

    def handle(self, *args, **options) -> None:
        argv = []
        for key in (
            "signed",
            "initial_months",
            "renewal_months",
            "notice_months",
            "on",
            "notice_given",
            "late_notice",
        ):
            value = options.get(key)
            if value is not None:
                argv += [f"--{key.replace('_', '-')}", str(value)]
        result = run(argv)
        self.stdout.write(result.stdout, ending="")
        if result.exit_code:
            self.stderr.write(result.stderr, ending="")
            raise SystemExit(result.exit_code)
