"""Agreement term arithmetic: initial term, automatic renewal, notice period.

Pure Python (no Django). Dataclasses in, dataclasses out.

The cooperation agreement (../shared/seed) says: "Die Kooperationsvereinbarung
gilt zwei Jahre nach Unterzeichnung und verlängert sich jeweils um 12 Monate,
wenn sie nicht bei der Einhaltung einer Frist von 3 Monaten zum Ablauf der
Vertragsverlängerung schriftlich gekündigt wird."  As a rule:
``TermRule(initial_months=24, renewal_months=12, notice_months=3,
written_form=True)``.

Decisions (also in docs/governance.md):

1. Terms are anchored at the signing date.  Term ``k`` (0-based) ends at
   ``period_end(signed, initial + k * renewal)``; the next term starts the day
   after.  Anchoring avoids month-end drift (31 Jan -> 28 Feb -> 28 Mar ...)
   that chaining renewals through § 190 BGB would produce; the two readings
   differ only for signing days 29-31.
2. Notice is in time when the notice period, triggered by its receipt
   (§ 187 Abs. 1 BGB), has run out by the end of the term: the last day for
   notice is ``latest_event_day(term_end, notice_months)``.  E.g. term end
   30 Jun, 3 months -> 31 Mar; term end 15 Sep -> 15 Jun.
3. Notice after the last day: by default it is *rejected* (``LateNoticeError``
   with the next possible end date in the message), because the agreement
   gives no rule for it and a platform must not silently turn a late notice
   into notice for a later date.  A caller may opt in to
   ``LatePolicy.NEXT_TERM``: the notice then takes effect at the end of the
   following term (the usual reading of a late ordinary notice as notice for
   the next possible date).
4. Written form (§ 126 BGB): when the rule requires it, a notice not given in
   writing is rejected (``NoticeFormError``).
5. A notice received after the evaluation date is not yet known on that date
   and is ignored for it.
6. ``renewal_months == 0`` means no automatic renewal: the agreement ends
   after the initial term.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .dates import ONE_DAY, latest_event_day, period_end
from .errors import (
    InvalidRuleError,
    LateNoticeError,
    NoticeBeforeSigningError,
    NoticeFormError,
    NotInForceError,
    OverlapError,
)

MAX_MONTHS = 1200  # 100 years; beyond that a rule is a typo


class Status(enum.StrEnum):
    RUNNING = "running"
    NOTICE_GIVEN = "notice_given"
    ENDED = "ended"


class LatePolicy(enum.StrEnum):
    REJECT = "reject"
    NEXT_TERM = "next_term"


@dataclass(frozen=True)
class TermRule:
    signed: dt.date
    initial_months: int
    renewal_months: int
    notice_months: int
    written_form: bool = True

    def __post_init__(self) -> None:
        validate_rule(self)


@dataclass(frozen=True)
class Notice:
    received: dt.date
    written: bool = True


@dataclass(frozen=True)
class Term:
    index: int  # 0 = initial term, 1 = first renewal, ...
    start: dt.date
    end: dt.date
    notice_deadline: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class TermState:
    on: dt.date
    status: Status
    term: Term  # the current term; when ended, the last term
    ends_on: dt.date | None  # final day of the agreement, if fixed by notice
    notice: Notice | None = None
    notice_late: bool = False  # accepted under LatePolicy.NEXT_TERM
    days_to_deadline: int | None = field(default=None)

    def as_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "term_index": self.term.index,
            "term_start": self.term.start.isoformat(),
            "term_end": self.term.end.isoformat(),
            "notice_deadline": self.term.notice_deadline.isoformat(),
            "status": self.status.value,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "notice_given": self.notice.received.isoformat() if self.notice else None,
            "notice_late": self.notice_late,
            "days_to_deadline": self.days_to_deadline,
        }


def validate_rule(rule: TermRule) -> None:
    if not isinstance(rule.signed, dt.date) or isinstance(rule.signed, dt.datetime):
        raise InvalidRuleError("signed must be a date", field="signed")
    for name in ("initial_months", "renewal_months", "notice_months"):
        value = getattr(rule, name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidRuleError(f"{name} must be an integer", field=name)
        if value < 0 or value > MAX_MONTHS:
            raise InvalidRuleError(
                f"{name} must be between 0 and {MAX_MONTHS}", field=name, value=value
            )
    if rule.initial_months < 1:
        raise InvalidRuleError(
            "initial term must be at least one month", field="initial_months", value=0
        )
    shortest = min(m for m in (rule.initial_months, rule.renewal_months) if m > 0)
    if rule.notice_months >= shortest:
        raise InvalidRuleError(
            "notice period must be shorter than every term",
            field="notice_months",
            value=rule.notice_months,
            shortest=shortest,
        )


def term_at_index(rule: TermRule, index: int) -> Term:
    if index < 0:
        raise ValueError("index must be >= 0")
    if index > 0 and rule.renewal_months == 0:
        raise ValueError("agreement without renewal has only the initial term")
    start = (
        rule.signed
        if index == 0
        else period_end(rule.signed, rule.initial_months + (index - 1) * rule.renewal_months)
        + ONE_DAY
    )
    end = period_end(rule.signed, rule.initial_months + index * rule.renewal_months)
    return Term(
        index=index,
        start=start,
        end=end,
        notice_deadline=latest_event_day(end, rule.notice_months),
    )


def iter_terms(rule: TermRule) -> Iterator[Term]:
    index = 0
    while True:
        yield term_at_index(rule, index)
        if rule.renewal_months == 0:
            return
        index += 1


def term_index_on(rule: TermRule, day: dt.date) -> int:
    """Index of the term containing ``day`` (day >= signed).  For an
    agreement without renewal, days after the initial term map to 0."""
    if day < rule.signed:
        raise NotInForceError(f"agreement not yet signed on {day}", on=day, signed=rule.signed)
    if rule.renewal_months == 0:
        return 0
    months = (day.year - rule.signed.year) * 12 + (day.month - rule.signed.month)
    guess = max(0, (months - rule.initial_months) // rule.renewal_months)
    # The estimate is off by at most one in either direction; step to the
    # exact term.
    while guess > 0 and term_at_index(rule, guess).start > day:
        guess -= 1
    while term_at_index(rule, guess).end < day:
        guess += 1
    return guess


def term_on(rule: TermRule, day: dt.date) -> Term:
    return term_at_index(rule, term_index_on(rule, day))


def notice_effect(
    rule: TermRule, notice: Notice, *, late_policy: LatePolicy = LatePolicy.REJECT
) -> tuple[Term, bool]:
    """The term at whose end a notice takes effect, and whether it was late.

    Raises ``NoticeFormError``, ``NoticeBeforeSigningError`` or (with
    ``LatePolicy.REJECT``) ``LateNoticeError``.
    """
    if rule.written_form and not notice.written:
        raise NoticeFormError("notice must be given in writing", received=notice.received)
    if notice.received < rule.signed:
        raise NoticeBeforeSigningError(
            f"notice received {notice.received} before signing {rule.signed}",
            received=notice.received,
            signed=rule.signed,
        )
    if rule.renewal_months == 0:
        # Nothing to stop: the agreement ends after the initial term anyway.
        # A notice still records the intention; it does not change the end.
        return term_at_index(rule, 0), False
    index = term_index_on(rule, notice.received)
    term = term_at_index(rule, index)
    if notice.received <= term.notice_deadline:
        return term, False
    following = term_at_index(rule, index + 1)
    if late_policy is LatePolicy.NEXT_TERM:
        return following, True
    raise LateNoticeError(
        f"notice received {notice.received} after the last day for notice "
        f"{term.notice_deadline} (term ending {term.end}); it could take effect "
        f"at the end of the following term on {following.end} at the earliest",
        received=notice.received,
        deadline=term.notice_deadline,
        term_end=term.end,
        next_possible_end=following.end,
        next_deadline=following.notice_deadline,
    )


def evaluate(
    rule: TermRule,
    on: dt.date,
    notice: Notice | None = None,
    *,
    late_policy: LatePolicy = LatePolicy.REJECT,
) -> TermState:
    """State of the agreement on day ``on``.

    Raises ``NotInForceError`` for a day before signing, and the notice errors
    of ``notice_effect`` for an invalid notice (also when it lies after
    ``on``: bad input is reported, never ignored).
    """
    if on < rule.signed:
        raise NotInForceError(f"agreement not yet signed on {on}", on=on, signed=rule.signed)
    effective: tuple[Term, bool] | None = None
    if notice is not None:
        effective = notice_effect(rule, notice, late_policy=late_policy)
        if notice.received > on:
            effective = None  # not yet known on that day (decision 5)
    if rule.renewal_months == 0:
        term = term_at_index(rule, 0)
        ends_on = term.end
        status = (
            Status.ENDED
            if on > term.end
            else (Status.NOTICE_GIVEN if effective else Status.RUNNING)
        )
        return _state(on, status, term, ends_on, notice if effective else None, False)
    if effective is None:
        term = term_on(rule, on)
        return _state(on, Status.RUNNING, term, None, None, False)
    final_term, late = effective
    if on > final_term.end:
        return _state(on, Status.ENDED, final_term, final_term.end, notice, late)
    return _state(on, Status.NOTICE_GIVEN, term_on(rule, on), final_term.end, notice, late)


def _state(
    on: dt.date,
    status: Status,
    term: Term,
    ends_on: dt.date | None,
    notice: Notice | None,
    late: bool,
) -> TermState:
    days = (term.notice_deadline - on).days if status is Status.RUNNING else None
    return TermState(
        on=on,
        status=status,
        term=term,
        ends_on=ends_on,
        notice=notice,
        notice_late=late,
        days_to_deadline=days,
    )


def reminder_dates(state: TermState, days_before: Iterable[int] = (90, 30, 7)) -> list[dt.date]:
    """Days on which to remind of the notice deadline of the current term,
    from ``state.on`` onwards (sorted, deduplicated).  None once notice is
    given or the agreement has ended."""
    if state.status is not Status.RUNNING:
        return []
    deadline = state.term.notice_deadline
    days = {deadline - dt.timedelta(days=d) for d in days_before if d >= 0}
    return sorted(d for d in days if d >= state.on)


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date | None  # None = open-ended


def check_no_overlap(periods: Iterable[Period]) -> None:
    """Raise ``OverlapError`` naming the first two overlapping periods."""
    ordered = sorted(periods, key=lambda p: (p.start, p.key))
    for p in ordered:
        if p.end is not None and p.end < p.start:
            raise OverlapError(
                f"period {p.key} ends before it starts", key=p.key, start=p.start, end=p.end
            )
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if previous.end is None or current.start <= previous.end:
            raise OverlapError(
                f"periods {previous.key} and {current.key} overlap",
                first=previous.key,
                second=current.key,
                first_start=previous.start,
                first_end=previous.end,
                second_start=current.start,
            )
