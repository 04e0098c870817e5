"""Core models: territory (the spine), tenants, memberships, institutions,
sources, the audit trail and background jobs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core.roles import Role

#: key of the source of the schematic demo boundaries (cut from a real Gemeinde polygon);
#: every map that shows them says they are not official boundaries
SCHEMATIC_BOUNDARIES_KEY = "demo-grenzen-schematisch"


class Source(models.Model):
    """Where a piece of reference data comes from, with the attribution its licence demands."""

    key = models.SlugField(_("Schlüssel"), max_length=80, unique=True)
    title = models.CharField(_("Titel"), max_length=300)
    publisher = models.CharField(_("Herausgeber"), max_length=300, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=200, blank=True)
    attribution = models.TextField(_("Namensnennung"), blank=True)
    url = models.URLField(_("Adresse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_schematic_boundaries(self) -> bool:
        return self.key == SCHEMATIC_BOUNDARIES_KEY


class AreaLevel(models.TextChoices):
    LAND = "land", _("Land")
    LANDKREIS = "landkreis", _("Landkreis")
    GEMEINDE = "gemeinde", _("Gemeinde")
    ORTSTEIL = "ortsteil", _("Ortsteil")
    SOZIALRAUM = "sozialraum", _("Sozialraum")


LEVEL_ORDER = [
    AreaLevel.LAND,
    AreaLevel.LANDKREIS,
    AreaLevel.GEMEINDE,
    AreaLevel.ORTSTEIL,
    AreaLevel.SOZIALRAUM,
]


class AreaQuerySet(models.QuerySet["Area"]):
    def valid_on(self, day=None) -> AreaQuerySet:
        day = day or timezone.localdate()
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Area(models.Model):
    """A territorial unit with a validity period (boundaries change over time)."""

    code = models.CharField(_("Kennziffer"), max_length=32, help_text=_("AGS für Gemeinden"))
    name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=16, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("gültig ab"), default="1900-01-01")
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)
    geometry = models.JSONField(_("Geometrie (GeoJSON)"), null=True, blank=True)
    geometry_source = models.ForeignKey(
        "Source",
        verbose_name=_("Quelle der Grenze"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="boundary_areas",
        help_text=_("woher die Geometrie stammt (kann von der Quelle der Einwohnerzahl abweichen)"),
    )
    population = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    population_date = models.DateField(_("Stichtag Einwohner"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("Fläche km²"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.ForeignKey(
        Source, verbose_name=_("Quelle"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"], name="area_code_valid_from_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="area_validity_ordered",
            ),
        ]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Area]:
        chain: list[Area] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class TenantKind(models.TextChoices):
    LANDKREIS = "landkreis", _("Landkreis")
    GEMEINDE = "gemeinde", _("Gemeinde")


class Tenant(models.Model):
    """A Landkreis or a Gemeinde running its part of the prevention chain."""

    slug = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=16, choices=TenantKind.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), on_delete=models.PROTECT, related_name="tenants"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Landkreis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mandant")
        verbose_name_plural = _("Mandanten")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A role a user holds in one tenant."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rollenzuordnung")
        verbose_name_plural = _("Rollenzuordnungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "tenant", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.tenant} – {self.role}"


class InstitutionKind(models.TextChoices):
    SCHULE = "schule", _("Schule")
    KITA = "kita", _("Kita")
    FAMILIENZENTRUM = "familienzentrum", _("Familienzentrum")
    SONSTIGE = "sonstige", _("Sonstige Einrichtung")


class Institution(models.Model):
    """A real school, Kita or other institution of the territory."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="institutions")
    kind = models.CharField(_("Art"), max_length=20, choices=InstitutionKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    subtype = models.CharField(_("Typ"), max_length=200, blank=True)
    operator = models.CharField(_("Träger"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), null=True, blank=True, on_delete=models.PROTECT
    )
    size_note = models.CharField(_("Plätze/Größe"), max_length=200, blank=True)
    status_note = models.CharField(_("Prüfstatus"), max_length=200, blank=True)
    source_note = models.TextField(_("Quellenangabe"), blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("Einrichtung")
        verbose_name_plural = _("Einrichtungen")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "kind", "name"], name="institution_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Parity(models.TextChoices):
    ALL = "all", _("alle")
    ODD = "odd", _("ungerade")
    EVEN = "even", _("gerade")


class StreetSegment(models.Model):
    """Street directory row: a house-number range of a street in one area."""

    gemeinde = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="street_segments_in")
    street = models.CharField(_("Straße"), max_length=200)
    street_key = models.CharField(max_length=200, db_index=True)
    number_from = models.PositiveIntegerField(_("Hausnummer von"))
    number_to = models.PositiveIntegerField(_("Hausnummer bis"))
    parity = models.CharField(_("Seite"), max_length=4, choices=Parity.choices, default=Parity.ALL)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), on_delete=models.PROTECT, related_name="street_segments"
    )

    class Meta:
        verbose_name = _("Straßenabschnitt")
        verbose_name_plural = _("Straßenverzeichnis")
        ordering = ["street_key", "number_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number_to__gte=models.F("number_from")), name="street_range_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.number_from}–{self.number_to} ({self.get_parity_display()})"


class AuditEvent(models.Model):
    """Append-only, hash-chained audit trail. Never updated or deleted
    (a database trigger enforces this on PostgreSQL)."""

    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    tenant_slug = models.CharField(max_length=60, blank=True, db_index=True)
    action = models.CharField(max_length=80, db_index=True)
    entity = models.CharField(max_length=80, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.entity}:{self.object_id}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("läuft")
    DONE = "done", _("fertig")
    FAILED = "failed", _("fehlgeschlagen")


class Job(models.Model):
    """A long-running piece of work (import, report, optimiser run) with progress for the UI."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("Art"), max_length=80)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    tenant = models.ForeignKey(
        Tenant, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("Status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt"), default=0)
    message = models.TextField(_("Meldung"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")
        ordering = ["-created"]
        indexes = [models.Index(fields=["tenant", "-created"], name="job_tenant_newest")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_max_100")
        ]

    def __str__(self) -> str:
        return self.title


class DemoLoad(models.Model):
    """Which module's demo data is loaded (so `make run` can run load_demo every time)."""

    app = models.CharField(max_length=60, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Demo-Ladevorgang")
        verbose_name_plural = _("Demo-Ladevorgänge")

    def __str__(self) -> str:
        return self.app
