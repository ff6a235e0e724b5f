"""The Word styles the briefing renderer uses, named in one place, and how they are found in a template.

The renderer refers to styles by their style id (what document.xml stores), never by looking a
name up, so rendering never scans styles.xml. A designer restyles a brand by editing these styles
in Word; renaming or deleting one is what `template.check_template_styles` reports.
"""
from __future__ import annotations

from dataclasses import dataclass


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
CITATION = StyleRef("SourceCitation", "character", "Source Citation")
HYPERLINK = StyleRef("Hyperlink", "character", "Hyperlink")
TLP_LABEL = StyleRef("TLPLabel", "character", "TLP Label")
CONFIDENCE = StyleRef("Confidence", "character", "Confidence")
TABLE = StyleRef("BriefingTable", "table", "Briefing Table")
HEAT_MAP = StyleRef("HeatMapTable", "table", "Heat Map Table")
TABLE_STYLES = (TABLE, HEAT_MAP)  # read for their look, never named by a table (docx_table_looks)

REQUIRED_STYLES: tuple[StyleRef, ...] = (
    TITLE, SUBTITLE, META, STANDFIRST, HEADING_1, HEADING_2, BODY, TAKEAWAY, TABLE_TEXT,
    TABLE_HEADING, TABLE_NOTE, HEAT_CELL, HEAT_AXIS, CAPTION, SOURCE, CONTACT, DISCLAIMER, HEADER,
    FOOTER, STRONG, CITATION, HYPERLINK, TLP_LABEL, CONFIDENCE, TABLE, HEAT_MAP,
)


def resolve_styles(found: list[tuple[str, str, str]]) -> tuple[dict[str, str], list[StyleRef]]:
    """Our style ids mapped to the template's (id, kind, name) styles, and the styles it lacks.

    A style is found by its id, else by its name: LibreOffice and localised Word save some styles
    under other ids ("Body Text" as TextBody, "Hyperlink" as InternetLink), keeping the name.
    """
    kinds = {style_id: kind for style_id, kind, _ in found}
    by_name = {(name.lower(), kind): style_id for style_id, kind, name in found}
    renamed, missing = {}, []
    for style in REQUIRED_STYLES:
        if kinds.get(style.id) == style.kind:
            continue
        other = by_name.get((style.name.lower(), style.kind))
        if other:
            renamed[style.id] = other
        else:
            missing.append(style)
    return renamed, missing
