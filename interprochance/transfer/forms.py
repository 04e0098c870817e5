from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm
from interprochance.transfer.models import Rating

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(KernForm):
    condition = forms.ChoiceField(label=_("Gelingensbedingung"))
    assessed_on = forms.DateField(label=_("bewertet am"), widget=DATE)
    rating = forms.TypedChoiceField(label=_("Bewertung"), choices=Rating.choices, coerce=int)
    note = forms.CharField(
        label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, conditions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = [(str(c.pk), c.name) for c in conditions]


class LessonForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Erfahrung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ohne Namen, Adressen oder andere personenbezogene Daten."),
    )
    recorded_on = forms.DateField(label=_("festgehalten am"), widget=DATE)


class StartMunicipalityForm(KernForm):
    ags = forms.ChoiceField(label=_("Gemeinde"))
    bundle = forms.FileField(
        label=_("Transferpaket (JSON)"),
        help_text=_("Eine mit „Transferpaket herunterladen“ erzeugte Datei, höchstens 5 MB."),
    )

    def __init__(self, *args, gemeinden=(), **kwargs):
        super().__init__(*args, **kwargs)
        field: Any = self.fields["ags"]
        field.choices = [("", "—")] + [(a.code, a.name) for a in gemeinden]

    def clean_bundle(self):
        upload = self.cleaned_data["bundle"]
        if upload.size > 5_000_000:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload
