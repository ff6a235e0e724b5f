"""The worksheet every workbook we write uses: text goes in as text, whatever it looks like."""
from __future__ import annotations

from typing import Any, Callable

from xlsxwriter.worksheet import Worksheet


# What makes Excel read a typed text as a formula: = + - @ and their full-width forms.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


class TextSafeSheet(Worksheet):
    """xlsxwriter copies a text that starts with <r> and ends with </r> into the XML unescaped,
    taking it for rich text it made itself; analyst text of that shape would break the workbook.
    Such a text is written as a rich string of three plain fragments instead: the same characters,
    escaped like any other text. A text that starts like a formula gets Excel's quote prefix.
    """

    quoted: Callable[[Any], Any] | None = None  # a format's quote-prefixed twin (xlsx.look.Formats.quoted)

    def write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if string[:1] in FORMULA_START and self.quoted is not None:
            column = self.col_info.get(col)
            cell_format = self.quoted(cell_format if cell_format is not None or column is None
                                      else column.column_format)
        if string.startswith("<r>") and string.endswith("</r>"):
            extra = (cell_format,) if cell_format is not None else ()
            return self.write_rich_string(row, col, string[:1], string[1:-1], string[-1:], *extra)
        return super().write_string(row, col, string, cell_format)
