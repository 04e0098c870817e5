"""Forms of the directory (KERN markup via core's KernForm). Validation rules live in
``inputs.py`` / ``validation/`` (pure) and the actions; the forms only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interprochance.core.forms import KernForm

from . import labels
from .inputs import ServiceData, Translation
from .models import Location, Organization, OrganizationKind, ServiceStatus
from .selectors import FinderQuery
from .taxonomy import CONTENT_LANGUAGES, LIFE_PHASES, NEED_AREAS, TARGET_GROUPS
from .validation.fields import MAX_AGE
from .validation.schedule import WEEKDAY_DE, WEEKDAYS, OpeningSlot

SCHEDULE_ROWS = 4


def _set(form: Any, name: str, attr: str, value: Any) -> None:
    """Set choices/queryset of a declared field (typed as plain Field by the stubs)."""
    setattr(form.fields[name], attr, value)


class ProblemsMixin:
    """Show an action's per-field problems on the form (unknown fields as form errors)."""

    def apply_problems(self, problems: dict[str, list[str]]) -> None:
        for key, messages in problems.items():
            for m in messages:
                self.add_error(key if key in self.fields else None, m)  # type: ignore[attr-defined]


RHYTHM_CHOICES = [
    ("w1", _("jede Woche")),
    ("w2", _("alle 2 Wochen")),
    ("m1", _("jeden 1. im Monat")),
    ("m2", _("jeden 2. im Monat")),
    ("m3", _("jeden 3. im Monat")),
    ("m4", _("jeden 4. im Monat")),
    ("m-1", _("jeden letzten im Monat")),
]


class FinderForm(KernForm):
    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("z. B. Hausaufgaben")}),
    )
    alter = forms.IntegerField(
        label=_("Alter des Kindes (Jahre)"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "min_value": _("Bitte ein Alter ab 0 angeben."),
            "max_value": _("Bitte ein Alter bis %(limit_value)s angeben."),
            "invalid": _("Bitte das Alter als ganze Zahl angeben."),
        },
    )
    lebensphase = forms.ChoiceField(
        label=_("Lebensphase"),
        required=False,
        choices=[("", _("alle")), *labels.choices(LIFE_PHASES)],
    )
    thema = forms.ChoiceField(
        label=_("Thema"), required=False, choices=[("", _("alle")), *labels.choices(NEED_AREAS)]
    )
    stadtteil = forms.ChoiceField(label=_("Stadtteil"), required=False, choices=[("", _("alle"))])
    sprache = forms.ChoiceField(
        label=_("Sprache"),
        required=False,
        choices=[("", _("alle")), *labels.language_choices()],
    )
    kostenlos = forms.BooleanField(label=_("nur kostenlose Angebote"), required=False)
    barrierefrei = forms.BooleanField(label=_("nur barrierefrei zugängliche Orte"), required=False)

    def __init__(self, *args: Any, areas: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set(
            self,
            "stadtteil",
            "choices",
            [("", _("alle")), *((a.code, a.name) for a in (areas or []))],
        )

    def selects(self) -> list[dict[str, Any]]:
        """The select filters as plain data for the hand-written finder template."""
        out = []
        for name in ("lebensphase", "thema", "stadtteil", "sprache"):
            value = self.data.get(name, "") if self.is_bound else ""
            out.append(
                {
                    "name": name,
                    "label": self.fields[name].label,
                    "choices": getattr(self.fields[name], "choices", []),
                    "value": value,
                }
            )
        return out

    def query(self) -> FinderQuery:
        d = self.cleaned_data
        return FinderQuery(
            q=d.get("q") or "",
            age=d.get("alter"),
            life_phase=d.get("lebensphase") or "",
            need_area=d.get("thema") or "",
            area=d.get("stadtteil") or "",
            language=d.get("sprache") or "",
            free=bool(d.get("kostenlos")),
            barrier_free=bool(d.get("barrierefrei")),
        )


class ServiceForm(KernForm):
    """The full service entry; rows of opening hours work without JavaScript."""

    name = forms.CharField(label=_("Name des Angebots"), max_length=200)
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 5}))
    easy_summary = forms.CharField(
        label=_("Kurz in Leichter Sprache"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kurze Sätze, ein Gedanke pro Satz."),
    )
    life_phases = forms.MultipleChoiceField(
        label=_("Lebensphasen"),
        choices=labels.choices(LIFE_PHASES),
        widget=forms.CheckboxSelectMultiple,
    )
    need_areas = forms.MultipleChoiceField(
        label=_("Handlungsfelder"),
        choices=labels.choices(NEED_AREAS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"),
        choices=labels.choices(TARGET_GROUPS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    min_age = forms.IntegerField(label=_("Alter von (Jahre)"), required=False)
    max_age = forms.IntegerField(label=_("Alter bis (Jahre)"), required=False)
    is_free = forms.BooleanField(label=_("kostenlos"), required=False)
    reduced_available = forms.BooleanField(label=_("ermäßigt möglich"), required=False)
    but_eligible = forms.BooleanField(
        label=_("über Bildung und Teilhabe (BuT) abrechenbar"), required=False
    )
    fees_description = forms.CharField(label=_("Kosten (Hinweis)"), required=False, max_length=500)
    languages = forms.MultipleChoiceField(
        label=_("Sprachen im Angebot"),
        choices=labels.language_choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    application_process = forms.CharField(
        label=_("So bekommen Sie das Angebot"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    eligibility = forms.CharField(
        label=_("Voraussetzungen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    url = forms.CharField(label=_("Internetseite"), required=False, max_length=300)
    email = forms.CharField(label=_("E-Mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices, initial="active")
    locations = forms.ModelMultipleChoiceField(
        label=_("Orte"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, tenant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tenant is not None:
            _set(
                self,
                "locations",
                "queryset",
                Location.objects.filter(tenant=tenant).order_by("name"),
            )
        for i in range(SCHEDULE_ROWS):
            n = i + 1
            self.fields[f"s{i}_days"] = forms.MultipleChoiceField(
                label=_("Öffnungszeit %(n)s: Tage") % {"n": n},
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(d, WEEKDAY_DE[d]) for d in WEEKDAYS],
            )
            self.fields[f"s{i}_from"] = forms.TimeField(
                label=_("Öffnungszeit %(n)s: von") % {"n": n},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"s{i}_to"] = forms.TimeField(
                label=_("Öffnungszeit %(n)s: bis") % {"n": n},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"s{i}_rhythm"] = forms.ChoiceField(
                label=_("Öffnungszeit %(n)s: Rhythmus") % {"n": n},
                choices=RHYTHM_CHOICES,
                required=False,
            )
        for code, lang_name in labels.content_languages():
            if code == "de":
                continue
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(l)s)") % {"l": lang_name}, required=False, max_length=200
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Beschreibung (%(l)s)") % {"l": lang_name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "lang": code}),
            )
            self.fields[f"name_{code}"].widget.attrs.update({"dir": "auto", "lang": code})

    def schedule_rows(self) -> list[list[Any]]:
        return [
            [self[f"s{i}_days"], self[f"s{i}_from"], self[f"s{i}_to"], self[f"s{i}_rhythm"]]
            for i in range(SCHEDULE_ROWS)
        ]

    def translation_rows(self) -> list[tuple[str, Any, Any]]:
        return [
            (name, self[f"name_{c}"], self[f"description_{c}"])
            for c, name in labels.content_languages()
            if c != "de"
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(SCHEDULE_ROWS):
            days, start, end = data.get(f"s{i}_days"), data.get(f"s{i}_from"), data.get(f"s{i}_to")
            if (days or start or end) and not (days and start and end):
                self.add_error(
                    f"s{i}_days",
                    _("Öffnungszeit %(n)s: bitte Tage, Beginn und Ende angeben.") % {"n": i + 1},
                )
        return data

    def to_data(self) -> ServiceData:
        d = self.cleaned_data
        slots = []
        for i in range(SCHEDULE_ROWS):
            days, start, end = d.get(f"s{i}_days"), d.get(f"s{i}_from"), d.get(f"s{i}_to")
            if not (days and start and end):
                continue
            rhythm = d.get(f"s{i}_rhythm") or "w1"
            if rhythm.startswith("m"):
                slots.append(
                    OpeningSlot(
                        weekdays=tuple(days),
                        opens_at=start,
                        closes_at=end,
                        freq="MONTHLY",
                        setpos=int(rhythm[1:]),
                    )
                )
            else:
                slots.append(
                    OpeningSlot(
                        weekdays=tuple(days),
                        opens_at=start,
                        closes_at=end,
                        interval=int(rhythm[1:]),
                    )
                )
        translations = {
            code: Translation(d.get(f"name_{code}") or "", d.get(f"description_{code}") or "")
            for code, _n in CONTENT_LANGUAGES
            if code != "de"
            and (
                (d.get(f"name_{code}") or "").strip()
                or (d.get(f"description_{code}") or "").strip()
            )
        }
        return ServiceData(
            name=d["name"],
            description=d["description"],
            easy_summary=d.get("easy_summary") or "",
            life_phases=tuple(d.get("life_phases") or ()),
            need_areas=tuple(d.get("need_areas") or ()),
            target_groups=tuple(d.get("target_groups") or ()),
            languages=tuple(d.get("languages") or ()),
            min_age=d.get("min_age"),
            max_age=d.get("max_age"),
            is_free=bool(d.get("is_free")),
            reduced_available=bool(d.get("reduced_available")),
            but_eligible=bool(d.get("but_eligible")),
            fees_description=d.get("fees_description") or "",
            application_process=d.get("application_process") or "",
            eligibility=d.get("eligibility") or "",
            url=d.get("url") or "",
            email=d.get("email") or "",
            phone=d.get("phone") or "",
            status=d.get("status") or "active",
            location_ids=tuple(sorted(loc.pk for loc in d.get("locations") or [])),
            schedules=tuple(slots),
            translations=translations,
        )

    @classmethod
    def initial_from(cls, data: ServiceData) -> dict[str, Any]:
        initial: dict[str, Any] = {
            k: getattr(data, k)
            for k in (
                "name",
                "description",
                "easy_summary",
                "min_age",
                "max_age",
                "is_free",
                "reduced_available",
                "but_eligible",
                "fees_description",
                "application_process",
                "eligibility",
                "url",
                "email",
                "phone",
                "status",
            )
        }
        initial.update(
            life_phases=list(data.life_phases),
            need_areas=list(data.need_areas),
            target_groups=list(data.target_groups),
            languages=list(data.languages),
            locations=list(data.location_ids),
        )
        for i, s in enumerate(data.schedules[:SCHEDULE_ROWS]):
            rhythm = f"m{s.setpos}" if s.freq == "MONTHLY" else f"w{s.interval}"
            initial.update(
                {
                    f"s{i}_days": list(s.weekdays),
                    f"s{i}_from": s.opens_at,
                    f"s{i}_to": s.closes_at,
                    f"s{i}_rhythm": rhythm,
                }
            )
        for code, tr in data.translations.items():
            initial[f"name_{code}"] = tr.name
            initial[f"description_{code}"] = tr.description
        return initial

    def apply_problems(self, problems: dict[str, list[str]]) -> None:
        mapping = {"min_age": "min_age", "location_ids": "locations", "schedule": None}
        for key, messages in problems.items():
            target = mapping.get(key, key)
            for m in messages:
                self.add_error(target if target in self.fields else None, m)


class OrganizationForm(ProblemsMixin, KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=OrganizationKind.choices)
    alternate_name = forms.CharField(label=_("Kurzname"), required=False, max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.CharField(label=_("E-Mail"), required=False, max_length=254)
    website = forms.CharField(label=_("Internetseite"), required=False, max_length=300)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40)
    legal_status = forms.CharField(label=_("Rechtsform"), required=False, max_length=100)


class ContactForm(ProblemsMixin, KernForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Funktion"), required=False, max_length=200)
    email = forms.CharField(label=_("E-Mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40)
    is_public = forms.BooleanField(
        label=_("im öffentlichen Verzeichnis zeigen (nur mit Einverständnis der Person)"),
        required=False,
    )


class LocationForm(ProblemsMixin, KernForm):
    name = forms.CharField(label=_("Name des Ortes"), max_length=200)
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200)
    postal_code = forms.CharField(label=_("PLZ"), max_length=10)
    city = forms.CharField(label=_("Ort"), max_length=100, initial="Weiterstadt")
    organization = forms.ModelChoiceField(
        label=_("Träger"), queryset=Organization.objects.none(), required=False
    )
    barrier_free = forms.BooleanField(label=_("barrierefrei zugänglich"), required=False)
    accessibility_note = forms.CharField(
        label=_("Barrierefreiheit (Details)"), required=False, max_length=500
    )

    def __init__(self, *args: Any, tenant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tenant is not None:
            _set(
                self,
                "organization",
                "queryset",
                Organization.objects.filter(tenant=tenant).order_by("name"),
            )


class AgreementForm(ProblemsMixin, KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    subject = forms.CharField(
        label=_("Gegenstand"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Partner"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    signed_on = forms.DateField(
        label=_("unterzeichnet am"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("gültig bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, tenant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tenant is not None:
            _set(
                self,
                "parties",
                "queryset",
                Organization.objects.filter(tenant=tenant).order_by("name"),
            )


class MeetingForm(ProblemsMixin, KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Ort"), required=False, max_length=200)
    participant_count = forms.IntegerField(
        label=_("Zahl der Teilnehmenden"), required=False, min_value=1
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Teilnehmende Träger"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    topic_1 = forms.CharField(label=_("Thema 1"), required=False, max_length=200)
    result_1 = forms.CharField(
        label=_("Ergebnis zu Thema 1"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    topic_2 = forms.CharField(label=_("Thema 2"), required=False, max_length=200)
    result_2 = forms.CharField(
        label=_("Ergebnis zu Thema 2"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action_1 = forms.CharField(label=_("Vereinbarte Maßnahme"), required=False, max_length=300)
    action_1_by = forms.ModelChoiceField(
        label=_("verantwortlich"), queryset=Organization.objects.none(), required=False
    )
    action_1_due = forms.DateField(
        label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, tenant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if tenant is not None:
            orgs = Organization.objects.filter(tenant=tenant).order_by("name")
            _set(self, "participants", "queryset", orgs)
            _set(self, "action_1_by", "queryset", orgs)


class ProposalReviewForm(KernForm):
    note = forms.CharField(
        label=_("Begründung / Hinweis an den Träger"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProviderLinkForm(KernForm):
    label = forms.CharField(
        label=_("Für wen ist der Link?"),
        max_length=200,
        help_text=_("z. B. Name der Ansprechperson beim Träger"),
    )
    days = forms.IntegerField(label=_("gültig für Tage"), min_value=1, max_value=365, initial=180)


class HSDSImportForm(KernForm):
    publisher = forms.CharField(label=_("Herausgeber der Daten"), max_length=200)
    file = forms.FileField(
        label=_("HSDS-JSON-Datei"),
        help_text=_(
            "Angebote (services) oder Träger (organizations) im Format Open Referral HSDS 3.0"
        ),
    )
    import_duplicates = forms.BooleanField(
        label=_("mögliche Dubletten trotzdem übernehmen"), required=False
    )
