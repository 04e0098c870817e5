"""Impact staircase (Wirkungstreppe) and implementation stages - pure constants.

The seven steps follow the common German impact-staircase model (PHINEO
"Kursbuch Wirkung"): outputs (1-3: activities take place, target groups are
reached, they accept the offer), outcomes (4-6: knowledge/attitudes change,
behaviour changes, living conditions change) and impact (7: society changes).
"""

from __future__ import annotations

from interprochance.core.translatable import gettext_noop

IMPACT_STAGES: tuple[tuple[str, str], ...] = (
    ("activities", gettext_noop("Aktivitäten finden wie geplant statt")),
    ("reach", gettext_noop("Zielgruppen werden erreicht")),
    ("acceptance", gettext_noop("Zielgruppen akzeptieren die Angebote")),
    ("knowledge", gettext_noop("Zielgruppen verändern Bewusstsein, Wissen und Einstellungen")),
    ("behaviour", gettext_noop("Zielgruppen ändern ihr Handeln")),
    ("living_conditions", gettext_noop("Lebenslage der Zielgruppen ändert sich")),
    ("society", gettext_noop("Gesellschaft verändert sich")),
)
IMPACT_STAGE_CODES: tuple[str, ...] = tuple(code for code, _ in IMPACT_STAGES)

IMPLEMENTATION_STAGES: tuple[tuple[str, str], ...] = (
    ("planned", gettext_noop("geplant")),
    ("preparing", gettext_noop("in Vorbereitung")),
    ("running", gettext_noop("läuft")),
    ("evaluated", gettext_noop("evaluiert")),
    ("anchored", gettext_noop("verstetigt")),
)
IMPLEMENTATION_STAGE_CODES: tuple[str, ...] = tuple(code for code, _ in IMPLEMENTATION_STAGES)

LIFE_PHASES: tuple[tuple[str, str], ...] = (
    ("birth", gettext_noop("rund um die Geburt")),
    ("early_childhood", gettext_noop("frühe Kindheit/Kita")),
    ("primary", gettext_noop("Grundschule")),
    ("secondary", gettext_noop("Sekundarstufe I")),
    ("transition", gettext_noop("Übergang Schule–Beruf")),
)
LIFE_PHASE_CODES: tuple[str, ...] = tuple(code for code, _ in LIFE_PHASES)

INSTITUTION_KINDS: tuple[tuple[str, str], ...] = (
    ("kita", gettext_noop("Kita")),
    ("school", gettext_noop("Schule")),
    ("youth_work", gettext_noop("Einrichtung der Kinder- und Jugendhilfe")),
)
INSTITUTION_KIND_CODES: tuple[str, ...] = tuple(code for code, _ in INSTITUTION_KINDS)


def next_implementation_stage(stage: str) -> str | None:
    """The stage after ``stage``, or None at the last one."""
    index = IMPLEMENTATION_STAGE_CODES.index(stage)
    if index + 1 < len(IMPLEMENTATION_STAGE_CODES):
        return IMPLEMENTATION_STAGE_CODES[index + 1]
    return None


def can_move(from_stage: str, to_stage: str) -> bool:
    """Implementations move one stage forward at a time, or back any number
    of stages (a roll-out can be paused and restarted); never skip ahead."""
    if from_stage not in IMPLEMENTATION_STAGE_CODES or to_stage not in IMPLEMENTATION_STAGE_CODES:
        return False
    a = IMPLEMENTATION_STAGE_CODES.index(from_stage)
    b = IMPLEMENTATION_STAGE_CODES.index(to_stage)
    return b == a + 1 or b < a
