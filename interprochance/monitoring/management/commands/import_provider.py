from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interprochance.core import providers
from interprochance.core.tabular import Problems
from interprochance.monitoring import services

from ._common import tenant_arg, user_arg


class Command(BaseCommand):
    help = "Messgrößen eines Bausteins (core.providers) übernehmen, z. B. counseling."

    def add_arguments(self, parser):
        parser.add_argument("key", nargs="?")
        parser.add_argument("--tenant", required=False)
        parser.add_argument("--period", default=None)
        parser.add_argument("--user", default=None)

    def handle(self, *args, **opts):
        if not opts["key"]:
            for p in providers.all_providers():
                self.stdout.write(f"{p.key}: {p.label}")
            return
        if not opts["tenant"]:
            raise CommandError("--tenant fehlt.")
        try:
            batch = services.provider_import(
                actor=user_arg(opts["user"]),
                tenant=tenant_arg(opts["tenant"]),
                key=opts["key"],
                period=opts["period"],
            )
        except Problems as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{batch.rows} Werte übernommen (Import {batch.pk})."))
