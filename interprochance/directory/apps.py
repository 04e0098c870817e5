from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "interprochance.directory"
    label = "directory"
    verbose_name = _("Netzwerk und Angebotsverzeichnis")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (
            _("Angebote"),
            "directory:manage",
            ("netzwerkkoordination", "sozialplanung", "administration"),
        ),
        (_("Netzwerk"), "directory:network", ("netzwerkkoordination", "sozialplanung", "gremium")),
        (
            _("Bedarf und Angebot"),
            "directory:coverage",
            ("sozialplanung", "netzwerkkoordination", "gremium"),
        ),
    ]
