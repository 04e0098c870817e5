from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.tabular import Problems
from interprochance.monitoring import services
from interprochance.monitoring.models import ImportBatch

from ._common import user_arg


class Command(BaseCommand):
    help = "Einen Monitoring-Import zurücknehmen."

    def add_arguments(self, parser):
        parser.add_argument("batch", type=int)
        parser.add_argument("--user", default=None)

    def handle(self, *args, **opts):
        batch = ImportBatch.objects.filter(pk=opts["batch"]).first()
        if batch is None:
            raise CommandError("Unbekannter Import.")
        try:
            n = services.import_revert(actor=user_arg(opts["user"]), batch=batch)
        except Problems as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{n} Werte wiederhergestellt."))
