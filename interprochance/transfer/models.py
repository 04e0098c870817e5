"""Knowledge transfer: success conditions and their assessments per
municipality, guideline steps and lessons learnt."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SuccessCondition(models.Model):
    """Gelingensbedingung. The catalogue is kept by a tenant (normally the
    Landkreis) and assessed by every Gemeinde."""

    tenant = models.ForeignKey(
        "core.Tenant", on_delete=models.PROTECT, related_name="success_conditions"
    )
    code = models.SlugField(_("Kürzel"), max_length=80)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    category = models.CharField(_("Bereich"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Gelingensbedingung")
        verbose_name_plural = _("Gelingensbedingungen")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "code"], name="transfer_condition_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.IntegerChoices):
    NOT_MET = 1, _("nicht erfüllt")
    STARTED = 2, _("in Ansätzen")
    MOSTLY = 3, _("weitgehend erfüllt")
    MET = 4, _("erfüllt")


class Assessment(models.Model):
    """How far one municipality meets a success condition on a given day."""

    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="assessments")
    condition = models.ForeignKey(
        SuccessCondition, on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("bewertet am"))
    rating = models.PositiveSmallIntegerField(_("Bewertung"), choices=Rating.choices)
    note = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        ordering = ["-assessed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "condition", "assessed_on"], name="transfer_assessment_unique"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=4),
                name="transfer_assessment_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.condition_id}@{self.assessed_on}: {self.rating}"


class GuidelineStep(models.Model):
    tenant = models.ForeignKey(
        "core.Tenant", on_delete=models.PROTECT, related_name="guideline_steps"
    )
    code = models.SlugField(_("Kürzel"), max_length=80)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    name = models.CharField(_("Schritt"), max_length=200)
    text = models.TextField(_("Beschreibung"))
    roles = models.JSONField(_("Rollen"), default=list, blank=True)
    checklist = models.JSONField(_("Checkliste"), default=list, blank=True)

    class Meta:
        verbose_name = _("Leitfaden-Schritt")
        verbose_name_plural = _("Leitfaden-Schritte")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="transfer_step_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Lesson(models.Model):
    """A lesson recorded along the way (no personal data)."""

    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="lessons")
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Erfahrung"))
    recorded_on = models.DateField(_("festgehalten am"))

    class Meta:
        verbose_name = _("Erfahrung")
        verbose_name_plural = _("Erfahrungen")
        ordering = ["-recorded_on", "pk"]

    def __str__(self) -> str:
        return self.title
