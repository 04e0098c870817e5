"""Data migration: the seeded indicator catalogue (see monitoring/catalogue.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from interprochance.monitoring import catalogue

    catalogue.sync(apps.get_model("monitoring", "Measure"), apps.get_model("monitoring", "Indicator"))


def unseed(apps, schema_editor):
    from interprochance.monitoring import catalogue

    Indicator = apps.get_model("monitoring", "Indicator")
    Measure = apps.get_model("monitoring", "Measure")
    Indicator.objects.filter(code__in=[i.code for i in catalogue.INDICATORS]).delete()
    Measure.objects.filter(code__in=[m.code for m in catalogue.MEASURES], facts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
