"""The demo loader and the management commands."""

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from interprochance.fund import selectors
from interprochance.fund.models import Application, FundingSource, PayoutBatch, Status

pytestmark = pytest.mark.django_db


def test_demo_loads_synthetic_fund_once(core_demo):
    from interprochance.core.demo import load_demo
    from interprochance.fund.catalogue import ensure_catalogue

    ensure_catalogue()
    load_demo(only=["fund"])
    t = core_demo.weiterstadt
    apps = Application.objects.filter(tenant=t)
    assert apps.count() > 20 and not apps.filter(is_synthetic=False).exists()
    assert FundingSource.objects.filter(tenant=t, is_synthetic=True).count() == 4
    statuses = set(apps.values_list("status", flat=True))
    assert {Status.SUBMITTED, Status.PROPOSED, Status.PAID} <= statuses, (
        statuses,
        selectors.source_balances(t),
    )
    assert selectors.ledger_totals_check(t) == {"sum": 0, "unbalanced": 0}
    assert PayoutBatch.objects.filter(tenant=t, is_synthetic=True).count() == 1
    rep = selectors.fund_report(t, __import__("datetime").date.today().year)
    assert rep.decisions and rep.decisions >= 5 and rep.decision_days_mean > 0
    # the history feeds the replay command
    out = StringIO()
    call_command("replay_procedures", "--tenant", "weiterstadt", stdout=out)
    assert "Windhundprinzip" in out.getvalue() and "Quoten" in out.getvalue()


def test_replay_command_synthetic_json():
    out = StringIO()
    call_command("replay_procedures", "--synthetic", "300", "--json", stdout=out)
    assert '"procedure": "bedarf"' in out.getvalue()
    with pytest.raises(CommandError):
        call_command("replay_procedures", "--synthetic", "10", "--procedures", "lotterie")
    with pytest.raises(CommandError):
        call_command("replay_procedures")


def test_create_payout_batch_command_is_idempotent(world, approved, tmp_path):
    approved()
    key = str(uuid.uuid4())
    out = tmp_path / "batch.xml"
    for _ in range(2):
        call_command(
            "create_payout_batch",
            "--tenant",
            "weiterstadt",
            "--user",
            "f-fonds",
            "--request-key",
            key,
            "--out",
            str(out),
            stdout=StringIO(),
        )
    assert PayoutBatch.objects.count() == 1
    assert b"pain.001.001.09" in out.read_bytes()
    with pytest.raises(CommandError):
        call_command(
            "create_payout_batch",
            "--tenant",
            "weiterstadt",
            "--user",
            "f-planung",
            stdout=StringIO(),
        )
