"""School-assistance pool: cost bearers, children (pseudonyms, identity apart),
entitlements (Bewilligungen), assistants, pools, plans and monthly statements.

Legal bases: § 35a SGB VIII (Jugendamt) and § 112 SGB IX (Träger der
Eingliederungshilfe); joint provision for several entitled children rests on
§ 112 Abs. 4 SGB IX and § 27 Abs. 3 SGB VIII and needs the consent recorded
on the entitlement.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DAYS = ("mo", "tu", "we", "th", "fr")
DAY_LABELS = {
    "mo": _("Montag"),
    "tu": _("Dienstag"),
    "we": _("Mittwoch"),
    "th": _("Donnerstag"),
    "fr": _("Freitag"),
}
DEFAULT_SLOTS = ["08:00", "08:45", "09:50", "10:35", "11:40", "12:25", "13:30", "14:15"]


class LegalBasis(models.TextChoices):
    SGB8_35A = "sgb8_35a", _("§ 35a SGB VIII (seelische Behinderung)")
    SGB9_112 = "sgb9_112", _("§ 112 SGB IX (Eingliederungshilfe)")


LEGAL_BASIS_EXCHANGE: dict[str, str] = {
    LegalBasis.SGB8_35A.value: "SGB VIII §35a",
    LegalBasis.SGB9_112.value: "SGB IX §112",
}


class NeedArea(models.TextChoices):
    CARE = "care", _("Pflege")
    MOBILITY = "mobility", _("Mobilität")
    COMMUNICATION = "communication", _("Kommunikation")
    BEHAVIOUR = "behaviour", _("Verhalten")
    STRUCTURE = "structure", _("Struktur")


class Qualification(models.TextChoices):
    ASSISTANT = "assistenz", _("Assistenzkraft")
    SPECIALIST = "fachkraft", _("Fachkraft")


class CostRule(models.TextChoices):
    HOURS = "hours", _("anteilig nach bewilligten Stunden")
    GROUPS = "groups", _("nach tatsächlich betreuten Gruppen")


class PoolKind(models.TextChoices):
    CASE = "case", _("fallabhängig (gebündelte Einzelbewilligungen)")
    INFRA = "infra", _("infrastrukturell (Budget je Schule)")


class CostBearer(models.Model):
    """Kostenträger: e.g. Jugendamt (SGB VIII) or Träger der Eingliederungshilfe (SGB IX)."""

    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("Kürzel"), max_length=40)
    name = models.CharField(_("Name"), max_length=200)

    class Meta:
        verbose_name = _("Kostenträger")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="pool_bearer_unique_code")
        ]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Pool(models.Model):
    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Name"), max_length=200)
    school = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("Schule")
    )
    kind = models.CharField(
        _("Art"), max_length=10, choices=PoolKind.choices, default=PoolKind.CASE
    )
    provider = models.CharField(_("Leistungserbringer"), max_length=200, blank=True)
    cost_rule = models.CharField(
        _("Kostenaufteilung"), max_length=10, choices=CostRule.choices, default=CostRule.HOURS
    )
    slot_minutes = models.PositiveSmallIntegerField(_("Minuten je Stunde"), default=45)
    slots = models.JSONField(_("Stundenbeginn"), default=list)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Pool")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def slot_list(self) -> list[str]:
        return list(self.slots or DEFAULT_SLOTS)


class Child(models.Model):
    """A child under a pseudonym. Identity lives in ChildIdentity (Koordination only)."""

    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="+")
    pseudonym = models.CharField(_("Kennung"), max_length=20)
    school = models.ForeignKey(
        "core.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("Schule")
    )
    school_class = models.CharField(_("Klasse"), max_length=20)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Kind")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "pseudonym"], name="pool_child_unique_pseudonym"
            )
        ]
        ordering = ["pseudonym"]

    def __str__(self) -> str:
        return self.pseudonym


class ChildIdentity(models.Model):
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="identity")
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    birth_date = models.DateField(_("Geburtsdatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("Identität")

    def __str__(self) -> str:
        return f"{self.child} (Identität)"


class Entitlement(models.Model):
    """Bewilligung. Hours are per week; ``support`` lists the (day, slot) in which the
    child needs an assistant beside it (from the entitlement and the timetable)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="entitlements")
    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="entitlements")
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=12, choices=LegalBasis.choices)
    cost_bearer = models.ForeignKey(
        CostBearer,
        on_delete=models.PROTECT,
        related_name="entitlements",
        verbose_name=_("Kostenträger"),
    )
    file_number = models.CharField(_("Aktenzeichen"), max_length=60)
    valid_from = models.DateField(_("gültig ab"))
    valid_to = models.DateField(_("gültig bis"))
    hours_lessons = models.DecimalField(
        _("Std./Woche Unterricht"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    hours_afternoon = models.DecimalField(
        _("Std./Woche Nachmittag"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    hours_route = models.DecimalField(
        _("Std./Woche Schulweg"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    hours_trips = models.DecimalField(
        _("Std./Woche Ausflüge"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    qualification = models.CharField(
        _("Qualifikation"),
        max_length=12,
        choices=Qualification.choices,
        default=Qualification.ASSISTANT,
    )
    hourly_rate = models.DecimalField(_("Stundensatz (EUR)"), max_digits=6, decimal_places=2)
    provider = models.CharField(_("Leistungserbringer"), max_length=200, blank=True)
    needs = models.JSONField(_("Unterstützungsbereiche"), default=list)
    consent_joint = models.BooleanField(
        _("Einwilligung in gemeinsame Leistungserbringung"), default=False
    )
    exclusive = models.BooleanField(_("1:1 erforderlich"), default=False)
    max_group = models.PositiveSmallIntegerField(_("größte Gruppe"), default=3)
    max_assistants = models.PositiveSmallIntegerField(
        _("höchstens verschiedene Kräfte je Woche"), default=2
    )
    support = models.JSONField(_("Unterstützungszeiten"), default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bewilligung")
        constraints = [
            models.UniqueConstraint(
                fields=["cost_bearer", "file_number"], name="pool_entitlement_unique_file"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="pool_entitlement_period"
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gte=0), name="pool_entitlement_rate"),
            models.CheckConstraint(
                condition=Q(max_group__gte=1) & Q(max_assistants__gte=1),
                name="pool_entitlement_limits",
            ),
        ]
        ordering = ["child__pseudonym", "valid_from"]

    def __str__(self) -> str:
        return f"{self.child} {self.file_number}"

    @property
    def hours_total(self) -> Decimal:
        return self.hours_lessons + self.hours_afternoon + self.hours_route + self.hours_trips

    @property
    def group_limit(self) -> int:
        return 1 if (self.exclusive or not self.consent_joint) else self.max_group


class Assistant(models.Model):
    tenant = models.ForeignKey("core.Tenant", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("Kennung"), max_length=20)
    name = models.CharField(_("Name"), max_length=200)
    provider = models.CharField(_("Leistungserbringer"), max_length=200, blank=True)
    qualifications = models.JSONField(_("Qualifikationen"), default=list)
    max_slots_week = models.PositiveSmallIntegerField(_("Stunden je Woche (Vertrag)"))
    hourly_cost = models.DecimalField(_("Kosten je Stunde (EUR)"), max_digits=6, decimal_places=2)
    schools = models.ManyToManyField(
        "core.Institution", related_name="+", verbose_name=_("Schulen")
    )
    available = models.JSONField(
        _("Verfügbarkeit"), null=True, blank=True, help_text=_("leer = immer")
    )
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Schulassistenz")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="pool_assistant_unique_code"),
            models.CheckConstraint(condition=Q(hourly_cost__gte=0), name="pool_assistant_cost"),
        ]
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")
    SUPERSEDED = "superseded", _("abgelöst")


class PlanKind(models.TextChoices):
    OPTIMISED = "optimised", _("optimiert")
    EDITED = "edited", _("bearbeitet")
    SUBSTITUTION = "substitution", _("Vertretung")


class Plan(models.Model):
    """A week plan of a pool: instance and solution in the exchange format (pseudonyms only)."""

    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="plans")
    version = models.PositiveIntegerField(_("Version"))
    kind = models.CharField(
        _("Art"), max_length=14, choices=PlanKind.choices, default=PlanKind.OPTIMISED
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    instance = models.JSONField()
    assignments = models.JSONField(default=list)
    solver_status = models.CharField(_("Ergebnis"), max_length=12, blank=True)
    cost = models.DecimalField(
        _("Kosten je Woche"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    lower_bound = models.DecimalField(
        _("untere Schranke"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline = models.DecimalField(
        _("1:1-Kosten je Woche"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    violations = models.JSONField(default=list, blank=True)
    unmet = models.JSONField(default=list, blank=True)
    note = models.CharField(_("Anlass"), max_length=300, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Wochenplan")
        constraints = [
            models.UniqueConstraint(fields=["pool", "version"], name="pool_plan_unique_version"),
            models.UniqueConstraint(
                fields=["pool"], condition=Q(status="published"), name="pool_plan_one_published"
            ),
        ]
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.pool} v{self.version}"

    @property
    def is_valid(self) -> bool:
        return not self.violations and self.solver_status in ("optimal", "feasible")


class MonthStatement(models.Model):
    """Hours delivered in a month and the cost split between cost bearers (frozen at creation)."""

    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="statements")
    month = models.DateField(_("Monat"))
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    school_weeks = models.DecimalField(_("Schulwochen"), max_digits=4, decimal_places=1)
    cancelled_slots = models.PositiveIntegerField(_("ausgefallene Stunden"), default=0)
    rule = models.CharField(_("Kostenaufteilung"), max_length=10, choices=CostRule.choices)
    total_cost = models.DecimalField(_("Kosten"), max_digits=12, decimal_places=2)
    baseline_cost = models.DecimalField(_("1:1-Kosten"), max_digits=12, decimal_places=2)
    delivered_hours = models.DecimalField(_("geleistete Stunden"), max_digits=10, decimal_places=2)
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Monatsabrechnung")
        constraints = [
            models.UniqueConstraint(fields=["pool", "month"], name="pool_statement_unique_month")
        ]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.pool} {self.month:%m/%Y}"
