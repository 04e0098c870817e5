from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm
from interprochance.governance.models import SEAT_CHOICES, BodyKind, ReportKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BodyForm(KernForm):
    kind = forms.ChoiceField(label=_("Art"), choices=BodyKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Aufgabe"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MemberForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Funktion"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    seat = forms.ChoiceField(label=_("Sitz"), choices=SEAT_CHOICES)
    since = forms.DateField(label=_("seit"), widget=DATE)


class MeetingForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Beginn"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ende"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    location = forms.CharField(label=_("Ort"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Tagesordnung"),
        required=False,
        help_text=_("Ein Tagesordnungspunkt je Zeile."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class MinutesForm(KernForm):
    minutes = forms.CharField(label=_("Protokoll"), widget=forms.Textarea(attrs={"rows": 6}))
    decisions = forms.CharField(
        label=_("Beschlüsse"),
        required=False,
        help_text=_("Ein Beschluss je Zeile."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actions = forms.CharField(
        label=_("Aufgaben"),
        required=False,
        help_text=_("Eine Aufgabe je Zeile: Aufgabe ; verantwortlich ; fällig am (TT.MM.JJJJ)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FollowUpForm(KernForm):
    note = forms.CharField(label=_("Vermerk"), required=False, max_length=1000)
    done = forms.BooleanField(label=_("erledigt"), required=False)


class AgreementForm(KernForm):
    title = forms.CharField(label=_("Bezeichnung"), max_length=200)
    parties = forms.CharField(label=_("Vertragsparteien"), max_length=300)
    signed = forms.DateField(label=_("unterzeichnet am"), widget=DATE)
    initial_months = forms.IntegerField(
        label=_("Erstlaufzeit (Monate)"), min_value=1, max_value=1200
    )
    renewal_months = forms.IntegerField(
        label=_("automatische Verlängerung (Monate)"),
        min_value=0,
        max_value=1200,
        help_text=_("0 = keine Verlängerung"),
    )
    notice_months = forms.IntegerField(
        label=_("Kündigungsfrist (Monate vor Laufzeitende)"), min_value=0, max_value=1200
    )
    written_form = forms.BooleanField(
        label=_("Kündigung nur schriftlich"), required=False, initial=True
    )
    signed_note = forms.CharField(label=_("Hinweis zum Datum"), max_length=300, required=False)


class NoticeForm(KernForm):
    received = forms.DateField(label=_("Kündigung zugegangen am"), widget=DATE)
    written = forms.BooleanField(label=_("schriftlich (Schriftform gewahrt)"), required=False)
    accept_late = forms.BooleanField(
        label=_("Falls verspätet: als Kündigung zum nächstmöglichen Termin erfassen"),
        required=False,
        help_text=_("Nur ankreuzen, wenn die Vertragsparteien das so vereinbart haben."),
    )


class EvaluateForm(KernForm):
    on = forms.DateField(label=_("Stand am"), widget=DATE)


class ReportRequestForm(KernForm):
    kind = forms.ChoiceField(label=_("Art"), choices=ReportKind.choices)
    period_start = forms.DateField(
        label=_("Zeitraum von"),
        widget=DATE,
        required=False,
        help_text=_(
            "Nur für Berichte auf Anforderung; Quartals- und "
            "Jahresberichte nehmen den letzten abgeschlossenen Zeitraum."
        ),
    )
    period_end = forms.DateField(label=_("Zeitraum bis"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ReportKind.ON_DEMAND:
            start, end = data.get("period_start"), data.get("period_end")
            if not start or not end:
                raise forms.ValidationError(
                    _(
                        "Für einen Bericht auf Anforderung bitte Beginn und "
                        "Ende des Zeitraums angeben."
                    )
                )
            if end < start:
                self.add_error("period_end", _("Das Ende liegt vor dem Beginn."))
            if end > timezone.localdate():
                self.add_error("period_end", _("Der Zeitraum darf nicht in der Zukunft enden."))
        return data
