"""Synthetic applications and sources for demos, tests and the benchmark (marked synthetic)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .model import LIFE_PHASES, AppCase, Earmark, FundSource

# Typical amounts in cents per purpose (invented, in the range of real fund practice).
_PURPOSES = {
    "class_trip": (8_000, 45_000),
    "school_supplies": (3_000, 15_000),
    "tutoring": (10_000, 60_000),
    "club_fee": (3_000, 20_000),
    "music_lessons": (10_000, 40_000),
    "holiday_camp": (10_000, 50_000),
    "glasses": (5_000, 25_000),
    "clothing": (3_000, 15_000),
    "baby_equipment": (10_000, 40_000),
}
_PHASE_FOR = {
    "class_trip": ("primary", "secondary"),
    "school_supplies": ("primary", "secondary", "transition"),
    "tutoring": ("primary", "secondary", "transition"),
    "club_fee": ("early", "primary", "secondary"),
    "music_lessons": ("early", "primary", "secondary"),
    "holiday_camp": ("primary", "secondary"),
    "glasses": ("early", "primary", "secondary", "transition"),
    "clothing": tuple(LIFE_PHASES),
    "baby_equipment": ("birth",),
}


def synthetic_applications(
    n: int,
    *,
    seed: int = 1,
    areas: tuple[str, ...] = (
        "Kernstadt",
        "Braunshardt",
        "Gräfenhausen",
        "Schneppenhausen",
        "Riedbahn",
    ),
    start: date = date(2025, 1, 1),
    days: int = 365,
) -> list[AppCase]:
    rnd = random.Random(seed)
    purposes = list(_PURPOSES)
    # Need is unevenly spread: the first areas carry more applications (as in a real town).
    area_w = [len(areas) - i for i in range(len(areas))]
    out = []
    for i in range(n):
        p = rnd.choice(purposes)
        lo, hi = _PURPOSES[p]
        out.append(
            AppCase(
                id=f"S{i:06d}",
                submitted_on=start + timedelta(days=rnd.randrange(days)),
                area=rnd.choices(areas, weights=area_w)[0],
                life_phase=rnd.choice(_PHASE_FOR[p]),
                purpose=p,
                amount_cents=rnd.randrange(lo, hi, 100),
                need_score=rnd.randrange(0, 101),
            )
        )
    return out


def synthetic_sources(total_cents: int, *, start: date = date(2025, 1, 1)) -> list[FundSource]:
    """A Landkreis budget, a city budget, an earmarked donation and a foundation grant."""
    year_end = date(start.year, 12, 31)
    return [
        FundSource(
            "landkreis",
            "Landkreis-Budget",
            total_cents * 40 // 100,
            Earmark(valid_from=start, valid_until=year_end),
        ),
        FundSource("stadt", "Budget der Stadt", total_cents * 30 // 100, Earmark(valid_from=start)),
        FundSource(
            "spende-schule",
            "Spende für Schulkinder",
            total_cents * 15 // 100,
            Earmark(
                purposes=frozenset({"class_trip", "school_supplies", "tutoring"}),
                life_phases=frozenset({"primary", "secondary"}),
            ),
        ),
        FundSource(
            "stiftung-fruehe-hilfen",
            "Stiftung Frühe Hilfen",
            total_cents - total_cents * 85 // 100,
            Earmark(life_phases=frozenset({"birth", "early"}), valid_until=date(start.year, 9, 30)),
        ),
    ]
