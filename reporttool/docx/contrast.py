"""The Word template's text colours on their backgrounds, style by style, for brand check's WCAG warnings.

A paragraph style's text sits on its own shading, else on the page; a character style (citations,
links, confidence tags) can sit on the page or on any shaded paragraph (the takeaway panel); the
table heading style sits on the table styles' header rows.
"""
from __future__ import annotations

from pathlib import Path
from string import hexdigits

from lxml import etree

from . import styles as S
from .artwork import PARSER
from .template import read_package
from .namespaces import W
from ..brand.contrast import WHITE


def _w(local: str) -> str:
    return f"{{{W}}}{local}"


def template_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(style as the designer names it, text colour, background) for every style that sets a colour."""
    root = etree.fromstring(read_package(path)["word/styles.xml"], PARSER)
    styles = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}
    default = _value(root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('color')}"))
    fills = {sid: _inherited(styles, sid, "pPr", "shd", "fill") for sid, s in styles.items()
             if s.get(_w("type")) == "paragraph"}
    panels = sorted({f for f in fills.values() if f})
    headers = sorted({_value(s.find(f"{_w('tblStylePr')}[@{_w('type')}='firstRow']/{_w('tcPr')}/{_w('shd')}"), "fill")
                      for s in styles.values() if s.get(_w("type")) == "table"} - {None})
    pairs = []
    for sid, style in styles.items():
        kind = style.get(_w("type"))
        colour = _inherited(styles, sid, "rPr", "color", "val") or (default if kind == "paragraph" else None)
        if kind not in ("paragraph", "character") or colour is None:
            continue
        if sid == S.TABLE_HEADING.id and headers:
            backgrounds = headers
        elif kind == "paragraph":
            backgrounds = [fills[sid] or WHITE]
        else:
            backgrounds = [WHITE, *panels]
        name = style.find(_w("name"))
        pairs += [(f"style {(name.get(_w('val')) if name is not None else sid)!r}", colour, bg) for bg in backgrounds]
    return pairs


def _inherited(styles: dict[str, etree._Element], sid: str, props: str, tag: str, attribute: str) -> str | None:
    """A property's value on the style or the nearest style it is based on (RRGGBB; auto counts as unset)."""
    seen = set()
    while sid in styles and sid not in seen:
        seen.add(sid)
        found = _value(styles[sid].find(f"{_w(props)}/{_w(tag)}"), attribute)
        if found:
            return found
        based = styles[sid].find(_w("basedOn"))
        sid = based.get(_w("val")) if based is not None else None
    return None


def _value(node: etree._Element | None, attribute: str = "val") -> str | None:
    value = node.get(_w(attribute)) if node is not None else None
    return value.upper() if value and len(value) == 6 and all(c in hexdigits for c in value) else None
