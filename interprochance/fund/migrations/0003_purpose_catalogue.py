"""Data migration: the purposes catalogue with caps per child and year."""

from django.db import migrations

CATALOGUE = [
    # key, label, cap per child and year (cents), goal
    ("class_trip", "Klassenfahrt", 40_000, "Bildung"),
    ("day_trip", "Tagesausflug (Schule/Kita)", 5_000, "Bildung"),
    ("school_supplies", "Schulbedarf", 15_000, "Bildung"),
    ("school_transport", "Schülerbeförderung", 30_000, "Bildung"),
    ("tutoring", "Nachhilfe / Lernförderung", 60_000, "Bildung"),
    ("lunch", "Mittagessen in Schule oder Kita", 60_000, "Gesundheit"),
    ("club_fee", "Vereinsbeitrag", 20_000, "Teilhabe"),
    ("music_lessons", "Musikunterricht", 40_000, "Teilhabe"),
    ("holiday_camp", "Ferienfreizeit", 35_000, "Teilhabe"),
    ("sports_equipment", "Sportausrüstung", 15_000, "Teilhabe"),
    ("glasses", "Brille", 25_000, "Gesundheit"),
    ("clothing", "Kleidung", 15_000, "Grundversorgung"),
    ("baby_equipment", "Erstausstattung Baby", 40_000, "Grundversorgung"),
    ("other", "Sonstiges", 20_000, "Sonstiges"),
]


def forward(apps, schema_editor):
    FundPurpose = apps.get_model("fund", "FundPurpose")
    for order, (key, label, cap, goal) in enumerate(CATALOGUE):
        FundPurpose.objects.update_or_create(key=key, defaults={"label": label, "cap_cents": cap, "goal": goal, "order": order})


def backward(apps, schema_editor):
    apps.get_model("fund", "FundPurpose").objects.filter(key__in=[k for k, *_ in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("fund", "0002_ledger_append_only")]
    operations = [migrations.RunPython(forward, backward)]
