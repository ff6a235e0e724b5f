"""Read a generated .docx back as XML, the way the tests look at what a client receives."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from reporttool.brand.folder import load_brand
from reporttool.docx.namespaces import R, W
from reporttool.model import Briefing, Client
from reporttool.docx.render import render_docx

NS = {"w": W, "r": R, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def build(briefing: Briefing, brand: str = "meridian", client: Client | None = None) -> bytes:
    return render_docx(briefing, load_brand(brand), client=client)


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def w(local: str) -> str:
    return f"{{{W}}}{local}"


def text(node: etree._Element) -> str:
    """The visible text of a paragraph, cell or table (w:t only; field codes excluded)."""
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def style_of(p: etree._Element) -> str | None:
    found = p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS)
    return found[0] if found else None


def blocks(doc: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables in reading order."""
    return [b for b in doc.find(w("body")) if b.tag in (w("p"), w("tbl"))]


def after_heading(doc: etree._Element, heading: str, level: str = "Heading1") -> list[etree._Element]:
    """The blocks that follow a heading, up to the next heading of the same level."""
    out, inside = [], False
    for block in blocks(doc):
        is_heading = block.tag == w("p") and style_of(block) == level
        if is_heading and inside:
            break
        if inside:
            out.append(block)
        if is_heading and text(block) == heading:
            inside = True
    assert inside, f"no {level} {heading!r} in the document"
    return out


def tables_in(items: list[etree._Element], heat_map: bool = False) -> list[etree._Element]:
    """The data tables (those with a repeating header row) among the blocks, or the heat maps, nested ones
    included (the heat map sits in a frame)."""
    return [t for item in items for t in item.iter(w("tbl"))
            if (t.xpath("./w:tblPr/w:tblCaption/@w:val", namespaces=NS) == ["Heat map"]) == heat_map
            and (heat_map or t.xpath("./w:tr[1]/w:trPr/w:tblHeader", namespaces=NS))]


def rows(table: etree._Element) -> list[list[str]]:
    """Cell texts, each cell's paragraphs joined by a line break."""
    return [["\n".join(text(p) for p in tc.findall(w("p"))) for tc in tr.findall(w("tc"))]
            for tr in table.findall(w("tr"))]


def fill(tc: etree._Element) -> str | None:
    found = tc.xpath("./w:tcPr/w:shd/@w:fill", namespaces=NS)
    return found[0] if found else None
