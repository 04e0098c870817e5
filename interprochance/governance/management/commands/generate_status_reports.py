"""Scheduled status reports (run daily from cron/systemd timer): creates the
quarterly and yearly report for the last complete period if it is missing."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interprochance.core.models import Tenant
from interprochance.governance.models import ReportKind, StatusReport
from interprochance.governance.report.generate import report_generate
from interprochance.governance.report.periods import last_complete_period


class Command(BaseCommand):
    help = "Generate missing quarterly/yearly status reports (or one on demand with --from/--to)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--tenant", action="append", default=[], help="tenant slug (repeatable)"
        )
        parser.add_argument("--kind", choices=ReportKind.values, action="append", default=[])
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options) -> None:
        today = options["today"] or timezone.localdate()
        tenants = (
            Tenant.objects.filter(slug__in=options["tenant"])
            if options["tenant"]
            else Tenant.objects.filter(bodies__isnull=False).distinct()
        )
        kinds = options["kind"] or [ReportKind.QUARTERLY, ReportKind.YEARLY]
        made = 0
        for tenant in tenants:
            for kind in kinds:
                if kind == ReportKind.ON_DEMAND:
                    if not options["start"] or not options["end"]:
                        raise CommandError("--kind on_demand needs --from and --to")
                    start, end = options["start"], options["end"]
                else:
                    start, end = last_complete_period(kind, today)
                    if StatusReport.objects.filter(
                        tenant=tenant, kind=kind, period_start=start, period_end=end
                    ).exists():
                        continue
                began = time.monotonic()
                report = report_generate(tenant=tenant, kind=kind, start=start, end=end, actor=None)
                made += 1
                self.stdout.write(
                    f"{tenant.slug}: {report.title} v{report.version} "
                    f"({len(report.sections)} Abschnitte, {len(report.pdf)} Bytes PDF, "
                    f"{time.monotonic() - began:.1f} s)"
                )
        self.stdout.write(f"{made} Bericht(e) erstellt.")
