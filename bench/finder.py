# ruff: noqa: E402 - the stdlib-shadowing guard below must run before the imports
"""Benchmark for the public service finder (issue 4). Prints its figures.

Floor: with 5,000 published services, the finder's search with filters answers
at 20 concurrent clients (a second process on loopback, keep-alive) with a p95
*server time* under 50 ms on PostgreSQL. The server time is the view's own
``Server-Timing: app;dur=`` (queries + template); end-to-end latency through
gunicorn is printed beside it. SQLite is measured the same way for comparison.

    .venv/bin/python -m bench.finder [--services 5000] [--clients 20] [--requests 2000] [--db pg sqlite]

PostgreSQL: BENCH_DATABASE_URL if set (DATABASE_URL is ignored on purpose), else postgres://postgres@127.0.0.1:5432/bench_finder
(dropped and re-created). SQLite: var/bench_finder.sqlite3 (re-created).
The services are synthetic (generated names and texts), marked is_synthetic.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/http.py shadows the stdlib package `http`: keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import multiprocessing
import os
import random
import subprocess
import time
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._load import run  # noqa: E402
from bench._server import DEFAULT_WORKERS, describe, fresh_database, gunicorn, server_env

FLOOR_SERVER_P95_MS = 50.0

TOPICS = [
    ("Hausaufgabenhilfe", "bildung", "grundschule"),
    ("Lernförderung", "bildung", "sek1"),
    ("Elterncafé", "familie", "kita"),
    ("Familienberatung", "familie", "grundschule"),
    ("Sprachkurs", "integration", "kita"),
    ("Krabbelgruppe", "familie", "geburt"),
    ("Schwimmkurs", "teilhabe", "grundschule"),
    ("Jugendtreff", "teilhabe", "sek1"),
    ("Bewerbungstraining", "beruf", "uebergang"),
    ("Schuldnerberatung", "existenz", "uebergang"),
    ("Babymassage", "gesundheit", "geburt"),
    ("Vorlesestunde", "bildung", "kita"),
    ("Theatergruppe", "teilhabe", "sek1"),
    ("Erziehungsberatung", "schutz", "kita"),
    ("Ferienbetreuung", "teilhabe", "grundschule"),
]
PLACES = ["Kernstadt", "Braunshardt", "Gräfenhausen", "Schneppenhausen", "Riedbahn", "Weiterstadt"]
WORDS = [
    "Kinder",
    "Jugendliche",
    "Eltern",
    "Familien",
    "kostenlos",
    "Gruppe",
    "Beratung",
    "Unterstützung",
    "Spiel",
    "Lernen",
    "Sprache",
    "Schule",
    "Kita",
    "Freizeit",
    "Sport",
    "Musik",
    "Kunst",
    "Natur",
    "Kochen",
    "Gesundheit",
    "Bewegung",
    "Treffpunkt",
]
QUERIES = [
    "q=Hausaufgaben",
    "q=Hausaufgaben&alter=8&kostenlos=on",
    "q=Beratung&thema=familie",
    "q=Sprachkurs&sprache=ar",
    "lebensphase=kita&kostenlos=on",
    "alter=12&barrierefrei=on",
    "q=Eltern&stadtteil=06432023-02",
    "thema=teilhabe&alter=10",
    "q=Schwimmen&lebensphase=grundschule",
    "q=Jugendtreff&alter=14&kostenlos=on",
    "sprache=tr&thema=bildung",
    "q=Bewerbung",
    "stadtteil=06432023-05",
    "q=Familie Beratung&alter=4",
    "",
    "q=Lernförderung&alter=11&lebensphase=sek1",
]


def seed(n_services: int) -> None:
    """Runs inside the child process with DATABASE_URL set: core territory + n synthetic services."""
    import django

    django.setup()
    from django.utils import timezone

    from interprochance.core.demo import _load_core
    from interprochance.core.models import Area, AreaLevel, Tenant
    from interprochance.directory.models import Organization, Service, ServiceState, codes_to_field
    from interprochance.directory.search.german import document

    _load_core(open(os.devnull, "w"))  # noqa: SIM115
    tenant = Tenant.objects.get(slug="weiterstadt")
    areas = list(Area.objects.filter(level=AreaLevel.SOZIALRAUM, code__startswith="06432023-"))
    rng = random.Random(4)
    orgs = Organization.objects.bulk_create(
        [
            Organization(
                tenant=tenant, name=f"Träger {i:03d} (Bench)", kind="traeger", is_synthetic=True
            )
            for i in range(250)
        ]
    )
    today = timezone.localdate()
    batch = []
    for i in range(n_services):
        topic, need, phase = rng.choice(TOPICS)
        area = rng.choice(areas)
        place = rng.choice(PLACES)
        lo = rng.randint(0, 16)
        langs = ["de", *rng.sample(["en", "tr", "ar", "uk", "ru", "pl"], rng.randint(0, 3))]
        org = rng.choice(orgs)
        name = f"{topic} {place} {i}"
        description = " ".join(rng.choices(WORDS, k=30))
        codes = {area.code, area.parent.code if area.parent else area.code}
        batch.append(
            Service(
                tenant=tenant,
                organization=org,
                state=ServiceState.PUBLISHED,
                name=name,
                description=description,
                life_phases=codes_to_field([phase]),
                need_areas=codes_to_field([need]),
                languages=codes_to_field(langs),
                min_age=lo,
                max_age=min(27, lo + rng.randint(2, 10)),
                is_free=rng.random() < 0.6,
                barrier_free=rng.random() < 0.4,
                area_codes=codes_to_field(codes),
                weekly_hours=rng.randint(1, 20),
                search_text=document([name, description, org.name, place]),
                last_confirmed=today,
                is_synthetic=True,
            )
        )
    Service.objects.bulk_create(batch, batch_size=1000)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum would do shortly after a bulk load
        cursor.execute(
            "ANALYZE directory_service" if connection.vendor == "postgresql" else "ANALYZE"
        )


def inprocess(n: int) -> None:
    """Single client, in-process (no network, no contention from other requests): view time."""
    import statistics

    import django

    django.setup()
    from django.test import Client

    client = Client()
    paths = [f"/angebote/?{quote(q, safe='=&')}" if q else "/angebote/" for q in QUERIES]
    for p in paths:
        client.get(p)
    times = []
    for i in range(n):
        response = client.get(paths[i % len(paths)])
        times.append(float(response["Server-Timing"].split("dur=")[1]))
    q = statistics.quantiles(times, n=100)
    print(f"in-process, 1 client, {n} requests: server p50 {q[49]:.1f} ms  p95 {q[94]:.1f} ms")


def measure(
    db: str,
    n_services: int,
    clients: int,
    requests: int,
    workers: int,
    threads: int,
    worker_class: str,
) -> tuple[str, object] | None:
    if db == "pg":
        # never DATABASE_URL: the benchmark drops and re-creates its database
        url = (
            os.environ.get("BENCH_DATABASE_URL")
            or "postgres://postgres@127.0.0.1:5432/bench_finder"
        )
    else:
        url = f"sqlite:///{ROOT / 'var' / 'bench_finder.sqlite3'}"
    env = server_env(url)
    fresh_database(env)
    python = sys.executable
    t0 = time.perf_counter()
    subprocess.run([python, __file__, "--seed", str(n_services)], cwd=ROOT, env=env, check=True)
    seeded = time.perf_counter() - t0
    single = subprocess.run(
        [python, __file__, "--inprocess", "320"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    paths = [f"/angebote/?{quote(q, safe='=&')}" if q else "/angebote/" for q in QUERIES]
    server = {"worker_class": worker_class, "workers": workers, "threads": threads}
    with (
        gunicorn(env, probe="/angebote/", **server) as base,
        multiprocessing.get_context("spawn").Pool(1) as pool,  # the load: a second process
    ):
        pool.apply(run, ("warm-up", base, paths), {"clients": 4, "total": 160})
        figures = pool.apply(
            run,
            (f"finder, {db}, {n_services} services ({clients} clients)", base, paths),
            {"clients": clients, "total": requests},
        )
    print(
        f"[{db}] seeded {n_services} services in {seeded:.1f} s; {describe(**server)}; "
        f"{os.cpu_count()} cores; load average (1 min) {os.getloadavg()[0]:.1f}"
    )
    print(f"[{db}] {single}")
    return db, figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--db", nargs="+", default=["pg", "sqlite"], choices=["pg", "sqlite"])
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--inprocess", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed)
        return 0
    if args.inprocess is not None:
        inprocess(args.inprocess)
        return 0
    ok = True
    for db in args.db:
        result = measure(
            db,
            args.services,
            args.clients,
            args.requests,
            args.workers,
            args.threads,
            args.worker_class,
        )
        assert result is not None
        _db, figures = result
        verdict = (
            "OK"
            if figures.server_p95_ms is not None
            and figures.server_p95_ms < FLOOR_SERVER_P95_MS
            and figures.errors == 0
            else "ABOVE FLOOR"
        )
        if db == "pg":
            ok &= verdict == "OK"
        print(f"{figures.line()}  [{verdict}, floor server p95 < {FLOOR_SERVER_P95_MS:.0f} ms]")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
