"""Write the blank workbook (or the filled example) from the contract with xlsxwriter.

Dropdowns, input messages, the Instructions sheet and the hidden Lists sheet all come from
reporttool.workbook.contract, so the template cannot drift from what the reader accepts.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from .contract import BRIEFING_SHEETS, CLIENT_SHEETS, Column, Sheet
from ..files import write_atomic
from ..xlsx_sheet import TextSafeSheet  # imports xlsxwriter: this module is loaded only by `init`

TEMPLATE_ROWS = 500  # rows that carry dropdowns and input messages
FIELD_VALUE_WIDTH = 90
LINE_HEIGHT = 15  # points per line of 11 pt text
FIXED_TIME = dt.datetime(2025, 1, 1)
HEADER_FILL, HEADER_TEXT, BAND_FILL = "#1F3A5F", "#FFFFFF", "#EEF2F7"


def write_template(path: Path, *, clients: bool = False, example: bool = False) -> None:
    """Write a briefing workbook or clients manifest, blank or filled with the example."""
    sheets = CLIENT_SHEETS if clients else BRIEFING_SHEETS
    rows = _example_rows(clients) if example else {}
    write_atomic(path, template_bytes(sheets, rows))


def _example_rows(clients: bool) -> dict[str, list[dict[str, Any]]]:
    from .example import EXAMPLE_BRIEFING, EXAMPLE_CLIENTS

    return {"Clients": EXAMPLE_CLIENTS} if clients else EXAMPLE_BRIEFING


def template_bytes(sheets: tuple[Sheet, ...], rows: dict[str, list[dict[str, Any]]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": "reporttool briefing workbook", "created": FIXED_TIME})
    formats = _formats(book)
    _write_instructions(book, sheets, formats)
    lists = _choice_ranges(sheets)
    for sheet in sheets:
        if sheet.fields:
            _write_fields_sheet(book, sheet, rows.get(sheet.name, []), formats, lists)
        else:
            _write_table_sheet(book, sheet, rows.get(sheet.name, []), formats, lists)
    _write_lists(book, sheets, formats)
    book.close()
    return buffer.getvalue()


def _formats(book: Any) -> dict[str, Any]:
    return {
        "header": book.add_format({"bold": True, "font_color": HEADER_TEXT, "bg_color": HEADER_FILL,
                                   "border": 1, "valign": "vcenter", "text_wrap": True}),
        "required": book.add_format({"bold": True}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "left"}),
        "title": book.add_format({"bold": True, "font_size": 16, "font_color": HEADER_FILL}),
        "section": book.add_format({"bold": True, "font_size": 12, "bg_color": BAND_FILL}),
    }


def _choices(column: Column) -> tuple[str | int, ...]:
    """What a column's dropdown offers: its labels; for a 1-5 scale the numbers and the labels; for Formats
    each format and each combination in order (the cell holds a list)."""
    from itertools import combinations

    if column.kind in ("enum", "tlp"):
        return column.choices
    if column.kind in ("likelihood", "impact"):
        return (1, 2, 3, 4, 5, *column.choices)
    if column.kind == "formats":
        return tuple("; ".join(combo) for size in range(1, len(column.choices) + 1)
                     for combo in combinations(column.choices, size))
    return ()


def _choice_ranges(sheets: tuple[Sheet, ...]) -> dict[tuple[str, str], str]:
    """Where each enumerated column's choices sit on the hidden Lists sheet."""
    ranges, index = {}, 0
    for sheet in sheets:
        for column in sheet.columns:
            if choices := _choices(column):
                letter = chr(65 + index) if index < 26 else "A" + chr(65 + index - 26)
                ranges[(sheet.name, column.name)] = f"=Lists!${letter}$2:${letter}${len(choices) + 1}"
                index += 1
    return ranges


def _write_lists(book: Any, sheets: tuple[Sheet, ...], formats: dict[str, Any]) -> None:
    ws = book.add_worksheet("Lists", TextSafeSheet)
    index = 0
    for sheet in sheets:
        for column in sheet.columns:
            if choices := _choices(column):
                ws.write_string(0, index, f"{sheet.name} {column.name}", formats["header"])
                for row, choice in enumerate(choices, start=1):
                    write_value(ws, row, index, choice, formats)
                index += 1
    ws.hide()


def _validation(column: Column, lists: dict[tuple[str, str], str], sheet: Sheet) -> dict[str, Any]:
    """The Excel data validation for one column: dropdown, date, or just a message. A 1-5 scale and Formats
    only warn on other values: the reader also takes "likely" or "pdf, docx"."""
    message = {"input_title": column.name[:32], "input_message": _message(column)}
    if column.kind in ("likelihood", "impact"):
        words = ", ".join(f"{i} {w}" for i, w in enumerate(column.choices, start=1))
        message["input_message"] = f"1-5 or a label: {words}"[:255]
    if (sheet.name, column.name) in lists:
        lenient = column.kind in ("likelihood", "impact", "formats")
        return {"validate": "list", "source": lists[(sheet.name, column.name)], **message,
                "error_title": "Not in the list", "error_message": "Pick a value from the dropdown.",
                **({"error_type": "warning"} if lenient else {})}
    if column.kind == "date":
        return {"validate": "date", "criteria": ">=", "value": dt.date(1900, 1, 1), **message,
                "error_type": "warning", "error_message": "Type a full date, e.g. 2025-05-04."}
    return {"validate": "any", **message}


def _message(column: Column) -> str:
    need = "Required. " if column.required else ""
    return (need + column.rule[0].upper() + column.rule[1:] + ".")[:255] if column.rule else need.strip()


def _write_table_sheet(book: Any, sheet: Sheet, rows: list[dict[str, Any]], formats: dict[str, Any],
                       lists: dict[tuple[str, str], str]) -> None:
    ws = book.add_worksheet(sheet.name, TextSafeSheet)
    _print_wide(ws)
    ws.repeat_rows(0)
    for index, column in enumerate(sheet.columns):
        ws.write_string(0, index, column.name, formats["header"])
        ws.set_column(index, index, column.width, formats["wrap"])
        ws.data_validation(1, index, TEMPLATE_ROWS, index, _validation(column, lists, sheet))
    ws.freeze_panes(1, 0)
    ws.set_row(0, 20)
    for number, record in enumerate(rows, start=1):
        for index, column in enumerate(sheet.columns):
            write_value(ws, number, index, record.get(column.name), formats)
        _fit_row(ws, number, [(record.get(c.name), c.width) for c in sheet.columns])


def _write_fields_sheet(book: Any, sheet: Sheet, rows: list[dict[str, Any]], formats: dict[str, Any],
                        lists: dict[tuple[str, str], str]) -> None:
    ws = book.add_worksheet(sheet.name, TextSafeSheet)
    _print_wide(ws)
    ws.write_string(0, 0, "Field", formats["header"])
    ws.write_string(0, 1, "Value", formats["header"])
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, FIELD_VALUE_WIDTH, formats["wrap"])
    ws.freeze_panes(1, 0)
    values = {r["Field"]: r.get("Value") for r in rows}
    for number, column in enumerate(sheet.columns, start=1):
        ws.write_string(number, 0, column.name, formats["required"] if column.required else None)
        ws.data_validation(number, 1, number, 1, _validation(column, lists, sheet))
        write_value(ws, number, 1, values.get(column.name), formats)
        _fit_row(ws, number, [(values.get(column.name), FIELD_VALUE_WIDTH)])


def _fit_row(ws: Any, row: int, cells: list[tuple[Any, int]]) -> None:
    """Tall enough for its wrapped text: LibreOffice does not grow rows that a file leaves unsized."""
    lines = max((sum(-(-len(part) // max(int(width * 1.2), 1)) or 1 for part in str(value).split("\n"))
                 for value, width in cells if isinstance(value, str)), default=1)
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * min(lines, 27))  # 27 lines: Excel's 409 pt limit


def _print_wide(ws: Any) -> None:
    """Printed landscape, one page wide and as long as it needs: wide text columns stay readable."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def write_value(ws: Any, row: int, col: int, value: Any, formats: dict[str, Any]) -> None:
    """Write a cell as data: text stays text (never a formula), dates as real dates."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime)
                          else value, formats["date"])
    else:
        ws.write_string(row, col, str(value))


def _write_instructions(book: Any, sheets: tuple[Sheet, ...], formats: dict[str, Any]) -> None:
    ws = book.add_worksheet("Instructions", TextSafeSheet)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 11)
    ws.set_column(2, 2, 90, formats["wrap"])
    _print_wide(ws)
    ws.write_string(0, 0, "How to fill this workbook", formats["title"])
    ws.merge_range(1, 0, 1, 2, "One workbook is one briefing. Fill each sheet below; names of sheets and columns "
                               "must stay as they are. Lists in a cell are separated by ; or line breaks. Check "
                               "your work with: reporttool validate THIS_FILE.xlsx --annotate checked.xlsx",
                   formats["wrap"])
    ws.set_row(1, 32)
    row = 3
    for sheet in sheets:
        ws.merge_range(row, 0, row, 2, f"{sheet.name}: {sheet.doc}", formats["section"])
        row += 1
        for label, col in (("Column" if not sheet.fields else "Field", 0), ("Required", 1), ("Rule", 2)):
            ws.write_string(row, col, label, formats["header"])
        for column in sheet.columns:
            row += 1
            ws.write_string(row, 0, column.name, formats["required"] if column.required else None)
            ws.write_string(row, 1, "yes" if column.required else "no")
            ws.write_string(row, 2, column.rule)
        row += 2
