from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from interprochance.core.models import Tenant
from interprochance.transfer.services import bundle_export


class Command(BaseCommand):
    help = "Export a tenant's configuration as a transfer bundle (JSON, never personal data)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("tenant", help="tenant slug")
        parser.add_argument("--output", "-o", default="-", help="file (default: stdout)")

    def handle(self, *args, **options) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"Mandant {options['tenant']!r} unbekannt.")
        try:
            document = bundle_export(tenant=tenant, actor=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text)
            counts = ", ".join(f"{k}: {len(v)}" for k, v in document["contents"].items())
            self.stderr.write(f"Transferpaket geschrieben: {options['output']} ({counts})")
