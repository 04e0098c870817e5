"""Data migration: the synthetic mark of the values that recorded changes replaced.

Before 0004 the change log did not keep it. A fact's mark has always been set by
the import that wrote it (its batch), and only the demo loader imports synthetic
values (batch kind "demo"), so a replaced value was synthetic exactly when its
old batch is a demo batch. Reverse: nothing to undo (the column goes with 0004).
"""

from django.db import migrations


def backfill(apps, schema_editor):
    FactChange = apps.get_model("monitoring", "FactChange")
    FactChange.objects.filter(old_value__isnull=False, old_batch__kind="demo").update(
        old_synthetic=True
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_factchange_old_synthetic")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
