"""Demo data for the monitoring.

Real: inhabitants of the 23 Gemeinden (HSL, 2023 and 2024), GISD scores (RKI)
and INKAR series (BBSR), with the INKAR values of every Kreis of Hessen as
comparison values ("Vergleich mit Hessen"). Synthetic (marked as such): small-area counts for
Weiterstadt's Sozialraeume, rolled up to the Ortsteile and reconciled with the
real Gemeinde total, including small counts that disclosure control must hide.
"""

from __future__ import annotations

import csv
from typing import Any

from django.conf import settings

from interprochance.core.models import Area, AreaLevel

from . import services
from .models import BatchKind, DisclosureRuleSet

YEARS = ("2023", "2024")

# Shares per Sozialraum (of the population) for the synthetic counts; Riedbahn and
# Schneppenhausen are small, so some of their counts fall below the minimum.
PROFILE = {
    # code suffix: (kinder_u15 share, sgb2 share of kinder_u15, single-parent share)
    "01-1": (0.15, 0.22, 0.24),
    "01-2": (0.13, 0.12, 0.18),
    "02-1": (0.14, 0.08, 0.15),
    "02-2": (0.15, 0.10, 0.16),
    "03-1": (0.13, 0.06, 0.14),
    "03-2": (0.16, 0.09, 0.17),
    "04-1": (0.14, 0.03, 0.12),
    "05-1": (0.17, 0.28, 0.27),
}


def _split(total: int, weights: list[float], rng) -> list[int]:
    """Integer split of ``total`` proportional to ``weights`` (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    base = [int(x) for x in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - base[i], reverse=True)
    for i in order[:rest]:
        base[i] += 1
    return base


def _synthetic_rows(ctx: Any) -> list[dict[str, str]]:
    rng = ctx.rng
    weiterstadt = ctx.weiterstadt.area
    sozialraeume = [a for a in ctx.sozialraeume() if a.code.startswith(weiterstadt.code)]
    real = {}
    with (settings.REFERENCE_DATA_DIR / "ladadi_gemeinden.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["ags"] == weiterstadt.code:
                real = {
                    "2023": int(r["einwohner_2023_12_31"]),
                    "2024": int(r["einwohner_2024_12_31"]),
                }
    weights = [float(a.population or 100) for a in sozialraeume]
    rows: list[dict[str, str]] = []
    for year in YEARS:
        pops = _split(real[year], weights, rng)
        leaf: dict[str, dict[str, int]] = {}
        for area, pop in zip(sozialraeume, pops, strict=True):
            suffix = area.code[len(weiterstadt.code) + 1 :]
            u15_share, sgb2_share, single_share = PROFILE.get(suffix, (0.14, 0.1, 0.16))
            jitter = 1 + (rng.random() - 0.5) * 0.1
            u15 = round(pop * u15_share * jitter)
            u3 = round(u15 * 0.19)
            u6 = round(u15 * 0.39)
            k3_6 = u6 - u3
            k6_10 = round(u15 * 0.27)
            minder = round(u15 * 1.2)
            hh_kids = round(minder / 1.7)
            single = round(hh_kids * single_share * jitter)
            u15_sgb2 = round(u15 * sgb2_share * jitter)
            sgb2 = round(u15_sgb2 * 2.6 + pop * 0.02)
            hh_kids_sgb2 = min(hh_kids, round(u15_sgb2 / 1.6))
            single_sgb2 = min(single, hh_kids_sgb2, round(single * sgb2_share * 1.8))
            seu = max(1, round(pop * 0.009))
            leaf[area.code] = {
                "einwohner": pop,
                "kinder_u3": u3,
                "kinder_3_6": k3_6,
                "kinder_u6": u6,
                "kinder_6_10": k6_10,
                "kinder_u15": u15,
                "kinder_u15_sgb2": u15_sgb2,
                "minderjaehrige": minder,
                "minderjaehrige_migration": round(minder * (0.2 + sgb2_share)),
                "einwohner_sgb2": sgb2,
                "haushalte_mit_kindern": hh_kids,
                "haushalte_alleinerziehend": single,
                "haushalte_mit_kindern_sgb2": hh_kids_sgb2,
                "haushalte_alleinerziehend_sgb2": single_sgb2,
                "kita_kinder_u3": round(u3 * (0.25 + rng.random() * 0.2)),
                "kita_kinder_3_6": round(k3_6 * (0.86 + rng.random() * 0.1)),
                "einschulung_untersucht": seu,
                "einschulung_sprachfoerderung": round(seu * (0.08 + sgb2_share * 0.6)),
                "einschulung_uebergewicht": round(seu * 0.1),
                "einschulung_u9": round(seu * (0.92 - sgb2_share * 0.3)),
            }
        # Roll up to Ortsteile and the Gemeinde (additive by construction).
        totals: dict[str, dict[str, int]] = {}
        for code, counts in leaf.items():
            for parent in (code.rsplit("-", 1)[0], weiterstadt.code):
                bucket = totals.setdefault(parent, {})
                for m, v in counts.items():
                    bucket[m] = bucket.get(m, 0) + v
        for code, counts in {**leaf, **totals}.items():
            for m, v in counts.items():
                if code == weiterstadt.code and m == "einwohner":
                    continue  # the real Gemeinde total is imported separately
                rows.append({"area_code": code, "period": year, "measure": m, "value": str(v)})
    return rows


def _rows_table(rows):
    from interprochance.core.tabular import Table

    return Table(
        columns=list(services.IMPORT_COLUMNS),
        rows=[{**r, "__row__": str(i)} for i, r in enumerate(rows, start=2)],
    )


def load(ctx: Any) -> str:
    from . import catalogue
    from .models import Indicator, Measure

    catalogue.sync(Measure, Indicator)  # idempotent; the catalogue may have been flushed
    landkreis = ctx.landkreis
    weiterstadt = ctx.weiterstadt
    admin = ctx.users.get("demo-admin")
    planer = ctx.users.get("demo-planung")
    # Real inhabitants of the 23 Gemeinden.
    rows = []
    with (settings.REFERENCE_DATA_DIR / "ladadi_gemeinden.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append(
                {
                    "area_code": r["ags"],
                    "period": "2023",
                    "measure": "einwohner",
                    "value": r["einwohner_2023_12_31"],
                }
            )
            rows.append(
                {
                    "area_code": r["ags"],
                    "period": "2024",
                    "measure": "einwohner",
                    "value": r["einwohner_2024_12_31"],
                }
            )
    plan = services.facts_plan(tenant=landkreis, table=_rows_table(rows))
    services.facts_import(
        actor=admin,
        tenant=landkreis,
        plan=plan,
        kind=BatchKind.REFERENCE,
        label="Einwohner der Gemeinden (HSL)",
        filename="ladadi_gemeinden.csv",
        attribution="Hessisches Statistisches Landesamt",
    )
    gisd = services.reference_import_gisd(actor=admin, tenant=landkreis)
    inkar = services.reference_import_inkar(actor=admin, tenant=landkreis)
    kreise = services.reference_import_kreise(actor=admin, tenant=landkreis)
    synthetic = _synthetic_rows(ctx)
    plan = services.facts_plan(tenant=weiterstadt, table=_rows_table(synthetic), synthetic=True)
    services.facts_import(
        actor=planer,
        tenant=weiterstadt,
        plan=plan,
        kind=BatchKind.DEMO,
        label=f"Kleinräumige Werte Weiterstadt ({ctx.label})",
    )
    DisclosureRuleSet.objects.get_or_create(tenant=weiterstadt)
    n_sr = Area.objects.filter(
        level=AreaLevel.SOZIALRAUM, code__startswith=weiterstadt.area.code
    ).count()
    return (
        f"GISD {gisd.rows} Werte, INKAR {inkar.rows} Werte, "
        f"{kreise.rows} Vergleichswerte der Kreise Hessens, Einwohner 23 Gemeinden; "
        f"{len(synthetic)} synthetische Werte für {n_sr} Sozialräume in Weiterstadt"
    )
