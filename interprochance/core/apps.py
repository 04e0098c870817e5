from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "interprochance.core"
    label = "core"
    verbose_name = _("Plattform")
    # Navigation entries: (label, url name, roles allowed or None for every signed-in user).
    nav_items = [
        (_("Übersicht"), "core:dashboard", None),
        (_("Gebiete"), "core:area_list", None),
        (_("Aufträge"), "core:job_list", None),
        (_("Protokoll"), "core:audit_list", ("administration",)),
    ]
