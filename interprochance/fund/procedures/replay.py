"""Replay: run allocation procedures over the same applications and compare them by the goals."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .model import AppCase, FundSource, gettext_noop
from .payers import PAYERS, Split, allocate

HIGH_NEED = 70

PRIORITIES = {
    "first_come": gettext_noop("Eingangsreihenfolge (Windhundprinzip)"),
    "need": gettext_noop("Bedarfsrangfolge (dringendster Bedarf zuerst)"),
    "area_quota": gettext_noop("Quoten je Sozialraum"),
}


class ProcedureError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Procedure:
    key: str
    label: str
    priority: str
    payer: str
    round_days: int = (
        0  # 0: decided one by one as they come in; n: collected and decided every n days
    )
    processing_days: int = 3  # working time for a one-by-one decision
    area_weights: tuple[tuple[str, int], ...] = ()  # for area quotas; empty = equal shares

    def validate(self) -> None:
        if self.priority not in PRIORITIES:
            raise ProcedureError("priority", f"Unbekannte Rangfolge „{self.priority}“.")
        if self.payer not in PAYERS:
            raise ProcedureError("payer", f"Unbekannte Finanzierungsregel „{self.payer}“.")
        if self.round_days < 0 or self.processing_days < 0:
            raise ProcedureError("days", "Tage dürfen nicht negativ sein.")
        if any(w < 0 for _, w in self.area_weights):
            raise ProcedureError("weights", "Quotengewichte dürfen nicht negativ sein.")


DEFAULT_PROCEDURES = (
    Procedure(
        "windhund",
        gettext_noop("Windhundprinzip, laufend, Zweckbindung zuerst"),
        "first_come",
        "earmark",
        0,
        5,
    ),
    Procedure(
        "bedarf",
        gettext_noop("Bedarfsrangfolge, monatlich, früheste Befristung zuerst"),
        "need",
        "expiry",
        30,
    ),
    Procedure(
        "quoten",
        gettext_noop("Quoten je Sozialraum, 14-täglich, anteilige Kofinanzierung"),
        "area_quota",
        "proportional",
        14,
    ),
)


@dataclass(frozen=True, slots=True)
class Decision:
    app_id: str
    funded: bool
    decided_on: date
    days: int
    split: Split = ()
    reason: str = ""  # "", "no_money", "quota"


@dataclass(frozen=True, slots=True)
class Coverage:
    need_cents: int
    covered_cents: int
    applications: int

    @property
    def share(self) -> float:
        return self.covered_cents / self.need_cents if self.need_cents else 0.0


@dataclass(frozen=True)
class ReplayResult:
    procedure: Procedure
    decisions: tuple[Decision, ...]
    by_area: dict[str, Coverage]
    by_life_phase: dict[str, Coverage]
    funded_cents: int
    need_cents: int
    left_cents: int  # money still in the sources at the end
    earmarked_left_cents: int  # of which in earmarked sources
    expired_cents: int  # left in sources whose validity ended by the end of the replay
    mean_days: float
    median_days: float
    high_need_share: float  # share of need covered for applications with need score >= HIGH_NEED
    balances_end: dict[str, int] = field(default_factory=dict)

    @property
    def funded_count(self) -> int:
        return sum(1 for d in self.decisions if d.funded)

    @property
    def share_covered(self) -> float:
        return self.funded_cents / self.need_cents if self.need_cents else 0.0

    @property
    def min_area_share(self) -> float:
        return min((c.share for c in self.by_area.values()), default=0.0)

    def summary(self) -> dict[str, object]:
        return {
            "procedure": self.procedure.key,
            "label": self.procedure.label,
            "applications": len(self.decisions),
            "funded": self.funded_count,
            "share_covered": round(self.share_covered, 4),
            "min_area_share": round(self.min_area_share, 4),
            "high_need_share": round(self.high_need_share, 4),
            "funded_cents": self.funded_cents,
            "earmarked_left_cents": self.earmarked_left_cents,
            "expired_cents": self.expired_cents,
            "mean_days": round(self.mean_days, 1),
            "median_days": self.median_days,
        }


def decision_date(submitted: date, start: date, proc: Procedure) -> date:
    if proc.round_days == 0:
        return submitted + timedelta(days=proc.processing_days)
    k = math.ceil(((submitted - start).days + 1) / proc.round_days)
    return start + timedelta(days=k * proc.round_days)


def _quota_caps(proc: Procedure, apps: Sequence[AppCase], total: int) -> dict[str, int]:
    weights = dict(proc.area_weights) or dict.fromkeys({a.area for a in apps}, 1)
    wsum = sum(weights.values())
    if wsum <= 0:
        raise ProcedureError(
            "weights", "Mindestens ein Sozialraum braucht ein Quotengewicht über 0."
        )
    return {area: total * w // wsum for area, w in weights.items()}


def replay(
    apps: Sequence[AppCase],
    sources: Sequence[FundSource],
    proc: Procedure,
    *,
    end: date | None = None,
) -> ReplayResult:
    """Decide every application under ``proc``; sources start at their budget."""
    proc.validate()
    ids = [s.id for s in sources]
    if len(set(ids)) != len(ids):
        raise ProcedureError("sources", "Eine Mittelquelle ist doppelt angegeben.")
    bal = {s.id: s.budget_cents for s in sources}
    ordered = sorted(apps, key=lambda a: (a.submitted_on, a.id))
    start = ordered[0].submitted_on if ordered else date.today()  # noqa: DTZ011 - empty replay only
    caps = _quota_caps(proc, apps, sum(bal.values())) if proc.priority == "area_quota" else {}
    spent_area: dict[str, int] = defaultdict(int)

    groups: dict[date, list[AppCase]] = defaultdict(list)
    for a in ordered:
        groups[decision_date(a.submitted_on, start, proc)].append(a)

    decisions: list[Decision] = []
    for on in sorted(groups):
        batch = groups[on]
        if proc.priority == "need":
            batch = sorted(batch, key=lambda a: (-a.need_score, a.submitted_on, a.id))
        for a in batch:
            days = (on - a.submitted_on).days
            if caps and spent_area[a.area] + a.amount_cents > caps.get(a.area, 0):
                decisions.append(Decision(a.id, False, on, days, (), "quota"))
                continue
            split = allocate(proc.payer, a, sources, bal, on)
            if split is None:
                decisions.append(Decision(a.id, False, on, days, (), "no_money"))
                continue
            for sid, cents in split:
                bal[sid] -= cents
            spent_area[a.area] += a.amount_cents
            decisions.append(Decision(a.id, True, on, days, split))

    last = end or max((d.decided_on for d in decisions), default=start)
    by_id = {a.id: a for a in apps}
    area: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    phase: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for d in decisions:
        a = by_id[d.app_id]
        for bucket in (area[a.area], phase[a.life_phase]):
            bucket[0] += a.amount_cents
            bucket[1] += a.amount_cents if d.funded else 0
            bucket[2] += 1
    day_counts = [d.days for d in decisions]
    high_need = sum(a.amount_cents for a in apps if a.need_score >= HIGH_NEED)
    high_covered = sum(
        by_id[d.app_id].amount_cents
        for d in decisions
        if d.funded and by_id[d.app_id].need_score >= HIGH_NEED
    )
    return ReplayResult(
        procedure=proc,
        decisions=tuple(decisions),
        by_area={k: Coverage(*v) for k, v in sorted(area.items())},
        by_life_phase={k: Coverage(*v) for k, v in sorted(phase.items())},
        funded_cents=sum(by_id[d.app_id].amount_cents for d in decisions if d.funded),
        need_cents=sum(a.amount_cents for a in apps),
        left_cents=sum(bal.values()),
        earmarked_left_cents=sum(bal[s.id] for s in sources if s.earmarked),
        expired_cents=sum(
            bal[s.id]
            for s in sources
            if s.earmark.valid_until is not None and s.earmark.valid_until <= last
        ),
        mean_days=statistics.fmean(day_counts) if day_counts else 0.0,
        median_days=statistics.median(day_counts) if day_counts else 0.0,
        high_need_share=high_covered / high_need if high_need else 0.0,
        balances_end=dict(bal),
    )


def compare(
    apps: Sequence[AppCase],
    sources: Sequence[FundSource],
    procedures: Sequence[Procedure] = DEFAULT_PROCEDURES,
    *,
    end: date | None = None,
) -> list[ReplayResult]:
    """The same applications and sources under each procedure, for a table and a chart."""
    return [replay(apps, sources, p, end=end) for p in procedures]


def coverage_rows(
    results: Sequence[ReplayResult], dimension: str = "area"
) -> list[Mapping[str, object]]:
    """Long-format rows (procedure, group, share) for a chart."""
    rows: list[Mapping[str, object]] = []
    for r in results:
        cov = r.by_area if dimension == "area" else r.by_life_phase
        for group, c in cov.items():
            rows.append(
                {"procedure": r.procedure.label, "group": group, "share": round(c.share, 4)}
            )
    return rows
