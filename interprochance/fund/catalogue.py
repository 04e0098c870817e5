"""The purposes catalogue with caps per child and year (also seeded by migration 0003).

Caps are this fund's own policy (invented for the demo municipality, in the range
of real municipal child funds); they are editable in the admin. Labels and goals
are stored in German and translated where shown (fund/labels.py); a label renamed
in the admin has no catalogue entry and shows as typed.
"""

from __future__ import annotations

from interprochance.core.translatable import gettext_noop

CATALOGUE = [
    # key, label, cap per child and year (cents), goal
    ("class_trip", gettext_noop("Klassenfahrt"), 40_000, gettext_noop("Bildung")),
    ("day_trip", gettext_noop("Tagesausflug (Schule/Kita)"), 5_000, gettext_noop("Bildung")),
    ("school_supplies", gettext_noop("Schulbedarf"), 15_000, gettext_noop("Bildung")),
    ("school_transport", gettext_noop("Schülerbeförderung"), 30_000, gettext_noop("Bildung")),
    ("tutoring", gettext_noop("Nachhilfe / Lernförderung"), 60_000, gettext_noop("Bildung")),
    ("lunch", gettext_noop("Mittagessen in Schule oder Kita"), 60_000, gettext_noop("Gesundheit")),
    ("club_fee", gettext_noop("Vereinsbeitrag"), 20_000, gettext_noop("Teilhabe")),
    ("music_lessons", gettext_noop("Musikunterricht"), 40_000, gettext_noop("Teilhabe")),
    ("holiday_camp", gettext_noop("Ferienfreizeit"), 35_000, gettext_noop("Teilhabe")),
    ("sports_equipment", gettext_noop("Sportausrüstung"), 15_000, gettext_noop("Teilhabe")),
    ("glasses", gettext_noop("Brille"), 25_000, gettext_noop("Gesundheit")),
    ("clothing", gettext_noop("Kleidung"), 15_000, gettext_noop("Grundversorgung")),
    (
        "baby_equipment",
        gettext_noop("Erstausstattung Baby"),
        40_000,
        gettext_noop("Grundversorgung"),
    ),
    ("other", gettext_noop("Sonstiges"), 20_000, gettext_noop("Sonstiges")),
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
