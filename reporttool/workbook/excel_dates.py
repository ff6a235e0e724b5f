"""Dates Excel made out of a month or a year.

Typed into a cell, "Jun 2025" or "2025-06" becomes the date 1 June 2025 shown as "Jun-25": the value
alone would claim a day the analyst never gave. The cell's number format still says what was meant,
so a date on the 1st whose format shows no day is known to the month (and without a month, the year).
Reading formats costs a second pass over the sheet, made only when such a date is there.
"""
from __future__ import annotations

import re
from typing import Any

from ..values import PartialDate

_NOT_A_CODE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')  # literals, [$-409]/[Red], escapes, padding


def shown_parts(number_format: str) -> str:
    """"day", "month" or "year": the finest part of a date the format shows ("day" unless it is a date
    format without a day, such as mmm-yy or yyyy)."""
    code = _NOT_A_CODE.sub("", number_format.split(";")[0]).lower()
    if "d" in code or "h" in code or "s" in code or "y" not in code:
        return "day"
    return "month" if "m" in code else "year"


def refine_month_dates(table: Any, ws: Any) -> None:
    """Lower the precision of the table's Excel dates on the 1st (table.month_dates) to what their cells show."""
    records = dict(zip(table.rows, table.records))
    by_column: dict[Any, set[int]] = {}
    for row, column in table.month_dates:
        by_column.setdefault(column, set()).add(row)
    for column, rows in by_column.items():
        index = table.columns[column.name]
        for (cell,) in ws.iter_rows(min_row=min(rows), max_row=max(rows), min_col=index, max_col=index):
            row = getattr(cell, "row", None)
            value = records[row].get(column.attr) if row in rows and row in records else None
            if isinstance(value, PartialDate) and cell.is_date:
                records[row][column.attr] = _shown(value, shown_parts(cell.number_format or ""))


def _shown(value: PartialDate, parts: str) -> PartialDate:
    if parts == "month":
        return PartialDate(value.year, value.month)
    if parts == "year" and value.month == 1:
        return PartialDate(value.year)
    return value
