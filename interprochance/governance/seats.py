"""Required seats of the bodies (pure; no Django).

From the cooperation agreement (../shared/seed, "Rahmen"): "In diesem
Projektbeirat sollen folgende Gruppen/Funktionen vertreten sein" - the list
below, with the chairs of both social committees as two seats.  The
Steuerungsgruppe has no fixed seats in the agreement ("Über die
Zusammensetzung ... entscheidet die/der Erste Kreisbeigeordnete und der/die
Bürgermeister/in"), only representatives of both parties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PROJEKTBEIRAT_SEATS: tuple[tuple[str, str], ...] = (
    ("sozialdezernat_landkreis", "Sozialdezernent/in des Landkreises"),
    ("buergermeister_stadt", "Bürgermeister/in der Stadt"),
    ("vorsitz_sozialausschuss_landkreis", "Vorsitz Sozialausschuss des Landkreises"),
    ("vorsitz_sozialausschuss_stadt", "Vorsitz Sozialausschuss der Stadt"),
    (
        "kreisversammlung_buergermeister",
        "Kreisversammlung der Bürgermeisterinnen und Bürgermeister",
    ),
    ("wohlfahrtsverbaende", "Wohlfahrtsverbände"),
    ("hochschulen_wissenschaft", "Hochschulen/Wissenschaft"),
)
STEUERUNGSGRUPPE_SEATS: tuple[tuple[str, str], ...] = (
    ("vertretung_landkreis", "Vertretung des Landkreises"),
    ("vertretung_stadt", "Vertretung der Stadt"),
)
OTHER_SEAT = ("weitere", "weiteres Mitglied")

BODY_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "steuerungsgruppe": STEUERUNGSGRUPPE_SEATS,
    "projektbeirat": PROJEKTBEIRAT_SEATS,
}


@dataclass(frozen=True)
class SeatCheck:
    required: tuple[str, ...]
    held: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def check_seats(kind: str, held_seats: Iterable[str]) -> SeatCheck:
    """Which required seats of a body of ``kind`` are not held by any
    current member."""
    required = tuple(code for code, _ in BODY_KINDS.get(kind, ()))
    held = tuple(sorted(set(held_seats)))
    missing = tuple(code for code in required if code not in held)
    return SeatCheck(required=required, held=held, missing=missing)


def seat_label(code: str) -> str:
    for seats in (*BODY_KINDS.values(), (OTHER_SEAT,)):
        for seat_code, label in seats:
            if seat_code == code:
                return label
    return code
