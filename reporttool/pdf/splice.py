"""Edits to a finished PDF that change its length, with its classic cross-reference table moved to match.

LibreOffice writes one classic xref table (fixed 20-byte rows) after every object; an edit that makes a
span longer or shorter moves every object after it, so each row's offset, and startxref, move by the
lengths changed before them.
"""
from __future__ import annotations

import re

Edit = tuple[int, int, bytes]  # replace pdf[start:end] by these bytes

_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")


def splice(pdf: bytes, edits: list[Edit]) -> bytes:
    """The PDF with each span replaced and its xref offsets moved; unchanged when it has no single classic
    xref table after the edits (an incremental update, a cross-reference stream), which LibreOffice never
    writes."""
    tables, start = list(_XREF.finditer(pdf)), _STARTXREF.search(pdf)
    if not edits or len(tables) != 1 or start is None or max(end for _, end, _ in edits) > tables[0].start():
        return pdf
    edits = sorted(edits)

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - begin) for begin, end, new in edits if end <= offset)

    pieces, last = [], 0
    for begin, end, new in edits:
        pieces += [pdf[last:begin], new]
        last = end
    table_start = tables[0].end()
    table_end = table_start + int(tables[0][1]) * 20
    pieces.append(pdf[last:table_start])
    for row in range(table_start, table_end, 20):
        entry = pdf[row:row + 20]
        pieces.append(b"%010d%s" % (moved(int(entry[:10])), entry[10:]) if entry[17:18] == b"n" else entry)
    pieces += [pdf[table_end:start.start()], b"startxref\n%d\n%%%%EOF\n" % moved(int(start[1]))]
    return b"".join(pieces)
