"""Benchmark: the full status report for the demo (all sections the
installed modules allow), HTML + PDF, archived. Target < 20 s.

    .venv/bin/python bench/report_bench.py            # fresh SQLite in a temp dir
    BENCH_DATABASE_URL=postgres://... .venv/bin/python -m bench.report_bench

Prints the figures (demo load, report build, rendering, sizes)."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds other scripts (e.g. http.py) that would shadow the standard library
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# never DATABASE_URL: the benchmark loads the demo into its database
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
)


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from interprochance.core.demo import load_demo
    from interprochance.core.models import Tenant
    from interprochance.governance.models import ReportKind
    from interprochance.governance.report import generate
    from interprochance.governance.report.periods import last_complete_period

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t1 = time.perf_counter()
    summary = load_demo(stdout=io.StringIO())
    t2 = time.perf_counter()
    tenant = Tenant.objects.get(slug="weiterstadt")
    start, end = last_complete_period("yearly", django.utils.timezone.localdate())

    t3 = time.perf_counter()
    doc = generate.build_document(tenant, ReportKind.YEARLY, start, end)
    t4 = time.perf_counter()
    fragment = generate.render_fragment(doc)
    t5 = time.perf_counter()
    pdf = generate.render_pdf(doc, fragment)
    t6 = time.perf_counter()
    report = generate.report_generate(
        tenant=tenant, kind=ReportKind.YEARLY, start=start, end=end, actor=None
    )
    t7 = time.perf_counter()

    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]}")
    print(f"migrate: {t1 - t0:.1f} s; demo load (all modules): {t2 - t1:.1f} s")
    print("demo modules: " + ", ".join(summary))
    print(f"report period: {start} .. {end}")
    print(f"sections ({len(doc.sections)}): " + ", ".join(s.key for s in doc.sections))
    print(
        f"build sections: {t4 - t3:.2f} s; HTML: {t5 - t4:.2f} s ({len(fragment) / 1024:.0f} KiB); "
        f"PDF: {t6 - t5:.2f} s ({len(pdf) / 1024:.0f} KiB)"
    )
    total = t7 - t6
    print(
        f"full report (build + HTML + PDF + archive), second run: {total:.2f} s "
        f"-> {'OK' if total < 20 else 'TOO SLOW'} (target < 20 s); version {report.version}"
    )


if __name__ == "__main__":
    main()
