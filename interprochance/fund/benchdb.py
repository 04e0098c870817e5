"""Database part of bench/fund_bench.py: 100,000 ledger transactions, then balances per
source and the yearly report through the real selectors (aggregate queries).

Needs a migrated database (the bench script runs `migrate` first) and writes its own
tenant "bench-fonds"; run it against a scratch database, never production.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction


def _fixture() -> Any:
    from interprochance.core.models import Area, AreaLevel, Tenant
    from interprochance.fund.models import FundingSource

    area, _ = Area.objects.get_or_create(
        code="BENCH",
        valid_from=date(1900, 1, 1),
        defaults={"name": "Bench", "level": AreaLevel.GEMEINDE, "is_synthetic": True},
    )
    tenant, _ = Tenant.objects.get_or_create(
        slug="bench-fonds", defaults={"name": "Bench", "kind": "gemeinde", "area": area}
    )
    sources = []
    for key in ("landkreis", "stadt", "spende", "stiftung"):
        src, _ = FundingSource.objects.get_or_create(
            tenant=tenant,
            key=key,
            defaults={"name": key.title(), "kind": "spende", "is_synthetic": True},
        )
        sources.append(src)
    return tenant, sources


def fill(n: int = 100_000) -> Any:
    """Insert n balanced transactions (contributions, commitments, payouts, releases) in bulk."""
    from interprochance.fund.models import LedgerPosting, LedgerTotal, LedgerTransaction

    tenant, sources = _fixture()
    if LedgerTransaction.objects.filter(tenant=tenant).count() >= n:
        return tenant
    rnd = random.Random(5)
    d0 = date(2025, 1, 1)
    kinds = ["commitment", "payout", "release"]
    legs = {
        "commitment": ("commit", "avail"),
        "payout": ("paid", "commit"),
        "release": ("avail", "commit"),
    }
    with transaction.atomic():
        txs = [
            LedgerTransaction(tenant=tenant, kind="contribution", booked_on=d0, memo="bench")
            for _ in sources
        ]
        for i in range(n - len(sources)):
            k = kinds[i % 3]
            txs.append(
                LedgerTransaction(
                    tenant=tenant,
                    kind=k,
                    booked_on=d0 + timedelta(days=rnd.randrange(730)),
                    memo="bench",
                )
            )
        created = LedgerTransaction.objects.bulk_create(txs, batch_size=5000)
        postings = []
        for j, tx in enumerate(created):
            src = sources[j % len(sources)]
            if tx.kind == "contribution":
                amt = 10**11
                debit, credit = "avail", "contrib"
            else:
                amt = (
                    rnd.randrange(1_000, 20_000)
                    if tx.kind == "commitment"
                    else rnd.randrange(100, 1_000)
                )
                debit, credit = legs[tx.kind]
            postings.append(
                LedgerPosting(
                    transaction=tx,
                    source=src,
                    account=debit,
                    amount_cents=amt,
                    booked_on=tx.booked_on,
                    tx_kind=tx.kind,
                )
            )
            postings.append(
                LedgerPosting(
                    transaction=tx,
                    source=src,
                    account=credit,
                    amount_cents=-amt,
                    booked_on=tx.booked_on,
                    tx_kind=tx.kind,
                )
            )
        LedgerPosting.objects.bulk_create(postings, batch_size=10000)
        # The running totals, exactly as services._post keeps them (verified below).
        totals: dict[tuple[int, str, int, str], int] = {}
        for p in postings:
            key = (p.source_id, p.account, p.booked_on.year, p.tx_kind)
            totals[key] = totals.get(key, 0) + p.amount_cents
        LedgerTotal.objects.bulk_create(
            LedgerTotal(source_id=s, account=a, year=y, tx_kind=k, amount_cents=v)
            for (s, a, y, k), v in totals.items()
        )
    return tenant


def run(timed: Any) -> None:
    from django.db import connection

    from interprochance.fund import selectors

    print(f"database: {connection.vendor}")
    tenant = timed("DB: insert 100,000 ledger transactions (200,000 postings, bulk)", fill)
    from interprochance.fund.models import LedgerTransaction

    print(
        f"{'  transactions in the ledger':<62} {LedgerTransaction.objects.filter(tenant=tenant).count():>10,}"
    )
    selectors.source_balances(tenant)  # warm the connection and the plan cache

    def both() -> Any:
        return selectors.source_balances(tenant), selectors.yearly_report(tenant, 2026)

    balances, report = timed("DB: balances per source + yearly report 2026 (selectors)", both, 0.2)
    problems = timed(
        "DB: re-derive running totals from all postings (verify)",
        lambda: selectors.ledger_totals_verify(tenant),
    )
    print(f"{'  differences between totals and postings':<62} {len(problems):>10}")
    check = selectors.ledger_totals_check(tenant)
    print(
        f"{'  ledger check: sum of all postings / unbalanced transactions':<62} {check['sum']:>6} / {check['unbalanced']}"
    )
    for b in balances:
        print(
            f"  {b.source.key:<10} available {b.available / 100:>16,.2f}  committed {b.committed / 100:>14,.2f}  paid {b.paid / 100:>12,.2f}"
        )
    del report
