"""The .docx package around the body: header and footer parts, properties, relationships, content
types and the zip, built on the brand template's parts (reporttool.docx.template).
"""
from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..text import clean
from ..zipping import zip_bytes, zip_stamp
from .artwork import DECL as _DECL, Rel, empty_story
from .context import Context
from .namespaces import CT_NS, MAIN_CT, PKG_RELS, R
from .template import Template

EMU_PER_TWIP = 635


def section_properties(template: Template) -> str:
    """The template's page setup pointing at this build's header and footer (they come first)."""
    head, rest = template.sect_pr.split(">", 1)
    return (f'{head}><w:headerReference w:type="default" r:id="rIdHeader"/>'
            f'<w:footerReference w:type="default" r:id="rIdFooter"/>{rest}')


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header, so the logo keeps its aspect ratio."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("the logo is not a PNG file")
    return struct.unpack(">II", data[16:24])


def read_logo(path: Path) -> bytes:
    """The logo's bytes, cached while the file is unchanged (as the template is)."""
    stat = path.stat()
    return _read_logo(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _read_logo(path: str, _size: int, _mtime: int) -> bytes:
    return Path(path).read_bytes()


def logo_drawing(logo: bytes, alt: str, max_width_emu: int, drawing_id: int, height_emu: int = 420000) -> str:
    """An inline picture (wp:inline) holding the logo, with its alt text, as XML text."""
    width, height = png_size(logo)
    natural = height_emu * width // height
    cx, cy = (natural, height_emu) if natural <= max_width_emu else (max_width_emu, max_width_emu * height // width)
    alt = quoteattr(clean(alt))
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{drawing_id}" name="Logo" descr={alt}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png" descr={alt}/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f'</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def story_part(root_tag: str, content: Iterable[str]) -> bytes:
    """A part whose root (w:document here) declares every namespace its content uses."""
    return empty_story(root_tag).part("".join(content))


def core_properties(*, title: str, creator: str, subject: str, keywords: str, description: str,
                    language: str, when: dt.date, status: str = "") -> bytes:
    """docProps/core.xml: the briefing's metadata, created and modified on the publication date."""
    stamp = f"{when.isoformat()}T00:00:00Z"
    fields = [("dc:title", title), ("dc:subject", subject), ("dc:creator", creator),
              ("cp:keywords", keywords), ("dc:description", description), ("dc:language", language),
              ("cp:contentStatus", status)]
    body = "".join(f"<{tag}>{escape(clean(text))}</{tag}>" for tag, text in fields if text)
    return _DECL + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    ).encode()


def app_properties(company: str) -> bytes:
    return _DECL + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f'<Company>{escape(clean(company))}</Company><Application>reporttool</Application></Properties>'
    ).encode()


def document_rels(ctx: Context) -> bytes:
    """word/_rels/document.xml.rels: template parts, header, footer and one entry per link."""
    rows = [(f"rIdT{i}", f"{R}/{t.rsplit('/', 1)[-1]}", target, "")
            for i, (t, target) in enumerate(ctx.template.rels, 1)]
    rows += [("rIdHeader", f"{R}/header", "header1.xml", ""),
             ("rIdFooter", f"{R}/footer", "footer1.xml", "")]
    rows += [(rid, f"{R}/hyperlink", url, ' TargetMode="External"') for url, rid in ctx.links.items()]
    return relationships(rows)


def relationships(rows: list[Rel]) -> bytes:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target={quoteattr(target)}{extra}/>'
                   for rid, kind, target, extra in rows)
    return _DECL + f'<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'.encode()


def content_types(template: Template) -> bytes:
    overrides = {"word/document.xml": f"{MAIN_CT}.document.main+xml",
                 "word/header1.xml": f"{MAIN_CT}.header+xml", "word/footer1.xml": f"{MAIN_CT}.footer+xml",
                 "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                 **template.content_types}
    body = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in sorted(overrides.items()))
    return _DECL + (
        f'<Types xmlns="{CT_NS}"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Default Extension="png" ContentType="image/png"/>{body}</Types>').encode()


PACKAGE_RELS = relationships([
    ("rId1", f"{R}/officeDocument", "word/document.xml", ""),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
     "docProps/core.xml", ""),
    ("rId3", f"{R}/extended-properties", "docProps/app.xml", ""),
])


def story_rels(template: Template) -> dict[str, bytes]:
    """The header's relationships (the designer's, renumbered, then our logo's) and the footer's if any."""
    logo = ("rIdLogo", f"{R}/image", template.logo_part.removeprefix("word/"), "")
    parts = {"word/_rels/header1.xml.rels": relationships([*template.header.rels, logo])}
    if template.footer.rels:
        parts["word/_rels/footer1.xml.rels"] = relationships(list(template.footer.rels))
    return parts


def zip_parts(parts: dict[str, bytes], when: dt.date) -> bytes:
    """The package: a deterministic zip stamped with the publication date."""
    return zip_bytes(parts, zip_stamp(when))

