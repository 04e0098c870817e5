from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interprochance.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo: the real territory and institutions, plus synthetic people (marked as such). Never in production."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--only", nargs="*", help="app labels to load (default: all); core always loads"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if settings.PRODUCTION or not settings.DEMO_MODE:
            raise CommandError(
                "load_demo läuft nicht unter Produktionseinstellungen (DJANGO_ENV=production)."
            )
        summary = load_demo(only=options.get("only"), stdout=self.stdout)
        for app, text in summary.items():
            self.stdout.write(f"{app}: {text}")
        self.stdout.write(self.style.SUCCESS("Demo geladen (synthetische Demodaten)."))
