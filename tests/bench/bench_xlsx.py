"""Risk-matrix workbook: time and peak memory next to openpyxl write-only writing the same content
(issue 4's Speed section).

The baseline writes the same sheets, cells, formulas, tables, merged title block, heat-map colours,
column widths, row heights, conditional formats, validations, print setup, header and footer and
a scatter chart with one series per band. Where matching a detail would cost it more (per-cell
alignment on every register cell, per-point custom label text), it goes without, so the comparison
flatters the baseline, never us.
"""
from __future__ import annotations

import io
import warnings
from typing import Any

from reporttool.brand.folder import Brand
from reporttool.model import Briefing
from reporttool.xlsx.render import render_xlsx
from reporttool.values import band_for
from tests.bench.bench_docx import example_briefing
from tests.bench.common import best_ms, peak_mib, row
from tests.xlsx_fixtures import default_brand, many_risks

BASELINE = "openpyxl write-only, same content"


def openpyxl_same_content(briefing: Briefing, brand: Brand) -> bytes:
    """Our workbook's content, written by openpyxl in write-only (streaming) mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.title, workbook.properties.creator = briefing.title, "; ".join(briefing.authors)
    _matrix(workbook, briefing, brand)
    _register(workbook, briefing, brand)
    _tables(workbook, briefing, brand)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _sheet(workbook: Any, name: str, columns: tuple) -> Any:
    """A sheet with our columns' widths, landscape one page wide, TLP in header and footer."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.page_setup.orientation, sheet.page_setup.fitToHeight = "landscape", 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.right.text = sheet.oddFooter.right.text = "&B" + "TLP"
    return sheet


def _styled(sheet: Any, value: Any, colour: str, text: str = "000000") -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = WriteOnlyCell(sheet, value)
    cell.fill = PatternFill("solid", fgColor=colour)
    cell.font = Font(bold=True, color=text)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _matrix(workbook: Any, briefing: Briefing, brand: Brand) -> None:
    from reporttool.present import heat_map_cells
    from reporttool.xlsx.matrix import cell_label

    sheet = _sheet(workbook, "Matrix", ())
    for ref in ("A1:K1", "A2:K2", "A3:G3", "I3:K3", "A6:A10", "C12:G12", "A14:K14"):
        sheet.merged_cells.add(ref)
    cells = heat_map_cells(briefing.risks)
    sheet.append([_styled(sheet, briefing.title, "FFFFFF", "1F3A5F")])
    sheet.append([briefing.subtitle])
    sheet.append([briefing.reference, *[None] * 7, _styled(sheet, briefing.classification, "000000", "FFC000")])
    sheet.append([])
    sheet.append([None] * 8 + [_styled(sheet, word, "1F3A5F", "FFFFFF") for word in ("Rating", "Scores", "Risks")])
    for likelihood in range(5, 0, -1):
        sheet.row_dimensions[sheet._max_row + 1].height = 55
        tiles = [_styled(sheet, cell_label(cells.get((likelihood, impact), []), "more"),
                         band_for(likelihood * impact, brand.bands).colour) for impact in range(1, 6)]
        sheet.append(["Likelihood", f"L{likelihood}", *tiles])
    sheet.append([None, None, *(f"I{impact}" for impact in range(1, 6))])
    sheet.append([None, None, "Impact"])


def _register(workbook: Any, briefing: Briefing, brand: Brand) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from reporttool.xlsx.tables import REGISTER, register_values, wrapped_lines

    sheet = _sheet(workbook, "Register", REGISTER)
    sheet.freeze_panes, sheet.print_title_rows = "B2", "1:1"
    end = max(len(briefing.risks), 1) + 1
    for band in brand.bands:
        colours = {"fill": PatternFill(bgColor=band.colour), "font": Font(color=band.text_colour)}
        sheet.conditional_formatting.add(f"G2:G{end}", CellIsRule(operator="equal", formula=[f'"{band.name}"'], **colours))
        sheet.conditional_formatting.add(f"F2:F{end}", CellIsRule(
            operator="between", formula=[str(band.low), str(band.high)], **colours))
    for ref in (f"D2:D{end}", f"E2:E{end}"):
        validation = DataValidation(type="whole", operator="between", formula1="1", formula2="5", prompt="1 Rare ...")
        validation.add(ref)
        sheet.data_validations.append(validation)
    rows = []
    for number, risk in enumerate(briefing.risks, start=2):
        values = list(register_values(risk))
        values[5] = f"=D{number}*E{number}"
        values[6] = f"=INDEX(Bands!$A$2:$A$5,_xlfn.IFNA(MATCH(F{number},Bands!$B$2:$B$5,1),1))"
        lines = max(wrapped_lines(len(v), c.width) for v, c in zip(values, REGISTER) if isinstance(v, str))
        if lines > 1:
            sheet.row_dimensions[number].height = lines * 13.2
        rows.append(values)
    _fill_table(sheet, "RiskRegister", REGISTER, rows)


def _fill_table(sheet: Any, name: str, columns: tuple, rows: list[list]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    sheet.append([_styled(sheet, c.header, "1F3A5F", "FFFFFF") for c in columns])
    for values in rows:
        sheet.append(values)
    ref = f"A1:{get_column_letter(len(columns))}{max(len(rows), 1) + 1}"
    with warnings.catch_warnings():  # openpyxl warns in write-only mode even when the columns are given
        warnings.simplefilter("ignore", UserWarning)
        sheet.add_table(Table(displayName=name, ref=ref, tableStyleInfo=TableStyleInfo(name="TableStyleLight1"),
                              tableColumns=[TableColumn(id=i, name=c.header)
                                            for i, c in enumerate(columns, start=1)]))


def _tables(workbook: Any, briefing: Briefing, brand: Brand) -> None:
    from reporttool.present import heat_map_cells
    from reporttool.xlsx.matrix import CHART_DATA, Span, cell_label
    from reporttool.xlsx.tables import BANDS, STANCES, TIMELINE, Column, event_values, stance_values

    bands = _sheet(workbook, "Bands", BANDS)
    _fill_table(bands, "RatingBands", BANDS, [
        [b.name, b.low, b.high, _styled(bands, "#" + b.colour, b.colour), f"=COUNTIF(Register!$G$2:$G$9,A{i})"]
        for i, b in enumerate(brand.bands, start=2)])
    chart_sheet = _sheet(workbook, "Chart", tuple(Column(h, 11) for h in CHART_DATA))
    cells, spans, rows = heat_map_cells(briefing.risks), [], []
    for band in brand.bands:
        labels = [cell_label(ids, "more") for (l, i), ids in sorted(cells.items(), reverse=True)
                  if band_for(l * i, brand.bands) is band]
        rows += [[l, i, l * i, band.name, len(ids), cell_label(ids, "more")]
                 for (l, i), ids in sorted(cells.items(), reverse=True) if band_for(l * i, brand.bands) is band]
        if labels:
            spans.append(Span(band, len(rows) - len(labels) + 2, tuple(labels)))
    _fill_table(chart_sheet, "ChartData", tuple(Column(h, 11) for h in CHART_DATA), rows)
    chart_sheet.add_chart(_chart(chart_sheet, spans), "H2")
    _fill_table(_sheet(workbook, "Stances", STANCES), "ActorStances", STANCES,
                [list(stance_values(s)) for s in briefing.stances])
    _fill_table(_sheet(workbook, "Timeline", TIMELINE), "EventTimeline", TIMELINE,
                [list(event_values(e)) for e in sorted(briefing.events, key=lambda e: e.date)])


def _chart(sheet: Any, spans: list) -> Any:
    from openpyxl.chart import Reference, ScatterChart, Series
    from openpyxl.chart.label import DataLabelList

    chart = ScatterChart()
    chart.title, chart.x_axis.title, chart.y_axis.title = "Risks by likelihood and impact", "Impact", "Likelihood"
    for axis in (chart.x_axis, chart.y_axis):
        axis.scaling.min, axis.scaling.max, axis.majorUnit, axis.number_format = 0, 6, 1, '[<1]"";[>5]"";0'
    for span in spans:
        series = Series(Reference(sheet, min_col=1, min_row=span.first, max_row=span.last),
                        Reference(sheet, min_col=2, min_row=span.first, max_row=span.last), title=span.band.name)
        series.marker.symbol, series.marker.size = "circle", 14
        series.marker.graphicalProperties.solidFill = span.band.colour
        series.graphicalProperties.line.noFill = True
        series.dLbls = DataLabelList(showVal=True, dLblPos="r")
        chart.series.append(series)
    return chart


def _timed(measure: str, briefing: Briefing, repeat: int, speedup: float) -> dict[str, Any]:
    brand = default_brand()
    ours = best_ms(lambda: render_xlsx(briefing, brand), repeat=repeat)
    theirs = best_ms(lambda: openpyxl_same_content(briefing, brand), repeat=repeat)
    return row(measure, ours, BASELINE, theirs, f">= {speedup:g}x faster", theirs >= speedup * ours,
               peak_mib(lambda: render_xlsx(briefing, brand)))


def _memory() -> dict[str, Any]:
    """Peak memory added per 1,000 risks between 1,000 and 10,000 risks, ours next to the baseline's.

    Both sizes stream the Register (xlsx_tables.STREAM_ABOVE); a shorter one is kept in memory,
    whose peak, highest at the threshold, is the bound on any build's peak (~5.5 MiB here).
    """
    brand, small, large = default_brand(), many_risks(1_000), many_risks(10_000)
    ours = [peak_mib(lambda b=b: render_xlsx(b, brand)) for b in (small, large)]
    theirs = [peak_mib(lambda b=b: openpyxl_same_content(b, brand)) for b in (small, large)]
    growth = [(high - low) / 9 for low, high in (ours, theirs)]
    return row("xlsx peak memory per 1,000 more risks", growth[0], BASELINE, growth[1],
               "flat: grows no more than the baseline", growth[0] <= growth[1], ours[1], unit="MiB")


def rows() -> list[dict[str, Any]]:
    example, brand = example_briefing(), default_brand()
    render_xlsx(example, brand)  # import xlsxwriter and openpyxl before any timing
    openpyxl_same_content(example, brand)
    return [
        _timed(f"xlsx example risk matrix ({len(example.risks)} risks)", example, repeat=30, speedup=2),
        _timed("xlsx 10,000-risk matrix", many_risks(10_000), repeat=3, speedup=1),
        _memory(),
    ]


if __name__ == "__main__":
    for line in rows():
        print(line)
