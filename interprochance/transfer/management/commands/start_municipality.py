from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from interprochance.transfer.services import municipality_start


class Command(BaseCommand):
    help = (
        "Start a new Gemeinde tenant from a transfer bundle: "
        "start_municipality BUNDLE.json --ags 06432001 [--slug ...] [--name ...]"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("bundle", help="path to the transfer bundle (JSON)")
        parser.add_argument("--ags", required=True, help="Amtlicher Gemeindeschlüssel (8 digits)")
        parser.add_argument("--slug", default="")
        parser.add_argument("--name", default="")

    def handle(self, *args, **options) -> None:
        path = Path(options["bundle"])
        if not path.is_file():
            raise CommandError(f"Datei nicht gefunden: {path}")
        try:
            result = municipality_start(
                bundle_text=path.read_bytes(),
                ags=options["ags"],
                slug=options["slug"],
                name=options["name"],
                actor=None,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Gemeinde eingerichtet: {result.tenant.name} ({result.tenant.slug})")
        for section, n in sorted(result.imported.items()):
            self.stdout.write(f"  übernommen: {section}: {n}")
        for section, why in sorted(result.skipped.items()):
            self.stdout.write(f"  nicht übernommen: {section} ({why})")
