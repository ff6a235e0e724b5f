"""A copy of the analyst's workbook with each problem cell filled and commented, so fixes happen in Excel."""
from __future__ import annotations

import io
from pathlib import Path

from ..files import write_atomic
from ..issues import Issue
from .package import refuse

ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"


def annotate_workbook(source: Path, target: Path, issues: tuple[Issue, ...]) -> int:
    """Write `target` (never `source`) with problem cells marked; return how many cells were marked."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if target.resolve() == source.resolve():
        raise ValueError("the annotated copy must not overwrite the input")
    with open(source, "rb") as handle:  # a handle: openpyxl would judge a file name by its extension
        try:
            book = openpyxl.load_workbook(handle, keep_vba=False, keep_links=False)
        except Exception as exc:  # openpyxl signals damage with many exception types
            raise refuse("corrupt", source, f"{source.name} cannot be opened for annotation ({exc})",
                         "open it in Excel, save a fresh copy as .xlsx, and validate that copy") from None
    marked: dict[tuple[str, int, int], list[Issue]] = {}
    sheets = {ws.title: ws for ws in book.worksheets}
    for item in issues:
        loc = item.location
        if loc.sheet in sheets and loc.row:
            row, column = _anchor(sheets[loc.sheet], loc.row, loc.column or 1)
            marked.setdefault((loc.sheet, row, column), []).append(item)
    for (sheet, row, column), items in marked.items():
        cell = book[sheet].cell(row=row, column=column)
        colour = ERROR_FILL if any(i.is_error for i in items) else WARNING_FILL
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        text = "\n\n".join(f"{i.severity.value.upper()}: {i.message}" + (f"\nHow to fix: {i.hint}" if i.hint else "")
                           for i in items)
        cell.comment = Comment(text[:30000], "reporttool", width=320, height=160)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(target, buffer.getvalue())
    return len(marked)


def _anchor(sheet: object, row: int, column: int) -> tuple[int, int]:
    """The cell that can carry a comment: the top-left one of a merged range holding the cell."""
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return merged.min_row, merged.min_col
    return row, column
