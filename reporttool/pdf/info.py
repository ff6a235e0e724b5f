"""The PDF's document information settled after LibreOffice: fixed dates and ID, whole keywords.

LibreOffice stamps each PDF with the time of conversion (/CreationDate, /ModDate) and an ID and
checksum derived from it, so two conversions of one briefing differ and every zip holding a PDF
changes. Each is replaced by a value of the same length: the dates by the docx's own creation date
(the publication date), the ID and checksum by a digest of the PDF with those fields blanked.
LibreOffice also splits the docx keywords at every space and comma ("Côte, d'Ivoire"); they are
written again from the docx, one name per "; ", and the cross-reference offsets after them moved.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from html import unescape

_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
_KEYWORDS = re.compile(rb"/Keywords\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))")
_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")
_CREATED = re.compile(r"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})T")
_CORE_KEYWORDS = re.compile(r"<cp:keywords>([^<]*)</cp:keywords>")


@dataclass(frozen=True)
class DocxInfo:
    """What the PDF's information takes from the docx it was made from."""

    created: bytes | None  # PDF date digits, YYYYMMDD000000
    keywords: str


def docx_info(docx: bytes) -> DocxInfo:
    """The docx's creation date and keywords, as its docProps/core.xml holds them."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = package.read("docProps/core.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError):
        return DocxInfo(None, "")
    created, keywords = _CREATED.search(core), _CORE_KEYWORDS.search(core)
    return DocxInfo("".join(created.groups()).encode() + b"000000" if created else None,
                    unescape(keywords[1]) if keywords else "")


def settle(pdf: bytes, info: DocxInfo) -> bytes:
    """The PDF with the docx's keywords, its dates set to the docx's, its ID and checksum from its content."""
    if info.keywords:
        pdf = _set_keywords(pdf, info.keywords)
    if info.created is not None:
        pdf = _DATE.sub(lambda m: m[1] + info.created, pdf)
    blank = _ID.sub(lambda m: m[1] + b"0" * 32 + m[3] + b"0" * 32 + m[5], _CHECKSUM.sub(lambda m: m[1] + b"0" * 32, pdf))
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    pdf = _ID.sub(lambda m: m[1] + digest + m[3] + digest + m[5], pdf)
    return _CHECKSUM.sub(lambda m: m[1] + digest, pdf)


def _set_keywords(pdf: bytes, keywords: str) -> bytes:
    """/Keywords as one UTF-16 text; every offset after it in the classic cross-reference table moves
    by the change in length (LibreOffice writes the information dictionary last, just before it)."""
    found, xref, start = _KEYWORDS.search(pdf), _XREF.search(pdf), _STARTXREF.search(pdf)
    if not (found and xref and start) or found.start() > xref.start():
        return pdf
    value = b"/Keywords<FEFF" + keywords.encode("utf-16-be").hex().upper().encode() + b">"
    delta, edge = len(value) - (found.end() - found.start()), found.start()
    table_start = xref.end()
    table_end = table_start + int(xref[1]) * 20
    rows = [_moved(pdf[i:i + 20], edge, delta) for i in range(table_start, table_end, 20)]
    tail = pdf[table_end:start.start()] + b"startxref\n%d\n%%%%EOF\n" % (int(start[1]) + delta)
    return pdf[:edge] + value + pdf[found.end():table_start] + b"".join(rows) + tail


def _moved(row: bytes, edge: int, delta: int) -> bytes:
    """One xref row ("0000012345 00000 n \\n"), its offset moved when the object starts after the edit."""
    offset = int(row[:10])
    return b"%010d%s" % (offset + delta, row[10:]) if row[17:18] == b"n" and offset > edge else row
