"""Bodies (Steuerungsgruppe, Projektbeirat), meetings, decisions, action
items, agreements with term rules, and archived status reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interprochance.governance.seats import BODY_KINDS, OTHER_SEAT


class BodyKind(models.TextChoices):
    STEUERUNGSGRUPPE = "steuerungsgruppe", _("Steuerungsgruppe")
    PROJEKTBEIRAT = "projektbeirat", _("Projektbeirat")
    SONSTIGES = "sonstiges", _("sonstiges Gremium")


SEAT_CHOICES = [(code, label) for seats in BODY_KINDS.values() for code, label in seats] + [
    OTHER_SEAT
]


class Body(models.Model):
    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField(_("Art"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Aufgabe"), blank=True)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "name"], name="governance_body_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    """A seat held in a body. Members are office holders acting in their
    public function; only name, function and organisation are stored."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    seat = models.CharField(_("Sitz"), max_length=40, choices=SEAT_CHOICES)
    since = models.DateField(_("seit"))
    until = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["seat", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="governance_member_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_seat_display()})"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    HELD = "held", _("durchgeführt")
    CANCELLED = "cancelled", _("abgesagt")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("Protokoll"), blank=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="governance_meeting_times_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("TOP"))
    title = models.CharField(_("Tagesordnungspunkt"), max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="governance_agenda_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"TOP {self.position}: {self.title}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("Beschluss"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("offen")
    DONE = "done", _("erledigt")


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.CharField(_("Verantwortlich"), max_length=200)
    due = models.DateField(_("fällig am"))
    status = models.CharField(
        _("Status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    follow_up = models.TextField(_("Nachverfolgung"), blank=True)

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(owner=""), name="governance_action_owner_required"),
            models.CheckConstraint(
                condition=(Q(status="done") & Q(done_on__isnull=False))
                | (Q(status="open") & Q(done_on__isnull=True)),
                name="governance_action_done_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Agreement(models.Model):
    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    parties = models.CharField(_("Vertragsparteien"), max_length=300)
    signed = models.DateField(_("unterzeichnet am"))
    signed_note = models.CharField(_("Hinweis zum Datum"), max_length=300, blank=True)
    initial_months = models.PositiveSmallIntegerField(_("Erstlaufzeit (Monate)"))
    renewal_months = models.PositiveSmallIntegerField(_("Verlängerung (Monate)"))
    notice_months = models.PositiveSmallIntegerField(_("Kündigungsfrist (Monate)"))
    written_form = models.BooleanField(_("Schriftform"), default=True)
    source_text = models.TextField(_("Wortlaut der Laufzeitregel"), blank=True)
    notice_received = models.DateField(_("Kündigung zugegangen am"), null=True, blank=True)
    notice_late_accepted = models.BooleanField(
        _("verspätete Kündigung zum nächsten Termin"), default=False
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        ordering = ["-signed"]

    def __str__(self) -> str:
        return self.title


class ReportKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quartalsbericht")
    YEARLY = "yearly", _("Jahresbericht")
    ON_DEMAND = "on_demand", _("Bericht auf Anforderung")


class StatusReport(models.Model):
    """An archived version of the status report to the councils."""

    tenant = models.ForeignKey(
        "core.Tenant", on_delete=models.PROTECT, related_name="status_reports"
    )
    kind = models.CharField(_("Art"), max_length=12, choices=ReportKind.choices)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    title = models.CharField(_("Titel"), max_length=200)
    sections = models.JSONField(_("Abschnitte"), default=list)
    html = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Statusbericht")
        verbose_name_plural = _("Statusberichte")
        ordering = ["-period_end", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "kind", "period_start", "period_end", "version"],
                name="governance_report_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="governance_report_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportTemplate(models.Model):
    """Which sections a status report holds, in which order (exported in
    the transfer bundle)."""

    tenant = models.ForeignKey(
        "core.Tenant", on_delete=models.PROTECT, related_name="report_templates"
    )
    code = models.SlugField(_("Kürzel"), max_length=80)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    sections = models.JSONField(_("Abschnitte"), default=list)

    class Meta:
        verbose_name = _("Berichtsvorlage")
        verbose_name_plural = _("Berichtsvorlagen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "code"], name="governance_template_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name
