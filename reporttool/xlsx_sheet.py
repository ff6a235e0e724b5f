"""The worksheet every workbook we write uses: text goes in as text, whatever it looks like."""
from __future__ import annotations

from typing import Any, Callable

from xlsxwriter.worksheet import Worksheet

from .text import FORMULA_START


class TextSafeSheet(Worksheet):
    """xlsxwriter copies a text that starts with <r> and ends with </r> into the XML unescaped,
    taking it for rich text it made itself; analyst text of that shape would break the workbook.
    Such a text is written as a rich string of three plain fragments instead: the same characters,
    escaped like any other text. Text that starts like a formula, or holds CJK, gets the format it needs (xlsx.look).
    """

    fitted: Callable[[str, Any], Any] | None = None  # the format a text needs (xlsx.look.Formats.for_text)

    def write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if self.fitted is not None and (string[:1] in FORMULA_START or not string.isascii()):
            column = self.col_info.get(col)
            base = cell_format if cell_format is not None or column is None else column.column_format
            fitted = self.fitted(string, base)
            cell_format = fitted if fitted is not base else cell_format
        if string.startswith("<r>") and string.endswith("</r>"):
            extra = (cell_format,) if cell_format is not None else ()
            return self.write_rich_string(row, col, string[:1], string[1:-1], string[-1:], *extra)
        return super().write_string(row, col, string, cell_format)
