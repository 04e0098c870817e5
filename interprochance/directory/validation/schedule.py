"""Opening hours as iCalendar recurrence rules (RFC 5545 RRULE), pure Python.

A service's opening hours are a list of :class:`OpeningSlot` (e.g. "Mondays and
Wednesdays 14:00-16:00", "every second Friday 9:00-12:00", "first Tuesday of the
month 18:00-20:00"). They map one-to-one onto HSDS ``schedule`` objects
(freq/interval/byday/opens_at/closes_at/valid_from/valid_to/dtstart).

Occurrence dates come from ``dateutil.rrule`` so that what we validate is what an
iCalendar consumer computes. Times are local (Europe/Berlin).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil import rrule

from .fields import FieldProblem

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_DE = {"MO": "Mo", "TU": "Di", "WE": "Mi", "TH": "Do", "FR": "Fr", "SA": "Sa", "SU": "So"}
_RRULE_DAYS = dict(
    zip(
        WEEKDAYS,
        (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU),
        strict=True,
    )
)
FREQS = ("WEEKLY", "MONTHLY")
SETPOS_DE = {1: "1.", 2: "2.", 3: "3.", 4: "4.", -1: "letzten"}

#: How far ahead occurrences are compared (two years covers every weekly and
#: monthly pattern with an interval up to 12).
HORIZON_DAYS = 731


@dataclass(frozen=True)
class OpeningSlot:
    weekdays: tuple[str, ...]
    opens_at: time
    closes_at: time
    freq: str = "WEEKLY"
    interval: int = 1
    #: MONTHLY only: which occurrence of the weekday in the month (1..4, -1 = last).
    setpos: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    #: Anchor for interval > 1 ("every second week starting ...").
    dtstart: date | None = None
    #: Slots at different locations of the same service may overlap in time.
    location_key: str | None = None
    note: str = field(default="", compare=False)

    # ---- presentation

    def label(self) -> str:
        days = ", ".join(WEEKDAY_DE[d] for d in self.weekdays)
        hours = f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        if self.freq == "MONTHLY" and self.setpos is not None:
            every = f"jeden {SETPOS_DE.get(self.setpos, str(self.setpos))} {days} im Monat"
        elif self.interval == 2:
            every = f"alle zwei Wochen {days}"
        elif self.interval > 2:
            every = f"alle {self.interval} Wochen {days}"
        else:
            every = days
        return f"{every} {hours}"

    def byday(self) -> str:
        if self.freq == "MONTHLY" and self.setpos is not None:
            return ",".join(f"{self.setpos}{d}" for d in self.weekdays)
        return ",".join(self.weekdays)

    def rrule_string(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        parts.append(f"BYDAY={self.byday()}")
        parts.append("WKST=MO")
        if self.valid_to:
            parts.append(f"UNTIL={self.valid_to:%Y%m%d}T235959")
        return ";".join(parts)

    def duration_hours(self) -> float:
        start = datetime.combine(date(2000, 1, 3), self.opens_at)
        end = datetime.combine(date(2000, 1, 3), self.closes_at)
        return (end - start).total_seconds() / 3600


def _slot_label(i: int, slot: OpeningSlot) -> str:
    try:
        return slot.label()
    except Exception:  # noqa: BLE001 - label of an invalid slot
        return f"Zeile {i + 1}"


def check_slot(slot: OpeningSlot, *, index: int = 0) -> list[FieldProblem]:
    """Problems of one slot on its own (German messages)."""
    where = f"Öffnungszeit {index + 1}"
    problems: list[FieldProblem] = []
    if slot.freq not in FREQS:
        problems.append(FieldProblem("schedule", f"{where}: Rhythmus „{slot.freq}“ ist unbekannt."))
    if not slot.weekdays:
        problems.append(
            FieldProblem("schedule", f"{where}: bitte mindestens einen Wochentag wählen.")
        )
    bad = [d for d in slot.weekdays if d not in WEEKDAYS]
    if bad:
        problems.append(
            FieldProblem("schedule", f"{where}: unbekannter Wochentag {', '.join(bad)}.")
        )
    if len(set(slot.weekdays)) != len(slot.weekdays):
        problems.append(FieldProblem("schedule", f"{where}: ein Wochentag ist doppelt gewählt."))
    if not isinstance(slot.interval, int) or not 1 <= slot.interval <= 12:
        problems.append(
            FieldProblem("schedule", f"{where}: der Abstand muss zwischen 1 und 12 liegen.")
        )
    if slot.freq == "MONTHLY" and slot.setpos not in SETPOS_DE:
        problems.append(
            FieldProblem(
                "schedule",
                f"{where}: bei monatlichen Terminen bitte angeben, der wievielte Wochentag "
                "im Monat (1.–4. oder letzter).",
            )
        )
    if slot.freq == "WEEKLY" and slot.setpos is not None:
        problems.append(
            FieldProblem(
                "schedule", f"{where}: „der wievielte im Monat“ passt nur zu monatlichen Terminen."
            )
        )
    if slot.closes_at <= slot.opens_at:
        problems.append(
            FieldProblem(
                "schedule",
                f"{where}: das Ende ({slot.closes_at:%H:%M}) liegt nicht nach dem Beginn "
                f"({slot.opens_at:%H:%M}).",
            )
        )
    if slot.valid_from and slot.valid_to and slot.valid_to < slot.valid_from:
        problems.append(
            FieldProblem(
                "schedule",
                f"{where}: gültig bis {slot.valid_to:%d.%m.%Y} liegt vor gültig ab "
                f"{slot.valid_from:%d.%m.%Y}.",
            )
        )
    if not problems:
        try:
            rrule.rrulestr(slot.rrule_string(), dtstart=datetime(2026, 1, 5))  # noqa: DTZ001 - local wall-clock times
        except (ValueError, TypeError) as exc:
            problems.append(
                FieldProblem("schedule", f"{where}: ungültige Wiederholungsregel ({exc}).")
            )
    return problems


def _anchor(slot: OpeningSlot, window_start: date) -> date:
    return slot.dtstart or slot.valid_from or window_start


def occurrences(slot: OpeningSlot, start: date, end: date) -> list[date]:
    """Dates in [start, end] on which the slot takes place."""
    anchor = _anchor(slot, start)
    last = min(end, slot.valid_to) if slot.valid_to else end
    first = max(start, slot.valid_from) if slot.valid_from else start
    if last < first:
        return []
    days = [_RRULE_DAYS[d] for d in slot.weekdays]
    if slot.freq == "MONTHLY" and slot.setpos is not None:
        days = [d(slot.setpos) for d in days]
    rule = rrule.rrule(
        rrule.WEEKLY if slot.freq == "WEEKLY" else rrule.MONTHLY,
        interval=slot.interval,
        byweekday=days,
        wkst=rrule.MO,
        dtstart=datetime.combine(anchor, time()),  # noqa: DTZ001 - local wall-clock dates
        until=datetime.combine(last, time()),  # noqa: DTZ001
    )
    lo = datetime.combine(first, time())
    return [d.date() for d in rule if d >= lo]


def _overlap_window(slots: Sequence[OpeningSlot], reference: date) -> tuple[date, date]:
    starts = [s.valid_from for s in slots if s.valid_from] + [s.dtstart for s in slots if s.dtstart]
    start = min([reference, *starts])
    return start, start + timedelta(days=HORIZON_DAYS)


def find_overlaps(slots: Sequence[OpeningSlot], *, reference: date) -> list[tuple[int, int, date]]:
    """Pairs of slots (same location) that are open at the same time on some date."""
    start, end = _overlap_window(slots, reference)
    dates = [set(occurrences(s, start, end)) for s in slots]
    found: list[tuple[int, int, date]] = []
    for i, a in enumerate(slots):
        for j in range(i + 1, len(slots)):
            b = slots[j]
            if a.location_key != b.location_key:
                continue
            if not (a.opens_at < b.closes_at and b.opens_at < a.closes_at):
                continue
            common = dates[i] & dates[j]
            if common:
                found.append((i, j, min(common)))
    return found


def validate_schedule(slots: Sequence[OpeningSlot], *, reference: date) -> list[FieldProblem]:
    """All problems of a service's opening hours; empty list = valid."""
    problems: list[FieldProblem] = []
    for i, slot in enumerate(slots):
        problems.extend(check_slot(slot, index=i))
    if problems:
        return problems
    for i, j, day in find_overlaps(slots, reference=reference):
        problems.append(
            FieldProblem(
                "schedule",
                f"Öffnungszeiten {i + 1} und {j + 1} überschneiden sich "
                f"({_slot_label(i, slots[i])} und {_slot_label(j, slots[j])}, "
                f"z. B. am {day:%d.%m.%Y}).",
            )
        )
    return problems


def weekly_hours(slots: Iterable[OpeningSlot], *, start: date, weeks: int = 52) -> float:
    """Average opening hours per week over ``weeks`` weeks from ``start``."""
    end = start + timedelta(days=7 * weeks - 1)
    total = 0.0
    for slot in slots:
        total += len(occurrences(slot, start, end)) * slot.duration_hours()
    return round(total / weeks, 2)


# --------------------------------------------------------------------------- HSDS


def parse_byday(byday: str, freq: str) -> tuple[tuple[str, ...], int | None]:
    """``"1MO,1WE"`` -> (("MO","WE"), 1); ``"TH,FR"`` -> (("TH","FR"), None)."""
    days: list[str] = []
    setpos: set[int] = set()
    for part in (p.strip().upper() for p in byday.split(",") if p.strip()):
        code = part[-2:]
        prefix = part[:-2]
        if prefix:
            try:
                setpos.add(int(prefix))
            except ValueError:
                raise FieldProblem("schedule", f"„{part}“ ist kein gültiger Wochentag.") from None
        days.append(code)
    if len(setpos) > 1:
        raise FieldProblem(
            "schedule", f"„{byday}“: unterschiedliche Positionen im Monat werden nicht unterstützt."
        )
    if setpos and freq != "MONTHLY":
        raise FieldProblem("schedule", f"„{byday}“: Positionsangaben nur bei monatlichen Terminen.")
    return tuple(days), (setpos.pop() if setpos else None)


def parse_hhmm(value: str) -> time:
    """``"14:00"``, ``"14:00:00"``, ``"14:00Z"``/``"14:00+01:00"`` (offset ignored: local time)."""
    raw = value.strip()
    for suffix in ("Z", "z"):
        raw = raw.removesuffix(suffix)
    if len(raw) > 5 and raw[-6] in "+-" and raw[-3] == ":":
        raw = raw[:-6]
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise FieldProblem("schedule", f"„{value}“ ist keine Uhrzeit (HH:MM).") from None
