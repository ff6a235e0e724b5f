"""The Word styles the briefing renderer uses, named in one place, and the check that a template has them.

The renderer refers to styles by their style id (what document.xml stores), never by looking a
name up, so rendering never scans styles.xml. A designer restyles a brand by editing these styles
in Word; renaming or deleting one is what `check_template_styles` reports.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from .issues import Issue, Location, issue

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class StyleRef:
    """A style the renderer needs: its id, its kind and the name a designer sees in Word."""

    id: str
    kind: str  # "paragraph", "character" or "table"
    name: str


TITLE = StyleRef("Title", "paragraph", "Title")
SUBTITLE = StyleRef("Subtitle", "paragraph", "Subtitle")
META = StyleRef("BriefingMeta", "paragraph", "Briefing Meta")
STANDFIRST = StyleRef("Standfirst", "paragraph", "Standfirst")
HEADING_1 = StyleRef("Heading1", "paragraph", "heading 1")
HEADING_2 = StyleRef("Heading2", "paragraph", "heading 2")
BODY = StyleRef("BodyText", "paragraph", "Body Text")
TAKEAWAY = StyleRef("ListBullet", "paragraph", "List Bullet")
TABLE_TEXT = StyleRef("TableText", "paragraph", "Table Text")
TABLE_HEADING = StyleRef("TableHeading", "paragraph", "Table Heading")
TABLE_NOTE = StyleRef("TableNote", "paragraph", "Table Note")
HEAT_CELL = StyleRef("HeatMapCell", "paragraph", "Heat Map Cell")
HEAT_AXIS = StyleRef("HeatMapAxis", "paragraph", "Heat Map Axis")
CAPTION = StyleRef("Caption", "paragraph", "caption")
SOURCE = StyleRef("SourceEntry", "paragraph", "Source Entry")
CONTACT = StyleRef("ContactBlock", "paragraph", "Contact Block")
DISCLAIMER = StyleRef("Disclaimer", "paragraph", "Disclaimer")
HEADER = StyleRef("Header", "paragraph", "header")
FOOTER = StyleRef("Footer", "paragraph", "footer")
STRONG = StyleRef("Strong", "character", "Strong")
CITATION = StyleRef("Citation", "character", "Citation")
HYPERLINK = StyleRef("Hyperlink", "character", "Hyperlink")
TLP_LABEL = StyleRef("TLPLabel", "character", "TLP Label")
CONFIDENCE = StyleRef("Confidence", "character", "Confidence")
TABLE = StyleRef("BriefingTable", "table", "Briefing Table")
HEAT_MAP = StyleRef("HeatMapTable", "table", "Heat Map Table")

REQUIRED_STYLES: tuple[StyleRef, ...] = (
    TITLE, SUBTITLE, META, STANDFIRST, HEADING_1, HEADING_2, BODY, TAKEAWAY, TABLE_TEXT,
    TABLE_HEADING, TABLE_NOTE, HEAT_CELL, HEAT_AXIS, CAPTION, SOURCE, CONTACT, DISCLAIMER, HEADER,
    FOOTER, STRONG, CITATION, HYPERLINK, TLP_LABEL, CONFIDENCE, TABLE, HEAT_MAP,
)
_FIX = "restore it in Word (Styles pane) or copy it from templates/meridian/template.docx"


def template_styles(path: Path) -> dict[str, str]:
    """The style ids of a Word template with their kinds; raises OSError/ValueError if unreadable."""
    from lxml import etree  # lxml comes with python-docx; kept off the CLI start-up path

    with zipfile.ZipFile(path) as package:
        data = package.read("word/styles.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    return {s.get(f"{{{W_NS}}}styleId"): s.get(f"{{{W_NS}}}type")
            for s in root.iter(f"{{{W_NS}}}style")}


def check_template_styles(path: Path) -> list[Issue]:
    """Every style the renderer needs that the template lacks, as a 'bad-brand' issue (or why it is unreadable)."""
    from .docx_parts import load_template

    where = Location(file=str(path))
    try:
        found = template_styles(path)
        load_template(path, "en-GB")  # its page setup and parts, as the renderer will read them
    except (OSError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:  # lxml raises SyntaxError
        return [issue("bad-brand", where, f"the Word template cannot be read: {exc}",
                      "save the template from Word as a .docx (Word Document) file")]
    return [issue("bad-brand", where,
                  f"the template lacks the {style.kind} style {style.name!r} (style id {style.id})",
                  _FIX, found=found.get(style.id), expected=style.kind)
            for style in REQUIRED_STYLES if found.get(style.id) != style.kind]
