"""Recompute the stored 1:1 comparison of plans and month statements at the approved
hourly rates of the children's entitlements (before: the cheapest qualified assistant of
the pool for every child, which assumed as many cheap assistants as children and so could
show a pool dearer than 1:1)."""

from datetime import timedelta
from decimal import Decimal

from django.db import migrations


def _rates(Entitlement, pool_id, first=None, last=None):
    qs = Entitlement.objects.filter(pool_id=pool_id)
    if first is not None:
        qs = qs.filter(valid_from__lte=last, valid_to__gte=first)
    out = {}
    for pseudonym, rate in qs.order_by("valid_from", "pk").values_list(
        "child__pseudonym", "hourly_rate"
    ):
        out[pseudonym] = rate
    return out


def forwards(apps, schema_editor):
    # pure functions of the optimiser (no models): safe to use from a migration
    from interprochance.pool.optimizer.bound import baseline_cost
    from interprochance.pool.optimizer.exchange import parse_instance

    Plan = apps.get_model("pool", "Plan")
    MonthStatement = apps.get_model("pool", "MonthStatement")
    Entitlement = apps.get_model("pool", "Entitlement")
    cent = Decimal("0.01")
    for plan in Plan.objects.all().iterator():
        inst = parse_instance(plan.instance)
        plan.baseline = baseline_cost(inst, _rates(Entitlement, plan.pool_id)).quantize(cent)
        plan.save(update_fields=["baseline"])
    for st in MonthStatement.objects.select_related("plan").iterator():
        first = st.month.replace(day=1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        inst = parse_instance(st.plan.instance)
        week = baseline_cost(inst, _rates(Entitlement, st.pool_id, first, last))
        st.baseline_cost = (week * st.school_weeks).quantize(cent)
        st.save(update_fields=["baseline_cost"])


class Migration(migrations.Migration):
    dependencies = [("pool", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
