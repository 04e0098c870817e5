from django.core.management.base import BaseCommand

from interprochance.core.territory import locate


class Command(BaseCommand):
    help = "Map addresses to areas through the street directory; unmatched ones are reported with the reason."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("addresses", nargs="+")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        unmatched = 0
        for address in options["addresses"]:
            result = locate(address)
            if result.ok:
                self.stdout.write(f"{address}\t{result.area.code}\t{result.area.name}")  # type: ignore[union-attr]
            else:
                unmatched += 1
                self.stdout.write(f"{address}\t-\t{result.message}")
        if unmatched:
            self.stderr.write(f"{unmatched} Adresse(n) nicht zugeordnet.")
