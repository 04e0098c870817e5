"""Reading uploaded tables (CSV in UTF-8 or Windows-1252, XLSX) and collecting
validation problems by row and column, in German, before anything is written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    row: int | None  # 1-based data row as a person counts it in the file (header = row 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("Zeile %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("Spalte „%(col)s“") % {"col": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Problems(Exception):
    """Raised with every problem found; nothing has been written when it is raised."""

    items: list[Problem] = field(default_factory=list)

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.items.append(Problem(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise self


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, str]]
    encoding: str = "utf-8"

    def require_columns(self, required: Iterable[str]) -> None:
        missing = [c for c in required if c not in self.columns]
        if missing:
            problems = Problems()
            for col in missing:
                problems.add(1, col, _("Pflichtspalte fehlt."))
            raise problems


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (with or without BOM), else Windows-1252. Returns (text, encoding)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise Problems(
            [Problem(None, None, _("Die Datei ist weder UTF-8 noch Windows-1252 kodiert."))]
        ) from exc


def read_table(source: str | Path | IO[bytes] | bytes, *, filename: str | None = None) -> Table:
    """Read a CSV (comma or semicolon) or XLSX file into string cells."""
    if isinstance(source, (str, Path)):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    text, encoding = decode_bytes(data)
    return _read_csv(text, encoding)


def _delimiter(text: str) -> str:
    """Pick the delimiter from the header line only: data cells may contain commas
    ("Pflege, Struktur") or semicolons, header names do not."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str, encoding: str) -> Table:
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise Problems([Problem(None, None, _("Die Datei ist leer."))]) from exc
    rows = []
    problems = Problems()
    for index, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            problems.add(
                index,
                None,
                _("Erwartet %(n)s Spalten, gefunden %(m)s.") % {"n": len(header), "m": len(raw)},
            )
            continue
        rows.append(
            {"__row__": str(index), **{h: c.strip() for h, c in zip(header, raw, strict=True)}}
        )
    problems.raise_if_any()
    return Table(columns=header, rows=rows, encoding=encoding)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for broken files
        raise Problems(
            [Problem(None, None, _("Die XLSX-Datei kann nicht gelesen werden."))]
        ) from exc
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [str(h).strip() if h is not None else "" for h in next(iterator)]
    except StopIteration as exc:
        raise Problems([Problem(None, None, _("Die Datei ist leer."))]) from exc
    rows = []
    for index, raw in enumerate(iterator, start=2):
        cells = [
            ""
            if v is None
            else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
            for v in raw
        ]
        if not any(c.strip() for c in cells):
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(
            {"__row__": str(index), **{h: c.strip() for h, c in zip(header, cells, strict=False)}}
        )
    return Table(columns=header, rows=rows, encoding="xlsx")
