"""Compare allocation procedures on the same applications: `manage.py replay_procedures`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from interprochance.fund.procedures import DEFAULT_PROCEDURES, compare
from interprochance.fund.procedures.synthetic import synthetic_applications, synthetic_sources


class Command(BaseCommand):
    help = (
        "Replay several allocation procedures over the same applications and print the comparison."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--tenant", help="Tenant slug: replay its real applications and sources"
        )
        parser.add_argument(
            "--synthetic", type=int, default=0, help="Number of synthetic applications instead"
        )
        parser.add_argument(
            "--budget-share", type=int, default=50, help="Synthetic money as %% of the need"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--procedures", default=",".join(p.key for p in DEFAULT_PROCEDURES))
        parser.add_argument("--json", action="store_true", help="Machine-readable output")

    def handle(self, *args: Any, **opts: Any) -> None:
        wanted = [k.strip() for k in opts["procedures"].split(",") if k.strip()]
        procs = [p for p in DEFAULT_PROCEDURES if p.key in wanted]
        if len(procs) != len(wanted):
            known = ", ".join(p.key for p in DEFAULT_PROCEDURES)
            raise CommandError(f"Unbekanntes Verfahren. Bekannt: {known}")
        if opts["synthetic"]:
            apps = synthetic_applications(opts["synthetic"], seed=opts["seed"])
            sources = synthetic_sources(
                sum(a.amount_cents for a in apps) * opts["budget_share"] // 100
            )
        elif opts["tenant"]:
            from dataclasses import replace

            from interprochance.core.selectors import tenant_by_slug
            from interprochance.fund import selectors, services

            tenant = tenant_by_slug(opts["tenant"])
            if tenant is None:
                raise CommandError(f"Mandant {opts['tenant']} gibt es nicht.")
            apps = selectors.historical_cases(tenant)
            pure, _ = services.fund_sources_pure(tenant)
            budgets = {str(b.source.pk): b.contributed for b in selectors.source_balances(tenant)}
            sources = [replace(s, budget_cents=budgets.get(s.id, 0)) for s in pure]
        else:
            raise CommandError("Bitte --tenant SLUG oder --synthetic N angeben.")
        if not apps:
            raise CommandError("Keine Anträge für den Vergleich.")
        self.stdout.write(
            f"{len(apps)} Anträge, {len(sources)} Mittelquellen, {len(procs)} Verfahren"
        )
        results = compare(apps, sources, procs, end=max(a.submitted_on for a in apps))
        if opts["json"]:
            self.stdout.write(
                json.dumps([r.summary() for r in results], ensure_ascii=False, indent=2)
            )
            return
        for r in results:
            s: dict[str, Any] = r.summary()
            self.stdout.write(
                f"{s['label']}: gefördert {s['funded']}, Bedarf gedeckt {s['share_covered']:.1%}, "
                f"schwächster Sozialraum {s['min_area_share']:.1%}, dringender Bedarf {s['high_need_share']:.1%}, "
                f"zweckgebunden übrig {s['earmarked_left_cents'] / 100:,.2f} EUR, verfallen "
                f"{s['expired_cents'] / 100:,.2f} EUR, Tage bis Entscheidung {s['mean_days']}"
            )
