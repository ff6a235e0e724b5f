"""The template's table styles, turned into the formatting each of our tables carries itself.

A table that names a table style makes LibreOffice copy the style's text formatting onto every
paragraph of the table, over the character styles (citations in tables came out black in PDFs),
and costs it about a quarter of the time it takes to convert a briefing. So our tables name no
table style: the designer's table style is read from the template instead, and its borders, cell
margins, alignment and header-row cell formatting are written on each table, as Word shows them.
Text in tables is formatted by the paragraph styles (Table Text, Table Heading, ...), as before.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from lxml import etree

from .namespaces import W

# Children of a table style's w:tblPr we carry over, in the schema's order.
TABLE_PROPS = ("jc", "tblInd", "tblBorders", "shd")
# Merged side by side along basedOn, as Word does; the sides in the schema's order.
SIDES = ("top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br", "tr2bl")
MERGED = {"tblBorders", "tblCellMar", "tcBorders"}


@dataclass(frozen=True)
class TableLook:
    """XML fragments of one table style, ready to place in w:tblPr and in a header cell's w:tcPr."""

    table: str = ""           # jc, tblInd, tblBorders, shd: before w:tblLayout
    cell_margins: str = ""    # tblCellMar: after w:tblLayout
    header_borders: str = ""  # the firstRow condition's tcBorders
    header_shading: str = ""  # the firstRow condition's shd


def table_looks(styles: etree._Element, ids: dict[str, str]) -> dict[str, TableLook]:
    """Our table style id -> the look of the template's style it maps to (ids: ours -> the template's)."""
    by_id = {s.get(_w("styleId")): s for s in styles.iter(_w("style")) if s.get(_w("type")) == "table"}
    looks = {}
    for ours, theirs in ids.items():
        chain = _chain(by_id, theirs)
        if chain:
            table = _merged(chain, "./w:tblPr")
            header = _merged(chain, "./w:tblStylePr[@w:type='firstRow']/w:tcPr")
            looks[ours] = TableLook("".join(_xml(table[n]) for n in TABLE_PROPS if n in table),
                                    _xml(table["tblCellMar"]) if "tblCellMar" in table else "",
                                    _xml(header["tcBorders"]) if "tcBorders" in header else "",
                                    _xml(header["shd"]) if "shd" in header else "")
    return looks


def _chain(by_id: dict[str, etree._Element], style_id: str) -> list[etree._Element]:
    """The style and its basedOn ancestors, root first; a loop in basedOn stops at the repeat."""
    chain: list[etree._Element] = []
    while style_id in by_id and by_id[style_id] not in chain:
        chain.insert(0, by_id[style_id])
        based = by_id[style_id].find(_w("basedOn"))
        style_id = based.get(_w("val"), "") if based is not None else ""
    return chain


def _merged(chain: list[etree._Element], path: str) -> dict[str, etree._Element]:
    """Local name -> element for the properties at path, each style overriding those it is based on."""
    found: dict[str, etree._Element] = {}
    for style in chain:
        for props in style.xpath(path, namespaces={"w": W}):
            for child in props:
                name = etree.QName(child).localname
                if name in MERGED and name in found:
                    sides = {etree.QName(s).localname: s for s in [*found[name], *child]}
                    merged = etree.Element(child.tag)
                    merged.extend(copy.deepcopy(sides[side]) for side in SIDES if side in sides)
                    found[name] = merged
                else:
                    found[name] = child
    return found


def _xml(element: etree._Element) -> str:
    """The element as WordprocessingML text with the w: prefix; attributes of other namespaces are dropped,
    since the document may not declare them."""
    name = etree.QName(element).localname
    attrs = "".join(f" w:{etree.QName(k).localname}={quoteattr(v)}" for k, v in element.attrib.items()
                    if etree.QName(k).namespace == W)
    inner = "".join(_xml(child) for child in element if etree.QName(child).namespace == W)
    return f"<w:{name}{attrs}>{inner}</w:{name}>" if inner else f"<w:{name}{attrs}/>"


def _w(local: str) -> str:
    return f"{{{W}}}{local}"
