"""The status report as a document model (pure; no Django).

Sections are collected from each module (through its selectors) by the
Django layer; this module only holds the structure, numbering/table of
contents and the small-number protection every table goes through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

SMALL_NUMBER_MIN = 5  # counts 1..4 about people are never shown
SUPPRESSED = "< 5"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    kind: str = "figure"


@dataclass(frozen=True)
class Table:
    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    note: str = ""
    kind: str = "table"


@dataclass(frozen=True)
class Chart:
    title: str
    spec: dict[str, Any]  # Vega-Lite, rendered to SVG for the PDF
    alt_text: str  # what the chart shows, for screen readers and print
    kind: str = "chart"


Block = Paragraph | KeyFigure | Table | Chart


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    number: str = ""

    @property
    def anchor(self) -> str:
        return f"sec-{self.key}"


@dataclass
class ReportDocument:
    title: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    generated_at: dt.datetime
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def number(self) -> None:
        for index, section in enumerate(self.sections, start=1):
            section.number = str(index)

    def toc(self) -> list[tuple[str, str, str]]:
        self.number()
        return [(s.number, s.title, s.anchor) for s in self.sections]


def protect_count(value: int | None, *, minimum: int = SMALL_NUMBER_MIN) -> int | str | None:
    """A count about people as it may be shown: 0 and >= minimum as is,
    1..minimum-1 replaced by the suppression mark."""
    if value is None:
        return None
    if 0 < value < minimum:
        return SUPPRESSED
    return value


def protect_row(
    values: Sequence[int], *, with_total: bool = True, minimum: int = SMALL_NUMBER_MIN
) -> list[int | str]:
    """Protect a row of counts that is shown with its total.

    Primary: every count in 1..minimum-1 is suppressed.  Secondary: when
    exactly one cell is suppressed and the total is shown, it could be
    recomputed as total minus the others, so the smallest other non-zero cell
    is suppressed too.  The total itself is returned last (suppressed when
    small) when ``with_total``.
    """
    shown: list[int | str] = [protect_count(v, minimum=minimum) for v in values]  # type: ignore[misc]
    suppressed = [i for i, v in enumerate(shown) if v == SUPPRESSED]
    if with_total and len(suppressed) == 1:
        candidates = [i for i, v in enumerate(values) if i not in suppressed and v > 0]
        if candidates:
            extra = min(candidates, key=lambda i: (values[i], i))
            shown[extra] = SUPPRESSED
    if with_total:
        total = sum(values)
        shown.append(protect_count(total, minimum=minimum))  # type: ignore[arg-type]
    return shown
