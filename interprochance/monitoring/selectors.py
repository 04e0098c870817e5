"""Reads of monitoring data for views, the API and other modules.

Publication model: for each period there is exactly one published set of cells,
computed by disclosure control over the whole area hierarchy (Landkreis ->
Gemeinde -> Ortsteil -> Sozialraum) and all count measures at once, with the
strictest rules any tenant has configured. Everyone who is not entitled to
exact values (the public, Gremien, other roles) sees that one set, so no two
publications can be combined to difference a value out.
"""

from __future__ import annotations

import math
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Sum

from interprochance.core.models import Area, AreaLevel, Tenant
from interprochance.core.selectors import tenant_areas

from .comparison import YearStats, compare
from .disclosure import DisclosureRules, Hierarchy, Link, ProtectionResult, protect
from .index import AreaInput, IndexSpec, IndicatorWeight, compute_index
from .models import (
    DisclosureRuleSet,
    Fact,
    ImportBatch,
    Indicator,
    Measure,
    MeasureKind,
    ReferenceLevel,
    ReferenceValue,
)

FINE_LEVELS = (AreaLevel.ORTSTEIL, AreaLevel.SOZIALRAUM)


# ------------------------------------------------------------------ catalogue


def indicators(*, public_only: bool = False):
    qs = Indicator.objects.select_related("numerator", "denominator")
    return qs.filter(is_public=True) if public_only else qs


def indicator_by_code(code: str, *, public_only: bool = False) -> Indicator | None:
    return indicators(public_only=public_only).filter(code=code).first()


def computable_facts(indicator: Indicator, **filters: Any) -> QuerySet[Fact]:
    """The numerator's facts from which the indicator can be computed: for a rate only
    those whose area also has the denominator in the same period (a numerator alone
    gives no value). ``filters`` narrow the numerator's facts."""
    facts = Fact.objects.filter(measure_id=indicator.numerator_id, **filters)
    if indicator.denominator_id is None:
        return facts
    return facts.filter(
        Exists(
            Fact.objects.filter(
                measure_id=indicator.denominator_id,
                area_id=OuterRef("area_id"),
                period=OuterRef("period"),
            )
        )
    )


def indicator_periods(indicator: Indicator) -> list[str]:
    """Periods in which the indicator can be computed for some area."""
    return sorted(computable_facts(indicator).values_list("period", flat=True).distinct())


def latest_period(indicator: Indicator) -> str | None:
    periods = indicator_periods(indicator)
    return periods[-1] if periods else None


def import_batches(tenant: Tenant):
    return ImportBatch.objects.filter(tenant=tenant).select_related("created_by", "reverted_by")


# ------------------------------------------------------------------ disclosure


def tenant_rules(tenant: Tenant) -> DisclosureRuleSet:
    rules = DisclosureRuleSet.objects.filter(tenant=tenant).first()
    return rules or DisclosureRuleSet(tenant=tenant)


def publication_rules() -> DisclosureRules:
    """The strictest combination of all tenants' rules (defaults when none are set)."""
    base = DisclosureRules()
    sets = [r.as_rules() for r in DisclosureRuleSet.objects.all()]
    if not sets:
        return base
    ks = [r.dominance_k for r in sets if r.dominance_k is not None]
    return DisclosureRules(
        min_count=max(base.min_count, *(r.min_count for r in sets)),
        min_denominator=max(base.min_denominator, *(r.min_denominator for r in sets)),
        protect_complement=any(r.protect_complement for r in sets) or base.protect_complement,
        dominance_n=max(r.dominance_n for r in sets),
        dominance_k=min(ks) if ks else None,
    )


def _hierarchy() -> tuple[Hierarchy, dict[str, Area]]:
    areas = list(Area.objects.valid_on().select_related("parent"))
    by_code = {a.code: a for a in areas}
    parents = {
        a.code: (a.parent.code if a.parent and a.parent.code in by_code else None) for a in areas
    }
    return Hierarchy.from_parents(parents), by_code


def _links() -> list[Link]:
    links = []
    for ind in Indicator.objects.filter(denominator__isnull=False).select_related(
        "numerator", "denominator"
    ):
        den = ind.denominator
        if den is not None and ind.numerator.kind == MeasureKind.COUNT == den.kind:
            links.append(Link(ind.numerator.code, den.code))
    return sorted(set(links), key=lambda link: (link.numerator, link.denominator))


_CACHE: OrderedDict[tuple, tuple[ProtectionResult, set[tuple[str, str]]]] = OrderedDict()


@dataclass(frozen=True)
class Publication:
    period: str
    result: ProtectionResult
    withheld: frozenset[tuple[str, str]]  # cells not published because data are inconsistent

    def published(self, area: str, measure: str) -> int | None:
        if (area, measure) in self.withheld:
            return None
        return self.result.published_value(area, measure)

    def reason(self, area: str, measure: str) -> str | None:
        if (area, measure) in self.withheld:
            return "inconsistent"
        d = self.result.decisions.get((area, measure))
        return d.reason if d else None


def publication(period: str) -> Publication:
    """Disclosure-controlled cells of one period (cached until the facts change)."""
    rules = publication_rules()
    signature = Fact.objects.filter(period=period).aggregate(
        n=Count("id"), b=Max("batch_id"), s=Sum("value")
    )
    key = (period, rules, signature["n"], signature["b"], signature["s"])
    if key in _CACHE:
        _CACHE.move_to_end(key)
        cached_result, cached_withheld = _CACHE[key]
        return Publication(period, cached_result, frozenset(cached_withheld))
    hierarchy, by_code = _hierarchy()
    values: dict[tuple[str, str], int] = {}
    for code, measure, value in Fact.objects.filter(
        period=period, measure__kind=MeasureKind.COUNT, area__code__in=list(by_code)
    ).values_list("area__code", "measure__code", "value"):
        values[(code, measure)] = int(value)
    links = _links()
    withheld: set[tuple[str, str]] = set()
    try:
        result = protect(hierarchy, values, rules, links=links, derive_totals=True)
    except ValueError:
        # Totals and parts disagree (or a numerator exceeds its denominator): the
        # equations an attacker would use are not exact, so publish nothing below
        # Gemeinde level for this period rather than risk a leak. The data-quality
        # check names the inconsistency.
        fine = {k for k in values if by_code[k[0]].level in FINE_LEVELS}
        withheld = fine
        coarse = {k: v for k, v in values.items() if k not in fine}
        try:
            result = protect(hierarchy, coarse, rules, links=links, derive_totals=True)
        except ValueError:
            withheld = set(values)
            result = protect(hierarchy, {}, rules, links=links)
    _CACHE[key] = (result, withheld)
    while len(_CACHE) > 64:
        _CACHE.popitem(last=False)
    return Publication(period, result, frozenset(withheld))


# ------------------------------------------------------------------ values


@dataclass(frozen=True)
class ValueRow:
    area: Area
    period: str
    value: float | None
    numerator: Decimal | None
    denominator: Decimal | None
    suppressed: bool
    reason: str | None = None
    synthetic: bool = False

    @property
    def display(self) -> str:
        return "." if self.suppressed else ("–" if self.value is None else "")


def _facts(measure_ids: Iterable[int], period: str | None, area_ids: Iterable[int] | None):
    qs = Fact.objects.filter(measure_id__in=list(measure_ids))
    if period is not None:
        qs = qs.filter(period=period)
    if area_ids is not None:
        qs = qs.filter(area_id__in=list(area_ids))
    out: dict[tuple[int, str, int], tuple[Decimal, bool]] = {}
    for area_id, p, mid, value, synthetic in qs.values_list(
        "area_id", "period", "measure_id", "value", "is_synthetic"
    ):
        out[(area_id, p, mid)] = (value, synthetic)
    return out


def indicator_values(
    indicator: Indicator,
    period: str,
    areas: Sequence[Area],
    *,
    exact: bool = False,
) -> list[ValueRow]:
    """Value per area. ``exact`` only for a caller who has checked the need to know
    (Sozialplanung of the own tenant) and audits the read; otherwise every count
    and rate passes disclosure control and suppressed cells come back as such."""
    num, den = indicator.numerator, indicator.denominator
    ids = [num.pk] + ([den.pk] if den else [])
    facts = _facts(ids, period, [a.pk for a in areas])
    pub = None if exact or num.kind != MeasureKind.COUNT else publication(period)
    rows = []
    factor = float(indicator.factor)
    for area in areas:
        n = facts.get((area.pk, period, num.pk))
        d = facts.get((area.pk, period, den.pk)) if den else None
        synthetic = bool((n and n[1]) or (d and d[1]))
        n_val = n[0] if n else None
        d_val = d[0] if d else None
        suppressed, reason = False, None
        if pub is not None:
            shown_n = pub.published(area.code, num.code) if n_val is not None else None
            shown_d = pub.published(area.code, den.code) if den and d_val is not None else None
            if n_val is not None and shown_n is None:
                suppressed, reason = True, pub.reason(area.code, num.code)
            if den and d_val is not None and shown_d is None:
                suppressed, reason = True, reason or pub.reason(area.code, den.code)
        if n_val is None or (den and d_val is None):
            value = None
        elif den:
            value = float(n_val) / float(d_val) * factor if d_val else None
        else:
            value = float(n_val) * factor
        if suppressed:
            rows.append(ValueRow(area, period, None, None, None, True, reason, synthetic))
        else:
            rows.append(ValueRow(area, period, value, n_val, d_val, False, None, synthetic))
    return rows


def indicator_series(indicator: Indicator, area: Area, *, exact: bool = False) -> list[ValueRow]:
    return [
        indicator_values(indicator, p, [area], exact=exact)[0] for p in indicator_periods(indicator)
    ]


def areas_for_view(tenant: Tenant, level: str | None = None) -> list[Area]:
    return list(tenant_areas(tenant, level=level))


def public_areas(level: str | None = None) -> list[Area]:
    qs = Area.objects.valid_on().exclude(level=AreaLevel.LAND)
    if level:
        qs = qs.filter(level=level)
    return list(qs.select_related("parent").order_by("level", "code"))


@dataclass(frozen=True)
class Coverage:
    """Where an indicator has figures on one area level: the period in which the
    most of the given areas have every input (numerator and, for a rate, the
    denominator; the latest period among equals). ``present`` is known from one
    grouped query; ``shown`` puts that period through disclosure control and is
    computed only when asked for (it can never exceed ``present``)."""

    indicator: Indicator
    level: str
    period: str
    areas: tuple[Area, ...]  # the level's areas that were asked about
    present: int  # of them, areas with every input in ``period``

    @cached_property
    def shown(self) -> int:
        """Areas with a published value in ``period`` (not suppressed, not missing)."""
        rows = indicator_values(self.indicator, self.period, self.areas)
        return sum(1 for r in rows if r.value is not None and not r.suppressed)


def indicator_coverage(indicator: Indicator, areas: Sequence[Area]) -> dict[str, Coverage]:
    """Coverage of ``indicator`` per level of ``areas``; levels without any figures
    are left out."""
    by_level: dict[str, list[Area]] = defaultdict(list)
    for area in areas:
        by_level[area.level].append(area)
    present = computable_facts(indicator, area_id__in=[a.pk for a in areas])
    best: dict[str, tuple[int, str]] = {}
    for level, period, n in (
        present.values_list("area__level", "period").annotate(n=Count("id")).order_by()
    ):
        best[level] = max(best.get(level, (0, "")), (n, period))
    return {
        level: Coverage(indicator, level, period, tuple(by_level[level]), n)
        for level, (n, period) in best.items()
    }


def widest_level(coverage: dict[str, Coverage], order: Sequence[str]) -> Coverage | None:
    """Of the levels in ``order`` (coarsest first), the one that shows the most
    areas with a value (equal: the coarser one). The default level of the
    indicator pages and of the values API."""
    return max(
        (c for c in coverage.values() if c.level in order),
        key=lambda c: (c.shown, -list(order).index(c.level)),
        default=None,
    )


def indicators_with_figures_at(indicators: Sequence[Indicator], levels: Iterable[str]) -> set[str]:
    """Codes of those ``indicators`` whose numerator has figures for an area of one
    of ``levels`` (one query)."""
    measures = set(
        Fact.objects.filter(
            measure_id__in={i.numerator_id for i in indicators}, area__level__in=list(levels)
        )
        .values_list("measure_id", flat=True)
        .distinct()
    )
    return {i.code for i in indicators if i.numerator_id in measures}


def rank_rows(rows: Sequence[ValueRow], indicator: Indicator) -> list[tuple[int | None, ValueRow]]:
    """Ranking (1 = most favourable) among rows with a shown value."""
    shown = [r for r in rows if r.value is not None and not r.suppressed]
    reverse = indicator.direction == "better"
    ordered = sorted(shown, key=lambda r: r.value or 0.0, reverse=reverse)
    position = {r.area.pk: i + 1 for i, r in enumerate(ordered)}
    out = [(position.get(r.area.pk), r) for r in rows]
    return sorted(out, key=lambda t: (t[0] is None, t[0] or 0, t[1].area.name))


# ------------------------------------------------------------------ area profile


@dataclass(frozen=True)
class ProfileRow:
    indicator: Indicator
    period: str | None
    current: ValueRow | None
    previous: ValueRow | None
    landkreis: ValueRow | None
    rank: int | None
    of: int

    @property
    def trend(self) -> str | None:
        if not self.current or not self.previous:
            return None
        if self.current.value is None or self.previous.value is None:
            return None
        diff = self.current.value - self.previous.value
        if abs(diff) < 1e-9:
            return "gleich"
        return "steigend" if diff > 0 else "fallend"


def area_profile(area: Area, *, exact: bool = False) -> list[ProfileRow]:
    """Every indicator for one area: latest value, trend, position among areas of
    the same level and the Landkreis value."""
    landkreis = Area.objects.valid_on().filter(level=AreaLevel.LANDKREIS).first()
    peers = list(Area.objects.valid_on().filter(level=area.level))
    out = []
    for ind in indicators():
        periods = [
            p
            for p in indicator_periods(ind)
            if Fact.objects.filter(measure=ind.numerator_id, period=p, area=area).exists()
        ]
        if not periods:
            continue
        period = periods[-1]
        rows = indicator_values(ind, period, peers, exact=exact)
        current = next((r for r in rows if r.area.pk == area.pk), None)
        previous = (
            indicator_values(ind, periods[-2], [area], exact=exact)[0] if len(periods) > 1 else None
        )
        lk = indicator_values(ind, period, [landkreis], exact=exact)[0] if landkreis else None
        ranked = rank_rows(rows, ind)
        rank = next((pos for pos, r in ranked if r.area.pk == area.pk), None)
        shown = sum(1 for pos, _r in ranked if pos is not None)
        out.append(ProfileRow(ind, period, current, previous, lk, rank, shown))
    return out


# ------------------------------------------------------------------ comparison with the Land


@dataclass(frozen=True)
class KreisComparison:
    """The own Kreis against all Kreise and kreisfreie Staedte of its Land, per year
    (see ``comparison.py``: unweighted median, rank 1 = most favourable)."""

    indicator: Indicator
    area: Area
    years: list[YearStats]  # oldest first
    sources: list[str]  # attributions of the imports the values come from

    @property
    def latest(self) -> YearStats | None:
        return self.years[-1] if self.years else None

    @property
    def direction(self) -> str:
        return self.indicator.direction


def landkreis_area() -> Area | None:
    return Area.objects.valid_on().filter(level=AreaLevel.LANDKREIS).order_by("code").first()


def comparison_indicators() -> list[Indicator]:
    """Public single-measure indicators that have comparison values of Kreise."""
    measures = ReferenceValue.objects.values_list("measure_id", flat=True).distinct()
    return list(
        indicators(public_only=True).filter(
            denominator__isnull=True, numerator_id__in=list(measures)
        )
    )


def kreis_comparison(indicator: Indicator, area: Area | None = None) -> KreisComparison | None:
    """Per year: the value of ``area`` (default: the Landkreis), the median, minimum
    and maximum of the Kreise of its Land (AGS prefix), their number and the rank
    of ``area`` in the indicator's direction. Comparison values only, never facts:
    the Kreise are published INKAR figures, the own Kreis's value is INKAR's too,
    so all are measured alike. None when there are no values."""
    area = area or landkreis_area()
    if area is None or indicator.denominator_id is not None:
        return None
    by_period: dict[str, dict[str, Decimal]] = defaultdict(dict)
    batches: set[int] = set()
    for code, period, value, batch_id in ReferenceValue.objects.filter(
        measure_id=indicator.numerator_id,
        level=ReferenceLevel.KREIS,
        area_code__startswith=area.code[:2],
    ).values_list("area_code", "period", "value", "batch_id"):
        if len(period) != 4:  # yearly comparison only
            continue
        by_period[period][code] = value
        batches.add(batch_id)
    if not by_period:
        return None
    sources = sorted(
        set(
            ImportBatch.objects.filter(pk__in=batches)
            .exclude(attribution="")
            .values_list("attribution", flat=True)
        )
    )
    return KreisComparison(
        indicator, area, compare(by_period, area.code, indicator.direction), sources
    )


# ------------------------------------------------------------------ index


DEFAULT_INDEX = IndexSpec(
    status=(
        IndicatorWeight("kinderarmut_sgb2_u15"),
        IndicatorWeight("sgb2_quote"),
        IndicatorWeight("alleinerziehende_anteil"),
    ),
    dynamics=(),
    min_population=300,
)


def index_spec(text: str | None) -> IndexSpec:
    """An index spec from "code[:weight],code[:weight],..." (default: DEFAULT_INDEX).
    Direction comes from the indicator (higher = better counts negatively); each
    status indicator also enters the dynamics index as its change against the
    previous period (MSS: change in percentage points). Raises ValueError with a
    German message for unknown codes or bad weights."""
    if not text:
        codes = [(w.code, w.weight) for w in DEFAULT_INDEX.status]
    else:
        codes = []
        for part in text.split(","):
            code, _sep, weight = part.strip().partition(":")
            try:
                w = float(weight.replace(",", ".")) if weight else 1.0
            except ValueError:
                raise ValueError(f"Gewicht „{weight}“ ist keine Zahl.") from None
            if not (w > 0 and w < 100):
                raise ValueError(f"Gewicht für {code} muss zwischen 0 und 100 liegen.")
            codes.append((code, w))
    known = {i.code: i for i in indicators().filter(code__in=[c for c, _w in codes])}
    unknown = [c for c, _w in codes if c not in known]
    if unknown:
        raise ValueError("Unbekannte Indikatoren: " + ", ".join(unknown))
    if len({c for c, _w in codes}) != len(codes):
        raise ValueError("Ein Indikator steht doppelt im Index.")
    weights = tuple(
        IndicatorWeight(c, w, -1 if known[c].direction == "better" else 1) for c, w in codes
    )
    dynamics = tuple(IndicatorWeight(f"{w.code}__change", w.weight, w.direction) for w in weights)
    return IndexSpec(status=weights, dynamics=dynamics, min_population=300)


def _previous(period: str, periods: Sequence[str]) -> str | None:
    earlier = [p for p in periods if p < period and len(p) == len(period)]
    return earlier[-1] if earlier else None


def index_table(period: str, areas: Sequence[Area], spec: IndexSpec | None = None):
    """MSS status and dynamics index over the protected values of ``areas``
    (suppressed values make an area invalid rather than guessed). Dynamics use the
    change against the previous period; without one the index has status only."""
    spec = spec or index_spec(None)
    status_codes = [w.code for w in spec.status]
    inds = {i.code: i for i in indicators().filter(code__in=status_codes)}
    values: dict[int, dict[str, float | None]] = defaultdict(dict)
    has_previous = True
    for code, ind in inds.items():
        for row in indicator_values(ind, period, areas):
            values[row.area.pk][code] = row.value
        before = _previous(period, indicator_periods(ind))
        if before is None:
            has_previous = False
            continue
        for row in indicator_values(ind, before, areas):
            now = values[row.area.pk].get(code)
            values[row.area.pk][f"{code}__change"] = (
                None if now is None or row.value is None else now - row.value
            )
    if not has_previous or not spec.dynamics:
        spec = IndexSpec(status=spec.status, dynamics=(), min_population=spec.min_population)
    einwohner = Measure.objects.get(code="einwohner").pk
    pops = _facts([einwohner], period, [a.pk for a in areas])
    inputs = []
    for a in areas:
        pop = pops.get((a.pk, period, einwohner))
        population = int(pop[0]) if pop else a.population
        inputs.append(AreaInput(a.code, population, values.get(a.pk, {})))
    try:
        return compute_index(inputs, spec)
    except ValueError:
        return None


# ------------------------------------------------------------------ for other modules


def need_by_area(
    indicator_code: str, *, tenant: Tenant, period: str | None = None, level: str | None = None
) -> dict[str, float | None]:
    """Protected indicator value per area code of a tenant's territory (None when
    suppressed or missing). For other modules, e.g. the directory's gap analysis.
    Latest period by default."""
    ind = indicator_by_code(indicator_code)
    if ind is None:
        raise LookupError(f"unknown indicator {indicator_code!r}")
    period = period or latest_period(ind)
    if period is None:
        return {}
    rows = indicator_values(ind, period, areas_for_view(tenant, level))
    return {r.area.code: r.value for r in rows}


def fmt(value: float | None, decimals: int = 1) -> str:
    """German number format for display ("." stays for suppressed cells elsewhere)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def describe_reason(reason: str | None) -> str:
    return {
        "min_count": "Fallzahl unter der Mindestfallzahl",
        "min_denominator": "Bezugsgröße zu klein",
        "complement": "Restgruppe zu klein",
        "dominance": "Dominanzregel",
        "secondary": "Sekundärsperrung (Schutz vor Differenzbildung)",
        "inconsistent": "Daten inkonsistent",
    }.get(reason or "", "")
