from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.selectors import gemeinde_by_ags
from interprochance.core.tabular import Problems
from interprochance.core.territory import streets_import


class Command(BaseCommand):
    help = "Import a street directory (CSV/XLSX: street, number_from, number_to, parity, area_code) for one Gemeinde."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--gemeinde", required=True, help="AGS of the Gemeinde, e.g. 06432023")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        gemeinde = gemeinde_by_ags(options["gemeinde"])
        if gemeinde is None:
            raise CommandError(f"Unbekannte Gemeinde {options['gemeinde']}.")
        if not options["file"].exists():
            raise CommandError(f"Datei nicht gefunden: {options['file']}")
        try:
            count = streets_import(source=options["file"], gemeinde=gemeinde)
        except Problems as problems:
            raise CommandError(f"Import abgebrochen, nichts geschrieben:\n{problems}") from problems
        self.stdout.write(
            self.style.SUCCESS(f"{count} Straßenabschnitte für {gemeinde.name} importiert.")
        )
