"""Which source pays for an approved application.

Every payer returns the split ``((source_id, cents), ...)`` that covers the full
amount from sources whose earmark matches on the decision date, or ``None``
when the matching money is not enough. Splits never exceed a source's balance.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from .model import AppCase, FundSource, gettext_noop

Split = tuple[tuple[str, int], ...]
Payer = Callable[[AppCase, Sequence[FundSource], Mapping[str, int], date], Split | None]

_FAR = date.max


def _eligible(
    app: AppCase, sources: Sequence[FundSource], bal: Mapping[str, int], on: date
) -> list[FundSource]:
    return [s for s in sources if bal.get(s.id, 0) > 0 and s.earmark.matches(app, on)]


def _greedy(amount: int, ordered: Sequence[FundSource], bal: Mapping[str, int]) -> Split | None:
    if sum(bal[s.id] for s in ordered) < amount:
        return None
    out: list[tuple[str, int]] = []
    rest = amount
    for s in ordered:
        take = min(rest, bal[s.id])
        out.append((s.id, take))
        rest -= take
        if rest == 0:
            break
    return tuple(out)


def earmark_match(
    app: AppCase, sources: Sequence[FundSource], bal: Mapping[str, int], on: date
) -> Split | None:
    """Most specific earmark first (money meant for exactly this need), then general money."""
    ordered = sorted(
        _eligible(app, sources, bal, on),
        key=lambda s: (-s.earmark.specificity, s.earmark.valid_until or _FAR, s.id),
    )
    return _greedy(app.amount_cents, ordered, bal)


def earliest_expiry(
    app: AppCase, sources: Sequence[FundSource], bal: Mapping[str, int], on: date
) -> Split | None:
    """Money that lapses first is spent first, so that as little as possible expires."""
    ordered = sorted(
        _eligible(app, sources, bal, on),
        key=lambda s: (s.earmark.valid_until or _FAR, -s.earmark.specificity, s.id),
    )
    return _greedy(app.amount_cents, ordered, bal)


def proportional(
    app: AppCase, sources: Sequence[FundSource], bal: Mapping[str, int], on: date
) -> Split | None:
    """Co-funding: every matching source pays in proportion to its balance (largest remainder, in cents)."""
    eligible = sorted(_eligible(app, sources, bal, on), key=lambda s: s.id)
    total = sum(bal[s.id] for s in eligible)
    amount = app.amount_cents
    if total < amount:
        return None
    quotas: dict[str, int] = {}
    remainders: list[tuple[int, str]] = []
    for s in eligible:
        q, r = divmod(amount * bal[s.id], total)
        quotas[s.id] = q
        remainders.append((-r, s.id))
    missing = amount - sum(quotas.values())
    for _, sid in sorted(remainders)[:missing]:
        quotas[sid] += 1  # q < balance whenever r > 0, so this never exceeds the balance
    return tuple((sid, c) for sid, c in quotas.items() if c > 0)


PAYERS: dict[str, tuple[str, Payer]] = {
    "earmark": (gettext_noop("Zweckbindung zuerst"), earmark_match),
    "expiry": (gettext_noop("Früheste Befristung zuerst"), earliest_expiry),
    "proportional": (gettext_noop("Anteilige Kofinanzierung"), proportional),
}


def allocate(
    payer: str, app: AppCase, sources: Sequence[FundSource], bal: Mapping[str, int], on: date
) -> Split | None:
    return PAYERS[payer][1](app, sources, bal, on)
