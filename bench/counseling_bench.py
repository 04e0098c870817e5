"""Benchmark for counselling (issue 7). Prints its figures.

Floor: with 100,000 cases in the database, a counsellor's case list and case
search answer in under 150 ms at the 95th percentile, with the same number of
queries on every page.

Measured in-process through the Django test client (middleware, access
checks, audit, template rendering included; no network). The database is a
scratch SQLite file in var/ unless BENCH_DATABASE_URL points elsewhere (e.g. a
scratch PostgreSQL database; DATABASE_URL is ignored so that no real database is
filled). The data are synthetic and generated with bulk inserts.

Usage: .venv/bin/python bench/counseling_bench.py [--cases 100000] [--requests 500]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
sys.path.insert(0, str(_here.parent))

FLOOR_MS = 150.0


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{_here.parent / 'var' / 'counseling_bench.sqlite3'}"
    )
    (_here.parent / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n_cases: int) -> tuple[object, object]:
    """Two offices of Weiterstadt with demo-beratung-a/-b; bulk-insert cases up to n_cases."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from interprochance.core.demo import load_demo
    from interprochance.core.models import Area, AreaLevel
    from interprochance.counseling.models import (
        Case,
        CaseTopic,
        CounsellingOffice,
        Household,
        HouseholdIdentity,
        Topic,
        new_pseudonym,
    )

    load_demo(only=["counseling"], stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    user_a = User.objects.get(username="demo-beratung-a")
    office_a = CounsellingOffice.objects.filter(memberships__user=user_a).first()
    office_b = CounsellingOffice.objects.filter(
        memberships__user__username="demo-beratung-b"
    ).first()
    tenant = office_a.tenant
    have = Case.objects.count()
    missing = n_cases - have
    if missing <= 0:
        return user_a, office_a
    rng = random.Random(7)
    areas = list(Area.objects.filter(level=AreaLevel.SOZIALRAUM, code__startswith="06432023-"))
    first = [
        "Aylin",
        "Jana",
        "Mehmet",
        "Sofia",
        "Lukas",
        "Olena",
        "Amir",
        "Marie",
        "Tobias",
        "Fatma",
    ]
    last = [
        "Demir",
        "Schneider",
        "Kowalski",
        "Nguyen",
        "Fischer",
        "Haddad",
        "Weber",
        "Yilmaz",
        "Becker",
    ]
    topics = list(Topic.values)
    start = time.perf_counter()
    batch = 5000
    for offset in range(0, missing, batch):
        size = min(batch, missing - offset)
        with transaction.atomic():
            offices = [office_a if rng.random() < 0.6 else office_b for _ in range(size)]
            households = Household.objects.bulk_create(
                [
                    Household(
                        tenant=tenant,
                        office=o,
                        pseudonym=new_pseudonym(),
                        area=rng.choice(areas),
                        language="Deutsch",
                    )
                    for o in offices
                ]
            )
            idents = []
            for h in households:
                name = f"{rng.choice(first)} {rng.choice(last)} {rng.randint(1, 9999)}"
                idents.append(
                    HouseholdIdentity(
                        household=h, contact_name=name, search_key=name.casefold(), phone="06150 1"
                    )
                )
            HouseholdIdentity.objects.bulk_create(idents)
            cases = Case.objects.bulk_create(
                [
                    Case(
                        tenant=tenant,
                        office=h.office,
                        household=h,
                        number=f"B-2025-{have + offset + i + 1:06d}",
                        area=h.area,
                        opened_on=date(2025, 1, 1) + timedelta(days=rng.randint(0, 600)),
                        summary="Synthetischer Benchmarkfall",
                    )
                    for i, h in enumerate(households)
                ]
            )
            CaseTopic.objects.bulk_create(
                [
                    CaseTopic(case=c, topic=t)
                    for c in cases
                    for t in rng.sample(topics, rng.randint(1, 2))
                ]
            )
    print(f"  filled {missing:,} cases in {time.perf_counter() - start:.1f} s")
    return user_a, office_a


def measure(client, path: str, params: dict[str, str]) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, (path, params, response.status_code)
    return elapsed, len(ctx.captured_queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=500)
    args = ap.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from interprochance.counseling.models import Case

    print(f"counseling bench on {connection.vendor}")
    user, office = fill(args.cases)
    with (
        connection.cursor() as cursor
    ):  # statistics and visibility map, as autovacuum keeps them in production
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    total = Case.objects.count()
    visible = Case.objects.filter(office=office).count()
    print(f"  {total:,} cases in the database, {visible:,} in the counsellor's office")
    client = Client()
    client.force_login(user)
    url = reverse("counseling:case_list")
    rng = random.Random(11)
    pages = max(1, visible // 25)
    numbers = list(Case.objects.filter(office=office).values_list("number", flat=True)[:2000])
    names = ["demir", "schneider 12", "olena", "fischer 99", "nguyen"]
    for _ in range(5):  # warm-up
        measure(client, url, {})
    figures: dict[str, tuple[list[float], set[int]]] = {}
    scenarios = {
        "case list, page 1": lambda: {},
        "case list, random page": lambda: {"seite": str(rng.randint(1, min(pages, 2000)))},
        "case list, filtered (open, topic)": lambda: {
            "status": "open",
            "thema": rng.choice(["housing", "money"]),
        },
        "search by case number": lambda: {"q": rng.choice(numbers)},
        "search by name": lambda: {"q": rng.choice(names)},
    }
    per = max(20, args.requests // len(scenarios))
    for label, params in scenarios.items():
        times: list[float] = []
        queries: set[int] = set()
        for _ in range(per):
            ms, q = measure(client, url, params())
            times.append(ms)
            queries.add(q)
        figures[label] = (times, queries)
    ok = True
    for label, (times, queries) in figures.items():
        value = p95(times)
        flag = "ok" if value < FLOOR_MS else "ABOVE FLOOR"
        ok &= value < FLOOR_MS
        print(
            f"  {label:<36} n={len(times):<4} p50 {statistics.median(times):7.1f} ms  p95 {value:7.1f} ms  "
            f"queries/page {sorted(queries)}  [{flag}]"
        )
    list_queries = figures["case list, page 1"][1] | figures["case list, random page"][1]
    constant = len(list_queries) == 1
    print(
        f"  constant query count across list pages: {'yes' if constant else 'NO'} {sorted(list_queries)}"
    )
    print(f"  floor p95 < {FLOOR_MS:.0f} ms: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
