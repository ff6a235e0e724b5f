"""Emoji in runs of their own, set in the brand's emoji font, wherever they stand in a paragraph.

LibreOffice gives an emoji (a "weak" character) the script of the text before it: after Chinese it is
drawn with the East Asian font, after Arabic with the complex-script one, and fonts without the glyph
print a crossed box instead of falling back (seen in titles and headings). A run of its own with every
script's font named keeps each emoji in a font that has it, whatever precedes it.
"""
from __future__ import annotations

import re

from .wml import Xml, attr

_START = "[\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_MODIFIER = "[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
EMOJI = re.compile(f"(?:{_START}(?:{_MODIFIER}|\u200d{_START})*)+")  # emoji side by side share a run
# A text run as wml.run writes it: optional properties, then text, tabs and line breaks.
_RUN = re.compile(r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?((?:<w:t(?: [^>]*)?>[^<]*</w:t>|<w:br/>|<w:tab/>)+)</w:r>")
_PIECE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>|<w:tab/>")


def emoji_runs(xml: Xml, font: str) -> Xml:
    """The XML with every emoji moved into a run of its own in `font`, keeping the run's other properties."""
    if xml.isascii() or not EMOJI.search(xml):
        return xml
    fonts = f'<w:rFonts w:ascii="{attr(font)}" w:hAnsi="{attr(font)}" w:eastAsia="{attr(font)}" w:cs="{attr(font)}"/>'
    return _RUN.sub(lambda m: _split(m[1] or "", m[2], fonts) if EMOJI.search(m[2]) else m[0], xml)


def _split(rpr: Xml, content: Xml, fonts: Xml) -> Xml:
    emoji_rpr = _with_fonts(rpr, fonts)
    out = []
    for piece in _PIECE.finditer(content):
        text = piece[1]
        if text is None or not EMOJI.search(text):
            out.append(f"<w:r>{rpr}{piece[0]}</w:r>")
            continue
        start = 0
        for found in EMOJI.finditer(text):
            out.append(_text_run(rpr, text[start:found.start()]))
            out.append(_text_run(emoji_rpr, found[0]))
            start = found.end()
        out.append(_text_run(rpr, text[start:]))
    return "".join(out)


def _with_fonts(rpr: Xml, fonts: Xml) -> Xml:
    """Run properties with rFonts in its schema place: after rStyle, before everything else."""
    if not rpr:
        return f"<w:rPr>{fonts}</w:rPr>"
    style = re.match(r"<w:rPr>(<w:rStyle [^>]*/>)?", rpr)
    return rpr[:style.end()] + fonts + rpr[style.end():]


def _text_run(rpr: Xml, text: str) -> Xml:
    if not text:
        return ""
    space = ' xml:space="preserve"' if text[0] == " " or text[-1] == " " or "  " in text else ""
    return f"<w:r>{rpr}<w:t{space}>{text}</w:t></w:r>"
