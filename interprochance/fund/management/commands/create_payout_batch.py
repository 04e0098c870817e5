"""Create a SEPA payout batch: `manage.py create_payout_batch --tenant weiterstadt --user demo-fonds --out x.xml`."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interprochance.core.policy import has_role
from interprochance.core.roles import Role
from interprochance.core.selectors import tenant_by_slug
from interprochance.fund import services


class Command(BaseCommand):
    help = (
        "Collect approved applications into a payout batch and write its SEPA pain.001.001.09 file."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tenant", required=True)
        parser.add_argument(
            "--user", required=True, help="Acting user (Fondssachbearbeitung or -anordnung)"
        )
        parser.add_argument("--request-key", help="UUID; the same key never creates a second batch")
        parser.add_argument("--execution-date", help="YYYY-MM-DD (default: in two days)")
        parser.add_argument("--out", help="Write the SEPA file here")

    def handle(self, *args: Any, **opts: Any) -> None:
        tenant = tenant_by_slug(opts["tenant"])
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if tenant is None or user is None:
            raise CommandError("Mandant oder Benutzer unbekannt.")
        if not has_role(user, tenant, Role.FONDS, Role.FONDS_ANORDNUNG):
            raise CommandError("Der Benutzer hat keine Fondsrolle in diesem Mandanten.")
        key = uuid.UUID(opts["request_key"]) if opts["request_key"] else uuid.uuid4()
        run = (
            date.fromisoformat(opts["execution_date"])
            if opts["execution_date"]
            else timezone.localdate() + timedelta(days=2)
        )
        try:
            batch = services.payout_batch_create(
                actor=user, tenant=tenant, request_key=key, execution_date=run
            )
            xml = services.payout_batch_export(actor=user, batch=batch)
        except services.FundError as exc:
            raise CommandError(exc.message) from exc
        if opts["out"]:
            Path(opts["out"]).write_bytes(xml)
        self.stdout.write(
            f"Zahlungslauf {batch.reference}: {batch.count} Zahlungen, {batch.total_cents / 100:,.2f} EUR, Schlüssel {key}"
        )
