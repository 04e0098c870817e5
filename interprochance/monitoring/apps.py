from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "interprochance.monitoring"
    label = "monitoring"
    verbose_name = _("Sozial- und Bildungsmonitoring")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Monitoring"), "monitoring:dashboard", ("sozialplanung", "gremium"))]
