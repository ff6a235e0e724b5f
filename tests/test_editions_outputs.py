"""Editions in the outputs: the Word section and register column, the Changes sheet, drafts marked in
every format; checked by reading the files back, against values computed here."""
from __future__ import annotations

import dataclasses
import io
import zipfile

import openpyxl

from reporttool.brand.folder import load_brand
from reporttool.editions.changes import compare
from reporttool.editions.clients import client_changes
from reporttool.model import Client
from reporttool.xlsx.render import render_xlsx

from .briefings import sample_briefing
from .docx_reading import NS, after_heading, blocks, build, part, text
from .editions_fixtures import current_edition, previous_of
from .test_editions import expected_risks

HEADING = "What changed since MRA-2025-016, 27 April 2025"
ARROW = {"risen": "▲", "fallen": "▼"}


def pair():
    current = current_edition(sample_briefing())
    return previous_of(current), current


def docx_with_changes(client: Client | None = None) -> bytes:
    from reporttool.docx.render import render_docx

    previous, current = pair()
    brand = load_brand("meridian")
    changes = (client_changes(previous, current, client, brand.bands) if client else
               compare(previous, current, brand.bands))
    return render_docx(current, brand, client=client, changes=changes)


def table_rows(table) -> list[list[str]]:
    return [[text(c) for c in r.xpath("./w:tc", namespaces=NS)] for r in table.xpath("./w:tr", namespaces=NS)]


def test_the_word_section_follows_the_takeaways_and_lists_every_change():
    previous, current = pair()
    doc = part(docx_with_changes())
    headings = [text(b) for b in blocks(doc) if b.xpath("./w:pPr/w:pStyle[@w:val='Heading1']", namespaces=NS)]
    assert headings[headings.index("Key takeaways") + 1] == HEADING
    section = after_heading(doc, HEADING)
    tables = [b for b in section if b.tag.endswith("tbl")]
    movers = table_rows(tables[0])
    expected = expected_risks(previous, current)
    scores = {r.id: r.likelihood * r.impact for r in previous.risks}, {r.id: r.likelihood * r.impact for r in current.risks}
    wanted = [[rid, f"{ARROW[kind]} {old} → {new}", f"{scores[0][rid]} → {scores[1][rid]}"]
              for rid, (kind, old, new) in expected.items() if kind in ARROW]
    got = [[row[0], row[2].replace("rating band changed", ""), row[3]] for row in movers[1:]]
    assert sorted(got) == sorted(wanted)
    assert "rating band changed" in movers[[r[0] for r in movers].index("R1")][2]
    assert "rating band changed" not in movers[[r[0] for r in movers].index("R3")][2]  # High -> High
    lines = [text(b) for b in section if b.tag.endswith("}p")]
    assert "New: R4 (Medium): Heightened exposure of US-headquartered firms" in lines
    assert "Retired: RX (Medium): A risk that has since been retired" in lines
    assert "R2: Stable → Increasing" in lines
    assert "Pakistan: Neutral → Engaging (trend Stable → Cooling)" in lines
    assert "United Nations: Neutral (trend Warming → Stable)" in lines
    assert "China: new → Engaging" in lines and "Gone actor: Hostile → no longer listed" in lines
    assert "3 new event(s) since the previous edition, by date:" in lines
    assert [row[0] for row in table_rows(tables[1])[1:]] == ["2 May 2025", "June 2025", "9 September 2025"]


def test_the_register_gets_a_change_column():
    previous, current = pair()
    register = after_heading(part(docx_with_changes()), "Risk register", "Heading2")[0]
    rows = table_rows(register)
    assert rows[0][-1] == "Change"
    kinds = expected_risks(previous, current)
    label = {"new": "New", "unchanged": "unchanged"}
    for row in rows[1:]:
        kind, old, new = kinds[row[0]]
        if kind in ("risen", "fallen"):
            word = "up" if kind == "risen" else "down"
            old_score = next(r.likelihood * r.impact for r in previous.risks if r.id == row[0])
            assert row[-1] == (f"{word} from {old}" if old != new else f"{word} from score {old_score}")
        else:
            assert row[-1] == label[kind]


def test_nothing_of_editions_without_a_previous_edition():
    plain = build(current_edition(sample_briefing()))
    doc = part(plain)
    assert "What changed" not in text(doc)
    assert table_rows(after_heading(doc, "Risk register", "Heading2")[0])[0][-1] == "Trend"
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(sample_briefing(), load_brand("meridian"))))
    assert "Changes" not in book.sheetnames
    assert [c.value for c in book["Register"][1]][-1] == "Events"


def test_a_clients_section_says_which_risks_arrive_and_leave():
    client = Client("Acme", minimum_rating="High")
    lines = [text(b) for b in after_heading(part(docx_with_changes(client)), HEADING) if b.tag.endswith("}p")]
    # R6 fell Medium -> Low, RX (Medium) retired, R4 new at Medium: none of them ever reached High
    assert not [line for line in lines if line.startswith(("New to you", "Leaving", "New:", "Retired:"))]
    previous, current = pair()
    current = dataclasses.replace(current, risks=tuple(dataclasses.replace(r, likelihood=2) if r.id == "R3" else r
                                                       for r in current.risks))
    from reporttool.docx.render import render_docx

    brand = load_brand("meridian")
    data = render_docx(current, brand, client=client, changes=client_changes(previous, current, client, brand.bands))
    lines = [text(b) for b in after_heading(part(data), HEADING) if b.tag.endswith("}p")]
    assert "Leaving: R3 (now below your threshold): " + current.risks[2].risk in lines


def xlsx_with_changes():
    previous, current = pair()
    brand = load_brand("meridian")
    data = render_xlsx(current, brand, changes=compare(previous, current, brand.bands))
    return openpyxl.load_workbook(io.BytesIO(data)), data


def test_the_changes_sheet_is_a_table_of_every_change():
    previous, current = pair()
    book, data = xlsx_with_changes()
    sheet = book["Changes"]
    assert list(sheet.tables) == ["Changes"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["Item", "ID", "Change", "Description", "Before", "Now", "Score before", "Score now", "Note"]
    risks = {r[1]: r for r in rows[1:] if r[0] == "Risk"}
    expected = {rid: v for rid, v in expected_risks(previous, current).items() if v[0] != "unchanged" or rid == "R2"}
    assert set(risks) == set(expected)
    for rid, (kind, old, new) in expected.items():
        assert (risks[rid][4], risks[rid][5]) == (old, new)
    assert risks["R1"][6:8] == [12, 20] and "rating band changed" in risks["R1"][8]
    assert risks["R2"][2] == "unchanged" and risks["R2"][8].endswith("Trend: Stable → Increasing")
    assert [r[1] for r in rows[1:] if r[0] == "Event"] == ["E16", "E14", "E15"]
    assert [r[1] for r in rows[1:] if r[0] == "Source"] == ["S6"]
    assert [r[3] for r in rows[1:] if r[0] == "Takeaway"] == [current.takeaways[0].text]
    assert {r[1]: (r[2], r[4], r[5]) for r in rows[1:] if r[0] == "Stance"}["Pakistan"] == \
        ("Stance shift", "Neutral", "Engaging")
    register = book["Register"]
    header = [c.value for c in register[1]]
    assert header[-1] == "Change"
    labels = {r[0].value: r[-1].value for r in register.iter_rows(min_row=2)}
    assert labels["R4"] == "New" and labels["R1"] == "up from High" and labels["R5"] == "unchanged"


# -- drafts ---------------------------------------------------------------------------------------------

def draft():
    return dataclasses.replace(sample_briefing(), status="Draft")


def test_a_draft_word_briefing_says_draft_in_header_footer_and_properties():
    data = build(draft())
    assert "DRAFT" in text(part(data, "word/header1.xml"))
    assert "DRAFT" in text(part(data, "word/footer1.xml"))
    core = part(data, "docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS).startswith("DRAFT: ")
    assert core.findtext("cp:contentStatus", namespaces=NS) == "Draft"
    final = build(sample_briefing())
    assert "DRAFT" not in text(part(final, "word/header1.xml")) + text(part(final, "word/footer1.xml"))
    assert part(final, "docProps/core.xml").find("cp:contentStatus", namespaces=NS) is None


def test_a_draft_risk_matrix_says_draft_on_every_sheet_and_in_properties():
    data = render_xlsx(draft(), load_brand("meridian"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert "DRAFT" in sheet.oddHeader.center.text and "DRAFT" in sheet.oddFooter.center.text, sheet.title
    assert book.properties.title.startswith("DRAFT: ")
    assert book.custom_doc_props["Status"].value == "Draft"
    assert b"<cp:contentStatus>Draft</cp:contentStatus>" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    final = openpyxl.load_workbook(io.BytesIO(render_xlsx(sample_briefing(), load_brand("meridian"))))
    assert not any("DRAFT" in (s.oddHeader.center.text or "") for s in final.worksheets)


# -- HTML ------------------------------------------------------------------------------------------------

def html_root(briefing, changes=None):
    from reporttool.html.render import render_html

    from .html_reading import parse

    return parse(render_html(briefing, load_brand("meridian"), changes=changes))


def test_the_html_page_has_the_same_section_and_column():
    from .html_reading import section, text as html_text

    previous, current = pair()
    root = html_root(current, compare(previous, current, load_brand("meridian").bands))
    h2s = [html_text(h) for h in root.xpath("//main//h2")]
    assert h2s[h2s.index("Key takeaways") + 1] == HEADING
    part_ = section(root, HEADING)
    movers = [[html_text(c) for c in tr.xpath("./th|./td")] for tr in part_.xpath("(.//table)[1]/tbody/tr")]
    assert [(m[0], m[2].replace("rating band changed", "").strip()) for m in movers] == \
        [("R1", "▲ High → Critical"), ("R3", "▼ High → High"), ("R6", "▼ Medium → Low")]
    lines = [html_text(p) for p in part_.xpath("./p")]
    assert "New: R4 (Medium): Heightened exposure of US-headquartered firms" in lines
    assert "Retired: RX (Medium): A risk that has since been retired" in lines
    assert "Pakistan: Neutral → Engaging (trend Stable → Cooling)" in lines
    assert [html_text(t) for t in part_.xpath("(.//table)[2]/tbody/tr/td[1]")] == ["2 May 2025", "June 2025",
                                                                                  "9 September 2025"]
    register = root.xpath("//section[@id='risk-forecast']//table")[-1]
    assert html_text(register.xpath("./thead/tr/th")[-1]) == "Change"
    labels = {html_text(tr.xpath("./th")[0]): html_text(tr.xpath("./td")[-1]) for tr in register.xpath("./tbody/tr")}
    assert labels["R4"] == "New" and labels["R1"] == "up from High" and labels["R3"] == "down from score 16"
    plain = html_root(current)
    assert not plain.xpath("//section[@id='changes']") and "Change" not in \
        [html_text(th) for th in plain.xpath("//section[@id='risk-forecast']//thead//th")]


def test_a_draft_html_page_says_draft_in_title_masthead_and_printed_margins():
    from .html_reading import text as html_text

    root = html_root(draft())
    assert root.findtext(".//title").startswith("DRAFT: ")
    assert root.xpath("//meta[@name='status']/@content") == ["Draft"]
    assert html_text(root.xpath("//header[@class='masthead']//strong[@class='draft']")[0]) == "DRAFT"
    sheet = root.findtext(".//style")
    assert '@top-center { content: "DRAFT"' in sheet and '"MRA-2025-017  DRAFT"' in sheet
    final = html_root(sample_briefing())
    assert "DRAFT" not in final.findtext(".//title") and "@top-center" not in final.findtext(".//style")


# -- hostile text through the changes ------------------------------------------------------------------------

def test_hostile_text_in_the_changes_stays_intact_and_inert(tmp_path):
    """A risk, an actor, an event and a takeaway holding formulas, markup, controls, RTL and emoji arrive
    in the changes: the files stay schema-valid, the page parses strictly, the cells hold text."""
    from reporttool.docx.render import render_docx
    from reporttool.html.render import render_html

    from .briefings import HOSTILE, hostile_briefing
    from .conftest import ooxml_check
    from .html_reading import parse, section, text as html_text

    current = dataclasses.replace(hostile_briefing(), status="Draft")
    previous = dataclasses.replace(current, reference="MRA-OLD", published=current.published.replace(day=1),
                                   risks=(dataclasses.replace(current.risks[0], likelihood=1),),
                                   stances=(), takeaways=current.takeaways[1:],
                                   events=tuple(e for e in current.events if e.id != "E15"))
    brand = load_brand("meridian")
    changes = compare(previous, current, brand.bands)
    assert [c.kind for c in changes.risks] == ["risen"] and changes.stances and changes.takeaways
    docx = tmp_path / "b.docx"
    docx.write_bytes(render_docx(current, brand, changes=changes))
    xlsx = tmp_path / "b.xlsx"
    xlsx.write_bytes(render_xlsx(current, brand, changes=changes))
    ooxml_check(docx, xlsx)
    section_text = "".join(text(b) for b in after_heading(part(docx.read_bytes()), "What changed since MRA-OLD, "
                                                                                   "1 May 2025"))
    assert "<Actor & Co>" in section_text and "=cmd|' /C calc'!A0 <b>&amp;</b>" in section_text
    book = openpyxl.load_workbook(xlsx)
    rows = {(r[0].value, r[1].value): r for r in book["Changes"].iter_rows(min_row=2)}
    risk = rows[("Risk", "R<1>&")]
    assert risk[3].data_type == "s" and risk[3].value.startswith("=cmd|' /C calc'!A0 <b>&amp;</b>")
    takeaway = next(r for (item, _), r in rows.items() if item == "Takeaway")
    assert takeaway[3].data_type == "s" and "🛰️🔥" in takeaway[3].value
    root = parse(render_html(current, brand, changes=changes))  # strict HTML5: any parse error fails
    assert not root.xpath("//script")
    assert "<Actor & Co>" in html_text(section(root, "What changed since MRA-OLD, 1 May 2025"))
    assert HOSTILE.split()[0] in html_text(section(root, "What changed since MRA-OLD, 1 May 2025"))


# -- the web page ----------------------------------------------------------------------------------------

def test_the_web_page_shows_what_changed_once_the_previous_edition_is_uploaded_too(tmp_path):
    from tests.test_web_routes import post_file
    from tests.web_client import browser, close, make_app

    from .editions_fixtures import write_briefing
    from .html_reading import parse, section, text as html_text

    previous, current = pair()
    app = make_app(tmp_path / "data")
    try:
        client = browser(app)
        cur = post_file(client, "/check", write_briefing(tmp_path / "current.xlsx", current)).headers["location"]
        alone = parse(client.get(cur + "/preview").content)
        assert not alone.xpath("//section[@id='changes']")  # the previous edition is not uploaded yet
        post_file(client, "/check", write_briefing(tmp_path / "previous.xlsx", previous))
        page = parse(client.get(cur + "/preview").content)
        assert "R1" in html_text(section(page, HEADING))
        docx = client.get(cur + "/download/docx")
        assert docx.status_code == 200 and HEADING in text(part(docx.content))
    finally:
        close(app)
