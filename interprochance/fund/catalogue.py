"""The purposes catalogue with caps per child and year (also seeded by migration 0003).

Caps are this fund's own policy (invented for the demo municipality, in the range
of real municipal child funds); they are editable in the admin.
"""

from __future__ import annotations

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


def ensure_catalogue() -> int:
    """Create missing purposes (never overwrites edited caps). Returns how many were created."""
    from interprochance.fund.models import FundPurpose

    existing = set(FundPurpose.objects.values_list("key", flat=True))
    new = [
        FundPurpose(key=k, label=label, cap_cents=cap, goal=goal, order=i)
        for i, (k, label, cap, goal) in enumerate(CATALOGUE)
        if k not in existing
    ]
    FundPurpose.objects.bulk_create(new)
    return len(new)
