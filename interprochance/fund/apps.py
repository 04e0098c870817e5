from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "interprochance.fund"
    label = "fund"
    verbose_name = _("Sozialfonds")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (
            _("Sozialfonds"),
            "fund:dashboard",
            ("beratung", "fondssachbearbeitung", "fondsanordnung"),
        ),
        (
            _("Fonds-Berichte"),
            "fund:reports",
            ("fondssachbearbeitung", "fondsanordnung", "sozialplanung", "gremium"),
        ),
        (
            _("Verfahren vergleichen"),
            "fund:replay",
            ("fondssachbearbeitung", "fondsanordnung", "sozialplanung"),
        ),
    ]

    def ready(self) -> None:
        from interprochance.core import providers
        from interprochance.fund.providers import FundProvider

        providers.register(FundProvider())
