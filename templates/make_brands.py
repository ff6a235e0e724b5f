"""Regenerate the shipped brands' template.docx and logo.png (a developer's script, not run by users).

    .venv/bin/python templates/make_brands.py [meridian northgate]

Colours and fonts come from each brand's brand.toml, page setup and type sizes from BRANDS below.
The output is reproducible (fixed timestamps, sorted zip entries). After this first generation the
templates belong to the designer, who edits them in Word; rerunning this script overwrites those
edits, so commit or copy them first. Needs Pillow for the logos (`pip install -e '.[dev]'`).
"""
from __future__ import annotations

import datetime as dt
import io
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reporttool.docx import styles as S  # noqa: E402
from reporttool.docx.artwork import NAMESPACES  # noqa: E402
from reporttool.docx.parts import (MAIN_CT, PACKAGE_RELS, app_properties,  # noqa: E402
                                   core_properties, relationships, zip_parts)
from reporttool.docx.namespaces import R, W  # noqa: E402  (R: officeDocument relationships)

FONTS = Path("/usr/share/fonts/truetype")
STAMP = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class Layout:
    """What a brand's template decides beyond colours and fonts: paper, margins, type scale."""

    page: tuple[int, int]          # twips: A4 11906 x 16838, US Letter 12240 x 15840
    margins: tuple[int, int, int, int, int, int]  # top, right, bottom, left, header, footer
    body: int                      # half-points
    title: int
    h1: int
    h2: int
    h1_caps: bool
    h1_rule: bool
    bands: bool = False            # designer artwork: a band across the top and bottom edges of the page


BRANDS = {
    "meridian": Layout((11906, 16838), (1474, 1134, 1247, 1134, 567, 510), 21, 52, 30, 23, False, True),
    "northgate": Layout((12240, 15840), (1584, 1296, 1296, 1296, 648, 576), 22, 44, 24, 22, True, False, True),
}


def rpr(font: str | None = None, *, b: bool = False, i: bool = False, caps: bool = False,
        colour: str | None = None, spacing: int | None = None, sz: int | None = None,
        underline: bool = False) -> str:
    """w:rPr in schema order."""
    parts = [f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>' if font else "",
             "<w:b/><w:bCs/>" if b else "", "<w:i/><w:iCs/>" if i else "", "<w:caps/>" if caps else "",
             f'<w:color w:val="{colour}"/>' if colour else "",
             f'<w:spacing w:val="{spacing}"/>' if spacing else "",
             f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>' if sz else "",
             '<w:u w:val="single"/>' if underline else ""]
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if any(parts) else ""


def ppr(*, keep: bool = False, num: bool = False, borders: str = "", fill: str | None = None,
        tabs: str = "", before: int | None = None, after: int | None = None, line: int | None = None,
        ind: tuple[int, int] | None = None, jc: str | None = None, outline: int | None = None) -> str:
    """w:pPr in schema order."""
    spacing = "".join(f' w:{k}="{v}"' for k, v in (("before", before), ("after", after), ("line", line))
                      if v is not None)
    parts = ["<w:keepNext/><w:keepLines/>" if keep else "",
             '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if num else "",
             f"<w:pBdr>{borders}</w:pBdr>" if borders else "",
             f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "",
             f"<w:tabs>{tabs}</w:tabs>" if tabs else "",
             f"<w:spacing{spacing}{LINE_RULE if line else ''}/>" if spacing else "",
             f'<w:ind w:left="{ind[0]}" w:hanging="{ind[1]}"/>' if ind else "",
             f'<w:jc w:val="{jc}"/>' if jc else "",
             f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""]
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if any(parts) else ""


LINE_RULE = ' w:lineRule="auto"'


def border(side: str, colour: str, size: int = 6, space: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{colour}"/>'


def style(ref: S.StyleRef, body: str, *, based: str | None = "Normal", nxt: str | None = None) -> str:
    extra = (f'<w:basedOn w:val="{based}"/>' if based else "") + (f'<w:next w:val="{nxt}"/>' if nxt else "")
    custom = "" if ref.id in BUILT_IN else ' w:customStyle="1"'
    return (f'<w:style w:type="{ref.kind}"{custom} w:styleId="{ref.id}"><w:name w:val="{ref.name}"/>'
            f'{extra}<w:qFormat/>{body}</w:style>')


BUILT_IN = {"Title", "Subtitle", "Heading1", "Heading2", "BodyText", "ListBullet", "Caption", "Header",
            "Footer", "Strong", "Hyperlink"}


def styles_xml(c: dict[str, str], f: dict[str, str], lay: Layout, language: str) -> str:
    """styles.xml holding only the styles the renderer uses (a small file is fast to load)."""
    width = lay.page[0] - lay.margins[1] - lay.margins[3]
    tabs = f'<w:tab w:val="center" w:pos="{width // 2}"/><w:tab w:val="right" w:pos="{width}"/>'
    h1_border = border("bottom", c["accent"], 8, 4) if lay.h1_rule else ""
    table = S.TABLE
    defaults = (f'<w:docDefaults><w:rPrDefault>{rpr(f["body"], colour=c["text"], sz=lay.body)[:-8]}'
                f'<w:lang w:val="{language}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
                f'<w:pPrDefault>{ppr(after=120, line=264)}</w:pPrDefault></w:docDefaults>')
    plain = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
             '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
             '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
             '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
             '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
             '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
             '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
             '<w:semiHidden/></w:style>')
    heading = f.get("heading", f["body"])
    cell_margins = ('<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    styles = [
        style(S.TITLE, ppr(after=60, line=240) + rpr(heading, b=True, colour=c["primary"], sz=lay.title), nxt="Subtitle"),
        style(S.SUBTITLE, ppr(after=200) + rpr(heading, colour=c["accent"], sz=lay.h1 - 2)),
        style(S.META, ppr(after=40) + rpr(colour=c["muted"], sz=lay.body - 3)),
        style(S.STANDFIRST, ppr(borders=border("left", c["accent"], 24, 10), before=240, after=280, line=288,
                                ind=(240, 0)) + rpr(colour=c["primary"], sz=lay.body + 3)),
        style(S.HEADING_1, ppr(keep=True, borders=h1_border, before=400, after=160, outline=0)
              + rpr(heading, b=True, caps=lay.h1_caps, colour=c["primary"], sz=lay.h1), nxt="BodyText"),
        style(S.HEADING_2, ppr(keep=True, before=280, after=100, outline=1)
              + rpr(heading, b=True, colour=c["accent"], sz=lay.h2), nxt="BodyText"),
        style(S.BODY, ppr(after=160, line=288)),
        style(S.TAKEAWAY, ppr(num=True, fill=c["light"], before=0, after=80, line=276, ind=(400, 280))),
        style(S.TABLE_TEXT, ppr(before=0, after=0, line=240) + rpr(sz=lay.body - 4)),
        style(S.TABLE_HEADING, ppr(keep=True, before=0, after=0, line=240)
              + rpr(b=True, colour=c["header_text"], sz=lay.body - 4), based="TableText"),
        style(S.TABLE_NOTE, ppr(before=40, after=0) + rpr(colour=c["muted"], sz=lay.body - 6), based="TableText"),
        style(S.HEAT_CELL, ppr(keep=True, jc="center") + rpr(b=True, sz=lay.body - 3), based="TableText"),
        style(S.HEAT_AXIS, ppr(keep=True, jc="center") + rpr(colour=c["muted"], sz=lay.body - 6), based="TableText"),
        style(S.CAPTION, ppr(before=80, after=240) + rpr(i=True, colour=c["muted"], sz=lay.body - 4)),
        style(S.SOURCE, ppr(after=100, line=252, ind=(480, 480), tabs='<w:tab w:val="left" w:pos="480"/>')
              + rpr(sz=lay.body - 3)),
        style(S.CONTACT, ppr(after=0) + rpr(colour=c["primary"], sz=lay.body - 2)),
        style(S.DISCLAIMER, ppr(borders=border("top", c["rule"], 4, 6), before=360, after=0, line=240, jc="both")
              + rpr(i=True, colour=c["muted"], sz=lay.body - 6)),
        style(S.HEADER, ppr(tabs=f'<w:tab w:val="right" w:pos="{width}"/>', after=0) + rpr(sz=lay.body - 5)),
        style(S.FOOTER, ppr(borders=border("top", c["rule"], 4, 6), tabs=tabs, after=0)
              + rpr(colour=c["muted"], sz=lay.body - 5)),
        style(S.STRONG, rpr(b=True), based="DefaultParagraphFont"),
        style(S.CITATION, rpr(colour=c["accent"], sz=lay.body - 4), based="DefaultParagraphFont"),
        style(S.HYPERLINK, rpr(colour=c["accent"], underline=True), based="DefaultParagraphFont"),
        style(S.TLP_LABEL, rpr(b=True, spacing=10, sz=lay.body - 4), based="DefaultParagraphFont"),
        style(S.CONFIDENCE, rpr(b=True, colour=c["accent"], sz=lay.body - 4), based="DefaultParagraphFont"),
        style(table, f'<w:tblPr><w:tblBorders>{border("top", c["primary"], 8, 0)}{border("bottom", c["primary"], 8, 0)}'
                     f'{border("insideH", c["rule"], 4, 0)}</w:tblBorders>{cell_margins}</w:tblPr>'
                     f'<w:tblStylePr w:type="firstRow">{rpr(b=True, colour=c["header_text"])}'
                     f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{c["primary"]}"/></w:tcPr></w:tblStylePr>',
              based="TableNormal"),
        style(S.HEAT_MAP, '<w:tblPr><w:tblBorders>' + "".join(border(s, "FFFFFF", 18, 0) for s in
              ("top", "left", "bottom", "right", "insideH", "insideV")) + f'</w:tblBorders>{cell_margins}</w:tblPr>',
              based="TableNormal"),
    ]
    return (f'<w:styles xmlns:w="{W}">{defaults}{plain}{"".join(styles)}</w:styles>')


def numbering_xml(c: dict[str, str]) -> str:
    """One bullet list (numId 1) for the takeaways, its bullet in the accent colour."""
    return (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="bullet"/><w:lvlText w:val="■"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="400" w:hanging="280"/></w:pPr>{rpr(colour=c["accent"], sz=16)}'
            '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


SETTINGS = (f'<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting '
            'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')


def specimen_xml(name: str, lay: Layout) -> str:
    """The template's own body: one sample paragraph per style, for the designer, and the page setup."""
    paras = [(S.TITLE, f"{name}: briefing template"), (S.SUBTITLE, "Edit the styles, not this text"),
             (S.META, "Briefing Meta: authors, dates, reading time"),
             (S.STANDFIRST, "Standfirst: the briefing's summary."), (S.HEADING_1, "Heading 1"),
             (S.BODY, "Body Text: the narrative sections. Citations use the Source Citation style [1]."),
             (S.TAKEAWAY, "List Bullet: a key takeaway."), (S.HEADING_2, "Heading 2"),
             (S.CAPTION, "Caption: under the heat map."), (S.SOURCE, "1.\tSource Entry: numbered sources."),
             (S.CONTACT, "Contact Block"), (S.DISCLAIMER, "Disclaimer: small print at the end.")]
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="{s.id}"/></w:pPr><w:r><w:t xml:space="preserve">'
                   f"{escape(text)}</w:t></w:r></w:p>" for s, text in paras)
    top, right, bottom, left, header, footer = lay.margins
    refs = ('<w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>'
            if lay.bands else "")
    sect = (f'<w:sectPr>{refs}<w:pgSz w:w="{lay.page[0]}" w:h="{lay.page[1]}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            f'w:header="{header}" w:footer="{footer}" w:gutter="0"/><w:cols w:space="720"/>'
            '<w:docGrid w:linePitch="360"/></w:sectPr>')
    return f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{sect}</w:body></w:document>'


EMU_PER_TWIP = 635
BAND_HEIGHTS = {"header": 228600, "footer": 114300}  # EMU: 0.25 and 0.125 inch


def band_story(kind: str, lay: Layout) -> str:
    """A header or footer holding one picture anchored behind the text at the page's top or bottom edge,
    in a paragraph one point high so it adds nothing to the header's or footer's height."""
    tag, cx, cy = {"header": "hdr", "footer": "ftr"}[kind], lay.page[0] * EMU_PER_TWIP, BAND_HEIGHTS[kind]
    where = "<wp:posOffset>0</wp:posOffset>" if kind == "header" else "<wp:align>bottom</wp:align>"
    anchor = (
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" '
        'locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page">{where}</wp:positionV><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{1 if kind == "header" else 2}" name="{kind.title()} band" descr="Decorative band"/>'
        '<wp:cNvGraphicFramePr/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{kind}-band.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor>')
    return (f'<w:{tag} {NAMESPACES}><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            f'<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr><w:r><w:drawing>{anchor}</w:drawing></w:r></w:p></w:{tag}>')


def draw_band(kind: str, c: dict[str, str]):
    """Burgundy with a gold edge towards the text: the header's under it, the footer's over it."""
    from PIL import Image, ImageDraw
    height, stripe = (60, 8) if kind == "header" else (30, 5)
    img = Image.new("RGB", (1700, height), f"#{c['primary']}")
    top = height - stripe if kind == "header" else 0
    ImageDraw.Draw(img).rectangle((0, top, 1699, top + stripe - 1), fill=f"#{c['accent']}")
    return img


def band_parts(c: dict[str, str], lay: Layout, decl: str) -> dict[str, bytes]:
    """The header and footer parts, their pictures and relationships (empty unless the brand has bands)."""
    parts: dict[str, bytes] = {}
    for kind in ("header", "footer") if lay.bands else ():
        png = io.BytesIO()
        draw_band(kind, c).save(png, format="PNG", optimize=False)
        parts[f"word/media/{kind}-band.png"] = png.getvalue()
        parts[f"word/{kind}1.xml"] = (decl + band_story(kind, lay)).encode()
        parts[f"word/_rels/{kind}1.xml.rels"] = relationships(
            [("rId1", f"{R}/image", f"media/{kind}-band.png", "")])
    return parts


def template_docx(data: dict, lay: Layout) -> bytes:
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    kinds = (("styles", "styles"), ("settings", "settings"), ("numbering", "numbering"))
    kinds += (("header1", "header"), ("footer1", "footer")) if lay.bands else ()
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + ('<Default Extension="png" ContentType="image/png"/>' if lay.bands else "")
        + f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}.document.main+xml"/>'
        + "".join(f'<Override PartName="/word/{n}.xml" ContentType="{MAIN_CT}.{k}+xml"/>' for n, k in kinds)
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    parts = {
        "[Content_Types].xml": (decl + content_types).encode(),
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": core_properties(title=f"{data['name']} briefing template", creator=data["name"],
                                             subject="", keywords="", description="", language=data["language"],
                                             when=STAMP),
        "docProps/app.xml": app_properties(data["name"]),
        "word/_rels/document.xml.rels": relationships(
            [(f"rId{i}", f"{R}/{kind}", f"{n}.xml", "") for i, (n, kind) in enumerate(kinds, 1)]),
        "word/document.xml": (decl + specimen_xml(data["name"], lay)).encode(),
        "word/styles.xml": (decl + styles_xml(data["colours"], data["fonts"], lay, data["language"])).encode(),
        "word/settings.xml": (decl + SETTINGS).encode(),
        "word/numbering.xml": (decl + numbering_xml(data["colours"])).encode(),
        **band_parts(data["colours"], lay, decl),
    }
    return zip_parts(parts, STAMP)


def font(name: str, size: int):
    from PIL import ImageFont
    return ImageFont.truetype(str(FONTS / name), size)


def draw_meridian(c: dict[str, str]):
    """A navy globe crossed by teal meridians, then the name in two weights."""
    from PIL import Image, ImageDraw
    img = Image.new("RGBA", (1200, 300), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    navy, teal = f"#{c['primary']}", f"#{c['accent']}"
    d.ellipse((20, 30, 260, 270), fill=navy)
    for half in (110, 60, 18):
        d.ellipse((140 - half, 42, 140 + half, 258), outline=teal, width=9)
    d.line((28, 150, 252, 150), fill="#FFFFFF", width=7)
    d.text((300, 38), "MERIDIAN", font=font("crosextra/Carlito-Bold.ttf", 132), fill=navy)
    d.text((306, 190), "R I S K   A D V I S O R Y", font=font("crosextra/Carlito-Regular.ttf", 56), fill=teal)
    return img


def draw_northgate(c: dict[str, str]):
    """A burgundy gate: two pillars under a gold arch, then a serif name."""
    from PIL import Image, ImageDraw
    img = Image.new("RGBA", (1300, 300), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    wine, gold = f"#{c['primary']}", f"#{c['accent']}"
    d.rectangle((20, 20, 260, 280), fill=wine)
    d.pieslice((60, 60, 220, 220), 180, 360, fill=gold)
    d.rectangle((60, 140, 220, 250), fill=gold)
    d.pieslice((95, 95, 185, 185), 180, 360, fill=wine)
    d.rectangle((95, 140, 185, 250), fill=wine)
    d.text((300, 30), "NORTHGATE", font=font("liberation/LiberationSerif-Bold.ttf", 140), fill=wine)
    d.text((304, 196), "INTELLIGENCE GROUP", font=font("liberation/LiberationSans-Bold.ttf", 58), fill=gold)
    return img


LOGOS = {"meridian": draw_meridian, "northgate": draw_northgate}


def make_brand(name: str) -> None:
    folder = HERE / name
    with open(folder / "brand.toml", "rb") as fh:
        data = tomllib.load(fh)
    (folder / data.get("template", "template.docx")).write_bytes(template_docx(data, BRANDS[name]))
    logo = LOGOS[name](data["colours"])
    logo.crop(logo.getbbox()).save(folder / data.get("logo", "logo.png"), optimize=False)
    print(f"wrote {folder}/template.docx and logo.png")


if __name__ == "__main__":
    for brand_name in sys.argv[1:] or list(BRANDS):
        make_brand(brand_name)
