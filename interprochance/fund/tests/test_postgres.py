"""PostgreSQL-only guarantees: append-only and balanced ledger in the database,
row locks against overdraft under real parallel transactions, and crash safety
of payout batches (a subprocess is killed mid-batch)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection, connections, transaction
from django.db.utils import IntegrityError, InternalError

from interprochance.fund import selectors, services
from interprochance.fund.models import (
    Application,
    LedgerPosting,
    LedgerTransaction,
    Payout,
    PayoutBatch,
    Status,
)
from interprochance.fund.services import FundError

from .conftest import app_input

pytestmark = [pytest.mark.postgres]

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _only_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.mark.django_db
def test_database_refuses_update_and_delete_of_ledger_rows(world):
    tx_id = LedgerTransaction.objects.values_list("pk", flat=True).first()
    for sql in (
        "UPDATE fund_ledgerposting SET amount_cents = amount_cents + 1 WHERE transaction_id = %s",
        "DELETE FROM fund_ledgerposting WHERE transaction_id = %s",
        "UPDATE fund_ledgertransaction SET memo = 'x' WHERE id = %s",
        "DELETE FROM fund_ledgertransaction WHERE id = %s",
    ):
        with (
            pytest.raises((IntegrityError, InternalError)) as exc,
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [tx_id])
        assert "append-only" in str(exc.value)


@pytest.mark.django_db
def test_database_refuses_unbalanced_transaction(world):
    with pytest.raises((IntegrityError, InternalError)) as exc, transaction.atomic():
        tx = LedgerTransaction.objects.create(
            tenant=world.tenant, kind="contribution", booked_on=date.today()
        )
        LedgerPosting.objects.create(
            transaction=tx,
            source=world.stadt,
            account="avail",
            amount_cents=100,
            booked_on=date.today(),
            tx_kind="contribution",
        )
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert "does not balance" in str(exc.value)


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_never_overdraw(world):
    """Eight approvals of 250 EUR race for a donation of 300 EUR plus a city budget of 1,000 EUR:
    at most 1,300 EUR can be bound, whatever the interleaving."""
    apps = []
    for i in range(8):
        app = services.application_submit(
            actor=world.beratung,
            tenant=world.tenant,
            form_token=uuid.uuid4(),
            data=app_input(world, child_key=f"Kind {i}", household_key=f"H{i}"),
        )
        services.application_propose(actor=world.fonds, application=app, decision="approve")
        apps.append(app)
    barrier = threading.Barrier(len(apps))
    outcomes: list[str] = []

    def decide(app: Application) -> None:
        try:
            barrier.wait(timeout=30)
            services.application_decide(actor=world.anordnung, application=app, approve=True)
            outcomes.append("ok")
        except FundError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(outcomes) == 8
    assert outcomes.count("ok") == 5  # 5 x 250 = 1,250 <= 1,300 < 6 x 250
    assert outcomes.count("budget") == 3
    balances = {b.source.key: b for b in selectors.source_balances(world.tenant)}
    assert balances["spende"].available >= 0 and balances["stadt"].available >= 0
    assert balances["spende"].committed + balances["stadt"].committed == 125_000
    assert selectors.ledger_totals_check(world.tenant) == {"sum": 0, "unbalanced": 0}
    assert selectors.ledger_totals_verify(world.tenant) == []
    assert Application.objects.filter(status=Status.APPROVED).count() == 5


CRASH_SCRIPT = r"""
import os, signal, sys, uuid, datetime
import django
django.setup()
from django.contrib.auth import get_user_model
from interprochance.core.models import Tenant
from interprochance.fund import services
crash_after = int(sys.argv[1])
def hook(i):
    if crash_after >= 0 and i == crash_after:
        os.kill(os.getpid(), signal.SIGKILL)  # a hard crash: no cleanup, no rollback by Python
tenant = Tenant.objects.get(slug="weiterstadt")
user = get_user_model().objects.get(username="f-fonds")
batch = services.payout_batch_create(actor=user, tenant=tenant, request_key=uuid.UUID(sys.argv[2]),
    execution_date=datetime.date.today() + datetime.timedelta(days=3), on_payout=hook)
if sys.argv[3] == "export":
    services.payout_batch_export(actor=user, batch=batch)
print(batch.pk, batch.count)
"""


def _run(crash_after: int, key: uuid.UUID, export: bool = False) -> subprocess.CompletedProcess:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "TESTING": "1",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            CRASH_SCRIPT,
            str(crash_after),
            str(key),
            "export" if export else "-",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.django_db(transaction=True)
def test_crash_mid_batch_leaves_no_trace_and_rerun_pays_each_once(world, approved):
    for i in range(6):
        approved(
            purpose="club_fee",
            total="60",
            amount="60",
            child_key=f"Kind {i}",
            household_key=f"H{i}",
        )
    key = uuid.uuid4()
    crashed = _run(crash_after=3, key=key)
    assert crashed.returncode == -9, crashed.stderr  # killed by SIGKILL inside the transaction
    # Nothing of the half-written batch survived: no batch, no payout, no payout posting.
    assert PayoutBatch.objects.count() == 0
    assert Payout.objects.count() == 0
    assert not LedgerTransaction.objects.filter(kind="payout").exists()
    assert Application.objects.filter(status=Status.APPROVED).count() == 6
    assert selectors.ledger_totals_check(world.tenant) == {"sum": 0, "unbalanced": 0}

    done = _run(crash_after=-1, key=key, export=True)
    assert done.returncode == 0, done.stderr
    again = _run(crash_after=-1, key=key, export=True)  # the same request once more
    assert again.returncode == 0, again.stderr
    assert done.stdout == again.stdout
    assert PayoutBatch.objects.count() == 1
    assert Payout.objects.count() == 6
    assert LedgerTransaction.objects.filter(kind="payout").count() == 6
    assert Application.objects.filter(status=Status.PAID).count() == 6
    paid = sum(b.paid for b in selectors.source_balances(world.tenant))
    assert paid == 6 * 6_000
    assert selectors.ledger_totals_check(world.tenant) == {"sum": 0, "unbalanced": 0}
    assert selectors.ledger_totals_verify(world.tenant) == []
    batch = PayoutBatch.objects.get()
    assert batch.xml and bytes(batch.xml).count(b"<CdtTrfTxInf>") == 6


@pytest.mark.django_db(transaction=True)
def test_crash_during_export_then_export_again_same_file(world, approved):
    approved(purpose="club_fee", total="60", amount="60")
    batch = services.payout_batch_create(
        actor=world.fonds,
        tenant=world.tenant,
        request_key=uuid.uuid4(),
        execution_date=date.today() + timedelta(days=2),
    )
    # An export that dies before it commits leaves the batch without a file; the next export writes it.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.payout_batch_export(actor=world.fonds, batch=batch)
        raise RuntimeError("crash before commit")
    batch.refresh_from_db()
    assert not batch.xml
    first = services.payout_batch_export(actor=world.fonds, batch=batch)
    assert services.payout_batch_export(actor=world.fonds, batch=batch) == first
    assert Payout.objects.count() == 1
