"""aggregate_extract FILE... --tenant SLUG: count the catalogue measures per area and
year from person-level extracts (CSV/Parquet) in DuckDB; only the counts are stored."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.tabular import Problems
from interprochance.monitoring import services

from ._common import tenant_arg, user_arg


class Command(BaseCommand):
    help = "Einzeldaten-Auszüge (CSV/Parquet) zu Messgrößen je Gebiet und Jahr verdichten."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--tenant", required=True)
        parser.add_argument("--user", default=None)
        parser.add_argument("--measures", nargs="*", default=None)

    def handle(self, *args, **opts):
        paths = [Path(p) for p in opts["files"]]
        tenant = tenant_arg(opts["tenant"])
        self.stdout.write(f"Lese {len(paths)} Datei(en) …")
        t0 = time.perf_counter()
        try:
            batch, summary = services.extract_import(
                actor=user_arg(opts["user"]),
                tenant=tenant,
                paths=paths,
                measures=opts["measures"],
            )
        except (ValueError, Problems) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{summary['rows_read']} Zeilen gelesen, {summary['rows_assigned']} einem Gebiet "
            f"zugeordnet, {summary['unassigned']} nicht zuordenbar; {summary['facts']} Werte "
            f"(Import {batch.pk}) in {time.perf_counter() - t0:.1f} s."
        )
        if summary["unknown_area_codes"]:
            self.stdout.write(f"Unbekannte Gebietskennziffern: {summary['unknown_area_codes']}")
