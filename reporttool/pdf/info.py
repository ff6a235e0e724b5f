"""The PDF's document information settled after LibreOffice: fixed dates and ID, whole keywords.

LibreOffice stamps each PDF with the time of conversion (/CreationDate, /ModDate) and an ID and
checksum derived from it, so two conversions of one briefing differ and every zip holding a PDF
changes. Each is replaced by a value of the same length: the dates by the docx's own creation date
(the publication date), the ID and checksum by a digest of the PDF with those fields blanked.
LibreOffice also splits the docx keywords at every space and comma ("Côte, d'Ivoire"); they are
written again from the docx, one name per "; " (pdf.splice moves the offsets after them).
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from html import unescape

from .splice import splice
from .type1 import font_edits

_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
_KEYWORDS = re.compile(rb"/Keywords\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))")
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
    """The PDF with the docx's keywords, its fonts numbered for itself alone (pdf.type1), its dates set to
    the docx's, its ID and checksum from its content."""
    edits = font_edits(pdf)
    if info.keywords and (found := _KEYWORDS.search(pdf)):
        edits.append((found.start(), found.end(), b"/Keywords<FEFF" + info.keywords.encode("utf-16-be").hex().upper().encode() + b">"))
    pdf = splice(pdf, edits)
    if info.created is not None:
        pdf = _DATE.sub(lambda m: m[1] + info.created, pdf)
    blank = _ID.sub(lambda m: m[1] + b"0" * 32 + m[3] + b"0" * 32 + m[5], _CHECKSUM.sub(lambda m: m[1] + b"0" * 32, pdf))
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    pdf = _ID.sub(lambda m: m[1] + digest + m[3] + digest + m[5], pdf)
    return _CHECKSUM.sub(lambda m: m[1] + digest, pdf)
