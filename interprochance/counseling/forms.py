"""Forms of the counselling pages (KERN markup via core.forms). Parsing only:
the rules live in services, which raise German ValidationErrors per field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm

from .benefits import Benefit
from .models import Channel, ConsentForm, ConsentPurpose, ContactChannel, Outcome, Topic
from .rules.consent import Category

CATEGORY_LABELS = {
    Category.CONTACT: _("Kontaktdaten (Name, Telefon, E-Mail)"),
    Category.HOUSEHOLD: _("Haushalt (Mitglieder, Alter, Sprache)"),
    Category.TOPICS: _("Anliegen, Themen und Ziele"),
    Category.FINANCES: _("Einkommen, Wohnkosten, Leistungen"),
    Category.NOTES: _("Gesprächsnotizen"),
    Category.DOCUMENTS: _("Dokumente (Liste)"),
    Category.HEALTH: _("Gesundheitsdaten"),
}
CATEGORY_CHOICES = [(c.value, CATEGORY_LABELS[c]) for c in Category]

BENEFIT_LABELS = {
    Benefit.SGB2: _("Bürgergeld (SGB II)"),
    Benefit.SGB12: _("Sozialhilfe / Grundsicherung (SGB XII)"),
    Benefit.ASYLBLG: _("Leistungen nach dem AsylbLG"),
    Benefit.WOHNGELD: _("Wohngeld"),
    Benefit.KIZ: _("Kinderzuschlag"),
    Benefit.BUT: _("Bildung und Teilhabe"),
    Benefit.UVG: _("Unterhaltsvorschuss"),
}


def _set_choices(field: forms.Field, choices: list) -> None:
    if not isinstance(field, forms.ChoiceField):
        raise TypeError("not a choice field")
    field.choices = choices


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntakeForm(KernForm):
    contact_name = forms.CharField(label=_("Name der Kontaktperson"), max_length=200)
    other_names = forms.CharField(
        label=_("Weitere Haushaltsmitglieder (Namen)"), max_length=500, required=False
    )
    address = forms.CharField(
        label=_("Adresse"),
        max_length=300,
        required=False,
        help_text=_("Straße Hausnummer, PLZ Ort – daraus wird das Gebiet (Sozialraum) bestimmt."),
    )
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    preferred_channel = forms.ChoiceField(
        label=_("Bevorzugter Kontaktweg"), choices=ContactChannel.choices
    )
    language = forms.CharField(label=_("Sprache der Familie"), max_length=60, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Themen"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("Anliegen (kurz)"), max_length=300, required=False)
    opened_on = forms.DateField(label=_("Erstkontakt am"), widget=DATE_WIDGET)


class TopicsForm(KernForm):
    prefix = "t"

    topics = forms.MultipleChoiceField(
        label=_("Themen"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("Anliegen (kurz)"), max_length=300, required=False)


class ContactForm(KernForm):
    prefix = "k"

    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    duration_minutes = forms.IntegerField(label=_("Dauer in Minuten"), min_value=1, max_value=1440)
    channel = forms.ChoiceField(label=_("Kontaktart"), choices=Channel.choices)
    participants = forms.CharField(label=_("Beteiligte"), max_length=300, required=False)
    notes = forms.CharField(
        label=_("Notizen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )


class GoalForm(KernForm):
    prefix = "z"

    text = forms.CharField(label=_("Ziel / Vereinbarung"), max_length=500)
    agreed_on = forms.DateField(label=_("Vereinbart am"), widget=DATE_WIDGET)
    review_on = forms.DateField(label=_("Überprüfen am"), widget=DATE_WIDGET, required=False)


class TaskForm(KernForm):
    prefix = "a"

    title = forms.CharField(label=_("Aufgabe"), max_length=300)
    due_on = forms.DateField(label=_("Fällig am"), widget=DATE_WIDGET)
    remind_on = forms.DateField(label=_("Erinnern am"), widget=DATE_WIDGET, required=False)


class DocumentForm(KernForm):
    prefix = "d"

    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, PNG, JPEG, DOCX oder ODT, höchstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.odt"}),
    )


class ConsentRecordForm(KernForm):
    prefix = "e"

    purpose = forms.ChoiceField(label=_("Zweck"), choices=ConsentPurpose.choices)
    recipient = forms.ChoiceField(label=_("Empfänger"))
    categories = forms.MultipleChoiceField(
        label=_("Welche Daten"), choices=CATEGORY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    given_on = forms.DateField(label=_("Erteilt am"), widget=DATE_WIDGET)
    valid_until = forms.DateField(label=_("Gültig bis"), widget=DATE_WIDGET, required=False)
    form = forms.ChoiceField(label=_("Form der Einwilligung"), choices=ConsentForm.choices)

    def __init__(self, *args, recipients: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["recipient"], recipients)


class ConsentWithdrawForm(KernForm):
    prefix = "w"

    withdrawn_on = forms.DateField(label=_("Widerrufen am"), widget=DATE_WIDGET)


class ReferralForm(KernForm):
    prefix = "v"

    target = forms.ChoiceField(label=_("Vermitteln an"))
    categories = forms.MultipleChoiceField(
        label=_("Welche Daten werden übergeben"),
        choices=CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Anlass / Auftrag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    override_reason = forms.CharField(
        label=_("Begründung, falls ohne Einwilligung (nur Leitung)"),
        help_text=_(
            "Nur bei gesetzlicher Befugnis, z. B. zur Abwendung einer Gefährdung. Wird protokolliert."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["target"], targets)


class ReferralStepForm(KernForm):
    feedback = forms.CharField(
        label=_("Rückmeldung"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class CloseForm(KernForm):
    prefix = "s"

    outcome = forms.ChoiceField(
        label=_("Ergebnis"), choices=[("", _("– bitte wählen –")), *Outcome.choices], required=False
    )
    closed_on = forms.DateField(label=_("Abgeschlossen am"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Abschlussvermerk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


def parse_euro(value: str) -> int:
    """'1.234,56' or '1234.56' or '' -> cents."""
    text = (value or "").strip().replace("€", "").replace("EUR", "").strip()
    if not text:
        return 0
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(_("Bitte einen Betrag wie 1234,56 eingeben.")) from None
    if amount < 0:
        raise forms.ValidationError(_("Beträge dürfen nicht negativ sein."))
    return int((amount * 100).quantize(Decimal("1")))


class EuroField(forms.CharField):
    def to_python(self, value):
        return parse_euro(super().to_python(value))


class EconomicsForm(KernForm):
    housing_cost = EuroField(label=_("Wohnkosten inkl. Heizung (EUR/Monat)"), required=False)
    current_benefits = forms.MultipleChoiceField(
        label=_("Bereits bezogene Leistungen"),
        required=False,
        choices=[(b.value, BENEFIT_LABELS[b]) for b in Benefit],
        widget=forms.CheckboxSelectMultiple,
    )


class MemberForm(KernForm):
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[("adult", _("Elternteil / erwachsene Person")), ("child", _("Kind"))],
    )
    birth_date = forms.DateField(label=_("Geburtsdatum"), widget=DATE_WIDGET)
    schooling = forms.ChoiceField(
        label=_("Kita/Schule"),
        choices=[
            ("none", _("keine")),
            ("kita", _("Kita")),
            ("school", _("Schule")),
            ("training", _("Ausbildung / Studium")),
        ],
    )
    gross = EuroField(label=_("Brutto aus Arbeit (EUR/Monat)"), required=False)
    net = EuroField(label=_("Netto aus Arbeit (EUR/Monat)"), required=False)
    other = EuroField(label=_("Sonstiges Einkommen, z. B. Unterhalt (EUR/Monat)"), required=False)
    kindergeld = forms.BooleanField(label=_("Kindergeld wird bezogen"), required=False)
    able_to_work = forms.BooleanField(label=_("erwerbsfähig"), required=False, initial=True)
    pregnant = forms.BooleanField(label=_("schwanger"), required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=1, max_num=12, validate_max=True)


class AppointmentRequestForm(KernForm):
    topic = forms.ChoiceField(label=_("Worum geht es?"), choices=Topic.choices)
    language = forms.CharField(
        label=_("In welcher Sprache möchten Sie beraten werden?"), max_length=60, initial="Deutsch"
    )
    channel = forms.ChoiceField(
        label=_("Wie können wir Sie erreichen?"),
        choices=[("phone", _("Telefon")), ("email", _("E-Mail"))],
        widget=forms.RadioSelect,
    )
    reach = forms.CharField(label=_("Telefonnummer oder E-Mail-Adresse"), max_length=200)
    name = forms.CharField(
        label=_("Wie dürfen wir Sie ansprechen?"),
        max_length=100,
        required=False,
        help_text=_("Ein Vorname genügt."),
    )
    preferred_times = forms.CharField(
        label=_("Wann sind Sie gut erreichbar?"), max_length=200, required=False
    )
    # honeypot: hidden from people by CSS and aria-hidden; bots fill it in
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)
    office = forms.ChoiceField(label=_("Beratungsstelle"), required=False)

    def __init__(self, *args, offices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["office"], [("", _("egal / weiß nicht")), *offices])
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class ErasureForm(KernForm):
    received_on = forms.DateField(label=_("Ersuchen eingegangen am"), widget=DATE_WIDGET)
    execute = forms.ChoiceField(
        label=_("Entscheidung"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Daten löschen")), ("no", _("Ablehnen (mit Begründung)"))],
    )
    reason = forms.CharField(
        label=_("Begründung / Vermerk"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
