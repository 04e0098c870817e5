from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interprochance.core import labels
from interprochance.core.forms import KernForm
from interprochance.participation.staircase import (
    IMPACT_STAGES,
    IMPLEMENTATION_STAGES,
    INSTITUTION_KINDS,
    LIFE_PHASES,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConceptForm(KernForm):
    code = forms.CharField(
        label=_("Kürzel"),
        max_length=80,
        help_text=_("Kleinbuchstaben, Ziffern, - und _; eindeutig."),
    )
    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    goal = forms.CharField(label=_("Ziel"), widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(label=_("Zielgruppe"), max_length=300)
    life_phase = forms.ChoiceField(label=_("Lebensphase"), choices=labels.choices(LIFE_PHASES))
    institution_kind = forms.ChoiceField(
        label=_("Art der Einrichtung"), choices=labels.choices(INSTITUTION_KINDS)
    )
    resources = forms.CharField(
        label=_("Ressourcen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in labels.translated(IMPACT_STAGES):
            self.fields[f"stage_{code}"] = forms.CharField(
                label=_("Wirkungstreppe: %(l)s") % {"l": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "kern-form-input__input"}),
            )
            self.fields[f"indicators_{code}"] = forms.CharField(
                label=_("Indikatoren (Codes, durch Komma getrennt)"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
            )

    def stages(self) -> dict[str, tuple[str, list[str]]]:
        out = {}
        for code, _label in IMPACT_STAGES:
            description = self.cleaned_data.get(f"stage_{code}", "")
            indicators = [
                i.strip()
                for i in self.cleaned_data.get(f"indicators_{code}", "").split(",")
                if i.strip()
            ]
            if description.strip() or indicators:
                out[code] = (description, indicators)
        return out


class ImplementationForm(KernForm):
    institution = forms.ChoiceField(label=_("Einrichtung"))
    responsible = forms.CharField(label=_("Verantwortlich (Funktion)"), max_length=200)
    started = forms.DateField(label=_("Beginn"), required=False, widget=DATE)

    def __init__(self, *args: Any, institutions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["institution"]
        field.choices = [("", "—")] + [
            (str(i.pk), f"{i.name} ({i.get_kind_display()})") for i in institutions
        ]


class MoveForm(KernForm):
    to_stage = forms.ChoiceField(
        label=_("neuer Stand"), choices=labels.choices(IMPLEMENTATION_STAGES)
    )
    on = forms.DateField(label=_("am"), widget=DATE)
    participation = forms.CharField(
        label=_("Beteiligung der Kinder und Jugendlichen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evaluation = forms.CharField(
        label=_("Evaluationsergebnisse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=1000)


class MilestoneForm(KernForm):
    title = forms.CharField(label=_("Meilenstein"), max_length=200)
    due = forms.DateField(label=_("geplant bis"), widget=DATE)
