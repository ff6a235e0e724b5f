"""Validation speed against openpyxl merely reading the same file, and CLI start-up costs."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from reporttool.workbook.load import read_briefing
from reporttool.workbook.package import Limits
from tests.bench.common import PYTHON, best_ms, peak_mib, process_ms, row
from tests.conftest import CLI, ROOT
from tests.workbooks import valid_sheets


def events_workbook(path: Path, count: int) -> Path:
    """A valid briefing with `count` events, written row by row in constant memory."""
    import xlsxwriter

    sheets = valid_sheets()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        rows = rows if name != "Events" else [["ID", "Date", "Event", "Actors", "Location", "Significance", "Source"]]
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, date)
                elif value is not None:
                    ws.write(r, c, value)
        if name == "Events":
            for i in range(1, count + 1):
                ws.write_row(i, 0, [f"E{i}", f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                    f"Event number {i} in the timeline.", "Russia; Taliban", "Kabul", "Medium", "S1"])
    book.close()
    return path


def bare_read(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in book.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    book.close()


def rows() -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for count in (1_000, 10_000, 50_000):
            path = events_workbook(Path(folder) / f"e{count}.xlsx", count)
            limits = Limits()
            assert read_briefing(path, limits).ok
            repeat = 5 if count < 50_000 else 3
            ours = best_ms(lambda: read_briefing(path, limits), repeat=repeat)
            theirs = best_ms(lambda: bare_read(path), repeat=repeat)
            out.append(row(f"validate {count:,} events", ours, "openpyxl read-only bare read", theirs,
                           "<= 1.5x the bare read", ours <= 1.5 * theirs, peak_mib(lambda: read_briefing(path))))
    cli = str(CLI)
    ours = process_ms([cli, "--help"])
    theirs = process_ms([PYTHON, "-c", "pass"])
    out.append(row("reporttool --help (process)", ours, "python -c pass", theirs, "< +150 ms",
                   ours - theirs < 150))
    ours = process_ms([cli, "validate", str(ROOT / "examples" / "briefing.xlsx")])
    theirs = process_ms([PYTHON, "-c", "import openpyxl"])
    out.append(row("reporttool validate example (process)", ours, "python -c 'import openpyxl'", theirs,
                   "< +100 ms", ours - theirs < 100))
    return out
