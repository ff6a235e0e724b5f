"""Type 1 fonts in LibreOffice's PDFs numbered per document, not per process.

LibreOffice embeds CFF-flavoured OpenType fonts (Noto CJK) as Type 1 fonts, each with a /UniqueID from a
counter that runs across every document one soffice process converts: the second of two identical
briefings in one run got other numbers, in the font's clear text and inside its eexec-encrypted part,
so its bytes depended on its place in the batch. Each font's ID is set to LibreOffice's first value plus
its order in this PDF, in both parts (decrypted, replaced at the same length, encrypted again with the
same leading bytes), and the stream recompressed.
"""
from __future__ import annotations

import re
import zlib

from .splice import Edit

FIRST_ID = 4100001  # LibreOffice's first: the first document of a run is left as it is
_FONT_FILE = re.compile(rb"\n\d+ 0 obj\n<<([^<>]*/Length1 (\d+)/Length2 (\d+)[^<>]*)>>\nstream\n")
_LENGTH = re.compile(rb"/Length (\d+)( 0 R)?")
_UNIQUE = re.compile(rb"/UniqueID (\d+)")
_EEXEC_KEY, _C1, _C2 = 55665, 52845, 22719


def font_edits(pdf: bytes) -> list[Edit]:
    """The edits that renumber each embedded Type 1 font (its stream and, when it changes, its /Length)."""
    edits: list[Edit] = []
    for order, found in enumerate(_FONT_FILE.finditer(pdf)):
        header, clear, secret = found[1], int(found[2]), int(found[3])
        length = _LENGTH.search(header)
        if length is None or b"/FlateDecode" not in header:
            continue
        span = _length_span(pdf, found.start(1) + length.start(1), length)
        if span is None:
            continue
        size = int(pdf[span[0]:span[1]])
        font = zlib.decompress(pdf[found.end():found.end() + size])
        fixed = _renumbered(font, clear, secret, b"%d" % (FIRST_ID + order))
        if fixed != font:
            packed = zlib.compress(fixed)
            edits += [(found.end(), found.end() + size, packed), (*span, b"%d" % len(packed))]
    return edits


def _length_span(pdf: bytes, direct: int, length: re.Match[bytes]) -> tuple[int, int] | None:
    """Where the stream's length digits are: in its dictionary, or in the object it refers to."""
    if not length[2]:
        return direct, direct + len(length[1])
    target = re.search(rb"\n%s 0 obj\n(\d+)\nendobj" % length[1], pdf)
    return (target.start(1), target.end(1)) if target else None


def _renumbered(font: bytes, clear: int, secret: int, unique: bytes) -> bytes:
    """The font program with its /UniqueID set, when the new number has as many digits as the old."""
    head, body, tail = font[:clear], font[clear:clear + secret], font[clear + secret:]
    old = _UNIQUE.search(head)
    if old is None or len(old[1]) != len(unique) or old[1] == unique:
        return font
    plain = _UNIQUE.sub(b"/UniqueID " + unique, _eexec(body, decrypt=True))
    return _UNIQUE.sub(b"/UniqueID " + unique, head) + _eexec(plain, decrypt=False) + tail


def _eexec(data: bytes, *, decrypt: bool) -> bytes:
    """Type 1's eexec cipher (Adobe Type 1 Font Format, 7.2), either way."""
    key, out = _EEXEC_KEY, bytearray(len(data))
    for i, byte in enumerate(data):
        cipher = byte if decrypt else byte ^ (key >> 8)
        out[i] = byte ^ (key >> 8) if decrypt else cipher
        key = ((cipher + key) * _C1 + _C2) & 0xFFFF
    return bytes(out)
