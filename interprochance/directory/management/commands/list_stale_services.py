"""List published services not confirmed for 12 months (for a reminder to the providers)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interprochance.directory.models import Service


class Command(BaseCommand):
    help = "Listet veröffentlichte Angebote, die seit über 12 Monaten nicht bestätigt wurden."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tenant", help="Mandant (Kürzel)")

    def handle(self, *args: Any, **opts: Any) -> None:
        qs = (
            Service.objects.stale()
            .select_related("organization", "tenant")
            .order_by("tenant__slug", "last_confirmed")
        )
        if opts.get("tenant"):
            qs = qs.filter(tenant__slug=opts["tenant"])
        n = 0
        for s in qs:
            n += 1
            self.stdout.write(
                f"{s.tenant.slug}\t{s.last_confirmed or '–'}\t{s.organization.name}\t{s.name}"
            )
        self.stdout.write(f"{n} Angebote zu prüfen.")
