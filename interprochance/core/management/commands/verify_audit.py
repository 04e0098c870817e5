from django.core.management.base import BaseCommand, CommandError

from interprochance.core.audit import verify_chain


class Command(BaseCommand):
    help = "Recompute the audit hash chain; exit 1 and name the first broken events if anything was altered or removed."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        checked, problems = verify_chain()
        if problems:
            for problem in problems[:20]:
                self.stderr.write(f"Eintrag {problem.event_id}: {problem.reason}")
            raise CommandError(
                f"Protokoll verletzt: {len(problems)} Problem(e) in {checked} Einträgen."
            )
        self.stdout.write(self.style.SUCCESS(f"Protokoll intakt: {checked} Einträge geprüft."))
