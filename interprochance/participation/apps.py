from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "interprochance.participation"
    label = "participation"
    verbose_name = _("Teilhabe")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (
            _("Teilhabe"),
            "participation:index",
            ("administration", "sozialplanung", "netzwerkkoordination", "gremium"),
        ),
    ]
