"""Forms rendered in KERN UX markup. Inherit KernFormMixin (or use KernForm /
KernModelForm) and `{{ form }}` renders labels, hints and German errors with
the right ARIA attributes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from interprochance.core.models import Area, AreaLevel


class KernFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/kern_form.html"
    field_template_name = "core/forms/kern_field.html"


class KernFormMixin:
    default_renderer: Any = KernFormRenderer()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            css = widget.attrs.get("class", "")
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                css += " kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css += " kern-form-check__radio"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css += " kern-form-input__select"
            else:
                css += " kern-form-input__input"
            widget.attrs["class"] = css.strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = (
                    f"{self.auto_id % name if self.auto_id else name}-hint"  # type: ignore[attr-defined]
                )

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = (
                    widget.attrs.get("class", "") + " kern-form-input__input--error"
                )


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass


class LoginForm(KernForm):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(KernForm):
    token = forms.RegexField(
        label=_("Einmalcode aus der Authenticator-App"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Bitte die sechs Ziffern aus der App eingeben.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AddressCheckForm(KernForm):
    address = forms.CharField(
        label=_("Adresse"), max_length=300, help_text=_("z. B. „Kreuzstraße 45, 64331 Weiterstadt“")
    )
    gemeinde = forms.ModelChoiceField(
        label=_("Gemeinde"),
        required=False,
        empty_label=_("aus der Adresse erkennen"),
        queryset=Area.objects.filter(level=AreaLevel.GEMEINDE).order_by("name"),
    )


class AuditFilterForm(KernForm):
    date_from = forms.DateField(
        label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    user = forms.CharField(label=_("Benutzer"), required=False, max_length=150)
    action = forms.CharField(label=_("Aktion"), required=False, max_length=80)
    entity = forms.CharField(label=_("Objektart"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Objekt-ID"), required=False, max_length=64)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Das Enddatum liegt vor dem Anfangsdatum."))
        return data


class BoundaryImportForm(KernForm):
    """Upload of a boundary file (GeoJSON) for the Ortsteile or Sozialräume of a Gemeinde."""

    gemeinde = forms.ModelChoiceField(label=_("Gemeinde"), queryset=Area.objects.none())
    level = forms.ChoiceField(
        label=_("Ebene"),
        choices=[
            (AreaLevel.ORTSTEIL, _("Ortsteile / Stadtteile")),
            (AreaLevel.SOZIALRAUM, _("Sozialräume")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Datei (GeoJSON)"),
        help_text=_(
            "FeatureCollection in WGS84 (EPSG:4326) mit Polygon- oder MultiPolygon-Flächen; "
            "je Gebiet ein Feature mit der Eigenschaft „code“ (Kennziffer), höchstens 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )
    attribution = forms.CharField(
        label=_("Quelle / Namensnennung"),
        required=False,
        max_length=300,
        help_text=_(
            "z. B. „Stadt Weiterstadt, Stadtplanung, Stand 2025“; leer: der Name der Gemeinde."
        ),
    )

    def __init__(self, *args: Any, gemeinden: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gemeinde"]
        field.queryset = gemeinden  # type: ignore[attr-defined]
        only = list(gemeinden[:2])
        if len(only) == 1:
            field.initial = only[0]
            field.empty_label = None  # type: ignore[attr-defined]
