"""Forms of the fund (KERN markup). Validation of money, IBANs and rules happens in the
services, which return German messages per field; forms only shape the input."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core import labels
from interprochance.core.forms import KernForm
from interprochance.fund.models import DocumentKind, FundPurpose, SourceKind
from interprochance.fund.procedures import PAYERS, PRIORITIES
from interprochance.fund.procedures.model import LIFE_PHASES
from interprochance.fund.subsidiarity.rules import BENEFIT_LABELS, FUND_REASONS


class ApplicationForm(KernForm):
    form_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    case_ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    household_ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=24)
    child_ref = forms.CharField(widget=forms.HiddenInput, required=False, max_length=24)
    applicant_org = forms.CharField(
        label=_("Ihre Einrichtung"),
        max_length=200,
        help_text=_("z. B. Beratungsstelle, Schule oder Kita"),
    )
    household_key = forms.CharField(
        label=_("Interne Kennung des Haushalts"),
        max_length=100,
        required=False,
        help_text=_("z. B. Ihr Aktenzeichen. Gespeichert wird nur ein Pseudonym."),
    )
    child_key = forms.CharField(
        label=_("Vorname und Geburtsdatum des Kindes"),
        max_length=100,
        required=False,
        help_text=_(
            "z. B. „Mia 03.05.2014“. Dient nur der Prüfung der Höchstbeträge; gespeichert wird ein Pseudonym."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    child_age = forms.CharField(
        label=_("Alter des Kindes (Jahre)"),
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    in_school = forms.BooleanField(label=_("Das Kind besucht eine Schule"), required=False)
    in_kita = forms.BooleanField(label=_("Das Kind besucht eine Kita"), required=False)
    benefits = forms.MultipleChoiceField(
        label=_("Der Haushalt bezieht"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=labels.choices((b.value, label) for b, label in BENEFIT_LABELS.items()),
        help_text=_("Wichtig für die vorrangigen Leistungen (Bildungs- und Teilhabepaket)."),
    )
    area_code = forms.ChoiceField(label=_("Sozialraum"))
    life_phase = forms.ChoiceField(
        label=_("Lebensphase"), choices=[("", "–"), *labels.choices(LIFE_PHASES)]
    )
    purpose = forms.ChoiceField(label=_("Zweck"))
    total = forms.CharField(
        label=_("Gesamtkosten in Euro"),
        max_length=20,
        help_text=_("z. B. 245,50"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    months = forms.CharField(
        label=_("Monate (nur bei laufenden Kosten)"),
        max_length=2,
        initial="1",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    amount = forms.CharField(
        label=_("Beantragt beim Fonds in Euro"),
        max_length=20,
        required=False,
        help_text=_("Der Teil, den keine vorrangige Leistung übernimmt."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    fund_reason = forms.ChoiceField(
        label=_("Warum zahlt der Fonds trotz vorrangiger Leistung?"),
        required=False,
        choices=[
            ("", _("– keine vorrangige Leistung übersprungen –")),
            *labels.choices(FUND_REASONS),
        ],
    )
    need_score = forms.ChoiceField(
        label=_("Dringlichkeit"),
        initial="50",
        choices=[
            ("20", _("gering")),
            ("50", _("mittel")),
            ("80", _("hoch")),
            ("95", _("sehr hoch, sofort")),
        ],
    )
    description = forms.CharField(
        label=_("Bedarf in wenigen Sätzen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    provider_name = forms.CharField(
        label=_("Zahlungsempfänger (Anbieter, nicht die Familie)"), max_length=70, required=False
    )
    provider_iban = forms.CharField(
        label=_("IBAN des Anbieters"),
        max_length=42,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, areas=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area_code"]).choices = [("", "–")] + [
            (a.code, a.name) for a in areas
        ]
        cast(forms.ChoiceField, self.fields["purpose"]).choices = [("", "–")] + [
            (p.key, labels.text(p.label)) for p in FundPurpose.objects.filter(active=True)
        ]


class ProposeForm(KernForm):
    decision = forms.ChoiceField(
        label=_("Vorschlag"),
        widget=forms.RadioSelect,
        choices=[("approve", _("bewilligen")), ("reject", _("ablehnen"))],
    )
    amount = forms.CharField(
        label=_("Betrag in Euro"),
        max_length=20,
        required=False,
        help_text=_("leer = beantragter Betrag"),
    )
    note = forms.CharField(
        label=_("Vermerk (bei Ablehnung: Grund, erscheint im Bescheid)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(KernForm):
    note = forms.CharField(
        label=_("Vermerk"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DocumentForm(KernForm):
    kind = forms.ChoiceField(label=_("Art der Unterlage"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Datei (PDF, PNG oder JPEG, höchstens 5 MB)"), required=False)


class ProofForm(KernForm):
    used = forms.CharField(label=_("Tatsächlich verwendet in Euro"), max_length=20)
    note = forms.CharField(label=_("Vermerk"), required=False, max_length=1000)


class BatchForm(KernForm):
    request_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    execution_date = forms.DateField(
        label=_("Ausführungsdatum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=lambda: timezone.localdate() + timedelta(days=2),
    )


class SourceForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    key = forms.SlugField(label=_("Kürzel"), max_length=60)
    kind = forms.ChoiceField(label=_("Art"), choices=SourceKind.choices)
    donor = forms.CharField(label=_("Geldgeber"), max_length=200, required=False)
    purposes = forms.MultipleChoiceField(
        label=_("Zweckbindung: nur für diese Zwecke"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    life_phases = forms.MultipleChoiceField(
        label=_("Zweckbindung: nur für diese Lebensphasen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=labels.choices(LIFE_PHASES),
    )
    valid_from = forms.DateField(
        label=_("gültig ab"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("gültig bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["purposes"]).choices = list(
            FundPurpose.objects.values_list("key", "label")
        )


class BudgetForm(KernForm):
    year = forms.IntegerField(
        label=_("Jahr"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    amount = forms.CharField(label=_("Betrag in Euro"), max_length=20)
    note = forms.CharField(label=_("Vermerk"), max_length=200, required=False)


class ReplayForm(KernForm):
    basis = forms.ChoiceField(
        label=_("Anträge"),
        initial="synthetic",
        choices=[
            ("synthetic", _("synthetische Anträge (Demodaten)")),
            ("history", _("bisherige Anträge dieser Kommune")),
        ],
    )
    count = forms.IntegerField(
        label=_("Anzahl synthetischer Anträge"), min_value=10, max_value=10_000, initial=2000
    )
    budget_share = forms.IntegerField(
        label=_("Mittel in % des Bedarfs"), min_value=1, max_value=200, initial=50
    )
    seed = forms.IntegerField(
        label=_("Zufallszahl (gleiche Zahl = gleiche Anträge)"),
        min_value=0,
        max_value=10**6,
        initial=1,
    )
    procedures = forms.MultipleChoiceField(
        label=_("Verfahren"), widget=forms.CheckboxSelectMultiple, required=False
    )
    custom_priority = forms.ChoiceField(
        label=_("Eigenes Verfahren: Rangfolge"),
        required=False,
        choices=[("", "–"), *labels.choices(PRIORITIES)],
    )
    custom_payer = forms.ChoiceField(
        label=_("Eigenes Verfahren: welcher Topf zahlt"),
        required=False,
        choices=[("", "–"), *labels.choices((k, v[0]) for k, v in PAYERS.items())],
    )
    custom_round_days = forms.IntegerField(
        label=_("Eigenes Verfahren: Entscheidungsrunde alle … Tage (0 = laufend)"),
        required=False,
        min_value=0,
        max_value=120,
    )
