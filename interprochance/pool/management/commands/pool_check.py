"""pool_check INSTANCE.json SOLUTION.json: exit 0 when valid; exit 1 and the broken rules listed when not."""

import sys

from django.core.management.base import BaseCommand

from interprochance.pool.optimizer.cli import check_main


class Command(BaseCommand):
    help = "Check a solution against the seven rules of the exchange format (independent checker)."

    def add_arguments(self, parser):
        parser.add_argument("instance")
        parser.add_argument("solution")

    def handle(self, *args, **options):
        code = check_main(options["instance"], options["solution"], self.stdout)
        if code:
            sys.exit(code)
