"""pool_export_instance POOL_ID --out INSTANCE.json: the pool's instance from the database (pseudonyms only)."""

import json

from django.core.management.base import BaseCommand, CommandError

from interprochance.core import audit
from interprochance.pool.models import Pool
from interprochance.pool.optimizer.exchange import instance_to_dict
from interprochance.pool.selectors import pool_instance


class Command(BaseCommand):
    help = (
        "Write the optimiser instance of a pool (valid entitlements today) in the exchange format."
    )

    def add_arguments(self, parser):
        parser.add_argument("pool", type=int, help="pool id")
        parser.add_argument("--out", help="file (default: stdout)")

    def handle(self, *args, **options):
        pool = Pool.objects.filter(pk=options["pool"]).select_related("school", "tenant").first()
        if pool is None:
            raise CommandError(f"no pool with id {options['pool']}")
        data = instance_to_dict(pool_instance(pool))
        text = json.dumps(data, ensure_ascii=False, indent=1)
        audit.record(
            actor=None,
            action="pool.instance_export",
            tenant=pool.tenant,
            obj=pool,
            detail={"via": "command"},
        )
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            self.stdout.write(
                f"{len(data['children'])} children, {len(data['assistants'])} assistants -> {options['out']}"
            )
        else:
            self.stdout.write(text)
