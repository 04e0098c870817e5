"""CSV and XLSX downloads of any table, exactly as shown on screen."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Daten")
        sheet.append(list(columns))
        for row in rows:
            sheet.append(["" if v is None else v for v in row])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    raise ValueError(f"unknown format {fmt!r}")


def table_response(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, fmt: str, filename: str
) -> HttpResponse:
    """`fmt` is "csv" or "xlsx"; `filename` without extension."""
    data = table_bytes(columns, rows, fmt)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else XLSX_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
