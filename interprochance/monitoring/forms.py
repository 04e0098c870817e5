from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm

from .classify import METHODS

METHOD_LABELS = {
    "quantile": _("Quantile"),
    "equal": _("gleiche Intervalle"),
    "stddev": _("Standardabweichung"),
    "jenks": _("natürliche Brüche (Jenks)"),
    "fixed": _("feste Legende"),
}


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("Spalten: area_code, period, measure, value. UTF-8 oder Windows-1252."),
    )


class RulesForm(KernForm):
    min_count = forms.IntegerField(label=_("Mindestfallzahl"), min_value=3, max_value=100)
    min_denominator = forms.IntegerField(
        label=_("Mindestgröße der Bezugsgröße für Quoten"), min_value=3, max_value=10000
    )
    protect_complement = forms.BooleanField(
        label=_("Restgruppe schützen (z. B. „alle bis auf zwei“)"), required=False
    )
    dominance_n = forms.IntegerField(
        label=_("Dominanzregel: n größte Beiträge"), min_value=1, max_value=5
    )
    dominance_k = forms.DecimalField(
        label=_("Dominanzregel: Anteil in % (leer = aus)"),
        required=False,
        min_value=1,
        max_value=100,
        decimal_places=1,
    )


class FlagForm(KernForm):
    status = forms.ChoiceField(label=_("Status"))
    note = forms.CharField(label=_("Vermerk"), required=False, max_length=400)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import QualityFlag

        self.fields["status"].choices = QualityFlag.Status.choices


def method_choices():
    return [(m, METHOD_LABELS[m]) for m in METHODS]
