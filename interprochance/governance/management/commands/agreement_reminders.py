from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from interprochance.core.models import Tenant
from interprochance.governance.selectors import reminders_due


class Command(BaseCommand):
    help = "List agreements whose notice deadline needs a reminder today (or on --on)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--tenant", default=None, help="tenant slug (default: all)")

    def handle(self, *args, **options) -> None:
        day = options["on"] or timezone.localdate()
        tenant = Tenant.objects.get(slug=options["tenant"]) if options["tenant"] else None
        due = reminders_due(tenant, day)
        for agreement, deadline in due:
            self.stdout.write(
                f"{agreement.tenant.slug}: {agreement.title} – Kündigung bis "
                f"{deadline:%d.%m.%Y} ({(deadline - day).days} Tage)"
            )
        self.stdout.write(f"{len(due)} Erinnerung(en) am {day:%d.%m.%Y}.")
