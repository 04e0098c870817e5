"""Social fund: funding sources, applications, four-eyes decisions, ledger, payouts.

Money is integer cents throughout. The ledger tables are append-only: the
model layer refuses updates and deletes, and on PostgreSQL a trigger
(migration 0002) refuses them in the database as well.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interprochance.core import labels
from interprochance.core.models import Area, Tenant
from interprochance.fund.procedures.model import LIFE_PHASES
from interprochance.fund.subsidiarity.rules import FUND_REASONS, PURPOSE_LABELS, Benefit

LIFE_PHASE_CHOICES = labels.choices(LIFE_PHASES)
BENEFIT_CHOICES = [(b.value, b.value) for b in Benefit]


class SourceKind(models.TextChoices):
    LANDKREIS = "landkreis", _("Haushalt Landkreis")
    GEMEINDE = "gemeinde", _("Haushalt Stadt/Gemeinde")
    SPENDE = "spende", _("Spende")
    STIFTUNG = "stiftung", _("Stiftungsmittel")


class FundingSource(models.Model):
    """A pot of money with an optional earmark (purpose, area, life phase, validity)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="fund_sources")
    key = models.SlugField(_("Kürzel"), max_length=60)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=16, choices=SourceKind.choices)
    donor = models.CharField(_("Geldgeber"), max_length=200, blank=True)
    earmark_purposes = models.JSONField(_("Zweckbindung: Zwecke"), default=list, blank=True)
    earmark_life_phases = models.JSONField(
        _("Zweckbindung: Lebensphasen"), default=list, blank=True
    )
    earmark_areas = models.ManyToManyField(
        Area, verbose_name=_("Zweckbindung: Gebiete"), blank=True, related_name="+"
    )
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Fördertopf")
        verbose_name_plural = _("Fördertöpfe")
        ordering = ["tenant", "name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "key"], name="fund_source_key_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="fund_source_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def earmarked(self) -> bool:
        return bool(self.earmark_purposes or self.earmark_life_phases) or (
            self.pk is not None and self.earmark_areas.exists()
        )


class SourceBudget(models.Model):
    """A yearly budget (or a donation received in a year); posted as a contribution."""

    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    amount_cents = models.BigIntegerField(_("Betrag (Cent)"))
    note = models.CharField(_("Vermerk"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Jahresbudget")
        verbose_name_plural = _("Jahresbudgets")
        ordering = ["source", "year"]
        constraints = [
            models.UniqueConstraint(fields=["source", "year"], name="fund_budget_year_unique"),
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="fund_budget_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.year}"


class FundPurpose(models.Model):
    """The purposes catalogue with a cap per child and year."""

    key = models.SlugField(_("Kürzel"), max_length=40, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=120)
    cap_cents = models.BigIntegerField(_("Höchstbetrag je Kind und Jahr (Cent)"))
    goal = models.CharField(_("Ziel"), max_length=120, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Förderzweck")
        verbose_name_plural = _("Förderzwecke")
        ordering = ["order", "label"]
        constraints = [
            models.CheckConstraint(condition=Q(cap_cents__gt=0), name="fund_purpose_cap_positive")
        ]

    def __str__(self) -> str:
        return self.label


class FundSettings(models.Model):
    """Per-tenant settings of the fund (one row per tenant)."""

    tenant = models.OneToOneField(Tenant, on_delete=models.CASCADE, related_name="fund_settings")
    child_year_cap_cents = models.BigIntegerField(
        _("Höchstbetrag je Kind und Jahr, alle Zwecke (Cent)"), default=60_000
    )
    payer = models.CharField(_("Finanzierungsregel"), max_length=20, default="earmark")
    debtor_name = models.CharField(_("Kontoinhaber Fonds"), max_length=70, default="Sozialfonds")
    debtor_iban = models.CharField(_("IBAN Fondskonto"), max_length=34, blank=True)
    debtor_bic = models.CharField(_("BIC Fondskonto"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("Fondseinstellungen")
        verbose_name_plural = _("Fondseinstellungen")

    def __str__(self) -> str:
        return str(self.tenant)


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("eingegangen")
    PROPOSED = "proposed", _("Entscheidung vorgeschlagen")
    APPROVED = "approved", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")
    PAID = "paid", _("ausgezahlt")
    CLOSED = "closed", _("abgeschlossen (Verwendung nachgewiesen)")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class Application(models.Model):
    """An application by a professional on behalf of a household (pseudonymised)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="fund_applications")
    number = models.CharField(_("Antragsnummer"), max_length=20, unique=True)
    form_token = models.UUIDField(
        _("Formularkennung"), unique=True
    )  # double submission -> same row
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("antragstellende Fachkraft"),
    )
    applicant_org = models.CharField(_("Einrichtung der Fachkraft"), max_length=200)
    household_ref = models.CharField(_("Haushalt (Pseudonym)"), max_length=24, db_index=True)
    child_ref = models.CharField(_("Kind (Pseudonym)"), max_length=24, db_index=True)
    case_ref = models.CharField(_("Beratungsfall (Kennung)"), max_length=64, blank=True)
    child_age = models.PositiveSmallIntegerField(_("Alter des Kindes"))
    in_school = models.BooleanField(_("besucht eine Schule"), default=False)
    in_kita = models.BooleanField(_("besucht eine Kita"), default=False)
    benefits = models.JSONField(_("Leistungsbezug"), default=list, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("Sozialraum"), on_delete=models.PROTECT, related_name="+"
    )
    life_phase = models.CharField(_("Lebensphase"), max_length=16, choices=LIFE_PHASE_CHOICES)
    purpose = models.ForeignKey(
        FundPurpose, verbose_name=_("Zweck"), on_delete=models.PROTECT, related_name="applications"
    )
    description = models.TextField(_("Begründung des Bedarfs"), max_length=2000)
    total_cents = models.BigIntegerField(_("Gesamtkosten (Cent)"))
    amount_cents = models.BigIntegerField(_("beantragt beim Fonds (Cent)"))
    months = models.PositiveSmallIntegerField(_("Monate (bei laufenden Kosten)"), default=1)
    need_score = models.PositiveSmallIntegerField(_("Dringlichkeit (0–100)"), default=50)
    statutory = models.JSONField(_("vorrangige Leistungen"), default=dict, blank=True)
    fund_reason = models.CharField(
        _("Begründung trotz vorrangiger Leistung"),
        max_length=20,
        blank=True,
        choices=labels.choices(FUND_REASONS),
    )
    provider_name = models.CharField(_("Zahlungsempfänger (Anbieter)"), max_length=70)
    provider_iban = models.CharField(_("IBAN des Anbieters"), max_length=34)
    provider_bic = models.CharField(_("BIC"), max_length=11, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(_("eingegangen am"), default=timezone.now)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    proposal = models.CharField(
        _("Vorschlag"),
        max_length=10,
        blank=True,
        choices=[("approve", _("bewilligen")), ("reject", _("ablehnen"))],
    )
    proposed_cents = models.BigIntegerField(
        _("vorgeschlagener Betrag (Cent)"), null=True, blank=True
    )
    proposal_note = models.TextField(_("Vermerk Sachbearbeitung"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("angeordnet von"),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_cents = models.BigIntegerField(_("bewilligter Betrag (Cent)"), null=True, blank=True)
    notice = models.TextField(_("Bescheidtext"), blank=True)
    is_synthetic = models.BooleanField(_("synthetisch (Demo)"), default=False)

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["child_ref", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="fund_app_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(total_cents__gte=F("amount_cents")), name="fund_app_amount_le_total"
            ),
            # Four eyes: whoever proposed can never be the one who decides.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(proposed_by__isnull=True)
                | ~Q(decided_by=F("proposed_by")),
                name="fund_app_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(need_score__lte=100), name="fund_app_need_score_max"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class DocumentKind(models.TextChoices):
    QUOTE = "quote", _("Kostenvoranschlag / Anmeldung")
    INVOICE = "invoice", _("Rechnung")
    NOTICE = "notice", _("Bescheid eines Leistungsträgers")
    PROOF = "proof", _("Verwendungsnachweis")


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("Art"), max_length=10, choices=DocumentKind.choices)
    file = models.FileField(_("Datei"), upload_to="fund/%Y/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterlage")
        verbose_name_plural = _("Unterlagen")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class TxKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Mittelzufluss")
    COMMITMENT = "commitment", _("Bewilligung")
    PAYOUT = "payout", _("Auszahlung")
    RELEASE = "release", _("Freigabe")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003
        raise PermissionError("Ledger entries are append-only.")

    def delete(self):
        raise PermissionError("Ledger entries are append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # noqa: ANN002, ANN003
        if not self._state.adding:
            raise PermissionError("Ledger entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003
        raise PermissionError("Ledger entries are append-only.")


class LedgerTransaction(AppendOnlyModel):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=TxKind.choices)
    booked_on = models.DateField(db_index=True)
    memo = models.CharField(max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )  # one reversal per transaction, enforced by the unique one-to-one
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    budget = models.ForeignKey(
        SourceBudget, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    payout = models.ForeignKey(
        "Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"T{self.pk} {self.kind} {self.booked_on}"


class AccountKind(models.TextChoices):
    CONTRIBUTION = "contrib", _("Mittelzufluss")
    AVAILABLE = "avail", _("verfügbar")
    COMMITTED = "commit", _("gebunden")
    PAID = "paid", _("ausgezahlt")


class LedgerPosting(AppendOnlyModel):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="postings"
    )
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="postings")
    account = models.CharField(max_length=8, choices=AccountKind.choices)
    amount_cents = models.BigIntegerField()  # debit > 0, credit < 0
    # Denormalised from the transaction so balances and reports need no join.
    booked_on = models.DateField()
    tx_kind = models.CharField(max_length=12, choices=TxKind.choices)

    class Meta:
        verbose_name = _("Buchungszeile")
        verbose_name_plural = _("Buchungszeilen")
        ordering = ["id"]
        indexes = [models.Index(fields=["source", "account", "booked_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_cents=0), name="fund_posting_nonzero"),
            models.UniqueConstraint(
                fields=["transaction", "source", "account"], name="fund_posting_account_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}:{self.source_id} {self.amount_cents}"


class BatchStatus(models.TextChoices):
    OPEN = "open", _("erstellt")
    EXPORTED = "exported", _("exportiert")


class PayoutBatch(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="fund_batches")
    reference = models.CharField(_("Zahlungslauf"), max_length=35, unique=True)  # SEPA MsgId
    request_key = models.UUIDField(unique=True)  # the same request never makes two batches
    execution_date = models.DateField(_("Ausführungsdatum"))
    status = models.CharField(max_length=10, choices=BatchStatus.choices, default=BatchStatus.OPEN)
    count = models.PositiveIntegerField(default=0)
    total_cents = models.BigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    xml = models.BinaryField(null=True, blank=True, editable=False)
    xml_sha256 = models.CharField(max_length=64, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Zahlungslauf")
        verbose_name_plural = _("Zahlungsläufe")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class Payout(models.Model):
    """One payment to a provider; an application is paid at most once (unique)."""

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="payout")
    end_to_end_id = models.CharField(max_length=35, unique=True)
    amount_cents = models.BigIntegerField()
    creditor_name = models.CharField(max_length=70)
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11, blank=True)
    remittance = models.CharField(max_length=140)

    class Meta:
        verbose_name = _("Auszahlung")
        verbose_name_plural = _("Auszahlungen")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="fund_payout_positive")
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class ProofOfUse(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="proof")
    used_cents = models.BigIntegerField(_("tatsächlich verwendet (Cent)"))
    note = models.TextField(_("Vermerk"), blank=True)
    document = models.ForeignKey(
        ApplicationDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Verwendungsnachweis")
        verbose_name_plural = _("Verwendungsnachweise")
        constraints = [
            models.CheckConstraint(condition=Q(used_cents__gte=0), name="fund_proof_nonnegative")
        ]

    def __str__(self) -> str:
        return f"Nachweis {self.application}"


PURPOSE_LABEL = {p.value: label for p, label in PURPOSE_LABELS.items()}


class LedgerTotal(models.Model):
    """Running totals per source, account, year and transaction kind.

    Derived from the postings and maintained in the same transaction, under the
    same source row locks, by ``services._post``; ``selectors.ledger_totals_verify``
    recomputes them from the postings. They make balances and the yearly report
    a handful of rows instead of a scan over every posting.
    """

    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="totals")
    account = models.CharField(max_length=8, choices=AccountKind.choices)
    year = models.PositiveSmallIntegerField()
    tx_kind = models.CharField(max_length=12, choices=TxKind.choices)
    amount_cents = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("Kontosumme")
        verbose_name_plural = _("Kontosummen")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "account", "year", "tx_kind"], name="fund_total_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}:{self.source_id} {self.year} {self.tx_kind} {self.amount_cents}"
