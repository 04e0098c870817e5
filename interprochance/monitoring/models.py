"""Monitoring data: measures (counted facts), indicators (ratios of measures),
facts per area and period, import batches (recorded, revertible), per-tenant
disclosure rules and data-quality flags."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interprochance.core import labels
from interprochance.core.models import Area, Tenant

from .disclosure import DisclosureRules

PERIOD_RE = r"^\d{4}(-Q[1-4])?$"


# Stored catalogue texts (catalogue.py seeds them in German, marked for translation)
# in the reader's language; names someone typed have no entry and show as typed.
catalogue_text = labels.text


class MeasureKind(models.TextChoices):
    COUNT = "count", _("Anzahl (geschützt)")
    VALUE = "value", _("Kennwert (veröffentlichter Wert)")


class Measure(models.Model):
    """A counted fact per area and period (e.g. children under 15)."""

    code = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=8, choices=MeasureKind.choices, default=MeasureKind.COUNT
    )
    unit = models.CharField(_("Einheit"), max_length=60, default="Anzahl")
    source = models.CharField(_("Quelle"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    provider = models.CharField(_("liefernder Baustein"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("Messgröße")
        verbose_name_plural = _("Messgrößen")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (catalogue measures are translated)."""
        return catalogue_text(self.name)

    @property
    def unit_label(self) -> str:
        return catalogue_text(self.unit)


class Direction(models.TextChoices):
    HIGHER_WORSE = "worse", _("höher = ungünstiger")
    HIGHER_BETTER = "better", _("höher = günstiger")
    NEUTRAL = "neutral", _("keine Wertung")


class LifePhase(models.TextChoices):
    BIRTH = "geburt", _("rund um die Geburt")
    EARLY = "fruehe_kindheit", _("frühe Kindheit/Kita")
    PRIMARY = "grundschule", _("Grundschule")
    SECONDARY = "sekundarstufe", _("Sekundarstufe I")
    TRANSITION = "uebergang", _("Übergang Schule–Beruf")
    ALL = "alle", _("übergreifend")


class Indicator(models.Model):
    """numerator / denominator x factor (DHIS2 style), or a published value."""

    code = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    topic = models.CharField(_("Thema"), max_length=100)
    life_phase = models.CharField(_("Lebensphase"), max_length=20, choices=LifePhase.choices)
    direction = models.CharField(_("Richtung"), max_length=8, choices=Direction.choices)
    unit = models.CharField(_("Einheit"), max_length=60, default="%")
    numerator = models.ForeignKey(
        Measure, verbose_name=_("Zähler"), on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        Measure,
        verbose_name=_("Nenner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    factor = models.DecimalField(_("Faktor"), max_digits=10, decimal_places=2, default=100)
    decimals = models.PositiveSmallIntegerField(_("Nachkommastellen"), default=1)
    source = models.CharField(_("Quelle"), max_length=300)
    data_owner = models.CharField(_("Datenhalter"), max_length=200)
    update_rhythm = models.CharField(_("Aktualisierung"), max_length=60, default="jährlich")
    definition = models.TextField(_("Definition"))
    is_public = models.BooleanField(_("öffentlich"), default=True)
    sort = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["sort", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(numerator=models.F("denominator")), name="indicator_distinct_measures"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ratio(self) -> bool:
        return self.denominator_id is not None

    # The texts in the reader's language (catalogue indicators are translated,
    # user-created ones show as typed); codes and stored values stay German.
    @property
    def label(self) -> str:
        return catalogue_text(self.name)

    @property
    def topic_label(self) -> str:
        return catalogue_text(self.topic)

    @property
    def unit_label(self) -> str:
        return catalogue_text(self.unit)

    @property
    def definition_label(self) -> str:
        return catalogue_text(self.definition)

    @property
    def update_rhythm_label(self) -> str:
        return catalogue_text(self.update_rhythm)


class BatchKind(models.TextChoices):
    FILE = "file", _("Datei-Import")
    REFERENCE = "reference", _("Referenzdaten")
    EXTRACT = "extract", _("Einzeldaten-Auszug (aggregiert)")
    PROVIDER = "provider", _("Baustein")
    DEMO = "demo", _("Demodaten")


class ImportBatch(models.Model):
    """One import: what came in, from where, by whom; revertible."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Art"), max_length=12, choices=BatchKind.choices)
    label = models.CharField(_("Bezeichnung"), max_length=300)
    filename = models.CharField(_("Datei"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    attribution = models.CharField(_("Namensnennung"), max_length=300, blank=True)
    rows = models.PositiveIntegerField(_("Zeilen"), default=0)
    created = models.DateTimeField(_("importiert am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted = models.DateTimeField(_("zurückgenommen am"), null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.label


class Fact(models.Model):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("Zeitraum"), max_length=7)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="facts")
    value = models.DecimalField(_("Wert"), max_digits=16, decimal_places=4)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="facts")
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Datenwert")
        verbose_name_plural = _("Datenwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period", "measure"], name="fact_area_period_measure"
            ),
            models.CheckConstraint(condition=Q(period__regex=PERIOD_RE), name="fact_period_format"),
        ]
        indexes = [models.Index(fields=["measure", "period"])]

    def __str__(self) -> str:
        return f"{self.area_id}/{self.period}/{self.measure_id}={self.value}"


class FactChange(models.Model):
    """What an import changed, so that it can be reverted exactly."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    old_value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    old_batch = models.ForeignKey(
        ImportBatch, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # whether the replaced value was marked synthetic (False when there was none);
    # restored on revert together with value and batch
    old_synthetic = models.BooleanField(default=False)
    new_value = models.DecimalField(max_digits=16, decimal_places=4)

    def __str__(self) -> str:
        return (
            f"{self.area_id}/{self.period}/{self.measure_id}: {self.old_value} -> {self.new_value}"
        )


class ReferenceLevel(models.TextChoices):
    KREIS = "kreis", _("Kreis / kreisfreie Stadt")


class ReferenceValue(models.Model):
    """A published value of an area outside the own area hierarchy, kept only for
    comparison (e.g. every Kreis of Hessen from INKAR). Keyed by the official code
    (AGS), deliberately not an ``Area``: it never enters the territory, maps,
    disclosure control or tenant data. Published aggregates, no protection needed."""

    area_code = models.CharField(_("Kennziffer"), max_length=12)
    area_name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=8, choices=ReferenceLevel.choices)
    period = models.CharField(_("Zeitraum"), max_length=7)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="reference_values")
    value = models.DecimalField(_("Wert"), max_digits=16, decimal_places=4)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Vergleichswert")
        verbose_name_plural = _("Vergleichswerte")
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "period", "measure"], name="reference_area_period_measure"
            ),
            models.CheckConstraint(
                condition=Q(period__regex=PERIOD_RE), name="reference_period_format"
            ),
        ]
        indexes = [models.Index(fields=["measure", "period"])]

    def __str__(self) -> str:
        return f"{self.area_code}/{self.period}/{self.measure_id}={self.value}"


class ReferenceChange(models.Model):
    """What an import changed in the comparison values, so that it can be reverted."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="reference_changes"
    )
    area_code = models.CharField(max_length=12)
    period = models.CharField(max_length=7)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    old_value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    old_area_name = models.CharField(max_length=200, blank=True)
    old_batch = models.ForeignKey(
        ImportBatch, null=True, on_delete=models.PROTECT, related_name="+"
    )
    new_value = models.DecimalField(max_digits=16, decimal_places=4)

    def __str__(self) -> str:
        return f"{self.area_code}/{self.period}/{self.measure_id}: {self.old_value} -> {self.new_value}"


class DisclosureRuleSet(models.Model):
    """Disclosure rules of one tenant (defaults: minimum count 3)."""

    tenant = models.OneToOneField(Tenant, on_delete=models.CASCADE, related_name="+")
    min_count = models.PositiveSmallIntegerField(_("Mindestfallzahl"), default=3)
    min_denominator = models.PositiveSmallIntegerField(_("Mindestgröße Bezugsgröße"), default=10)
    protect_complement = models.BooleanField(_("Restgruppe schützen"), default=True)
    dominance_n = models.PositiveSmallIntegerField(_("Dominanz: n größte Beiträge"), default=1)
    dominance_k = models.DecimalField(
        _("Dominanz: Anteil in %"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Geheimhaltungsregeln")
        verbose_name_plural = _("Geheimhaltungsregeln")
        constraints = [
            models.CheckConstraint(condition=Q(min_count__gte=1), name="rules_min_count_positive"),
            models.CheckConstraint(
                condition=Q(dominance_k__isnull=True)
                | (Q(dominance_k__gt=0) & Q(dominance_k__lte=100)),
                name="rules_dominance_pct",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}: min {self.min_count}/{self.min_denominator}"

    def as_rules(self) -> DisclosureRules:
        return DisclosureRules(
            min_count=self.min_count,
            min_denominator=self.min_denominator,
            protect_complement=self.protect_complement,
            dominance_n=self.dominance_n,
            dominance_k=float(self.dominance_k) if self.dominance_k is not None else None,
        )


class QualityFlag(models.Model):
    """A finding of the data-quality checks, with a follow-up status."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        CHECKED = "checked", _("geprüft, Wert korrekt")
        CORRECTED = "corrected", _("korrigiert")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    subject = models.CharField(_("Gegenstand"), max_length=60)  # measure or indicator code
    rule = models.CharField(_("Prüfregel"), max_length=40)
    message = models.CharField(_("Befund"), max_length=400)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.CharField(_("Vermerk"), max_length=400, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Prüfbefund")
        verbose_name_plural = _("Prüfbefunde")
        ordering = ["status", "-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "area", "period", "subject", "rule"], name="quality_flag_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id}/{self.period}/{self.subject}: {self.rule}"


ZERO = Decimal(0)
