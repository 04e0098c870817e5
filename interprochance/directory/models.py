"""Directory: organisations (Träger), contacts, locations, the network, services.

Multi-valued vocabularies on a service (life phases, need areas, target
groups, languages, Stadtteile) are stored as ``|code|code|`` strings: the
finder filters them with one ``LIKE '%|code|%'`` per filter on both SQLite and
PostgreSQL, without joins, and the vocabularies are small and fixed
(``taxonomy.py``). Locations, schedules and translations are real tables.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core.models import Area, Institution, Tenant

from .taxonomy import CONTENT_LANGUAGES

STALE_AFTER = timedelta(days=365)


def codes_to_field(codes: list[str] | tuple[str, ...] | set[str]) -> str:
    cleaned = sorted({c for c in codes if c})
    return "|" + "|".join(cleaned) + "|" if cleaned else ""


def field_to_codes(value: str) -> list[str]:
    return [c for c in (value or "").split("|") if c]


class OrganizationKind(models.TextChoices):
    KOMMUNE = "kommune", _("Stadt / Kreis")
    KITA = "kita", _("Kita")
    SCHULE = "schule", _("Schule")
    TRAEGER = "traeger", _("Freier Träger")
    BERATUNG = "beratung", _("Beratungsstelle")
    VEREIN = "verein", _("Verein / Initiative")
    SONSTIGE = "sonstige", _("Sonstige")


class Organization(models.Model):
    """A Träger or other actor of the network."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="directory_organizations"
    )
    uuid = models.UUIDField(_("HSDS-ID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    alternate_name = models.CharField(_("Kurzname"), max_length=200, blank=True)
    kind = models.CharField(
        _("Art"), max_length=16, choices=OrganizationKind.choices, default=OrganizationKind.TRAEGER
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=20, blank=True, help_text=_("E.164"))
    legal_status = models.CharField(_("Rechtsform"), max_length=100, blank=True)
    institution = models.ForeignKey(
        Institution, verbose_name=_("Einrichtung"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "name"], name="directory_org_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person to contact at an organisation. Shown publicly only if `is_public`."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    title = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=20, blank=True)
    is_public = models.BooleanField(
        _("öffentlich zeigen"), default=False, help_text=_("Nur mit Einverständnis der Person.")
    )

    class Meta:
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="directory_locations")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("Name des Ortes"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postal_code = models.CharField(_("PLZ"), max_length=5)
    city = models.CharField(_("Ort"), max_length=100)
    area = models.ForeignKey(
        Area,
        verbose_name=_("Stadtteil / Sozialraum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    area_note = models.CharField(_("Hinweis zur Zuordnung"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    barrier_free = models.BooleanField(_("barrierefrei zugänglich"), default=False)
    accessibility_note = models.CharField(
        _("Barrierefreiheit (Details)"), max_length=500, blank=True
    )
    transportation = models.CharField(_("Anfahrt (Bus/Bahn)"), max_length=500, blank=True)
    institution = models.ForeignKey(
        Institution, verbose_name=_("Einrichtung"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


# ---- network ------------------------------------------------------------------


class CooperationAgreement(models.Model):
    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="directory_agreements"
    )
    title = models.CharField(_("Titel"), max_length=200)
    subject = models.TextField(_("Gegenstand"), blank=True)
    parties = models.ManyToManyField(
        Organization, verbose_name=_("Partner"), related_name="agreements"
    )
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Kooperationsvereinbarung")
        verbose_name_plural = _("Kooperationsvereinbarungen")
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=models.F("signed_on")),
                name="directory_agreement_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class NetworkMeeting(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="directory_meetings")
    title = models.CharField(_("Titel"), max_length=200)
    held_on = models.DateField(_("Datum"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Organization, verbose_name=_("Teilnehmende Träger"), related_name="meetings"
    )
    participant_count = models.PositiveIntegerField(
        _("Zahl der Teilnehmenden"), null=True, blank=True
    )
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Netzwerktreffen")
        verbose_name_plural = _("Netzwerktreffen")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d.%m.%Y})"


class MeetingTopic(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("Thema"), max_length=200)
    notes = models.TextField(_("Ergebnis"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    DONE = "erledigt", _("erledigt")
    DROPPED = "verworfen", _("verworfen")


class MeetingAction(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("Vereinbarte Maßnahme"), max_length=300)
    responsible = models.ForeignKey(
        Organization,
        verbose_name=_("verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    due_on = models.DateField(_("bis"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


# ---- services -----------------------------------------------------------------


class ServiceState(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    PROPOSED = "eingereicht", _("zur Prüfung eingereicht")
    PUBLISHED = "veroeffentlicht", _("veröffentlicht")
    ARCHIVED = "archiviert", _("archiviert")


class ServiceStatus(models.TextChoices):
    """HSDS service status."""

    ACTIVE = "active", _("aktiv")
    INACTIVE = "inactive", _("ruht")
    TEMPORARILY_CLOSED = "temporarily closed", _("vorübergehend geschlossen")
    DEFUNCT = "defunct", _("eingestellt")


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        return self.filter(state=ServiceState.PUBLISHED)

    def stale(self, today: date | None = None) -> ServiceQuerySet:
        today = today or timezone.localdate()
        return self.published().filter(
            Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=today - STALE_AFTER)
        )


class Service(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="directory_services")
    uuid = models.UUIDField(_("HSDS-ID"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("Träger"), on_delete=models.PROTECT, related_name="services"
    )
    state = models.CharField(
        _("Redaktionsstand"),
        max_length=16,
        choices=ServiceState.choices,
        default=ServiceState.DRAFT,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )

    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    easy_summary = models.TextField(_("In Leichter Sprache"), blank=True)
    application_process = models.TextField(_("So bekommen Sie das Angebot"), blank=True)
    eligibility = models.TextField(_("Voraussetzungen"), blank=True)
    fees_description = models.CharField(_("Kosten (Hinweis)"), max_length=500, blank=True)
    is_free = models.BooleanField(_("kostenlos"), default=False)
    reduced_available = models.BooleanField(_("ermäßigt möglich"), default=False)
    but_eligible = models.BooleanField(_("über BuT abrechenbar"), default=False)
    min_age = models.PositiveSmallIntegerField(_("Alter von"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Alter bis"), null=True, blank=True)

    life_phases = models.CharField(_("Lebensphasen"), max_length=200, blank=True, db_index=True)
    need_areas = models.CharField(_("Handlungsfelder"), max_length=300, blank=True)
    target_groups = models.CharField(_("Zielgruppen"), max_length=300, blank=True)
    languages = models.CharField(_("Sprachen"), max_length=200, blank=True)

    url = models.URLField(_("Internetseite"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=20, blank=True)

    # denormalised for the finder (maintained by services.service_refresh)
    area_codes = models.CharField(max_length=300, blank=True)
    barrier_free = models.BooleanField(default=False)
    weekly_hours = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    search_text = models.TextField(blank=True)

    last_confirmed = models.DateField(_("zuletzt bestätigt"), null=True, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)
    imported_from = models.CharField(_("importiert aus"), max_length=200, blank=True)
    external_id = models.CharField(_("externe ID"), max_length=64, blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="directory_service_age_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__lte=27),
                name="directory_service_age_max",
            ),
        ]
        indexes = [models.Index(fields=["tenant", "state", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def life_phase_codes(self) -> list[str]:
        return field_to_codes(self.life_phases)

    @property
    def need_area_codes(self) -> list[str]:
        return field_to_codes(self.need_areas)

    @property
    def target_group_codes(self) -> list[str]:
        return field_to_codes(self.target_groups)

    @property
    def language_codes(self) -> list[str]:
        return field_to_codes(self.languages)

    def is_stale(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.last_confirmed is None or self.last_confirmed < today - STALE_AFTER


class ServiceTranslation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("Sprache"), max_length=5, choices=[c for c in CONTENT_LANGUAGES if c[0] != "de"]
    )
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    application_process = models.TextField(_("Zugang"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="directory_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} [{self.language}]"


class ServiceAtLocation(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_locations")
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="service_locations"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_sal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Schedule(models.Model):
    """One opening-hours rule (RRULE) of a service, optionally at one location."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    freq = models.CharField(
        max_length=8,
        default="WEEKLY",
        choices=[("WEEKLY", _("wöchentlich")), ("MONTHLY", _("monatlich"))],
    )
    interval = models.PositiveSmallIntegerField(default=1)
    weekdays = models.CharField(max_length=30, help_text="MO,WE")
    setpos = models.SmallIntegerField(null=True, blank=True)
    opens_at = models.TimeField()
    closes_at = models.TimeField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="directory_schedule_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekdays} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class ProposalState(models.TextChoices):
    OPEN = "offen", _("offen")
    ACCEPTED = "uebernommen", _("übernommen")
    REJECTED = "abgelehnt", _("abgelehnt")


class ServiceProposal(models.Model):
    """A provider's proposed new service or change, reviewed by Netzwerkkoordination."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="directory_proposals")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="proposals"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    payload = models.JSONField()
    via = models.CharField(
        max_length=10, choices=[("login", _("Anmeldung")), ("link", _("persönlicher Link"))]
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_name = models.CharField(_("eingereicht von"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=12, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("Begründung"), max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Vorschlag {self.pk} ({self.state})"


class ProviderLink(models.Model):
    """A personal link with which a provider may propose entries without an account.

    Only the SHA-256 of the token is stored.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="provider_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("für"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(_("gültig bis"))
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.label

    def usable(self, today: date | None = None) -> bool:
        return not self.revoked and (today or timezone.localdate()) <= self.expires_on


class RevisionKind(models.TextChoices):
    CREATED = "angelegt", _("angelegt")
    UPDATED = "geaendert", _("geändert")
    PROPOSED = "vorgeschlagen", _("vorgeschlagen")
    PUBLISHED = "veroeffentlicht", _("veröffentlicht")
    CONFIRMED = "bestaetigt", _("bestätigt")
    REJECTED = "abgelehnt", _("abgelehnt")
    ARCHIVED = "archiviert", _("archiviert")
    IMPORTED = "importiert", _("importiert")


class ServiceRevision(models.Model):
    """Full history: a snapshot of the service after every change."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=16, choices=RevisionKind.choices)
    snapshot = models.JSONField()
    changed_fields = models.JSONField(default=list)
    actor_name = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.service_id} {self.kind} {self.created:%Y-%m-%d}"


class HSDSImport(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="directory_imports")
    filename = models.CharField(max_length=200)
    publisher = models.CharField(_("Herausgeber"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    organizations = models.PositiveIntegerField(default=0)
    services = models.PositiveIntegerField(default=0)
    duplicates = models.JSONField(default=list)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.publisher} ({self.created:%Y-%m-%d})"
