"""Forms of the pool module (KERN markup). Domain validation lives in the services."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm

from .models import CostRule
from .texts import GERMAN_DAYS


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("Datei des Kostenträgers (CSV oder XLSX)"),
        help_text=_(
            "Spalten siehe Vorlage; Unterstützungsbereiche ohne Diagnosen, Zeiten wie „Mo 1-4; Di 2,3“."
        ),
    )


# The optimisation runs in the background worker, so the default buys plan quality rather
# than a quick answer. Measured on the benchmark's school pools (docs/pool.md, 2 threads,
# idle machine): 30 s instead of 10 s gave plans 1.5-4.5 % cheaper (seed 0: 5,880.90 ->
# 5,780.85 EUR a week against a proven optimum of 5,698.28).
DEFAULT_SOLVE_SECONDS = 30


class SolveForm(KernForm):
    time_limit = forms.IntegerField(
        label=_("Rechenzeit in Sekunden"),
        min_value=1,
        max_value=120,
        initial=DEFAULT_SOLVE_SECONDS,
        help_text=_(
            "Die Berechnung läuft im Hintergrund; mehr Rechenzeit ergibt meist einen "
            "günstigeren Plan."
        ),
    )


class RuleForm(KernForm):
    cost_rule = forms.ChoiceField(label=_("Regel der Kostenaufteilung"), choices=CostRule.choices)


class StatementForm(KernForm):
    month = forms.DateField(
        label=_("Monat (erster Tag)"),
        help_text=_("z. B. 01.09.2025"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d", "%m.%Y"],
    )
    school_weeks = forms.DecimalField(
        label=_("Schulwochen im Monat"), min_value=0, max_value=5, decimal_places=1, initial=4
    )
    cancelled_slots = forms.IntegerField(
        label=_("ausgefallene Stunden ohne Vertretung"), min_value=0, initial=0
    )
    rule = forms.ChoiceField(label=_("Regel der Kostenaufteilung"), choices=CostRule.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = timezone.localdate().replace(day=1).strftime("%d.%m.%Y")


def day_choices(days: list[str]) -> list[tuple[str, str]]:
    return [(d, GERMAN_DAYS.get(d, d)) for d in days]


class EditForm(KernForm):
    prefix = "edit"
    child = forms.ChoiceField(label=_("Kind"))
    day = forms.ChoiceField(label=_("Tag"))
    slot = forms.TypedChoiceField(label=_("Stunde"), coerce=int)
    assistant = forms.ChoiceField(label=_("Kraft"), required=False)

    def __init__(self, *args, instance: dict, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["child"]).choices = [
            (c["id"], f"{c['id']} ({c['class']})") for c in instance["children"]
        ]
        cast(forms.ChoiceField, self.fields["day"]).choices = day_choices(instance["days"])
        cast(forms.ChoiceField, self.fields["slot"]).choices = [
            (i, f"{i + 1}. ({s})") for i, s in enumerate(instance["slots"])
        ]
        cast(forms.ChoiceField, self.fields["assistant"]).choices = [
            ("", _("— niemand (offen lassen) —"))
        ] + [(a["id"], a["id"]) for a in instance["assistants"]]


class SubstituteForm(KernForm):
    prefix = "vertretung"
    assistant = forms.ChoiceField(label=_("Abwesende Kraft"))
    day = forms.ChoiceField(label=_("Tag"))

    def __init__(self, *args, instance: dict, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["assistant"]).choices = [
            (a["id"], a["id"]) for a in instance["assistants"]
        ]
        cast(forms.ChoiceField, self.fields["day"]).choices = day_choices(instance["days"])
