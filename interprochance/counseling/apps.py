from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselingConfig(AppConfig):
    name = "interprochance.counseling"
    label = "counseling"
    verbose_name = _("Beratung")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Beratung"), "counseling:case_list", ("beratung",))]

    def ready(self) -> None:
        from interprochance.core import providers

        from .providers import CounselingProvider

        providers.register(CounselingProvider())
