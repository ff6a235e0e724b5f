"""Rules for analyst text shared by the reader and every renderer: what XML 1.0 cannot hold, which
direction a text runs, which scripts it holds, what a spreadsheet would take for a formula.

Two uses, two strengths. The reader removes invisible control characters and warns the analyst,
keeping tabs and line breaks as typed. The renderers drop, silently, whatever would still break
the XML they write: also lone surrogates (an _xD800_ escape decodes to one), and they turn CR
into LF because a document line break is one character.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

# Control characters an analyst cannot see in Excel: C0 controls other than tab and line breaks,
# DEL, the noncharacters U+FFFE/U+FFFF, and half an emoji (a lone UTF-16 surrogate, from an _xD800_ escape).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


@cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot hold (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/F).

    Compiled on first use: the wide character class takes ~10 ms, which the reader never needs.
    """
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text safe for XML: characters XML 1.0 cannot hold are dropped, CR/CRLF become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _not_xml().sub("", text)


_EMBEDS, _POP = "\u202a\u202b\u202d\u202e", "\u202c"
_ISOLATES, _POP_ISOLATE = "\u2066\u2067\u2068", "\u2069"


def contain_bidi(text: str) -> str:
    """Close directional embeddings, overrides and isolates that the text leaves open.

    A stray RIGHT-TO-LEFT OVERRIDE in analyst text would otherwise reverse everything after it
    in the paragraph, including our own labels; closing it keeps the text as typed.
    """
    opened = sum(text.count(c) for c in _EMBEDS) - text.count(_POP)
    isolates = sum(text.count(c) for c in _ISOLATES) - text.count(_POP_ISOLATE)
    return text + _POP_ISOLATE * max(isolates, 0) + _POP * max(opened, 0)


def join_fields(separator: str, fields: Iterable[str]) -> str:
    """Analyst fields joined into one line, each closing its own direction changes: an override typed in
    one (an author's name, say) must not reverse the next one or our labels."""
    return separator.join(contain_bidi(field) for field in fields)


# What makes a spreadsheet read a typed text as a formula: = + - @ and their full-width forms.
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Chinese, Japanese and Korean: Hangul jamo, CJK punctuation, kana, ideographs and their extensions, syllables.
CJK = re.compile("[\u1100-\u11ff\u3000-\u303f\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                 "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


_RTL_BIDI = frozenset(("R", "AL"))


def is_rtl(text: str) -> bool:
    """True when most strongly directional letters are right-to-left.

    Not Unicode's first-letter rule (P2): a mostly English title that starts with an Arabic place
    name would be set right to left, its English words in reverse order. The documents' languages are
    left-to-right, so a paragraph stays so unless right-to-left letters are the majority; right-to-left
    runs inside it keep their own order (the bidi algorithm still orders each run).
    """
    if text.isascii():
        return False
    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        rtl += kind in _RTL_BIDI
        ltr += kind == "L"
    return rtl > ltr


def has_rtl(text: str) -> bool:
    """True when any letter is right-to-left (Arabic, Hebrew...)."""
    return not text.isascii() and any(unicodedata.bidirectional(ch) in _RTL_BIDI for ch in text)
