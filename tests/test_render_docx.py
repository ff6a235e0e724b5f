"""The Word briefing: content, order, styling, safety and determinism, read back from the XML."""
from __future__ import annotations

import dataclasses
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reporttool.brand.folder import load_brand
from reporttool.docx.namespaces import W
from reporttool.docx.wml import clean
from reporttool.model import Client, Risk, Section, Source, Takeaway
from reporttool.values import IMPACT_WORDS, LIKELIHOOD_WORDS, TLP_LABELS, band_for, tlp

from .conftest import ooxml_check
from .briefings import (ARABIC, CLIENT, expected_minutes, hostile_briefing, long_briefing, sample_briefing,
                        sha256, sha_from_another_process)
from .docx_reading import (NS, after_heading, blocks, build, fill, part, rows, style_of, tables_in,
                           text, w)


@pytest.fixture(scope="module")
def sample() -> bytes:
    return build(sample_briefing())


@pytest.fixture(scope="module")
def doc(sample):
    return part(sample)


def test_title_block_holds_title_authors_dates_region_reading_time_and_tlp(doc):
    first = blocks(doc)[:7]
    styles = [(style_of(p), text(p)) for p in first]
    b = sample_briefing()
    assert styles[0] == ("BriefingMeta", "\u00a0TLP:AMBER\u00a0")
    assert styles[1] == ("Title", b.title)
    assert styles[2] == ("Subtitle", b.subtitle)
    meta = styles[3][1] + " " + styles[4][1]
    for expected in ("Amira Haddad, Tom Keller", "Published 4 May 2025", "Updated 9 May 2025", "3 min read",
                     "Region: Central Asia", "Countries: Afghanistan, Russia, Kazakhstan"):
        assert expected in meta
    assert styles[5] == ("Standfirst", b.summary)


def test_reading_time_grows_with_the_words():
    b = sample_briefing()
    longer = dataclasses.replace(b, sections=b.sections * 4)
    minutes = expected_minutes(longer)
    assert minutes > 3
    meta = [text(p) for p in blocks(part(build(longer)))[:5]]
    assert any(f"  ·  {minutes} min read" in m for m in meta)


def test_client_edition_says_prepared_for_the_client_with_its_contact():
    doc = part(build(sample_briefing(), client=CLIENT))
    meta = [text(p) for p in blocks(doc)[:7] if style_of(p) == "BriefingMeta"]
    assert "Prepared for Caspian Energy Partners  ·  Dana Whitfield  ·  dana.whitfield@caspian.example" in meta


def test_every_takeaway_is_a_bullet_with_its_confidence(doc):
    bullets = [p for p in after_heading(doc, "Key takeaways")]
    assert [style_of(p) for p in bullets] == ["ListBullet"] * 3
    b = sample_briefing()
    assert text(bullets[0]) == b.takeaways[0].text.replace(" [S1]", " [1]") + "  High confidence"
    assert text(bullets[1]).endswith("Moderate confidence")
    assert text(bullets[2]) == b.takeaways[2].text
    confidence = bullets[0].xpath(".//w:r[w:rPr/w:rStyle/@w:val='Confidence']", namespaces=NS)
    assert text(confidence[0]) == "High confidence"


def test_takeaways_follow_their_numbers_not_row_order():
    b = sample_briefing()
    shuffled = dataclasses.replace(b, takeaways=tuple(reversed(b.takeaways)))
    bullets = after_heading(part(build(shuffled)), "Key takeaways")
    assert text(bullets[2]) == b.takeaways[2].text


def test_sections_are_heading_1_followed_by_their_paragraphs(doc):
    for section in sample_briefing().sections:
        body = [p for p in after_heading(doc, section.heading)]
        assert [style_of(p) for p in body] == ["BodyText"] * len(section.paragraphs)
        assert [re.sub(r"\[[\d, ]+\]", "", text(p)) for p in body] == \
               [re.sub(r"\[S[\d, S]+\]", "", p) for p in section.paragraphs]


def test_headings_use_real_heading_styles_in_order(doc):
    headings = [(style_of(p), text(p)) for p in blocks(doc) if style_of(p) in ("Heading1", "Heading2")]
    level_1 = [t for s, t in headings if s == "Heading1"]
    assert level_1 == ["Key takeaways", *(s.heading for s in sample_briefing().sections), "Timeline",
                       "Engagement stances", "Risk forecast", "Sources", "Methodology"]
    assert ("Heading2", "Key dates ahead") in headings and ("Heading2", "Heat map") in headings


def test_citation_markers_become_numbered_links_to_their_sources(doc):
    body = after_heading(doc, "The search for recognition")
    links = body[1].xpath(".//w:hyperlink", namespaces=NS)
    assert [(h.get(w("anchor")), text(h)) for h in links] == [("source_1", "[1]"), ("source_1", "[1, 3]")]
    bookmarks = doc.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert bookmarks == [f"source_{n}" for n in range(1, 6)]


def test_unknown_markers_stay_as_written():
    b = sample_briefing()
    odd = dataclasses.replace(b, summary="See [S9] and [note] and [S1; S2].")
    standfirst = blocks(part(build(odd)))[5]
    assert text(standfirst) == "See [S9] and [note] and [1, 2]."


def test_timeline_lists_past_events_in_date_order_at_their_own_precision(doc):
    table = tables_in(after_heading(doc, "Timeline"))[0]
    dates = [r[0] for r in rows(table)]
    assert dates[0] == "Date"
    assert dates[1:] == ["1994", "2003", "August 2021", "March 2022", "June 2022", "September 2022",
                         "March 2024", "July 2024", "October 2024", "December 2024", "December 2024",
                         "February 2025", "17 April 2025"]
    kabul = rows(table)[3]
    assert kabul == ["August 2021", "Kabul falls as US-led forces withdraw; the Taliban takes power.\nKabul",
                     "Taliban, United States", "● High"]
    dot = table.findall(w("tr"))[3].findall(w("tc"))[3].xpath(".//w:color/@w:val", namespaces=NS)
    assert dot == [band_for(10, load_brand("meridian").bands).colour]  # the High band's colour


def test_events_out_of_order_in_the_workbook_are_sorted():
    b = sample_briefing()
    shuffled = dataclasses.replace(b, events=tuple(reversed(b.events)))
    table = tables_in(after_heading(part(build(shuffled)), "Timeline"))[0]
    assert [r[0] for r in rows(table)][1:4] == ["1994", "2003", "August 2021"]


def test_events_after_publication_appear_under_key_dates_ahead(doc):
    past = " ".join(text(t) for t in tables_in(after_heading(doc, "Timeline"))[:1])
    ahead = tables_in(after_heading(doc, "Key dates ahead", "Heading2"))[0]
    assert [r[0] for r in rows(ahead)] == ["Date", "June 2025", "9 September 2025"]
    assert "St Petersburg International Economic Forum" not in past


def test_event_sources_are_cited(doc):
    table = tables_in(after_heading(doc, "Timeline"))[0]
    assert rows(table)[2][1] == "Russia lists the Taliban as a terrorist organisation. [1]\nMoscow"


def test_stances_show_actor_stance_trend_arrow_drivers_and_evidence_dates(doc):
    items = after_heading(doc, "Engagement stances")
    assert text(items[0]) == "Stances of key actors toward the Taliban."
    table = tables_in(items)[0]
    got = rows(table)
    assert got[0] == ["Actor", "Stance", "Trend", "Drivers", "Evidence"]
    assert got[1] == ["Russia", "Engaging", "↑ Warming",
                      "Foothold in Central Asia, counter-terrorism, new partners [1].",
                      "March 2022; October 2024; 17 April 2025"]
    assert got[4][2] == "↓ Cooling" and got[5][2] == "→ Stable"
    assert [r[0] for r in got[1:]] == [s.actor for s in sample_briefing().stances]
    colours = load_brand("meridian").colours
    assert fill(table.findall(w("tr"))[5].findall(w("tc"))[1]) == colours["stance_opposed"]


def heat_cells(doc) -> dict[tuple[int, int], tuple[list[str], int, str]]:
    """(likelihood, impact) -> (risk IDs the cell shows, how many more it counts, its fill colour)."""
    table = tables_in(after_heading(doc, "Risk forecast"), heat_map=True)[0]
    out = {}
    for index, tr in enumerate(table.findall(w("tr"))[1:6]):  # after the header row
        for impact, tc in enumerate(tr.findall(w("tc"))[1:], 1):
            shown, more = re.fullmatch(r"(.*?)(?: \+(\d+) more)?", text(tc), re.S).groups()
            out[(5 - index, impact)] = ([i for i in shown.split(", ") if i], int(more or 0), fill(tc))
    return out


def lands_in_place(cells, briefing) -> None:
    """Every risk is in its cell: the first ones by ID, the rest counted in "+N more"."""
    for (likelihood, impact), (ids, more, _) in cells.items():
        expected = [r.id for r in briefing.risks if (r.likelihood, r.impact) == (likelihood, impact)]
        assert ids == expected[:len(ids)] and len(ids) + more == len(expected)


@pytest.mark.parametrize("briefing", [sample_briefing(), long_briefing(), long_briefing(risks=400)],
                         ids=["sample", "long", "400"])
def test_every_risk_sits_in_its_heat_map_cell_and_every_cell_has_its_band_colour(briefing):
    cells = heat_cells(part(build(briefing)))
    bands = load_brand("meridian").bands
    for (likelihood, impact), (_, _, colour) in cells.items():
        assert colour == band_for(likelihood * impact, bands).colour
    lands_in_place(cells, briefing)
    assert all(len(", ".join(ids)) <= 40 for ids, _, _ in cells.values())  # the map keeps its size (#11)


def test_heat_map_has_a_header_row_of_impacts_and_reads_the_map_in_words(doc):
    table = tables_in(after_heading(doc, "Risk forecast"), heat_map=True)[0]
    got = rows(table)
    assert got[0] == ["Likelihood / Impact"] + [f"{word} ({n})" for n, word in enumerate(IMPACT_WORDS, 1)]
    assert table.find(w("tr")).find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert [r[0] for r in got[1:]] == [f"{word} ({n})" for n, word in reversed(list(enumerate(LIKELIHOOD_WORDS, 1)))]
    assert not table.xpath(".//w:vMerge | .//w:textDirection", namespaces=NS)  # no merged, rotated axis cell
    described = table.xpath("./w:tblPr/w:tblDescription/@w:val", namespaces=NS)[0]
    assert described.startswith("Risks placed by likelihood and impact")
    assert "Likely (4) likelihood, Severe (5) impact, Critical: R1." in described
    assert "Unlikely (2) likelihood, Minor (2) impact, Low: R6." in described


def test_register_is_sorted_by_score_with_a_coloured_rating(doc):
    table = tables_in(after_heading(doc, "Risk forecast"))[0]
    got = rows(table)
    assert got[0] == ["ID", "Risk", "Likelihood", "Impact", "Score", "Rating", "Trend"]
    assert [r[0] for r in got[1:]] == ["R1", "R3", "R2", "R4", "R5", "R6"]
    assert [r[4] for r in got[1:]] == ["20", "12", "12", "9", "8", "4"]
    assert got[1][2:] == ["4\nLikely", "5\nSevere", "20", "Critical", "↑ Increasing"]
    bands = {b.name: b for b in load_brand("meridian").bands}
    for tr, data in zip(table.findall(w("tr"))[1:], got[1:]):
        rating = tr.findall(w("tc"))[5]
        assert fill(rating) == bands[data[5]].colour
        assert rating.xpath(".//w:color/@w:val", namespaces=NS) == [bands[data[5]].text_colour]


def test_register_shows_category_horizon_mitigation_and_indicators(doc):
    table = tables_in(after_heading(doc, "Risk forecast"))[0]
    assert rows(table)[1][1] == (
        "Terrorist attacks on oil and gas infrastructure in Central Asia\nTerrorism · Horizon: 0-12 months\n"
        "Mitigation: Review site security; test crisis plans.\n"
        "Indicators: ISK claims of attacks in the region; Arrests of ISK cells in Central Asia")


def test_no_risk_for_a_client_says_none_meets_its_criteria():
    empty = dataclasses.replace(sample_briefing(), risks=())
    items = after_heading(part(build(empty, client=CLIENT)), "Risk forecast")
    assert [text(p) for p in items] == ["No listed risk meets the criteria agreed with Caspian Energy Partners."]
    items = after_heading(part(build(empty)), "Risk forecast")
    assert [text(p) for p in items] == ["No risks are listed in this briefing."]


def test_sources_are_numbered_with_publisher_date_grade_and_a_clickable_link(sample, doc):
    entries = after_heading(doc, "Sources")
    assert [style_of(p) for p in entries] == ["SourceEntry"] * 5
    assert text(entries[0]) == ("1.Supreme Court suspends the ban on the Taliban movement. Supreme Court of Russia "
                                "(report), 17 April 2025. Grade B2 (usually reliable; probably true)."
                                "https://example.org/news/supreme-court-taliban")
    rel_id = entries[0].xpath(".//w:hyperlink/@r:id", namespaces=NS)[0]
    rels = part(sample, "word/_rels/document.xml.rels")
    link = rels.xpath(f"//rel:Relationship[@Id='{rel_id}']", namespaces=NS)[0]
    assert link.get("Target") == "https://example.org/news/supreme-court-taliban"
    assert link.get("TargetMode") == "External"
    assert not entries[4].xpath(".//w:hyperlink", namespaces=NS)  # S5 has no URL


def test_only_http_https_and_mailto_become_hyperlinks():
    data = build(hostile_briefing())
    rels = part(data, "word/_rels/document.xml.rels")
    targets = rels.xpath("//rel:Relationship[@TargetMode='External']/@Target", namespaces=NS)
    assert sorted(targets) == ["https://example.org/a?b=1&c=2", "mailto:desk@example.org",
                               "mailto:desk@meridian-risk.example"]
    entries = [text(p) for p in after_heading(part(data), "Sources")]
    assert entries[0].endswith("javascript:alert(1)") and entries[1].endswith("file:///etc/passwd")


def test_methodology_explains_scales_bands_stances_tlp_and_admiralty_grades(doc):
    items = after_heading(doc, "Methodology")
    assert items[0].tag != w("tbl")
    heading = [p for p in blocks(doc) if text(p) == "Methodology"][0]
    assert not heading.xpath("./w:pPr/w:pageBreakBefore", namespaces=NS)  # back matter flows on (#11)
    assert heading.xpath("./w:pPr/w:keepNext", namespaces=NS)
    words = " ".join(text(i) for i in items)
    for expected in (*LIKELIHOOD_WORDS, *IMPACT_WORDS, "Low", "1–4", "Critical", "17–25", "Hostile",
                     "Supportive", *(t.label for t in TLP_LABELS), "Completely reliable", "Truth cannot be judged"):
        assert expected in words
    tlp_table = [t for t in tables_in(items) if "TLP:RED" in text(t)][0]
    red = tlp_table.findall(w("tr"))[-1].findall(w("tc"))[0]
    assert fill(red) == "000000" and red.xpath(".//w:color/@w:val", namespaces=NS) == [tlp("TLP:RED").colour]


def test_contact_block_and_disclaimer_close_the_document(doc):
    brand = load_brand("meridian")
    tail = blocks(doc)[-(len(brand.contact) + 2):]
    assert [text(p) for p in tail] == ["Contact", *brand.contact, brand.disclaimer]
    assert [style_of(p) for p in tail[1:]] == ["ContactBlock"] * len(brand.contact) + ["Disclaimer"]


def test_header_holds_the_logo_with_alt_text_and_the_tlp_label_in_first_colours(sample):
    header = part(sample, "word/header1.xml")
    assert header.xpath("//wp:docPr/@descr", namespaces=NS) == ["Meridian Risk Advisory logo"]
    blip = header.xpath("//a:blip/@r:embed", namespaces=NS)[0]
    rels = part(sample, "word/_rels/header1.xml.rels")
    assert rels.xpath(f"//rel:Relationship[@Id='{blip}']/@Target", namespaces=NS) == ["media/logo.png"]
    label = header.xpath("//w:r[w:rPr/w:rStyle/@w:val='TLPLabel']", namespaces=NS)[0]
    assert text(label).strip("\u00a0") == "TLP:AMBER"
    assert label.xpath("./w:rPr/w:color/@w:val", namespaces=NS) == ["FFC000"]
    assert label.xpath("./w:rPr/w:shd/@w:fill", namespaces=NS) == ["000000"]


def test_footer_holds_reference_page_x_of_y_fields_and_tlp(sample):
    footer = part(sample, "word/footer1.xml")
    fields = [i.strip() for i in footer.xpath("//w:instrText/text()", namespaces=NS)]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.xpath("count(//w:fldChar)", namespaces=NS) == 6
    assert text(footer) == "MRA-2025-017\tPage 1 of 1\t\u00a0TLP:AMBER\u00a0".replace("\t", "")


def test_section_points_at_header_and_footer_and_keeps_the_templates_page(doc):
    sect = doc.find(w("body"))[-1]
    assert sect.tag == w("sectPr")
    assert sect.xpath("./w:headerReference/@r:id | ./w:footerReference/@r:id", namespaces=NS) == ["rIdHeader", "rIdFooter"]
    assert sect.xpath("./w:pgSz/@w:w", namespaces=NS) == ["11906"]  # meridian is A4


def test_second_brand_changes_page_fonts_colours_and_words():
    data = build(sample_briefing(), "northgate")
    doc, styles = part(data), part(data, "word/styles.xml")
    assert doc.xpath("//w:sectPr/w:pgSz/@w:w", namespaces=NS) == ["12240"]  # US Letter
    fonts = set(styles.xpath("//w:rFonts/@w:ascii", namespaces=NS))
    assert {"Arial", "Times New Roman"} <= fonts and "Calibri" not in fonts
    assert "Risk outlook" in [text(p) for p in blocks(doc) if style_of(p) == "Heading1"]
    assert part(data, "word/styles.xml").xpath("//w:docDefaults//w:lang/@w:val", namespaces=NS) == ["en-US"]


def test_document_properties_and_dates(sample):
    core = part(sample, "docProps/core.xml")
    b = sample_briefing()
    def one(path: str) -> str:
        return core.xpath(f"string({path})", namespaces=NS)
    assert one("//dc:title") == b.title
    assert one("//dc:creator") == "Amira Haddad; Tom Keller"
    assert one("//dc:subject") == "Central Asia"
    assert one("//cp:keywords") == "Afghanistan; Russia; Kazakhstan; Uzbekistan; Tajikistan"
    assert one("//dcterms:created") == one("//dcterms:modified") == "2025-05-04T00:00:00Z"


def test_document_language_is_the_brands(sample):
    styles = part(sample, "word/styles.xml")
    assert styles.xpath("//w:docDefaults//w:lang/@w:val", namespaces=NS) == ["en-GB"]
    assert part(sample, "docProps/core.xml").xpath("string(//dc:language)", namespaces=NS) == "en-GB"


def test_two_builds_are_byte_identical_with_sorted_entries_and_fixed_times(sample):
    assert build(sample_briefing()) == sample
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        names = package.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in package.infolist()} == {(2025, 5, 4, 0, 0, 0)}


def test_another_process_builds_the_same_bytes(sample):
    assert sha_from_another_process("docx_reading") == sha256(sample)


def test_heat_map_legend_names_each_band_with_its_scores_and_colour(doc):
    items = after_heading(doc, "Risk forecast")
    legend = [p for item in items for p in item.iter(w("p")) if style_of(p) == "Caption"][0]
    assert text(legend).startswith("■ Low 1–4    ■ Medium 5–9    ■ High 10–16    ■ Critical 17–25")
    squares = legend.xpath(".//w:r[w:t='■']/w:rPr/w:color/@w:val", namespaces=NS)
    assert squares == [b.colour for b in load_brand("meridian").bands]


def test_heat_map_and_legend_sit_in_one_row_that_cannot_split(doc):
    frame = [b for b in after_heading(doc, "Risk forecast") if b.tag == w("tbl")][0]
    assert frame.xpath("./w:tr/w:trPr/w:cantSplit", namespaces=NS)
    assert frame.xpath("./w:tr/w:tc/w:tbl/w:tblPr/w:tblCaption/@w:val", namespaces=NS) == ["Heat map"]


def test_tables_repeat_their_header_rows_and_rows_never_split(doc):
    for table in doc.iter(w("tbl")):
        trs = table.findall(w("tr"))
        assert all(tr.find(f"{w('trPr')}/{w('cantSplit')}") is not None for tr in trs)
        captioned = table.xpath("./w:tblPr/w:tblCaption/@w:val", namespaces=NS) != []  # not the layout wrapper
        assert (trs[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None) == captioned


def test_every_style_the_document_uses_is_in_the_template():
    for brand in ("meridian", "northgate"):
        data = build(hostile_briefing(), brand, client=CLIENT)
        defined = set(part(data, "word/styles.xml").xpath("//w:style/@w:styleId", namespaces=NS))
        for name in ("word/document.xml", "word/header1.xml", "word/footer1.xml"):
            used = set(part(data, name).xpath("//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS))
            assert used <= defined, (brand, name, used - defined)


def test_hostile_text_comes_out_intact_and_inert():
    data = build(hostile_briefing())
    doc = part(data)  # parses: the XML is well-formed
    everything = text(doc)
    assert '=HYPERLINK("http://evil") <b>&amp;</b>  🚨' in everything
    assert "=cmd|' /C calc'!A0 <b>&amp;</b> ctrl 🛰️🔥 \u202eevil\u202c" in everything
    assert "\x01" not in everything and "\x0b" not in everything
    assert "<script>alert(1)</script>" in [text(p) for p in blocks(doc) if style_of(p) == "Heading1"]
    assert not doc.xpath("//w:fldSimple | //w:instrText", namespaces=NS)  # no field from analyst text


def test_stray_direction_override_does_not_reverse_our_labels():
    doc = part(build(hostile_briefing()))
    bullet = after_heading(doc, "Key takeaways")[0]
    runs = bullet.xpath(".//w:r", namespaces=NS)
    analyst = "".join(text(r) for r in runs[:-2])  # the analyst's text (its emoji in runs of their own)
    assert analyst.endswith("\u202eevil\u202c") and text(runs[-1]) == "Low confidence"


def test_right_to_left_paragraphs_are_set_right_to_left():
    doc = part(build(hostile_briefing()))
    arabic = [p for p in blocks(doc) if text(p) == ARABIC]
    assert len(arabic) == 3  # the subtitle, a takeaway and a section paragraph
    for p in arabic:
        assert p.find(f"{w('pPr')}/{w('bidi')}") is not None
        assert all(r.find(f"{w('rPr')}/{w('rtl')}") is not None for r in p.iter(w("r")))
    latin = [p for p in blocks(doc) if style_of(p) == "Title"][0]
    assert latin.find(f"{w('pPr')}/{w('bidi')}") is None


def test_line_breaks_and_tabs_in_a_cell_become_breaks_and_tabs():
    doc = part(build(hostile_briefing()))
    p = [p for p in blocks(doc) if text(p) == "Line oneline twoafter tab"][0]
    assert len(p.findall(f".//{w('br')}")) == 1 and len(p.findall(f".//{w('tab')}")) == 1


def test_a_briefing_with_only_required_fields_builds():
    b = sample_briefing()
    bare = dataclasses.replace(b, subtitle=None, updated=None, countries=(), summary=None, subject=None,
                               takeaways=(), sections=(), events=(), stances=(), risks=(), sources=())
    headings = [text(p) for p in blocks(part(build(bare))) if style_of(p) == "Heading1"]
    assert headings == ["Risk forecast", "Methodology"]


def test_clean_drops_only_what_xml_cannot_hold():
    assert clean("a\x00b\x1fc\ud800d\ufffe\r\ne\tf😀") == "abcd\ne\tf😀"


def test_client_brand_fields_with_markup_are_escaped():
    odd = Client("<Acme & Sons>", "O'Neil \"Q\"", "x@y.example")
    meta = [text(p) for p in blocks(part(build(sample_briefing(), client=odd)))[:7]]
    assert "Prepared for <Acme & Sons>  ·  O'Neil \"Q\"  ·  x@y.example" in meta


# --- golden file, schema validation, python-docx, properties -----------------------------------

GOLDEN = Path(__file__).parent / "golden" / "sample_briefing.docx.xml"
GOLDEN_PARTS = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
                "word/document.xml", "word/header1.xml", "word/footer1.xml")


def normalised(data: bytes) -> str:
    """The parts the renderer writes, pretty-printed one element per line so a change reads as a diff.

    styles.xml, numbering.xml and settings.xml are left out: they are the brand template's, which a
    designer edits in Word; a restyle must not fail this test. Nothing else needs normalising,
    because the build is deterministic (no timestamps, ids or random names vary between runs).
    """
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in GOLDEN_PARTS:
            root = etree.fromstring(package.read(name), etree.XMLParser(remove_blank_text=True))
            out.append(f"===== {name}\n" + etree.tostring(root, pretty_print=True, encoding="unicode"))
    return "".join(out)


def example_docx() -> bytes:
    """The Word briefing of the shipped example workbook, read the way `reporttool build` reads it."""
    from reporttool.workbook.load import read_briefing

    return build(read_briefing(Path(__file__).parent.parent / "examples" / "briefing.xlsx").value)


@pytest.mark.parametrize("golden,make", [(GOLDEN, lambda: build(sample_briefing())),
                                         (GOLDEN.with_name("example_briefing.docx.xml"), example_docx)],
                         ids=["sample", "example"])
def test_documents_match_the_golden_xml(golden, make):
    """Regenerate with REPORTTOOL_UPDATE_GOLDEN=1 after an intended change, and review the diff."""
    got = normalised(make())
    if os.environ.get("REPORTTOOL_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_generated_document_passes_the_ooxml_schemas(tmp_path):
    """Word refuses (offers to repair) what LibreOffice forgives; the ECMA-376 schemas are as strict."""
    bare = dataclasses.replace(sample_briefing(), takeaways=(), sections=(), events=(), stances=(), risks=(),
                               sources=(), summary=None, subtitle=None, updated=None)
    cases = {"sample": build(sample_briefing()), "hostile": build(hostile_briefing()),
             "long": build(long_briefing()), "northgate-client": build(sample_briefing(), "northgate", CLIENT),
             "bare-client": build(bare, client=CLIENT)}
    files = []
    for name, data in cases.items():
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_bytes(data)
    ooxml_check(*files)


def test_python_docx_reads_the_document_with_its_headings_and_tables(sample):
    import docx
    document = docx.Document(io.BytesIO(sample))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Key takeaways", "The search for recognition"]
    assert document.core_properties.title == sample_briefing().title
    assert len(document.tables) == 11  # timeline, ahead, stances, heat map, register, 6 in the appendix
    assert document.sections[0].header.paragraphs[0].text.strip("\t\u00a0") == "TLP:AMBER"


ids = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=6)


@st.composite
def briefings(draw):
    risk_ids = draw(st.lists(ids, min_size=0, max_size=12, unique=True))
    risks = tuple(Risk(i, draw(st.text(max_size=40)), "Other", draw(st.integers(1, 5)), draw(st.integers(1, 5)))
                  for i in risk_ids)
    takeaways = tuple(Takeaway(t) for t in draw(st.lists(st.text(min_size=1, max_size=60), max_size=5)))
    return dataclasses.replace(sample_briefing(), title=draw(st.text(min_size=1, max_size=80)),
                               takeaways=takeaways, risks=risks)


def visible(value: str) -> str:
    """What a reader of the document sees of a text: XML-safe characters, breaks and tabs aside."""
    return re.sub(r"[\t\n\r]", "", clean(value))


@settings(max_examples=40, deadline=None)
@given(briefings())
def test_any_text_builds_and_every_takeaway_and_risk_lands_in_place(briefing):
    doc = part(build(briefing))
    assert visible(briefing.title) in text([p for p in blocks(doc) if style_of(p) == "Title"][0])
    if briefing.takeaways:
        bullets = after_heading(doc, "Key takeaways")
        assert [visible(t.text) in text(p) for t, p in zip(briefing.takeaways, bullets)] == [True] * len(bullets)
        assert len(bullets) == len(briefing.takeaways)
    if briefing.risks:
        lands_in_place(heat_cells(doc), briefing)


urls = st.one_of(st.text(max_size=40), st.sampled_from(["javascript:alert(1)", "file:///etc/passwd", "http://", "https://a.example/\ud800",
                                                         "https://example.org/x y", "mailto:", "data:text/html,x"]),
                 st.builds(lambda s, rest: f"{s}://{rest}", st.sampled_from(["http", "https", "ftp", "HTTPS"]),
                           st.text(max_size=20)))


@settings(max_examples=60, deadline=None)
@given(st.lists(urls, min_size=1, max_size=6), st.text(max_size=80))
def test_any_link_text_gives_valid_xml_and_only_safe_hyperlinks(links, prose):
    b = sample_briefing()
    sources = tuple(Source(f"S{i}", f"source {i}", url=u) for i, u in enumerate(links, 1))
    briefing = dataclasses.replace(b, sources=sources, sections=(Section(prose or "x", (prose + " [S1]",)),))
    data = build(briefing)
    part(data)  # well-formed
    rels = part(data, "word/_rels/document.xml.rels")
    for target in rels.xpath("//rel:Relationship[@TargetMode='External']/@Target", namespaces=NS):
        assert re.match(r"(?i)^(https?://[^\s]+|mailto:[^\s@]+@[^\s@]+\.[^\s@]+)$", target), target


def test_a_logo_replaced_in_place_is_picked_up_by_the_next_build(tmp_path):
    """Templates and logos are cached per file version: a designer's new logo must not be served stale."""
    import shutil

    folder = tmp_path / "brand"
    shutil.copytree(load_brand().folder, folder)
    brand = load_brand(folder)
    first = build(sample_briefing(), folder)
    logo = brand.logo.read_bytes()
    brand.logo.write_bytes(logo + b"\0")  # still a valid PNG for our purpose: trailing bytes are ignored
    second = build(sample_briefing(), folder)
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        logos = [n for n in a.namelist() if n.startswith("word/media/") and a.read(n) == logo]
        assert logos and [b.read(n) for n in logos] == [logo + b"\0"] * len(logos)


def test_a_direction_override_in_one_field_stops_at_its_end():
    from .briefings import sample_briefing
    from .docx_reading import build, part, text

    briefing = dataclasses.replace(sample_briefing(), authors=("\u202eAnna", "Bob"), region="\u202bWest",
                                   countries=("\u2067Oman", "Iran"))
    meta = [text(p) for p in part(build(briefing)).iter(f"{{{W}}}p") if text(p).startswith(("By", "Region"))]
    assert meta[0].startswith("By \u202eAnna\u202c, Bob") and "Published" in meta[0]
    assert meta[1].startswith("Region: \u202bWest\u202c  ·  Countries: \u2067Oman\u2069, Iran")
