"""The worksheet every workbook we write uses: text goes in as text, whatever it looks like."""
from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet


class TextSafeSheet(Worksheet):
    """xlsxwriter copies a text that starts with <r> and ends with </r> into the XML unescaped,
    taking it for rich text it made itself; analyst text of that shape would break the workbook.
    Such a text is written as a rich string of three plain fragments instead: the same characters,
    escaped like any other text.
    """

    def write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if string.startswith("<r>") and string.endswith("</r>"):
            extra = (cell_format,) if cell_format is not None else ()
            return self.write_rich_string(row, col, string[:1], string[1:-1], string[-1:], *extra)
        return super().write_string(row, col, string, cell_format)
