"""Statutory amounts used by the benefits check, in integer cents.

Every figure names its source. The amounts change yearly; a deployment passes
its own `Parameters` (the Django layer may load them from settings). The
defaults are those in force for 2026 as far as they were published when this
was written; they must be re-checked each January.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Parameters:
    valid_from: date = date(2026, 1, 1)

    # Regelbedarfsstufen 1..6 (Anlage zu § 28 SGB XII, § 20 SGB II);
    # 2026 unchanged from 2025: 563 / 506 / 451 / 471 / 390 / 357 EUR.
    regelbedarf: tuple[int, int, int, int, int, int] = (56300, 50600, 45100, 47100, 39000, 35700)

    # Kindergeld per child and month from 2026-01-01 (§ 66 Abs. 1 EStG, § 6 BKGG).
    kindergeld: int = 25900

    # Kinderzuschlag: maximum per child and month (§ 6a BKGG), unchanged in 2026.
    kiz_max_per_child: int = 29700
    # Minimum gross income of the parents (§ 6a Abs. 1 Nr. 2 BKGG).
    kiz_min_income_couple: int = 90000
    kiz_min_income_single_parent: int = 60000
    # Share of income above the parents' need (and of the child's income) that
    # reduces the KiZ (§ 6a BKGG): 45 %.
    kiz_taper_percent: int = 45

    # § 11b Abs. 2 und 3 SGB II: basic allowance on earned income and the bands.
    grundfreibetrag: int = 10000
    # (upper bound of band in cents, percent kept) applied to gross earned income.
    freibetrag_bands: tuple[tuple[int, int], ...] = ((52000, 20), (100000, 30))
    top_band_percent: int = 10
    top_band_limit_without_child: int = 120000
    top_band_limit_with_child: int = 150000

    # § 6 Abs. 1 Nr. 1 Bürgergeld-V: flat insurance allowance for adults, per month.
    versicherungspauschale: int = 3000

    # § 21 Abs. 3 SGB II (Mehrbedarf Alleinerziehende), percent of Regelbedarfsstufe 1.
    single_parent_base_percent: int = 36
    single_parent_per_child_percent: int = 12
    single_parent_cap_percent: int = 60
    # § 21 Abs. 2 SGB II (Mehrbedarf Schwangerschaft), percent of the own Regelbedarf.
    pregnancy_percent: int = 17

    # BuT 2025/26 (§ 28 Abs. 3 und 7 SGB II).
    but_schulbedarf_august: int = 13000
    but_schulbedarf_february: int = 6500
    but_teilhabe_per_month: int = 1500

    # Screening only, not law: a household whose income exceeds its SGB II need
    # by more than this percentage is not shown the Wohngeld hint. Wohngeld
    # limits depend on household size, rent and Mietenstufe (§§ 12, 19 WoGG);
    # the check does not compute the amount.
    wohngeld_screening_percent_above_need: int = 60

    reference_notes: tuple[str, ...] = field(
        default=(
            "Regelbedarfe 2026: Regelbedarfsstufen-Fortschreibung, unverändert zu 2025",
            "Kindergeld 2026: 259 EUR (§ 66 EStG)",
            "Kinderzuschlag 2026: höchstens 297 EUR je Kind (§ 6a BKGG)",
        )
    )


DEFAULT_PARAMETERS = Parameters()
