from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from interprochance.core import audit


class Command(BaseCommand):
    help = "Create (or show) the API token of a user for machine clients."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="replace an existing token")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("Benutzer nicht gefunden.")
        if options["rotate"]:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        audit.record(
            actor=None,
            action="api_token.create" if created else "api_token.show",
            entity="auth.user",
            object_id=user.pk,
        )
        self.stdout.write(token.key)
