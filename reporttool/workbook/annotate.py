"""A copy of the analyst's workbook with each problem cell filled and commented, so fixes happen in Excel.

The copy opens on a Problems sheet that links to each cell; the tabs of sheets with problems are coloured.
Annotating an annotated copy first removes the marks the tool made before (its comments, the fills under
them, its tab colours and its Problems sheet), keeping the analyst's own fills and comments.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..issues import Issue
from .package import refuse

ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"
ERROR_TAB, WARNING_TAB = "C00000", "FFC000"
AUTHOR = "reporttool"
PROBLEMS_TITLE = "Problems found by reporttool validate"
PROBLEMS_HEADER = ("Cell", "Severity", "Code", "Problem", "How to fix")


def annotate_workbook(source: Path, target: Path, issues: tuple[Issue, ...]) -> int:
    """Write `target` (never `source`) with problem cells marked; return how many cells were marked."""
    if target.resolve() == source.resolve():
        raise ValueError("the annotated copy must not overwrite the input")
    book = _open(source)
    _remove_marks(book)
    marked: dict[tuple[str, int, int], list[Issue]] = {}
    sheets = {ws.title: ws for ws in book.worksheets}
    for item in issues:
        loc = item.location
        if loc.sheet in sheets and loc.row:
            row, column = _anchor(sheets[loc.sheet], loc.row, loc.column or 1)
            marked.setdefault((loc.sheet, row, column), []).append(item)
    for (sheet, row, column), items in marked.items():
        _mark(book[sheet].cell(row=row, column=column), items)
    _colour_tabs(sheets, issues)
    _problems_sheet(book, issues, sheets)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
    return len(marked)


def _open(source: Path) -> Any:
    import openpyxl

    with open(source, "rb") as handle:  # a handle: openpyxl would judge a file name by its extension
        try:
            return openpyxl.load_workbook(handle, keep_vba=False, keep_links=False)
        except Exception as exc:  # openpyxl signals damage with many exception types
            raise refuse("corrupt", source, f"{source.name} cannot be opened for annotation ({exc})",
                         "open it in Excel, save a fresh copy as .xlsx, and validate that copy") from None


def _mark(cell: Any, items: list[Issue]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    colour = ERROR_FILL if any(i.is_error for i in items) else WARNING_FILL
    cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
    text = "\n\n".join(f"{i.severity.value.upper()}: {i.message}" + (f"\nHow to fix: {i.hint}" if i.hint else "")
                       for i in items)
    cell.comment = Comment(text[:30000], AUTHOR, width=320, height=160)


def _remove_marks(book: Any) -> None:
    """Only what the tool made: a comment by AUTHOR, our fill under it, our tab colours, our Problems sheet."""
    from openpyxl.styles import PatternFill

    for ws in list(book.worksheets):
        if ws["A1"].value == PROBLEMS_TITLE:
            book.remove(ws)
            continue
        if ws.sheet_properties.tabColor is not None and _rgb(ws.sheet_properties.tabColor) in (ERROR_TAB, WARNING_TAB):
            ws.sheet_properties.tabColor = None
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.author == AUTHOR:
                    cell.comment = None
                    if _rgb(cell.fill.start_color) in (ERROR_FILL, WARNING_FILL):
                        cell.fill = PatternFill(fill_type=None)


def _rgb(colour: Any) -> str:
    value = getattr(colour, "rgb", None)
    return value[-6:].upper() if isinstance(value, str) else ""


def _colour_tabs(sheets: dict[str, Any], issues: tuple[Issue, ...]) -> None:
    for title, ws in sheets.items():
        found = [i for i in issues if i.location.sheet == title]
        if found:
            ws.sheet_properties.tabColor = ERROR_TAB if any(i.is_error for i in found) else WARNING_TAB


def _problems_sheet(book: Any, issues: tuple[Issue, ...], sheets: dict[str, Any]) -> None:
    """The first sheet, the one the copy opens on: every problem, each linked to its cell."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = book.create_sheet(_free_title(sheets), 0)
    ws["A1"] = PROBLEMS_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(())
    ws.append(PROBLEMS_HEADER)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for item in issues:
        ws.append((str(item.location), item.severity.value, item.code, item.message, item.hint))
        if item.location.sheet in sheets and item.location.row:
            link = ws.cell(row=ws.max_row, column=1)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=str(item.location))
            link.font = Font(color="0563C1", underline="single")
    for letter, width in zip("ABCDE", (16, 9, 20, 60, 60)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=4, max_col=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column > 3, vertical="top")
        lines = max(-(-len(str(cell.value or "")) // 66) for cell in row[3:])  # ~66 characters a line at width 60
        ws.row_dimensions[row[0].row].height = 15 * max(1, lines)  # LibreOffice does not grow unsized rows
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"  # printed one page wide, as the template's sheets are
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = False  # else Excel opens with several sheets grouped
    ws.sheet_view.tabSelected = True
    book.active = 0


def _free_title(sheets: dict[str, Any]) -> str:
    """"Problems", unless the analyst has a sheet of that name."""
    return next(t for t in ("Problems", "Problems (reporttool)", "reporttool problems") if t not in sheets)


def _anchor(sheet: object, row: int, column: int) -> tuple[int, int]:
    """The cell that can carry a comment: the top-left one of a merged range holding the cell."""
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, column
