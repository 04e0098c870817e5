from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "interprochance.governance"
    label = "governance"
    verbose_name = _("Gremien")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (
            _("Gremien"),
            "governance:index",
            ("administration", "sozialplanung", "netzwerkkoordination", "gremium"),
        ),
        (
            _("Berichte"),
            "governance:reports",
            ("administration", "sozialplanung", "netzwerkkoordination", "gremium"),
        ),
    ]
