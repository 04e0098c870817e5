from __future__ import annotations

from django.core.management.base import BaseCommand

from interprochance.monitoring import services

from ._common import tenant_arg, user_arg


class Command(BaseCommand):
    help = "Datenqualität prüfen (Zähler/Nenner, Summen, Ausreißer) für einen Zeitraum."

    def add_arguments(self, parser):
        parser.add_argument("period")
        parser.add_argument("--tenant", required=True)
        parser.add_argument("--user", default=None)

    def handle(self, *args, **opts):
        flags = services.quality_check_run(
            actor=user_arg(opts["user"]), tenant=tenant_arg(opts["tenant"]), period=opts["period"]
        )
        for f in flags:
            self.stdout.write(f"{f.area.code} {f.subject} [{f.rule}]: {f.message}")
        self.stdout.write(f"{len(flags)} Befunde.")
