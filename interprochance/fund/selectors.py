"""Reads of the social fund for views, API, reports and other apps.

Balances and reports are derived from the ledger postings with aggregate
queries (never stored). Reports that count children suppress small numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from interprochance.core.models import Tenant
from interprochance.fund.models import (
    AccountKind,
    Application,
    FundingSource,
    LedgerPosting,
    LedgerTotal,
    LedgerTransaction,
    PayoutBatch,
    Status,
    TxKind,
)
from interprochance.fund.procedures.model import LIFE_PHASES

MIN_CELL = 5  # counts below this are never shown (small numbers)
GRANTED = (Status.APPROVED, Status.PAID, Status.CLOSED)


@dataclass
class SourceBalance:
    source: FundingSource
    contributed: int = 0
    available: int = 0
    committed: int = 0
    paid: int = 0


def source_balances(tenant: Tenant) -> list[SourceBalance]:
    """Balances per source from one aggregate query over the postings."""
    sources = list(
        FundingSource.objects.filter(tenant=tenant)
        .prefetch_related("earmark_areas")
        .order_by("name")
    )
    out = {s.pk: SourceBalance(s) for s in sources}
    rows = (
        LedgerTotal.objects.filter(source_id__in=list(out))
        .values("source_id", "account")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    for r in rows:
        b = out[r["source_id"]]
        t = r["total"] or 0
        if r["account"] == AccountKind.CONTRIBUTION:
            b.contributed = -t
        elif r["account"] == AccountKind.AVAILABLE:
            b.available = t
        elif r["account"] == AccountKind.COMMITTED:
            b.committed = t
        else:
            b.paid = t
    return list(out.values())


@dataclass
class YearRow:
    source_id: int
    name: str
    contributed: int = 0
    committed: int = 0
    paid: int = 0
    released: int = 0
    available_end: int = 0
    committed_end: int = 0


def yearly_report(tenant: Tenant, year: int) -> list[YearRow]:
    """Flows within the year and closing balances per source (reversals count negative).

    Read from the running totals (source x account x year x kind), which the
    services keep in step with the postings; ``ledger_totals_verify`` re-derives them.
    """
    names = dict(FundingSource.objects.filter(tenant=tenant).values_list("pk", "name"))
    rows: dict[int, YearRow] = {pk: YearRow(pk, name) for pk, name in names.items()}
    base = LedgerTotal.objects.filter(source_id__in=list(names))
    flows = (
        base.filter(year=year)
        .values("source_id", "account", "tx_kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    for r in flows:
        row, t, acc, kind = rows[r["source_id"]], r["total"] or 0, r["account"], r["tx_kind"]
        if acc == AccountKind.CONTRIBUTION:
            row.contributed -= t
        elif acc == AccountKind.PAID:
            row.paid += t
        elif acc == AccountKind.COMMITTED and kind == TxKind.COMMITMENT:
            row.committed += t
        elif acc == AccountKind.COMMITTED and kind == TxKind.RELEASE:
            row.released -= t
    closing = (
        base.filter(year__lte=year, account__in=[AccountKind.AVAILABLE, AccountKind.COMMITTED])
        .values("source_id", "account")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    for c in closing:
        if c["account"] == AccountKind.AVAILABLE:
            rows[c["source_id"]].available_end = c["total"] or 0
        else:
            rows[c["source_id"]].committed_end = c["total"] or 0
    return sorted(rows.values(), key=lambda r: r.name)


def applications_for(
    tenant: Tenant, *, status: str = "", mine_only_user: Any = None
) -> QuerySet[Application]:
    qs = Application.objects.filter(tenant=tenant).select_related(
        "purpose", "area", "applicant", "proposed_by"
    )
    if status:
        qs = qs.filter(status=status)
    if mine_only_user is not None:
        qs = qs.filter(applicant=mine_only_user)
    return qs.order_by("-submitted_at")


def application_detail(app: Application) -> Application:
    return (
        Application.objects.select_related(
            "purpose", "area", "applicant", "proposed_by", "decided_by", "tenant"
        )
        .prefetch_related("documents")
        .get(pk=app.pk)
    )


def application_ledger(app: Application) -> list[LedgerTransaction]:
    return list(
        LedgerTransaction.objects.filter(application=app)
        .prefetch_related("postings__source")
        .order_by("pk")
    )


def batches_for(tenant: Tenant) -> QuerySet[PayoutBatch]:
    return (
        PayoutBatch.objects.filter(tenant=tenant)
        .select_related("created_by")
        .order_by("-created_at")
    )


def awaiting_payout(tenant: Tenant) -> dict[str, int]:
    agg = Application.objects.filter(
        tenant=tenant, status=Status.APPROVED, payout__isnull=True
    ).aggregate(n=Count("pk"), cents=Sum("approved_cents"))
    return {"count": agg["n"] or 0, "cents": agg["cents"] or 0}


@dataclass
class Cell:
    key: str
    label: str
    children: int | None  # None = suppressed (fewer than MIN_CELL)
    applications: int | None
    cents: int | None

    @property
    def suppressed(self) -> bool:
        return self.children is None


def _cells(qs: QuerySet[Application], field: str, labels: dict[str, str]) -> list[Cell]:
    rows = (
        qs.values(field)
        .annotate(
            children=Count("child_ref", distinct=True), n=Count("pk"), cents=Sum("approved_cents")
        )
        .order_by(field)
    )
    out = []
    for r in rows:
        key = r[field]
        small = r["children"] < MIN_CELL
        out.append(
            Cell(
                key=str(key),
                label=labels.get(key, str(key)),
                children=None if small else r["children"],
                applications=None if small else r["n"],
                cents=None if small else r["cents"],
            )
        )
    return out


def granted_in_year(tenant: Tenant, year: int) -> QuerySet[Application]:
    return Application.objects.filter(tenant=tenant, status__in=GRANTED, decided_at__year=year)


@dataclass
class Report:
    year: int
    by_goal: list[Cell] = field(default_factory=list)
    by_purpose: list[Cell] = field(default_factory=list)
    by_area: list[Cell] = field(default_factory=list)
    by_life_phase: list[Cell] = field(default_factory=list)
    sources: list[YearRow] = field(default_factory=list)
    total_cents: int = 0
    total_children: int | None = None
    decisions: int | None = (
        None  # approvals and rejections decided in the year (None: fewer than MIN_CELL)
    )
    decision_days_mean: float | None = None
    decided_within_14_days: float | None = None


def fund_report(tenant: Tenant, year: int) -> Report:
    qs = granted_in_year(tenant, year)
    from interprochance.fund.models import FundPurpose

    purpose_labels = dict(FundPurpose.objects.values_list("key", "label"))
    area_labels = dict(qs.values_list("area__code", "area__name").distinct())
    goals = {g: g for g in FundPurpose.objects.values_list("goal", flat=True)}
    totals = qs.aggregate(children=Count("child_ref", distinct=True), cents=Sum("approved_cents"))
    children = totals["children"] or 0
    spans = [
        (decided - submitted).total_seconds() / 86400
        for submitted, decided in Application.objects.filter(
            tenant=tenant, decided_at__year=year, status__in=[*GRANTED, Status.REJECTED]
        ).values_list("submitted_at", "decided_at")
        if decided is not None
    ]
    enough = len(spans) >= MIN_CELL
    return Report(
        year=year,
        by_goal=_cells(qs, "purpose__goal", goals),
        by_purpose=_cells(qs, "purpose__key", purpose_labels),
        by_area=_cells(qs, "area__code", area_labels),
        by_life_phase=_cells(qs, "life_phase", dict(LIFE_PHASES)),
        sources=yearly_report(tenant, year),
        total_cents=totals["cents"] or 0,
        total_children=children if children >= MIN_CELL else None,
        decisions=len(spans) if enough else None,
        decision_days_mean=sum(spans) / len(spans) if enough else None,
        decided_within_14_days=sum(1 for d in spans if d <= 14) / len(spans) if enough else None,
    )


@dataclass
class DonorReport:
    source: FundingSource
    year: int
    row: YearRow
    by_purpose: list[Cell]
    by_life_phase: list[Cell]
    children: int | None


def donor_report(source: FundingSource, year: int) -> DonorReport:
    """What one donor's money did in a year: flows plus what it paid for (no small numbers)."""
    row = next(r for r in yearly_report(source.tenant, year) if r.source_id == source.pk)
    app_ids = (
        LedgerPosting.objects.filter(
            source=source,
            account=AccountKind.COMMITTED,
            tx_kind=TxKind.COMMITMENT,
            booked_on__year=year,
        )
        .values_list("transaction__application_id", flat=True)
        .distinct()
    )
    qs = Application.objects.filter(pk__in=list(app_ids), status__in=GRANTED)
    from interprochance.fund.models import FundPurpose

    purpose_labels = dict(FundPurpose.objects.values_list("key", "label"))
    children = qs.aggregate(n=Count("child_ref", distinct=True))["n"] or 0
    return DonorReport(
        source=source,
        year=year,
        row=row,
        by_purpose=_cells(qs, "purpose__key", purpose_labels),
        by_life_phase=_cells(qs, "life_phase", dict(LIFE_PHASES)),
        children=children if children >= MIN_CELL else None,
    )


def ledger_totals_check(tenant: Tenant) -> dict[str, int]:
    """Integrity figures: sum of all postings (must be 0) and any unbalanced transaction."""
    total = (
        LedgerPosting.objects.filter(source__tenant=tenant).aggregate(s=Sum("amount_cents"))["s"]
        or 0
    )
    unbalanced = (
        LedgerPosting.objects.filter(source__tenant=tenant)
        .values("transaction_id")
        .annotate(s=Sum("amount_cents"))
        .filter(~Q(s=0))
        .count()
    )
    return {"sum": total, "unbalanced": unbalanced}


def ledger_totals_verify(tenant: Tenant) -> list[str]:
    """Re-derive the running totals from the postings; list every difference (empty = consistent)."""
    derived = {
        (r["source_id"], r["account"], r["booked_on__year"], r["tx_kind"]): r["total"]
        for r in LedgerPosting.objects.filter(source__tenant=tenant)
        .values("source_id", "account", "booked_on__year", "tx_kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    }
    stored = {
        (r.source_id, r.account, r.year, r.tx_kind): r.amount_cents
        for r in LedgerTotal.objects.filter(source__tenant=tenant)
    }
    problems = []
    for key in sorted(set(derived) | set(stored), key=str):
        if derived.get(key, 0) != stored.get(key, 0):
            problems.append(f"{key}: Buchungen {derived.get(key, 0)}, Summe {stored.get(key, 0)}")
    return problems


def historical_cases(tenant: Tenant) -> list[Any]:
    """The tenant's decided applications as pure cases for the replay."""
    from interprochance.fund.procedures import AppCase

    rows = (
        Application.objects.filter(tenant=tenant)
        .exclude(status=Status.WITHDRAWN)
        .values_list(
            "number",
            "submitted_at",
            "area__code",
            "life_phase",
            "purpose__key",
            "amount_cents",
            "need_score",
        )
    )
    return [AppCase(n, s.date(), a, lp, p, c, ns) for n, s, a, lp, p, c, ns in rows]


def pending_counts(tenant: Tenant) -> dict[str, int]:
    rows = (
        Application.objects.filter(tenant=tenant, status__in=[Status.SUBMITTED, Status.PROPOSED])
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["status"]] = r["n"]
    return dict(counts)


def transfer_fund_procedures(tenant: Tenant) -> list[dict[str, Any]]:
    """The fund's procedure configuration for a transfer bundle: which rule
    decides the paying source and the cap per child and year. No accounts,
    no applications, no personal data."""
    from interprochance.fund.models import FundSettings

    settings_row = FundSettings.objects.filter(tenant=tenant).first()
    if settings_row is None:
        return []
    return [
        {"payer": settings_row.payer, "child_year_cap_cents": settings_row.child_year_cap_cents}
    ]
