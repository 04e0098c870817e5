from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.boundaries import size_problem
from interprochance.core.models import AreaLevel
from interprochance.core.selectors import gemeinde_by_ags
from interprochance.core.tabular import Problems
from interprochance.core.territory import BOUNDARY_LEVELS, boundaries_import


class Command(BaseCommand):
    help = (
        "Import the boundaries of a Gemeinde's Ortsteile or Sozialräume from a GeoJSON "
        "FeatureCollection (WGS84, EPSG:4326; property `code` = Kennziffer of the area)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--gemeinde", required=True, help="AGS of the Gemeinde, e.g. 06432023")
        parser.add_argument("--level", required=True, choices=[str(v) for v in BOUNDARY_LEVELS])
        parser.add_argument(
            "--quelle",
            default="",
            help="attribution of the boundaries, e.g. 'Stadt Weiterstadt, Vermessung 2025'",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        gemeinde = gemeinde_by_ags(options["gemeinde"])
        if gemeinde is None:
            raise CommandError(f"Unbekannte Gemeinde {options['gemeinde']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        if too_large := size_problem(path.stat().st_size):
            raise CommandError(f"{too_large} Nichts geschrieben.")
        try:
            count = boundaries_import(
                data=path.read_bytes(),
                gemeinde=gemeinde,
                level=options["level"],
                attribution=options["quelle"],
            )
        except Problems as problems:
            raise CommandError(f"Import abgebrochen, nichts geschrieben:\n{problems}") from problems
        self.stdout.write(
            self.style.SUCCESS(
                f"Grenzen für {count} Gebiete ({AreaLevel(options['level']).label}) "
                f"in {gemeinde.name} importiert."
            )
        )
