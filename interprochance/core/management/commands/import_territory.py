from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interprochance.core.tabular import Problems
from interprochance.core.territory import (
    institutions_import_weiterstadt,
    territory_import_reference,
)


class Command(BaseCommand):
    help = "Import the real territory (Hessen > Landkreis Darmstadt-Dieburg > 23 Gemeinden > Weiterstadt's Stadtteile) and Weiterstadt's schools and Kitas."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dir", type=Path, default=settings.REFERENCE_DATA_DIR)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        directory: Path = options["dir"]
        try:
            counts = territory_import_reference(directory=directory)
            institutions = institutions_import_weiterstadt(
                path=directory / "weiterstadt_einrichtungen.csv"
            )
        except Problems as problems:
            raise CommandError(f"Import abgebrochen, nichts geschrieben:\n{problems}") from problems
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['gemeinden']} Gemeinden, {counts['stadtteile']} Stadtteile, {institutions} Einrichtungen importiert."
            )
        )
