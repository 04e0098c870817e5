"""Participation concepts (mandate 3 of the agreement) and their roll-out in
institutions (Kitas, schools, youth work)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interprochance.core.labels import choices as _choices
from interprochance.core.labels import label
from interprochance.participation.staircase import (
    IMPACT_STAGES,
    IMPLEMENTATION_STAGES,
    INSTITUTION_KINDS,
    LIFE_PHASES,
)


class Concept(models.Model):
    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="concepts")
    code = models.SlugField(_("Kürzel"), max_length=80)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    goal = models.TextField(_("Ziel"))
    target_group = models.CharField(_("Zielgruppe"), max_length=300)
    life_phase = models.CharField(_("Lebensphase"), max_length=20, choices=_choices(LIFE_PHASES))
    institution_kind = models.CharField(
        _("Art der Einrichtung"), max_length=20, choices=_choices(INSTITUTION_KINDS)
    )
    resources = models.TextField(_("Ressourcen"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Teilhabekonzept")
        verbose_name_plural = _("Teilhabekonzepte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "code"], name="participation_concept_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ConceptStage(models.Model):
    """One step of the concept's impact staircase, linked to monitoring
    indicators by their code."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("Stufe"), max_length=20, choices=_choices(IMPACT_STAGES))
    description = models.TextField(_("Erwartete Wirkung"))
    indicator_codes = models.JSONField(_("Indikatoren"), default=list, blank=True)

    class Meta:
        verbose_name = _("Wirkungsstufe")
        verbose_name_plural = _("Wirkungsstufen")
        constraints = [
            models.UniqueConstraint(fields=["concept", "stage"], name="participation_stage_unique")
        ]

    def __str__(self) -> str:
        return f"{self.concept}: {self.get_stage_display()}"


class Implementation(models.Model):
    tenant = models.ForeignKey(
        "core.Tenant", on_delete=models.PROTECT, related_name="implementations"
    )
    concept = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="implementations")
    institution = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, related_name="implementations"
    )
    stage = models.CharField(
        _("Stand"), max_length=20, choices=_choices(IMPLEMENTATION_STAGES), default="planned"
    )
    responsible = models.CharField(
        _("Verantwortlich (Funktion)"),
        max_length=200,
        help_text=_("Funktion, z. B. Kita-Leitung; keine Privatadressen."),
    )
    participation = models.TextField(
        _("Beteiligung der Kinder und Jugendlichen"),
        blank=True,
        help_text=_("Wie Kinder und Jugendliche mitgewirkt haben."),
    )
    evaluation = models.TextField(_("Evaluationsergebnisse"), blank=True)
    started = models.DateField(_("Beginn"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Umsetzung")
        verbose_name_plural = _("Umsetzungen")
        ordering = ["concept__name", "institution__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "institution"], name="participation_implementation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.concept} – {self.institution}"


class Milestone(models.Model):
    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("Meilenstein"), max_length=200)
    due = models.DateField(_("geplant bis"))
    done_on = models.DateField(_("erreicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class StageChange(models.Model):
    """History of an implementation's stages (who moved it when and why)."""

    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, blank=True)
    to_stage = models.CharField(max_length=20)
    changed_on = models.DateField(_("am"))
    note = models.TextField(_("Anmerkung"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_stage=models.F("to_stage")),
                name="participation_stage_change_moves",
            )
        ]

    def __str__(self) -> str:
        return f"{self.changed_on}: {self.from_stage or '-'} -> {self.to_stage}"

    @property
    def from_label(self) -> str:
        """The previous stage in the reader's language ("" for the first entry)."""
        return label(IMPLEMENTATION_STAGES, self.from_stage) if self.from_stage else ""

    @property
    def to_label(self) -> str:
        return label(IMPLEMENTATION_STAGES, self.to_stage)
