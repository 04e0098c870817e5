from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "interprochance.transfer"
    label = "transfer"
    verbose_name = _("Wissenstransfer")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (
            _("Wissenstransfer"),
            "transfer:index",
            ("administration", "sozialplanung", "netzwerkkoordination", "gremium"),
        ),
    ]
