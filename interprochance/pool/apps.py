from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "interprochance.pool"
    label = "pool"
    verbose_name = _("Schulassistenz-Pool")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        (_("Schulassistenz"), "pool:index", ("schulassistenz",)),
        (_("Pool oder 1:1"), "pool:compare", ("schulassistenz", "sozialplanung", "gremium")),
    ]

    def ready(self) -> None:
        from interprochance.core import providers

        from .providers import PoolProvider

        providers.register(PoolProvider())
