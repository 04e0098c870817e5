"""Validate every published service's HSDS document strictly against the official schemas."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from interprochance.directory import hsds_build
from interprochance.directory.hsds import mapping
from interprochance.directory.hsds import validator as v
from interprochance.directory.selectors import public_services


class Command(BaseCommand):
    help = "Prüft alle veröffentlichten Angebote gegen die HSDS-3.0-Schemas (streng)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--base-url", default="https://example.invalid")

    def handle(self, *args: Any, **opts: Any) -> None:
        services = hsds_build.services_for_hsds(public_services().order_by("pk"))
        total = bad = 0
        for i, service in enumerate(services.iterator(chunk_size=200), start=1):
            doc = mapping.service_to_hsds(
                hsds_build.service_record(service, base_url=opts["base_url"])
            )
            issues = v.validate("service", doc)
            total += 1
            if issues:
                bad += 1
                self.stderr.write(
                    f"{service.uuid} {service.name}: " + "; ".join(str(x) for x in issues[:5])
                )
            if i % 500 == 0:
                self.stdout.write(f"… {i} geprüft")
        self.stdout.write(f"{total} Angebote geprüft, {bad} mit Fehlern.")
        if bad:
            raise CommandError("HSDS-Validierung fehlgeschlagen.")
