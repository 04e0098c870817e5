"""Benchmark for the social fund (issue 6). Prints its figures.

Floors: 100,000 ledger transactions, then balances per source and the yearly
report in under 200 ms; a SEPA batch of 10,000 payouts in under 5 s; a replay
of 10,000 applications under 3 procedures in under 30 s.

Usage: .venv/bin/python bench/fund_bench.py [--pure-only]
The database part needs Django settings (BENCH_DATABASE_URL picks the engine; DATABASE_URL
is ignored so that no real database is written to).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

# bench/ holds other scripts (e.g. http.py) that would shadow the standard library when this
# file runs as a script: drop its own directory from the path, put the repository first.
_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
sys.path.insert(0, str(_here.parent))

from interprochance.fund.ledger import (  # noqa: E402
    Ledger,
    balances,
    commitment,
    contribution,
    payout,
    yearly_report,
)
from interprochance.fund.payments import Debtor, Payment, build_credit_transfer  # noqa: E402
from interprochance.fund.procedures import compare, synthetic_applications, synthetic_sources  # noqa: E402


def timed(label: str, fn, floor: float | None = None):
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    verdict = (
        "" if floor is None else ("  OK" if dt < floor else f"  SLOWER THAN FLOOR {floor:g} s")
    )
    print(f"{label:<62} {dt * 1000:10.1f} ms{verdict}")
    return out


def bench_sepa(n: int = 10_000) -> None:
    from schwifty import IBAN

    random.seed(7)
    providers = [IBAN.random(country_code="DE").compact for _ in range(800)]
    payments = [
        Payment(
            f"IPC-B1-{i}",
            f"Anbieter {i % 800} e.V.",
            providers[i % 800],
            1_000 + i,
            f"Sozialfonds Antrag A-{i}",
        )
        for i in range(n)
    ]
    debtor = Debtor("Sozialfonds Weiterstadt", "DE89370400440532013000")
    xml = timed(
        f"SEPA pain.001.001.09, {n:,} payouts, built + XSD-validated",
        lambda: build_credit_transfer(
            message_id="IPC-BENCH-1",
            created_at=datetime(2026, 3, 1, 9, 0),
            execution_date=date(2026, 3, 3),
            debtor=debtor,
            payments=payments,
        ),
        5.0,
    )
    print(f"{'  file size':<62} {len(xml) / 1e6:10.2f} MB")


def bench_replay(n: int = 10_000) -> None:
    apps = synthetic_applications(n, seed=11)
    sources = synthetic_sources(sum(a.amount_cents for a in apps) // 2)
    results = timed(
        f"Replay, {n:,} applications x 3 procedures", lambda: compare(apps, sources), 30.0
    )
    for r in results:
        s = r.summary()
        print(
            f"  {s['procedure']:<9} funded {s['funded']:>5}  need covered {s['share_covered']:.1%}  "
            f"min area {s['min_area_share']:.1%}  high need {s['high_need_share']:.1%}  "
            f"earmarked left {s['earmarked_left_cents'] / 100:,.0f} EUR  expired {s['expired_cents'] / 100:,.0f} EUR  "
            f"days {s['mean_days']}"
        )


def bench_pure_ledger(n: int = 100_000) -> None:
    led = Ledger()
    srcs = ["landkreis", "stadt", "spende", "stiftung"]
    d0 = date(2025, 1, 1)
    for s in srcs:
        led.post(contribution(f"c-{s}", s, 50_000_000_00, d0))

    def fill():
        rnd = random.Random(3)
        i = 0
        while 4 + 2 * i < n:
            s = srcs[i % 4]
            d = d0 + timedelta(days=rnd.randrange(730))
            amt = rnd.randrange(1_000, 50_000)
            led.post(commitment(f"a{i}", s, amt, d))
            led.post(payout(f"p{i}", s, amt, d))
            i += 1

    timed(f"In-memory ledger: post {n:,} checked transactions", fill)
    timed("  balances derived from all postings", lambda: balances(led.transactions))
    timed("  yearly report 2026 (pure)", lambda: yearly_report(led.transactions, 2026))


def bench_db() -> None:
    """Against BENCH_DATABASE_URL (default: a scratch SQLite file in var/), migrated first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL",
        f"sqlite:///{Path(__file__).resolve().parents[1] / 'var' / 'fund_bench.sqlite3'}",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from interprochance.fund.benchdb import run

    run(timed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pure-only", action="store_true")
    args = ap.parse_args()
    bench_sepa()
    bench_replay()
    bench_pure_ledger()
    if not args.pure_only:
        bench_db()


if __name__ == "__main__":
    main()
