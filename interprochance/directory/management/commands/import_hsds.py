"""Import another publisher's HSDS 3.0 JSON (all or nothing, duplicates reported)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from interprochance.core.models import Tenant
from interprochance.directory import services as act


class Command(BaseCommand):
    help = "Importiert ein HSDS-3.0-Verzeichnis (JSON) als Vorschläge zur Prüfung."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--tenant", required=True, help="Mandant (Kürzel), z. B. weiterstadt")
        parser.add_argument("--publisher", required=True, help="Herausgeber der Daten")
        parser.add_argument("--include-duplicates", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        tenant = Tenant.objects.filter(slug=opts["tenant"]).first()
        if tenant is None:
            raise CommandError(f"Mandant „{opts['tenant']}“ gibt es nicht.")
        try:
            document = json.loads(opts["file"].read_text(encoding="utf-8-sig"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from None
        outcome = act.hsds_import(
            actor=None,
            tenant=tenant,
            document_json=document,
            publisher=opts["publisher"],
            filename=opts["file"].name,
            skip_duplicates=not opts["include_duplicates"],
        )
        if outcome.problems:
            for p in outcome.problems[:100]:
                self.stderr.write(f"- {p}")
            raise CommandError(f"{len(outcome.problems)} Probleme – nichts übernommen.")
        assert outcome.record is not None
        for d in outcome.duplicates:
            self.stdout.write(f"Dublette? „{d['incoming']}“ ≈ „{d['existing']}“ ({d['reason']})")
        self.stdout.write(
            f"{outcome.record.services} Angebote, {outcome.record.organizations} neue Träger übernommen "
            f"(als Vorschläge); {len(outcome.duplicates)} mögliche Dubletten."
        )
