from __future__ import annotations

from django.core.management.base import BaseCommand

from interprochance.monitoring import services

from ._common import tenant_arg, user_arg


class Command(BaseCommand):
    help = (
        "GISD (RKI), INKAR (BBSR) und die INKAR-Vergleichswerte der Kreise Hessens "
        "aus data/reference importieren (mit Namensnennung)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant", default="landkreis-darmstadt-dieburg")
        parser.add_argument("--user", default=None)

    def handle(self, *args, **opts):
        tenant = tenant_arg(opts["tenant"])
        user = user_arg(opts["user"])
        for fn in (
            services.reference_import_gisd,
            services.reference_import_inkar,
            services.reference_import_kreise,
        ):
            batch = fn(actor=user, tenant=tenant)
            self.stdout.write(f"{batch.label}: {batch.rows} Werte ({batch.attribution})")
