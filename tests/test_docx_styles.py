"""Brand templates: the shipped brands are complete, and a template missing a style is reported."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reporttool.brand.folder import TEMPLATES, BrandError, check_brand, load_brand
from reporttool.docx.styles import HEADING_1, REQUIRED_STYLES, TLP_LABEL
from reporttool.docx.template import check_template_styles
from reporttool.docx.table_looks import TableLook, table_looks
from reporttool.docx.namespaces import W

from .briefings import sample_briefing
from .docx_reading import NS, build, part, w


@pytest.mark.parametrize("name", ["meridian", "northgate"])
def test_shipped_brands_have_every_style_file_and_colour(name):
    assert check_brand(TEMPLATES / name) == []
    brand = load_brand(name)
    assert {"primary", "accent", "header_text"} <= set(brand.colours)
    assert {"heading", "body"} <= set(brand.fonts)
    assert brand.logo.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def copy_brand(tmp_path: Path, drop: tuple[str, ...] = (), document: bytes | None = None,
               rename: dict[str, str] | None = None, parts: dict[str, bytes] | None = None,
               replace: dict[str, str] | None = None) -> Path:
    """The default brand copied, its template without the given style ids, with others renamed,
    text of its styles part replaced, with another body, or with parts added or replaced."""
    folder = tmp_path / "brand"
    shutil.copytree(TEMPLATES / "meridian", folder)
    template = folder / "template.docx"
    with zipfile.ZipFile(template) as package:
        files = {n: package.read(n) for n in package.namelist()}
    styles = files["word/styles.xml"].decode()
    for style_id in drop:
        start = styles.index(f'w:styleId="{style_id}"')
        begin, end = styles.rindex("<w:style ", 0, start), styles.index("</w:style>", start) + len("</w:style>")
        styles = styles[:begin] + styles[end:]
    for old, new in (rename or {}).items():
        styles = styles.replace(f'w:styleId="{old}"', f'w:styleId="{new}"')
    for old, new in (replace or {}).items():
        assert old in styles, old
        styles = styles.replace(old, new)
    files["word/styles.xml"] = styles.encode()
    files["word/document.xml"] = document or files["word/document.xml"]
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    template.write_bytes(buffer.getvalue())
    return folder


def test_a_template_missing_styles_is_reported_once_per_style(tmp_path):
    folder = copy_brand(tmp_path, drop=(HEADING_1.id, TLP_LABEL.id))
    issues = check_template_styles(folder / "template.docx")
    assert [(i.code, i.location.file) for i in issues] == [("bad-brand", str(folder / "template.docx"))] * 2
    assert "paragraph style 'heading 1' (style id Heading1)" in issues[0].message
    assert "character style 'TLP Label'" in issues[1].message
    with pytest.raises(BrandError):
        load_brand(folder)


def test_a_template_that_is_not_a_docx_is_reported(tmp_path):
    folder = copy_brand(tmp_path)
    (folder / "template.docx").write_text("not a zip")
    issues = check_brand(folder)
    assert [i.code for i in issues] == ["bad-brand"]
    assert "cannot be read" in issues[0].message


@pytest.mark.parametrize("body", [b"<w:body/>", b"<w:body><w:sectPr/></w:body>", b"<w:body><oops"])
def test_a_template_without_page_setup_is_reported(tmp_path, body):
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    folder = copy_brand(tmp_path, document=b"<w:document " + w + b">" + body + b"</w:document>")
    issues = check_brand(folder)
    assert [i.code for i in issues] == ["bad-brand"]
    assert "cannot be read" in issues[0].message


def test_a_template_whose_editor_saved_other_style_ids_still_works(tmp_path):
    """LibreOffice saves "Body Text" as TextBody and "Hyperlink" as InternetLink; the names stay."""
    from reporttool.docx.render import render_docx
    from tests.briefings import sample_briefing
    from tests.docx_reading import NS, part

    folder = copy_brand(tmp_path, rename={"BodyText": "TextBody", "Hyperlink": "InternetLink"})
    assert check_brand(folder) == []
    doc = part(render_docx(sample_briefing(), load_brand(folder)))
    used = set(doc.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS))
    assert {"TextBody", "InternetLink"} <= used and not {"BodyText", "Hyperlink"} & used


def test_the_required_styles_have_unique_ids():
    assert len({s.id for s in REQUIRED_STYLES}) == len(REQUIRED_STYLES)


@pytest.mark.parametrize("edit, message", [
    (('name = "Low"\n', ""), "needs name, low, high and colour"),
    (('text_colour = "1E2A36"', "text_colour = 12345"), "is not RRGGBB hex"),
])
def test_a_band_the_renderers_cannot_read_is_reported_not_crashed_on(tmp_path, edit, message):
    folder = copy_brand(tmp_path)
    toml = folder / "brand.toml"
    text = toml.read_text()
    assert edit[0] in text
    toml.write_text(text.replace(edit[0], edit[1], 1))
    issues = check_brand(folder)
    assert [i.code for i in issues] == ["bad-brand"] and message in issues[0].message
    with pytest.raises(BrandError):
        load_brand(folder)


def test_a_brand_toml_with_a_section_of_the_wrong_shape_is_reported(tmp_path, run_cli):
    import shutil

    from tests.conftest import ROOT

    folder = tmp_path / "odd"
    shutil.copytree(ROOT / "templates" / "meridian", folder)
    text = (folder / "brand.toml").read_text()
    (folder / "brand.toml").write_text('colours = "red"\n' + text.replace("[colours]", "[unused_colours]"))
    code, out, _ = run_cli("brand", "check", folder)
    assert code == 1 and "'colours' must be a table" in out


HEADER_FILL = '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3A5F"/></w:tcPr></w:tblStylePr>'
TOP_BORDER = '<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="1F3A5F"/>'


def test_a_designers_table_style_reaches_every_table_without_the_table_naming_it(tmp_path):
    folder = copy_brand(tmp_path, replace={
        HEADER_FILL: HEADER_FILL.replace("1F3A5F", "C00000").replace(
            "<w:shd", '<w:tcBorders><w:bottom w:val="double" w:sz="6" w:space="0" w:color="00B050"/></w:tcBorders><w:shd'),
        TOP_BORDER: TOP_BORDER.replace('w:sz="8"', 'w:sz="24"')})
    doc = part(build(sample_briefing(), str(folder)))
    assert not doc.xpath("//w:tblStyle", namespaces=NS)  # LibreOffice would recolour the cells' text
    data_tables = [t for t in doc.iter(w("tbl")) if t.xpath("./w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)
                   and t.xpath("./w:tblPr/w:tblCaption/@w:val", namespaces=NS) != ["Heat map"]]  # its own style
    assert len(data_tables) >= 5
    for table in data_tables:
        assert table.xpath("./w:tblPr/w:tblBorders/w:top/@w:sz", namespaces=NS) == ["24"]
        assert table.xpath("./w:tblPr/w:tblCellMar/w:left/@w:w", namespaces=NS) == ["85"]
        header, body = table.findall(w("tr"))[0], table.findall(w("tr"))[1:]
        assert set(header.xpath("./w:tc/w:tcPr/w:shd/@w:fill", namespaces=NS)) == {"C00000"}
        assert set(header.xpath("./w:tc/w:tcPr/w:tcBorders/w:bottom/@w:val", namespaces=NS)) == {"double"}
        assert not [row for row in body if row.xpath("./w:tc/w:tcPr/w:tcBorders", namespaces=NS)]


def test_table_looks_merge_along_based_on_in_schema_order_and_survive_a_loop():
    styles = etree.fromstring(f"""<w:styles xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">
      <w:style w:type="table" w:styleId="Base"><w:basedOn w:val="Mine"/><w:tblPr><w:jc w:val="center"/>
        <w:tblBorders><w:top w:val="single" w:color="111111"/><w:bottom w:val="single" w:color="222222"/></w:tblBorders>
        <w:tblCellMar><w:left w:w="50" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
      <w:style w:type="table" w:styleId="Mine"><w:basedOn w:val="Base"/><w:tblPr>
        <w:tblBorders><w:insideH w:val="dotted" w14:foo="x"/><w:bottom w:val="thick" w:color="333333"/></w:tblBorders>
        </w:tblPr><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:fill="ABCDEF"/></w:tcPr>
        </w:tblStylePr></w:style></w:styles>""")
    look = table_looks(styles, {"BriefingTable": "Mine", "Absent": "Nowhere"})
    assert set(look) == {"BriefingTable"}
    assert look["BriefingTable"] == TableLook(
        '<w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:color="111111"/>'
        '<w:bottom w:val="thick" w:color="333333"/><w:insideH w:val="dotted"/></w:tblBorders>',
        '<w:tblCellMar><w:left w:w="50" w:type="dxa"/></w:tblCellMar>', "", '<w:shd w:val="clear" w:fill="ABCDEF"/>')


@pytest.mark.parametrize("old, new, words", [
    ('name = "Meridian Risk Advisory"', "name = 123", "name = 123"),
    ('language = "en-GB"', 'language = "en\\u0007GB"', "not a language tag"),
    ('logo = "logo.png"', 'logo = "/etc/passwd"', "inside the brand folder"),
    ('body = "Calibri"', 'body = "Calibri"\nbody_size = "big"', "size in points"),
    ('[contact]\nlines = [\n  "Meridian Risk Advisory",', '[contact]\nlines = [\n  1,', "contact.lines = 1"),
])
def test_brand_values_of_the_wrong_type_are_reported_not_crashed_on(tmp_path, run_cli, old, new, words):
    folder = copy_brand(tmp_path)
    toml = folder / "brand.toml"
    text = toml.read_text()
    assert old in text
    toml.write_text(text.replace(old, new, 1))
    issues = check_brand(folder)
    assert issues and all(i.code == "bad-brand" for i in issues) and words in issues[0].message
    from tests.conftest import ROOT

    code, out, err = run_cli("build", ROOT / "examples" / "briefing.xlsx", "-o", tmp_path / "out", "--brand", folder)
    assert code == 2 and "Traceback" not in out + err


def test_a_logo_that_is_not_a_usable_png_is_reported(tmp_path):
    folder = copy_brand(tmp_path)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00" * 8)  # 0 x 0
    assert "not a usable PNG" in check_brand(folder)[0].message


def test_a_template_saved_by_a_german_word_is_read_as_the_designer_sees_it(tmp_path):
    """German Word saves "heading 1" under the id berschrift1: Word still shows it as Heading 1, and
    brand check finds it by that name, as the designer would."""
    from reporttool.docx.designer import designer_view

    folder = copy_brand(tmp_path, rename={"Heading1": "berschrift1", "BodyText": "Textkrper"})
    view = designer_view(folder / "template.docx")
    assert ("berschrift1", "paragraph", "Heading 1") in view.styles
    assert ("Textkrper", "paragraph", "Body Text") in view.styles
    assert check_brand(folder) == []
    dropped = copy_brand(tmp_path / "other", drop=("Heading1",))
    assert [i.message for i in check_brand(dropped)] == [
        "the template lacks the paragraph style 'heading 1' (style id Heading1)"]


@pytest.mark.parametrize("name, page", [("meridian", "A4 portrait (210 x 297 mm)"),
                                        ("northgate", "Letter portrait (216 x 279 mm)")])
def test_brand_check_shows_the_page_and_header_as_word_does(name, page):
    import subprocess

    from .conftest import CLI

    shown = subprocess.run([str(CLI), "brand", "check", str(TEMPLATES / name)], capture_output=True, text=True)
    assert shown.returncode == 0
    assert f"template: {page}, margins " in shown.stdout
    assert ("header: 1 picture(s)" in shown.stdout) == (name == "northgate")
