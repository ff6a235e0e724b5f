"""WordprocessingML building blocks as XML text: runs, paragraphs, tables, fields, links.

Fragments are plain strings joined once at the end: creating lxml elements one by one cost 13 µs
each (a new document per element), three quarters of a build. Every piece of text and every
attribute value passes through `esc`/`attr`, which also drop what XML 1.0 cannot hold.
Element order inside w:pPr, w:rPr, w:tcPr follows ECMA-376, because Word (unlike LibreOffice)
offers to repair a file whose property elements are out of order.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import unescape

from typing import TYPE_CHECKING

from . import styles as S
from .styles import StyleRef
from ..text import clean, contain_bidi, is_rtl

if TYPE_CHECKING:
    from .table_looks import TableLook

Xml = str  # a well-formed fragment of WordprocessingML

_SPECIAL = re.compile("[\t\n]")
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
KEEP_WITH_NEXT = frozenset((S.HEADING_1, S.HEADING_2))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc(text: str) -> str:
    return _escape(clean(text))


def attr(value: str) -> str:
    return esc(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def val(tag: str, value: str | int) -> Xml:
    return f'<{tag} w:val="{attr(str(value))}"/>'


def run_props(style: StyleRef | None = None, *, bold: bool = False, colour: str | None = None,
              fill: str | None = None, rtl: bool = False, size: int | None = None) -> Xml:
    """w:rPr with only what is asked for, in schema order (rStyle, b, color, sz, shd, rtl)."""
    parts = (val("w:rStyle", style.id) if style else "",
             "<w:b/><w:bCs/>" if bold else "",
             val("w:color", colour) if colour else "",
             f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "",
             f'<w:shd w:val="clear" w:color="auto" w:fill="{attr(fill)}"/>' if fill else "",
             "<w:rtl/>" if rtl else "")
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(text: str, style: StyleRef | None = None, **props: object) -> Xml:
    """One w:r holding text; tabs and line breaks become w:tab and w:br."""
    text = clean(text)
    if not text.isascii():
        text = contain_bidi(text)
    rpr = run_props(style, rtl=is_rtl(text), **props)  # type: ignore[arg-type]
    if "\n" not in text and "\t" not in text:
        return f"<w:r>{rpr}{_t(text)}</w:r>"
    seps = _SPECIAL.findall(text) + [""]
    body = "".join(_t(piece) + {"\n": "<w:br/>", "\t": "<w:tab/>", "": ""}[sep]
                   for piece, sep in zip(_SPECIAL.split(text), seps))
    return f"<w:r>{rpr}{body}</w:r>"


def _t(piece: str) -> Xml:
    if not piece:
        return ""
    space = ' xml:space="preserve"' if piece[0] == " " or piece[-1] == " " or "  " in piece else ""
    return f"<w:t{space}>{_escape(piece)}</w:t>"


def para_props(style: StyleRef | None, *, keep_next: bool = False,
               bidi: bool = False, tabs: Sequence[tuple[str, int]] = (), jc: str | None = None) -> Xml:
    """w:pPr in schema order (pStyle, keepNext, tabs, bidi, jc)."""
    parts = (val("w:pStyle", style.id) if style else "",
             "<w:keepNext/>" if keep_next else "",
             "<w:tabs>" + "".join(f'<w:tab w:val="{k}" w:pos="{p}"/>' for k, p in tabs) + "</w:tabs>"
             if tabs else "",
             "<w:bidi/>" if bidi else "",
             val("w:jc", jc) if jc else "")
    inner = "".join(parts)
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def para(style: StyleRef | None, content: str | Iterable[Xml] = (), **props: object) -> Xml:
    """A paragraph from text or runs; mostly right-to-left text sets the paragraph's direction (w:bidi)."""
    runs = run(content) if isinstance(content, str) else "".join(content)
    bidi = props.pop("bidi", None)
    if style in KEEP_WITH_NEXT:  # whatever the template says: a heading never ends a page
        props["keep_next"] = True
    if bidi is None:
        bidi = not runs.isascii() and is_rtl(unescape("".join(_TEXT.findall(runs))))
    return f"<w:p>{para_props(style, bidi=bool(bidi), **props)}{runs}</w:p>"  # type: ignore[arg-type]


def field(instruction: str, placeholder: str, style: StyleRef | None = None) -> list[Xml]:
    """A complex field (PAGE, NUMPAGES) with a placeholder result that Word and LibreOffice update."""
    rpr = run_props(style)
    def char(kind: str) -> Xml:
        return f'<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"/></w:r>'
    instr = f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
    return [char("begin"), instr, char("separate"), run(placeholder, style), char("end")]


def hyperlink_external(rel_id: str, runs: Iterable[Xml]) -> Xml:
    return f'<w:hyperlink r:id="{attr(rel_id)}">{"".join(runs)}</w:hyperlink>'


def hyperlink_internal(anchor: str, runs: Iterable[Xml]) -> Xml:
    return f'<w:hyperlink w:anchor="{attr(anchor)}">{"".join(runs)}</w:hyperlink>'


def bookmark(ident: int, name: str, content: Iterable[Xml]) -> list[Xml]:
    """Content wrapped in a bookmark so internal links (citations) can point at it."""
    return [f'<w:bookmarkStart w:id="{ident}" w:name="{attr(name)}"/>', *content,
            f'<w:bookmarkEnd w:id="{ident}"/>']


def cell(width: int, paragraphs: Iterable[Xml], *, fill: str | None = None, span: int = 1,
         valign: str | None = None,
         borders: Xml = "", shading: Xml = "") -> Xml:
    """w:tc; every cell holds at least one paragraph, as the schema requires.

    borders and shading are ready w:tcBorders and w:shd from a table style; a fill colour overrides the shading.
    """
    props = (f'<w:tcW w:w="{width}" w:type="dxa"/>',
             val("w:gridSpan", span) if span > 1 else "",
             borders,
             f'<w:shd w:val="clear" w:color="auto" w:fill="{attr(fill)}"/>' if fill else shading,
             val("w:vAlign", valign) if valign else "")
    content = "".join(paragraphs) or "<w:p/>"
    return f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr>{content}</w:tc>'


def row(cells: Iterable[Xml], *, header: bool = False, height: int | None = None) -> Xml:
    """w:tr that never splits across pages; a header row repeats on every page."""
    props = ("<w:cantSplit/>" + (f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>' if height else "")
             + ("<w:tblHeader/>" if header else ""))
    return f'<w:tr><w:trPr>{props}</w:trPr>{"".join(cells)}</w:tr>'


def table(look: TableLook, widths: Sequence[int], rows: Iterable[Xml], *, caption: str = "",
          description: str = "") -> Xml:
    """w:tbl with a fixed layout, so column widths hold in Word and LibreOffice alike, formatted as its
    table style in the template says (reporttool.docx.table_looks: why the style is not named)."""
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{look.table}'
             f'<w:tblLayout w:type="fixed"/>{look.cell_margins}'
             + (val("w:tblCaption", clean(caption)[:250]) if caption else "")
             + (val("w:tblDescription", clean(description)) if description else "") + "</w:tblPr>")
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    return f'<w:tbl>{props}{grid}{"".join(rows)}</w:tbl>'


def keep_together(width: int, content: Iterable[Xml]) -> Xml:
    """Content in a borderless one-cell table whose row cannot split, so it never breaks across pages.

    Word keeps a table together when every row's paragraphs keep with the next; LibreOffice ignores
    that inside tables, but both honour a row that cannot split.
    """
    margins = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    props = (f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             f'<w:tblCellMar>{margins}</w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="1" w:noVBand="1"/></w:tblPr>')
    grid = f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
    return f"<w:tbl>{props}{grid}{row([cell(width, content)])}</w:tbl>"


def split_widths(total: int, fractions: Sequence[float]) -> list[int]:
    """Column widths in twips from fractions of the text width; the last column takes the rest."""
    widths = [int(total * f) for f in fractions[:-1]]
    return widths + [total - sum(widths)]
