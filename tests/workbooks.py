"""Build test workbooks from plain dicts, so each test shows its whole input."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

Sheets = dict[str, list[list[Any]]]


class Formula(str):
    """A cell value to be written as a formula; every other string is written as text."""

VALID: Sheets = {
    "Briefing": [
        ["Field", "Value"],
        ["Reference", "RT-T-1"], ["Title", "A test briefing"], ["Author", "A. Analyst; B. Writer"],
        ["Published", dt.date(2025, 5, 4)], ["Region", "Central Asia"], ["Classification", "TLP:AMBER"],
    ],
    "Takeaways": [["Takeaway", "Confidence"], ["The first point.", "High"]],
    "Sections": [["Section", "Paragraph"], ["Background", "First paragraph [S1]."], [None, "Second."]],
    "Events": [["ID", "Date", "Event", "Source"], ["E1", "2024-10", "A meeting.", "S1"]],
    "Stances": [["Actor", "Stance", "Evidence"], ["Russia", "Supportive", "E1"]],
    "Risks": [["ID", "Risk", "Category", "Likelihood", "Impact", "Events"],
              ["R1", "Attacks on pipelines.", "Security", 3, 5, "E1"]],
    "Sources": [["ID", "Title", "URL", "Grade"], ["S1", "A report", "https://example.org/r", "B2"]],
}


def valid_sheets() -> Sheets:
    """A minimal briefing that validates clean; tests change one thing in a copy."""
    return copy.deepcopy(VALID)


def write_workbook(path: Path, sheets: Sheets) -> Path:
    """Write the sheets as Excel does (shared strings, real dates); Formula values become formulas."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, Formula):
                    ws.write_formula(r, c, value)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, date)
                elif value is not None:
                    ws.write(r, c, value)
    book.close()
    return path


def patch_text(path: Path, old: str, new: str) -> Path:
    """Rewrite the XML text of a package, to make files no well-behaved writer would."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    hits = [name for name, data in parts.items() if old.encode() in data]
    assert hits, f"{old!r} is in no part"
    for name in hits:
        parts[name] = parts[name].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def set_cell(sheets: Sheets, sheet: str, column: str, value: Any, row: int = 1) -> Sheets:
    """Set `column` of data row `row` (1 = first row under the header)."""
    header = sheets[sheet][0]
    if column not in header:
        header.append(column)
        for r in sheets[sheet][1:]:
            r.extend([None] * (len(header) - len(r)))
    while len(sheets[sheet]) <= row:
        sheets[sheet].append([None] * len(header))
    sheets[sheet][row][header.index(column)] = value
    return sheets


def set_field(sheets: Sheets, field: str, value: Any) -> Sheets:
    for row in sheets["Briefing"][1:]:
        if row[0] == field:
            row[1] = value
            return sheets
    sheets["Briefing"].append([field, value])
    return sheets
