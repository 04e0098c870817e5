"""Impact staircase (Wirkungstreppe) and implementation stages - pure constants.

The seven steps follow the common German impact-staircase model (PHINEO
"Kursbuch Wirkung"): outputs (1-3: activities take place, target groups are
reached, they accept the offer), outcomes (4-6: knowledge/attitudes change,
behaviour changes, living conditions change) and impact (7: society changes).
"""

from __future__ import annotations

IMPACT_STAGES: tuple[tuple[str, str], ...] = (
    ("activities", "Aktivitäten finden wie geplant statt"),
    ("reach", "Zielgruppen werden erreicht"),
    ("acceptance", "Zielgruppen akzeptieren die Angebote"),
    ("knowledge", "Zielgruppen verändern Bewusstsein, Wissen und Einstellungen"),
    ("behaviour", "Zielgruppen ändern ihr Handeln"),
    ("living_conditions", "Lebenslage der Zielgruppen ändert sich"),
    ("society", "Gesellschaft verändert sich"),
)
IMPACT_STAGE_CODES: tuple[str, ...] = tuple(code for code, _ in IMPACT_STAGES)

IMPLEMENTATION_STAGES: tuple[tuple[str, str], ...] = (
    ("planned", "geplant"),
    ("preparing", "in Vorbereitung"),
    ("running", "läuft"),
    ("evaluated", "evaluiert"),
    ("anchored", "verstetigt"),
)
IMPLEMENTATION_STAGE_CODES: tuple[str, ...] = tuple(code for code, _ in IMPLEMENTATION_STAGES)

LIFE_PHASES: tuple[tuple[str, str], ...] = (
    ("birth", "rund um die Geburt"),
    ("early_childhood", "frühe Kindheit/Kita"),
    ("primary", "Grundschule"),
    ("secondary", "Sekundarstufe I"),
    ("transition", "Übergang Schule–Beruf"),
)
LIFE_PHASE_CODES: tuple[str, ...] = tuple(code for code, _ in LIFE_PHASES)

INSTITUTION_KINDS: tuple[tuple[str, str], ...] = (
    ("kita", "Kita"),
    ("school", "Schule"),
    ("youth_work", "Einrichtung der Kinder- und Jugendhilfe"),
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
