"""The .docx package around the body: the brand template's parts, header, footer, properties, zip.

The template is read once per process (keyed by its path, size and mtime) and only the parts that
carry its look are kept: styles, numbering, settings, fonts, theme, the page setup of its last
section, and that section's default header and footer with their artwork (reporttool.docx.artwork).
Everything else is written fresh for each briefing, so a build never parses the template.
"""
from __future__ import annotations

import datetime as dt
import struct
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..workbook.package import DTD
from ..zipping import zip_bytes, zip_stamp
from ..brand.folder import FALLBACK_FONTS, Brand
from .artwork import DECL as _DECL, PARSER as _PARSER, Artwork, Rel, Story, empty_story, load_artwork
from .styles import TABLE_STYLES, StyleRef, resolve_styles
from .table_looks import TableLook, table_looks
from .wml import R, W
from ..text import clean
from ..brand.words import Words

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
KEPT_PARTS = ("styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme", "numbering")
EMU_PER_TWIP = 635
TEMPLATE_MAX_BYTES, TEMPLATE_MAX_PARTS = 64 << 20, 10_000


@dataclass(frozen=True)
class Template:
    """What a brand's template contributes to every briefing built with it."""

    parts: dict[str, bytes]            # part name -> bytes, copied as they are
    rels: tuple[tuple[str, str], ...]  # (relationship type, target) of the copied parts
    content_types: dict[str, str]      # part name -> content type of the copied parts
    sect_pr: str                       # the last section's properties, header/footer refs removed
    text_width: int                    # twips between the margins
    style_ids: dict[str, str]          # our style id -> the template's, where it saved another
    missing_styles: tuple[StyleRef, ...]
    header: Story                      # the template's default header around ours, or an empty one
    footer: Story
    logo_part: str                     # where our logo goes, clear of the designer's pictures
    logo_drawing_id: int               # the logo's wp:docPr id, clear of the designer's drawings
    table_looks: dict[str, TableLook]  # our table style id -> its formatting in this template

    def restyle(self, xml: str) -> str:
        """Point style references at the template's ids; nothing to do for templates saved as shipped."""
        for ours, theirs in self.style_ids.items():
            for tag in ("pStyle", "rStyle"):
                xml = xml.replace(f'<w:{tag} w:val="{ours}"/>', f'<w:{tag} w:val="{theirs}"/>')
        return xml


@dataclass
class Context:
    """Mutable state of one build: links collected for the relationships part, bookmark ids."""

    brand: Brand
    template: Template
    words: Words
    source_numbers: dict[str, int] = field(default_factory=dict)  # source ID -> its number
    links: dict[str, str] = field(default_factory=dict)  # url -> relationship id
    next_bookmark: int = 1

    def link(self, url: str) -> str:
        return self.links.setdefault(url, f"rIdLink{len(self.links) + 1}")

    def bookmark_id(self) -> int:
        self.next_bookmark += 1
        return self.next_bookmark - 1


def load_template(path: Path, language: str, east_asia_font: str = FALLBACK_FONTS["east_asia"]) -> Template:
    """The parsed template, cached while the file is unchanged."""
    stat = path.stat()
    return _load_template(str(path), stat.st_size, stat.st_mtime_ns, language, east_asia_font)


@lru_cache(maxsize=16)
def _load_template(path: str, _size: int, _mtime: int, language: str, east_asia_font: str) -> Template:
    files = _read_package(Path(path))
    types = _content_types(files["[Content_Types].xml"])
    rels = etree.fromstring(files["word/_rels/document.xml.rels"], _PARSER)
    kept, parts, targets = [], {}, {rel.get("Id"): rel.get("Target") for rel in rels}
    for rel in rels:
        kind, target = (rel.get("Type") or "").rsplit("/", 1)[-1], rel.get("Target")
        if kind in KEPT_PARTS and rel.get("TargetMode") != "External":
            name = "word/" + target.lstrip("/").removeprefix("word/")
            parts[name] = files[name]
            kept.append((rel.get("Type"), name.removeprefix("word/")))
    if "word/styles.xml" not in parts:
        raise ValueError("the template has no styles (word/styles.xml)")
    styles = etree.fromstring(parts["word/styles.xml"], _PARSER)
    parts["word/styles.xml"] = _set_defaults(styles, language, east_asia_font)
    renamed, missing = resolve_styles([(s.get(_w("styleId")), s.get(_w("type")), _style_name(s))
                                       for s in styles.iter(_w("style"))])
    sect_pr, width, refs = _section(files["word/document.xml"])
    art = load_artwork(files, targets, refs)
    kept_types = {n: types[n] for n in parts if n in types}
    looks = table_looks(styles, {s.id: renamed.get(s.id, s.id) for s in TABLE_STYLES})
    return Template({**art.parts, **parts}, tuple(sorted(kept)), {**art.content_types, **kept_types}, sect_pr,
                    width, renamed, tuple(missing), art.header, art.footer, _logo_part(art), art.drawing_id, looks)


def _read_package(path: Path) -> dict[str, bytes]:
    """Every part of the template, refused when it would inflate past TEMPLATE_MAX_BYTES or declares a DTD:
    a template is a file anyone can hand over, as a workbook is."""
    with zipfile.ZipFile(path) as package:
        entries = package.infolist()
        if len(entries) > TEMPLATE_MAX_PARTS:
            raise ValueError(f"the template holds more than {TEMPLATE_MAX_PARTS:,} parts")
        if sum(e.file_size for e in entries) > TEMPLATE_MAX_BYTES:
            raise ValueError(f"the template inflates to more than {TEMPLATE_MAX_BYTES >> 20} MB")
        files = {e.filename: package.read(e) for e in entries}  # zipfile stops at each declared size
    for name, data in files.items():
        if name.endswith((".xml", ".rels")) and not _utf8(data):  # a UTF-16 part would hide a DTD from the check
            raise ValueError(f"the template's {name} is not UTF-8 XML, which Word always writes")
        if name.endswith((".xml", ".rels")) and DTD.search(data):
            raise ValueError(f"the template's {name} declares a DOCTYPE or XML entities, which Word never writes")
    return files


_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


def _utf8(data: bytes) -> bool:
    """UTF-8 throughout, no NUL (never in XML; a sign of UTF-16) and no other encoding declared."""
    declared = _ENCODING.match(data[:200])
    if b"\0" in data or (declared and declared[1].lower() not in (b"utf-8", b"utf8")):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _logo_part(art: Artwork) -> str:
    """word/media/logo.png, unless a designer's picture is already called that."""
    name, n = "word/media/logo.png", 1
    while name in art.parts:
        name, n = f"word/media/logo{n}.png", n + 1
    return name


def _style_name(style: etree._Element) -> str:
    name = style.find(_w("name"))
    return name.get(_w("val"), "") if name is not None else ""


def _content_types(data: bytes) -> dict[str, str]:
    root = etree.fromstring(data, _PARSER)
    return {o.get("PartName").lstrip("/"): o.get("ContentType") for o in root if o.get("PartName")}


def _w(local: str) -> str:
    return f"{{{W}}}{local}"


def _set_defaults(root: etree._Element, language: str, east_asia_font: str) -> bytes:
    """The brand's language becomes the document default, so spelling and hyphenation follow it, and
    Chinese, Japanese and Korean text gets a font that has them wherever a style names none for them
    (templates name Latin fonts only, and LibreOffice then prints CJK as boxes or drops it)."""
    defaults = _child(root, "docDefaults", 0)
    rpr = _child(_child(defaults, "rPrDefault", 0), "rPr", 0)
    fonts = _child(rpr, "rFonts", 0)
    fonts.attrib.pop(_w("eastAsiaTheme"), None)  # a theme font would win over the named one
    fonts.set(_w("eastAsia"), east_asia_font)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.Element(_w("lang"))
        later = [c for c in rpr if etree.QName(c).localname in ("eastAsianLayout", "specVanish", "oMath")]
        if later:
            later[0].addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(_w("val"), language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _child(parent: etree._Element, local: str, index: int) -> etree._Element:
    """The named child, created at index when missing."""
    node = parent.find(_w(local))
    if node is None:
        node = etree.Element(_w(local))
        parent.insert(index, node)
    return node


def _section(document: bytes) -> tuple[str, int, dict[str, str]]:
    """The last section's page setup, its text width, and the ids of its default header and footer."""
    body = etree.fromstring(document, _PARSER).find(_w("body"))
    sect = body.find(_w("sectPr")) if body is not None else None
    if sect is None or len(sect) == 0:
        raise ValueError("the template's document has no page setup (w:sectPr)")
    refs = {}
    for ref in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
        if ref.get(_w("type"), "default") == "default":
            refs[etree.QName(ref).localname.removesuffix("Reference")] = ref.get(f"{{{R}}}id")
        sect.remove(ref)
    size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
    if size is None or margins is None or size.get(_w("w")) is None:
        raise ValueError("the template's page setup lacks its page size or margins")
    width = int(size.get(_w("w"))) - sum(int(margins.get(_w(k), 0)) for k in ("left", "right", "gutter"))
    return etree.tostring(sect, encoding="unicode"), width, refs


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
                    language: str, when: dt.date) -> bytes:
    """docProps/core.xml: the briefing's metadata, created and modified on the publication date."""
    stamp = f"{when.isoformat()}T00:00:00Z"
    fields = [("dc:title", title), ("dc:subject", subject), ("dc:creator", creator),
              ("cp:keywords", keywords), ("dc:description", description), ("dc:language", language)]
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
    rows = [(f"rIdT{i}", f"{OFFICE_RELS}/{t.rsplit('/', 1)[-1]}", target, "")
            for i, (t, target) in enumerate(ctx.template.rels, 1)]
    rows += [("rIdHeader", f"{OFFICE_RELS}/header", "header1.xml", ""),
             ("rIdFooter", f"{OFFICE_RELS}/footer", "footer1.xml", "")]
    rows += [(rid, f"{OFFICE_RELS}/hyperlink", url, ' TargetMode="External"') for url, rid in ctx.links.items()]
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
    ("rId1", f"{OFFICE_RELS}/officeDocument", "word/document.xml", ""),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
     "docProps/core.xml", ""),
    ("rId3", f"{OFFICE_RELS}/extended-properties", "docProps/app.xml", ""),
])


def story_rels(template: Template) -> dict[str, bytes]:
    """The header's relationships (the designer's, renumbered, then our logo's) and the footer's if any."""
    logo = ("rIdLogo", f"{OFFICE_RELS}/image", template.logo_part.removeprefix("word/"), "")
    parts = {"word/_rels/header1.xml.rels": relationships([*template.header.rels, logo])}
    if template.footer.rels:
        parts["word/_rels/footer1.xml.rels"] = relationships(list(template.footer.rels))
    return parts


def zip_parts(parts: dict[str, bytes], when: dt.date) -> bytes:
    """The package: a deterministic zip stamped with the publication date."""
    return zip_bytes(parts, zip_stamp(when))
