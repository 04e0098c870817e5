"""import_facts FILE --tenant SLUG [--apply]: validate a long table (CSV/XLSX with
area_code, period, measure, value), show what would change, and with --apply
import it all-or-nothing as one recorded, revertible batch."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.tabular import Problems, read_table
from interprochance.monitoring import services

from ._common import tenant_arg, user_arg


class Command(BaseCommand):
    help = "Werte (area_code, period, measure, value) aus CSV/XLSX prüfen und importieren."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--tenant", required=True)
        parser.add_argument("--user", default=None)
        parser.add_argument("--apply", action="store_true", help="übernehmen (sonst nur Vorschau)")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.exists():
            raise CommandError(f"Datei nicht gefunden: {path}")
        tenant = tenant_arg(opts["tenant"])
        data = path.read_bytes()
        try:
            plan = services.facts_plan(tenant=tenant, table=read_table(data, filename=path.name))
        except Problems as exc:
            for p in exc.items:
                self.stderr.write(str(p))
            raise CommandError(f"{len(exc.items)} Fehler – nichts importiert.") from None
        counts = plan.counts
        self.stdout.write(
            f"Vorschau: {counts['neu']} neu, {counts['geändert']} geändert, "
            f"{counts['unverändert']} unverändert."
        )
        for f in plan.facts[:20]:
            if f.change != "unverändert":
                self.stdout.write(
                    f"  Zeile {f.row}: {f.area.code} {f.period} {f.measure.code}: "
                    f"{f.old_value if f.old_value is not None else '–'} -> {f.value}"
                )
        if not opts["apply"]:
            self.stdout.write("Nur Vorschau; mit --apply übernehmen.")
            return
        batch = services.facts_import(
            actor=user_arg(opts["user"]),
            tenant=tenant,
            plan=plan,
            label=f"Datei {path.name}",
            filename=path.name,
            sha256=services.file_sha256(data),
        )
        self.stdout.write(self.style.SUCCESS(f"Import {batch.pk}: {batch.rows} Zeilen übernommen."))
