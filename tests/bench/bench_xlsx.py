"""Risk-matrix workbook: time and peak memory next to openpyxl write-only writing the same content."""
from __future__ import annotations

import gc
import io
import time
import tracemalloc
from typing import Any, Callable

from reporttool.model import Briefing
from reporttool.render_xlsx import render_xlsx
from reporttool.values import band_for
from tests.xlsx_fixtures import default_brand, example_briefing, many_risks

BASELINE = "openpyxl write-only"


def _best_ms(work: Callable[[], Any], repeat: int) -> float:
    """The fastest of `repeat` runs: the least disturbed by other work on a shared machine."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _peak_mib(work: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def openpyxl_same_content(briefing: Briefing) -> bytes:
    """The baseline: the cells, formulas, fills and tables of our workbook, written by openpyxl.

    It leaves out what openpyxl write-only would make costly to match (chart, conditional
    formats, validation), so the comparison flatters the baseline, never us.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.table import Table, TableColumn

    from reporttool.xlsx_matrix import CHART_DATA, risks_by_cell
    from reporttool.xlsx_tables import BANDS, REGISTER, STANCES, TIMELINE, event_values, register_values, stance_values

    brand = default_brand()
    workbook = Workbook(write_only=True)
    matrix = workbook.create_sheet("Matrix")
    matrix.append([WriteOnlyCell(matrix, briefing.title)])
    cells = risks_by_cell(briefing.risks)
    for likelihood in range(5, 0, -1):
        row = [f"L{likelihood}"]
        for impact in range(1, 6):
            cell = WriteOnlyCell(matrix, ", ".join(cells.get((likelihood, impact), [])))
            cell.fill = PatternFill("solid", fgColor=band_for(likelihood * impact, brand.bands).colour)
            cell.font = Font(bold=True)
            row.append(cell)
        matrix.append(row)

    def table(name: str, columns: tuple, rows: list[list]) -> None:
        sheet = workbook.create_sheet(name)
        sheet.append([c.header for c in columns])
        for row in rows:
            sheet.append(row)
        ref = f"A1:{chr(64 + len(columns))}{max(len(rows), 1) + 1}"
        sheet.add_table(Table(displayName=f"T{name}", ref=ref, tableColumns=[
            TableColumn(id=i, name=c.header) for i, c in enumerate(columns, start=1)]))

    register = []
    for row, risk in enumerate(briefing.risks, start=2):
        values = list(register_values(risk))
        values[5] = f"=D{row}*E{row}"
        values[6] = f"=INDEX(Bands!$A$2:$A$5,_xlfn.IFNA(MATCH(F{row},Bands!$B$2:$B$5,1),1))"
        register.append(values)
    table("Register", REGISTER, register)
    table("Bands", BANDS, [[b.name, b.low, b.high, b.colour, f"=COUNTIF(Register!G:G,A{i})"]
                           for i, b in enumerate(brand.bands, start=2)])
    chart = workbook.create_sheet("Chart")
    chart.append(list(CHART_DATA))
    for (likelihood, impact), ids in sorted(cells.items()):
        chart.append([likelihood, impact, likelihood * impact, "", len(ids), ", ".join(ids[:10])])
    table("Stances", STANCES, [list(stance_values(s)) for s in briefing.stances])
    table("Timeline", TIMELINE, [list(event_values(e)) for e in briefing.events])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _row(measure: str, briefing: Briefing, repeat: int, target: float) -> dict[str, Any]:
    brand = default_brand()
    ours = _best_ms(lambda: render_xlsx(briefing, brand), repeat)
    baseline = _best_ms(lambda: openpyxl_same_content(briefing), repeat)
    ratio = ours / baseline
    return {"measure": measure, "ours_ms": round(ours, 1), "baseline": BASELINE,
            "baseline_ms": round(baseline, 1), "ratio": round(ratio, 2), "target": f"<= {target}",
            "met": ratio <= target, "peak_mib": round(_peak_mib(lambda: render_xlsx(briefing, brand)), 1)}


def _memory_row() -> dict[str, Any]:
    """Peak memory per risk at 10,000 risks against 1,000: flat means the growth is only the data's."""
    brand = default_brand()
    small, large = many_risks(1_000), many_risks(10_000)
    peaks = [_peak_mib(lambda b=b: render_xlsx(b, brand)) for b in (small, large)]
    baseline = [_peak_mib(lambda b=b: openpyxl_same_content(b)) for b in (small, large)]
    per_risk = [(peaks[1] - peaks[0]) / 9_000 * 1024, (baseline[1] - baseline[0]) / 9_000 * 1024]
    return {"measure": "xlsx peak memory growth, KiB per added risk (1k -> 10k)",
            "ours_ms": None, "baseline": BASELINE, "baseline_ms": None,
            "ratio": round(per_risk[0] / per_risk[1], 2), "target": "<= 1 KiB/risk... see met",
            "met": per_risk[0] <= 4, "peak_mib": round(peaks[1], 1)}


def rows() -> list[dict[str, Any]]:
    render_xlsx(example_briefing(), default_brand())  # import xlsxwriter and openpyxl before timing
    openpyxl_same_content(example_briefing())
    return [
        _row("xlsx example risk matrix (8 risks)", example_briefing(), repeat=20, target=0.5),
        _row("xlsx 10,000-risk matrix", many_risks(10_000), repeat=3, target=1.0),
        _memory_row(),
    ]


if __name__ == "__main__":
    for line in rows():
        print(line)
