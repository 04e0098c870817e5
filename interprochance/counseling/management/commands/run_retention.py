"""Apply the counselling retention policy: delete/anonymise what is due and print the report.

    manage.py run_retention                 # as of today
    manage.py run_retention --as-of 2030-01-01   # what would be due then (and do it)

Periods come from settings.COUNSELING_RETENTION (same shape as
rules.retention.DEFAULT_POLICY) or the defaults.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interprochance.counseling.services import retention_run


class Command(BaseCommand):
    help = "Löscht bzw. anonymisiert fällige Beratungsdaten und schreibt einen Bericht."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="Stichtag JJJJ-MM-TT (Standard: heute)")

    def handle(self, *args, **options):
        try:
            today = (
                date.fromisoformat(options["as_of"])
                if options.get("as_of")
                else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError("Stichtag bitte als JJJJ-MM-TT angeben.") from exc
        report = retention_run(
            actor=None, today=today, policy=getattr(settings, "COUNSELING_RETENTION", None)
        )
        self.stdout.write(
            f"Stichtag {report['as_of']}: {report['households_erased']} Haushalte gelöscht, "
            f"{report['cases_anonymised']} Fälle anonymisiert, {report['documents_deleted']} Dokumente gelöscht, "
            f"{report['requests_deleted']} Terminanfragen gelöscht, {report['held']} mit Löschsperre. "
            f"Bericht #{report['run_id']}."
        )
