"""Data migration: derive the running totals from the postings that already exist."""

from django.db import migrations
from django.db.models import Sum
from django.db.models.functions import ExtractYear


def forward(apps, schema_editor):
    LedgerPosting = apps.get_model("fund", "LedgerPosting")
    LedgerTotal = apps.get_model("fund", "LedgerTotal")
    if LedgerTotal.objects.exists():
        return
    rows = (
        LedgerPosting.objects.annotate(year=ExtractYear("booked_on"))
        .values("source_id", "account", "year", "tx_kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    LedgerTotal.objects.bulk_create(
        LedgerTotal(source_id=r["source_id"], account=r["account"], year=r["year"], tx_kind=r["tx_kind"],
                    amount_cents=r["total"])
        for r in rows
    )


def backward(apps, schema_editor):
    apps.get_model("fund", "LedgerTotal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("fund", "0004_ledger_totals")]
    operations = [migrations.RunPython(forward, backward)]
