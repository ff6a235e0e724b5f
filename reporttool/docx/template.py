"""The brand's Word template as the renderer reads it: the parts that carry its look, its page setup,
header and footer artwork, table looks and style ids, and the check that it has every style we need.

The template is read once per process (keyed by its path, size and mtime) and only the parts that
carry its look are kept: styles, numbering, settings, fonts, theme, the page setup of its last
section, and that section's default header and footer with their artwork (reporttool.docx.artwork).
Everything else is written fresh for each briefing, so a build never parses the template.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..issues import Issue, Location, issue
from ..xmlcheck import DTD
from .artwork import PARSER as _PARSER, Artwork, Story, load_artwork
from .namespaces import R, W
from .styles import TABLE_STYLES, StyleRef, resolve_styles
from .table_looks import TableLook, table_looks

KEPT_PARTS = ("styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme", "numbering")
TEMPLATE_MAX_BYTES, TEMPLATE_MAX_PARTS = 64 << 20, 10_000
_FIX = "restore it in Word (Styles pane) or copy it from templates/meridian/template.docx"

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



def load_template(path: Path, language: str, east_asia_font: str = "") -> Template:
    """The parsed template, cached while the file is unchanged."""
    stat = path.stat()
    return _load_template(str(path), stat.st_size, stat.st_mtime_ns, language, east_asia_font)


@lru_cache(maxsize=16)
def _load_template(path: str, _size: int, _mtime: int, language: str, east_asia_font: str) -> Template:
    files = read_package(Path(path))
    types = _content_types(files["[Content_Types].xml"])
    rels = etree.fromstring(files["word/_rels/document.xml.rels"], _PARSER)
    kept, parts, targets = [], {}, {rel.get("Id"): rel.get("Target") for rel in rels}
    for rel in rels:
        kind, target = (rel.get("Type") or "").rsplit("/", 1)[-1], rel.get("Target")
        if kind in KEPT_PARTS and rel.get("TargetMode") != "External":
            name = "word/" + target.lstrip("/").removeprefix("word/")
            parts[name] = _without_relationship_refs(files[name])
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


def read_package(path: Path) -> dict[str, bytes]:
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


def _without_relationship_refs(data: bytes) -> bytes:
    """A kept part without the elements that point through its own relationships, which are not copied:
    Word saves an attached template (often a file on a network share), embedded fonts, picture bullets or
    a mail-merge source that way, and a reference left dangling makes Word call the briefing corrupt."""
    root = etree.fromstring(data, _PARSER)
    if not _drop_relationship_refs(root):
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_relationship_refs(root: etree._Element) -> bool:
    """Remove every element carrying a relationship id (r:id, r:embed, ...); whether any was removed."""
    found = [node for node in root.iter(etree.Element)
             if any(key.startswith(f"{{{R}}}") for key in node.attrib)]
    for node in found:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    return bool(found)


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
    _drop_relationship_refs(sect)
    size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
    if size is None or margins is None or size.get(_w("w")) is None:
        raise ValueError("the template's page setup lacks its page size or margins")
    width = int(size.get(_w("w"))) - sum(int(margins.get(_w(k), 0)) for k in ("left", "right", "gutter"))
    return etree.tostring(sect, encoding="unicode"), width, refs



def check_template_styles(path: Path) -> list[Issue]:
    """Every style the renderer needs that the template lacks, as a 'bad-brand' issue (or why it is unreadable).

    The template is read as the renderer reads it first (that is where untrusted parts are checked),
    then as Word shows it, so a style is named as the designer sees it in the Styles pane.
    """
    from docx.opc.exceptions import OpcError

    from .designer import designer_view

    where = Location(file=str(path))
    try:
        load_template(path, "en-GB")  # read exactly as the renderer will read it
        view = designer_view(path)
    except (OSError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile, OpcError) as exc:  # lxml: SyntaxError
        return [issue("bad-brand", where, f"the Word template cannot be read: {exc}",
                      "save the template from Word as a .docx (Word Document) file")]
    return [issue("bad-brand", where,
                  f"the template lacks the {style.kind} style {style.name!r} (style id {style.id})",
                  _FIX, expected=style.kind)
            for style in resolve_styles(list(view.styles))[1]]
