"""Counselling: offices, households (identity kept apart), cases and what hangs
on them, consent, referrals, public appointment requests, erasure and
retention records.

Identity (names, address, phone, e-mail) lives only in `HouseholdIdentity`;
case data refers to the household by its pseudonym. Retention deletes the
identity and anonymises the case (topics, area and dates stay for
statistics); the audit trail keeps identifiers only.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core.models import Area, Tenant


def new_pseudonym() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "HH-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Topic(models.TextChoices):
    MONEY = "money", _("Geld und Schulden")
    HOUSING = "housing", _("Wohnen")
    EDUCATION = "education", _("Bildung")
    HEALTH = "health", _("Gesundheit")
    WORK = "work", _("Arbeit")
    FAMILY = "family", _("Familie und Erziehung")
    MIGRATION = "migration", _("Aufenthalt und Migration")
    BENEFITS = "benefits", _("Leistungen und Behörden")


class CounsellingOffice(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="counselling_offices")
    name = models.CharField(_("Name"), max_length=200)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    languages = models.CharField(_("Sprachen"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OfficeMembership", related_name="counselling_offices"
    )

    class Meta:
        verbose_name = _("Beratungsstelle")
        verbose_name_plural = _("Beratungsstellen")
        ordering = ["tenant", "name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "name"], name="office_name_unique_in_tenant")
        ]

    def __str__(self) -> str:
        return self.name


class OfficeMembership(models.Model):
    office = models.ForeignKey(
        CounsellingOffice, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_memberships"
    )
    is_lead = models.BooleanField(_("Leitung der Beratungsstelle"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zugehörigkeit zur Beratungsstelle")
        verbose_name_plural = _("Zugehörigkeiten zu Beratungsstellen")
        constraints = [
            models.UniqueConstraint(fields=["office", "user"], name="office_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.office_id}"


class Household(models.Model):
    """A family as the case data sees it: pseudonym, area, language. No names."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="counselling_households"
    )
    office = models.ForeignKey(
        CounsellingOffice, on_delete=models.PROTECT, related_name="households"
    )
    pseudonym = models.CharField(_("Kennung"), max_length=16, unique=True, default=new_pseudonym)
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), null=True, blank=True, on_delete=models.PROTECT
    )
    language = models.CharField(_("Sprache"), max_length=60, blank=True)
    housing_cost_cents = models.PositiveIntegerField(_("Wohnkosten (Cent/Monat)"), default=0)
    current_benefits = models.JSONField(_("bezogene Leistungen"), default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Haushalt")
        verbose_name_plural = _("Haushalte")
        indexes = [models.Index(fields=["office", "pseudonym"])]

    def __str__(self) -> str:
        return self.pseudonym


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-Mail")
    POST = "post", _("Post")
    IN_PERSON = "in_person", _("persönlich")


class HouseholdIdentity(models.Model):
    """Who the family is and how to reach it: kept apart, deleted by retention/erasure."""

    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="identity")
    contact_name = models.CharField(_("Name der Kontaktperson"), max_length=200)
    other_names = models.CharField(
        _("weitere Haushaltsmitglieder (Namen)"), max_length=500, blank=True
    )
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    preferred_channel = models.CharField(
        _("bevorzugter Kontaktweg"),
        max_length=16,
        choices=ContactChannel.choices,
        default=ContactChannel.PHONE,
    )
    search_key = models.CharField(max_length=200, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("Identität des Haushalts")
        verbose_name_plural = _("Identitäten der Haushalte")

    def __str__(self) -> str:
        return f"identity of {self.household_id}"

    def save(self, *args, **kwargs):
        self.search_key = self.contact_name.casefold()
        super().save(*args, **kwargs)


class MemberRole(models.TextChoices):
    ADULT = "adult", _("Elternteil / erwachsene Person")
    CHILD = "child", _("Kind")


class Schooling(models.TextChoices):
    NONE = "none", _("keine")
    KITA = "kita", _("Kita")
    SCHOOL = "school", _("Schule")
    TRAINING = "training", _("Ausbildung / Studium")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("Rolle"), max_length=8, choices=MemberRole.choices)
    birth_date = models.DateField(_("Geburtsdatum"))
    schooling = models.CharField(
        _("Kita/Schule"), max_length=10, choices=Schooling.choices, default=Schooling.NONE
    )
    gross_earned_cents = models.PositiveIntegerField(_("Bruttoerwerbseinkommen (Cent)"), default=0)
    net_earned_cents = models.PositiveIntegerField(_("Nettoerwerbseinkommen (Cent)"), default=0)
    other_income_cents = models.PositiveIntegerField(_("sonstiges Einkommen (Cent)"), default=0)
    kindergeld = models.BooleanField(_("Kindergeld wird bezogen"), default=False)
    able_to_work = models.BooleanField(_("erwerbsfähig"), default=True)
    pregnant = models.BooleanField(_("schwanger"), default=False)

    class Meta:
        verbose_name = _("Haushaltsmitglied")
        verbose_name_plural = _("Haushaltsmitglieder")
        ordering = ["role", "birth_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(net_earned_cents__lte=models.F("gross_earned_cents")),
                name="member_net_le_gross",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.household_id}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("offen")
    CLOSED = "closed", _("abgeschlossen")


class Outcome(models.TextChoices):
    ACHIEVED = "achieved", _("Ziele erreicht")
    PARTLY = "partly", _("Ziele teilweise erreicht")
    REFERRED = "referred", _("an anderes Angebot übergeben")
    ENDED_BY_FAMILY = "ended_by_family", _("von der Familie beendet")
    MOVED = "moved", _("weggezogen")
    OTHER = "other", _("sonstiges")


class Case(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="counselling_cases")
    office = models.ForeignKey(CounsellingOffice, on_delete=models.PROTECT, related_name="cases")
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    number = models.CharField(_("Aktenzeichen"), max_length=20)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselling_cases",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("Gebiet"), null=True, blank=True, on_delete=models.PROTECT
    )
    status = models.CharField(
        _("Status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    summary = models.CharField(_("Anliegen (kurz)"), max_length=300, blank=True)
    opened_on = models.DateField(_("eröffnet am"), default=timezone.localdate)
    closed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices, blank=True)
    closure_note = models.TextField(_("Abschlussvermerk"), blank=True)
    retention_hold = models.BooleanField(_("Löschsperre"), default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Beratungsfall")
        verbose_name_plural = _("Beratungsfälle")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "number"], name="case_number_unique_in_tenant"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="case_closed_needs_date_and_outcome",
            ),
        ]
        indexes = [
            # the counsellor's list: PostgreSQL cannot take the order through an
            # "IS NULL" column, hence a partial index on the visible (non-anonymised) cases
            models.Index(
                fields=["office", "-opened_on", "-id"],
                name="case_office_visible_idx",
                condition=Q(anonymised_at__isnull=True),
            ),
            models.Index(
                fields=["office", "status", "-opened_on", "-id"], name="case_office_status_idx"
            ),
            models.Index(fields=["office", "number"], name="case_office_number_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class CaseTopic(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("Thema"), max_length=16, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "topic"], name="case_topic_unique")]
        indexes = [models.Index(fields=["topic", "case"])]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.topic}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("offen")
    ACHIEVED = "achieved", _("erreicht")
    DROPPED = "dropped", _("aufgegeben")


class Goal(models.Model):
    """A goal or agreement made with the family (Hilfeplanung)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("Ziel / Vereinbarung"), max_length=500)
    agreed_on = models.DateField(_("vereinbart am"))
    review_on = models.DateField(_("überprüfen am"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return self.text


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("persönlich in der Beratungsstelle")
    HOME_VISIT = "home_visit", _("Hausbesuch")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")
    WRITTEN = "written", _("schriftlich / E-Mail")


class Contact(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("Datum"))
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"))
    channel = models.CharField(_("Kontaktart"), max_length=12, choices=Channel.choices)
    participants = models.CharField(_("Beteiligte"), max_length=300, blank=True)
    notes = models.TextField(_("Notizen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=1440),
                name="contact_duration_range",
            )
        ]
        indexes = [models.Index(fields=["case", "-date"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.date}"


class CaseTask(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("Aufgabe"), max_length=300)
    due_on = models.DateField(_("fällig am"))
    remind_on = models.DateField(_("erinnern am"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


def document_path(instance: Document, filename: str) -> str:
    return f"counseling/{instance.case.tenant_id}/{instance.case_id}/{secrets.token_hex(16)}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("Größe (Byte)"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=document_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("schriftlich")
    ELECTRONIC = "electronic", _("elektronisch")
    ORAL = "oral", _("mündlich (dokumentiert)")


class ConsentPurpose(models.TextChoices):
    REFERRAL = "referral", _("Vermittlung an ein Angebot")
    FUND = "fund", _("Antrag beim Sozialfonds")
    EXCHANGE = "exchange", _("Austausch mit Fachkräften")


class Consent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=12, choices=ConsentPurpose.choices)
    recipients = models.JSONField(_("Empfänger (Schlüssel)"), default=list)
    recipient_label = models.CharField(_("Empfänger"), max_length=300)
    categories = models.JSONField(_("Datenarten"), default=list)
    given_on = models.DateField(_("erteilt am"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    form = models.CharField(_("Form"), max_length=12, choices=ConsentForm.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.given_on}"


class ReferralState(models.TextChoices):
    SENT = "sent", _("gesendet")
    ACCEPTED = "accepted", _("angenommen")
    REJECTED = "rejected", _("abgelehnt")
    DONE = "done", _("erledigt")
    REVOKED = "revoked", _("zurückgezogen")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_office = models.ForeignKey(
        CounsellingOffice, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_office = models.ForeignKey(
        CounsellingOffice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    to_service_id = models.PositiveIntegerField(null=True, blank=True)
    to_label = models.CharField(_("an"), max_length=300)
    state = models.CharField(
        _("Stand"), max_length=10, choices=ReferralState.choices, default=ReferralState.SENT
    )
    reason = models.TextField(_("Anlass"), blank=True)
    categories = models.JSONField(_("übermittelte Datenarten"), default=list)
    handover = models.JSONField(_("übergebene Daten"), default=dict, blank=True)
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    override_reason = models.TextField(_("Begründung ohne Einwilligung"), blank=True)
    override_role = models.CharField(max_length=32, blank=True)
    feedback = models.TextField(_("Rückmeldung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_office__isnull=False) | Q(to_service_id__isnull=False),
                name="referral_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.to_label}"


class RequestStatus(models.TextChoices):
    NEW = "new", _("neu")
    CONTACTED = "contacted", _("Kontakt aufgenommen")
    CONVERTED = "converted", _("Fall angelegt")
    DISMISSED = "dismissed", _("erledigt ohne Fall")


class AppointmentRequest(models.Model):
    """A request from the public form. Minimal data; deleted after the retention period."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="appointment_requests"
    )
    office = models.ForeignKey(
        CounsellingOffice, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    topic = models.CharField(_("Thema"), max_length=16, choices=Topic.choices)
    language = models.CharField(_("Sprache"), max_length=60)
    channel = models.CharField(
        _("Kontaktweg"), max_length=8, choices=[("phone", _("Telefon")), ("email", _("E-Mail"))]
    )
    reach = models.CharField(_("Telefon oder E-Mail"), max_length=200)
    name = models.CharField(_("Name oder Vorname"), max_length=100, blank=True)
    preferred_times = models.CharField(_("gut erreichbar"), max_length=200, blank=True)
    client_key = models.CharField(max_length=64, db_index=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Terminanfrage")
        verbose_name_plural = _("Terminanfragen")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return f"{self.topic} {self.created:%Y-%m-%d}"


class ErasureRequest(models.Model):
    """Art. 17 GDPR request, kept as a record after the data are gone (pseudonym only)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="erasure_requests")
    office = models.ForeignKey(
        CounsellingOffice, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_requests"
    )
    household_pseudonym = models.CharField(max_length=16)
    received_on = models.DateField(_("eingegangen am"))
    decision = models.CharField(
        _("Entscheidung"),
        max_length=10,
        choices=[("executed", _("gelöscht")), ("refused", _("abgelehnt"))],
    )
    reason = models.TextField(_("Begründung"), blank=True)
    report = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Löschersuchen")
        verbose_name_plural = _("Löschersuchen")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.household_pseudonym} {self.decision}"


class RetentionRun(models.Model):
    """The report of one retention run: what was due and what was done."""

    run_at = models.DateTimeField(default=timezone.now)
    as_of = models.DateField()
    report = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Löschlauf")
        verbose_name_plural = _("Löschläufe")
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"{self.as_of}"
