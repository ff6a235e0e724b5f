"""The HTML briefing: content, order, colours, safety, validity and determinism, read back by a strict parser."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import re

import html5lib
import pytest

from reporttool.brand.folder import load_brand
from reporttool.model import Risk, Section, Source, Stance, Takeaway
from reporttool.values import IMPACT_WORDS, LIKELIHOOD_WORDS, TLP_LABELS, band_for

from .briefings import (ARABIC, CLIENT, expected_minutes, hostile_briefing, long_briefing, mixed_script_briefing,
                        sample_briefing, sha256, sha_from_another_process)
from .html_reading import build, classes, colour_of, css_rule, one, parse, section, text

XSS = '" onmouseover="alert(1)" x="'


@pytest.fixture(scope="module")
def sample() -> bytes:
    return build(sample_briefing())


@pytest.fixture(scope="module")
def page(sample):
    return parse(sample)


@pytest.mark.parametrize("case", ["sample", "client", "hostile", "long", "mixed", "northgate", "empty"])
def test_every_page_parses_as_html5_without_a_single_error(case):
    b = {"hostile": hostile_briefing(), "long": long_briefing(), "mixed": mixed_script_briefing()}.get(
        case, sample_briefing())
    if case == "empty":
        b = dataclasses.replace(b, takeaways=(), sections=(), events=(), stances=(), risks=(), sources=(),
                                subtitle=None, summary=None, updated=None, countries=())
    data = build(b, "northgate" if case == "northgate" else "meridian", CLIENT if case == "client" else None)
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(data)  # strict: raises ParseError on the first error
    assert parser.errors == []
    assert data.startswith(b"<!DOCTYPE html>\n<html lang=")


def test_title_block_holds_tlp_title_subtitle_authors_dates_region_and_reading_time(page):
    block = one(page, "//article/header[@class='title-block']")
    b = sample_briefing()
    assert text(block[0]) == "TLP:AMBER" and classes(block[0][0]) == ["tlp", "tlp-amber"]
    assert (block[1].tag, text(block[1])) == ("h1", b.title)
    assert text(one(block, "p[@class='subtitle']")) == b.subtitle
    meta = [text(p) for p in block.xpath("p[@class='meta']")]
    assert meta == ["By Amira Haddad, Tom Keller · Published 4 May 2025 · Updated 9 May 2025 · 3 min read",
                    "Region: Central Asia · Countries: Afghanistan, Russia, Kazakhstan, Uzbekistan, Tajikistan"]
    assert block.xpath(".//time/@datetime") == ["2025-05-04", "2025-05-09"]
    assert text(one(block, "p[@class='standfirst']")) == b.summary


def test_reading_time_grows_with_the_words():
    b = sample_briefing()
    longer = dataclasses.replace(b, sections=b.sections * 4)
    minutes = expected_minutes(longer)
    assert minutes > 3
    meta = text(parse(build(longer)).xpath("//p[@class='meta']")[0])
    assert meta.endswith(f" · {minutes} min read")


def test_client_edition_says_prepared_for_the_client_with_its_contact():
    line = one(parse(build(sample_briefing(), client=CLIENT)), "//p[@class='meta client']")
    assert text(line) == "Prepared for Caspian Energy Partners · Dana Whitfield · dana.whitfield@caspian.example"
    assert not parse(build(sample_briefing())).xpath("//p[contains(@class, 'client')]")


def test_every_takeaway_is_a_list_item_with_its_confidence_in_number_order(page):
    items = section(page, "Key takeaways").xpath("ul/li")
    b = sample_briefing()
    assert [text(li) for li in items] == [
        b.takeaways[0].text.replace("[S1]", "[1]") + " High confidence",
        b.takeaways[1].text + " Moderate confidence", b.takeaways[2].text]
    assert [text(s) for s in page.xpath("//span[@class='confidence']")] == ["High confidence", "Moderate confidence"]
    shuffled = dataclasses.replace(b, takeaways=tuple(reversed(b.takeaways)))
    again = section(parse(build(shuffled)), "Key takeaways").xpath("ul/li")
    assert text(again[2]) == b.takeaways[2].text


def test_sections_are_h2_followed_by_their_paragraphs(page):
    for s in sample_briefing().sections:
        body = section(page, s.heading).xpath("p")
        assert [re.sub(r" ?\[[\d, ]+\]", "", text(p)) for p in body] == \
               [re.sub(r" ?\[S[\d, S]+\]", "", p) for p in s.paragraphs]


def test_headings_keep_the_word_briefings_order_and_levels(page):
    assert [text(h) for h in page.xpath("//h1")] == [sample_briefing().title]
    assert [text(h) for h in page.xpath("//h2")] == [
        "Key takeaways", *(s.heading for s in sample_briefing().sections), "Timeline", "Engagement stances",
        "Risk forecast", "Sources", "Methodology", "Contact"]
    h3 = [text(h) for h in page.xpath("//h3")]
    assert h3[:3] == ["Key dates ahead", "Heat map", "Risk register"]


def test_citation_markers_become_links_to_their_numbered_sources(page):
    paragraph = section(page, "The search for recognition").xpath("p")[1]
    cites = paragraph.xpath(".//span[@class='cite']")
    assert [text(c) for c in cites] == ["[1]", "[1, 3]"]
    assert cites[1].xpath("a/@href") == ["#source-1", "#source-3"]
    targets = set(page.xpath("//ol[@class='sources']/li/@id"))
    assert targets == {f"source-{n}" for n in range(1, 6)}
    assert {h[1:] for h in page.xpath("//a[starts-with(@href, '#')]/@href")} <= targets


def test_unknown_markers_stay_as_written():
    odd = dataclasses.replace(sample_briefing(), summary="See [S9] and [note] and [S1; S2].")
    assert text(one(parse(build(odd)), "//p[@class='standfirst']")) == "See [S9] and [note] and [1, 2]."


def table_rows(table) -> list[list[str]]:
    return [[text(c) for c in tr.xpath("th|td")] for tr in table.xpath(".//tr")]


def test_timeline_lists_past_events_in_date_order_and_the_dates_ahead_apart(page):
    past, ahead = section(page, "Timeline").xpath(".//table")
    rows = table_rows(past)
    assert rows[0] == ["Date", "Event", "Actors", "Significance"]
    assert [r[0] for r in rows[1:]] == ["1994", "2003", "August 2021", "March 2022", "June 2022", "September 2022",
                                       "March 2024", "July 2024", "October 2024", "December 2024", "December 2024",
                                       "February 2025", "17 April 2025"]
    assert rows[2] == ["2003", "Russia lists the Taliban as a terrorist organisation. [1]Moscow", "Russia", "● High"]
    assert [r[0] for r in table_rows(ahead)[1:]] == ["June 2025", "9 September 2025"]
    assert "St Petersburg International Economic Forum" not in text(past)
    assert past.xpath(".//time/@datetime")[:3] == ["1994", "2003", "2021-08"]


def test_every_event_and_actor_reaches_the_page(page):
    timeline = text(section(page, "Timeline"))
    for event in sample_briefing().events:
        assert event.event in timeline
        assert all(actor in timeline for actor in event.actors)


def test_significance_dot_has_the_colour_of_the_band_of_the_same_name(page):
    dot = section(page, "Timeline").xpath(".//table")[0].xpath(".//tr[3]/td[4]/span[1]")[0]
    assert dot.get("aria-hidden") == "true"
    high = band_for(10, load_brand("meridian").bands)
    assert colour_of(page, classes(dot)[1], "color") == high.colour


def test_stances_show_actor_stance_colour_trend_drivers_and_evidence_dates(page):
    part = section(page, "Engagement stances")
    assert text(part.xpath("p")[0]) == "Stances of key actors toward the Taliban."
    rows = table_rows(part.xpath(".//table")[0])
    assert rows[0] == ["Actor", "Stance", "Trend", "Drivers", "Evidence"]
    assert rows[1] == ["Russia", "Engaging", "↑ Warming", "Foothold in Central Asia, counter-terrorism, new partners [1].",
                       "March 2022; October 2024; 17 April 2025"]
    assert rows[4][2] == "↓ Cooling" and rows[5][2] == "→ Stable"
    assert [r[0] for r in rows[1:]] == [s.actor for s in sample_briefing().stances]
    opposed = part.xpath(".//tbody/tr[5]/td[1]")[0]
    assert colour_of(page, classes(opposed)[0]) == load_brand("meridian").colours["stance_opposed"]


def heat_cells(page) -> dict[tuple[int, int], tuple[list[str], str]]:
    """(likelihood, impact) -> (risk IDs in the cell, its background colour)."""
    cells = one(page, "//table[@class='heat-map']").xpath(".//td[@data-likelihood]")
    return {(int(td.get("data-likelihood")), int(td.get("data-impact"))):
            ([text(li) for li in td.xpath(".//li")], colour_of(page, classes(td)[0])) for td in cells}


@pytest.mark.parametrize("briefing", [sample_briefing(), long_briefing()], ids=["sample", "long"])
def test_every_risk_sits_in_its_heat_map_cell_and_every_cell_has_its_band_colour(briefing):
    cells = heat_cells(parse(build(briefing)))
    bands = load_brand("meridian").bands
    assert set(cells) == {(lk, im) for lk in range(1, 6) for im in range(1, 6)}
    for (likelihood, impact), (ids, colour) in cells.items():
        assert colour == band_for(likelihood * impact, bands).colour
        assert ids == [r.id for r in briefing.risks if (r.likelihood, r.impact) == (likelihood, impact)]


def test_heat_map_rows_run_from_almost_certain_down_with_impact_words_along_the_bottom(page):
    table = one(page, "//table[@class='heat-map']")
    assert [text(th) for th in table.xpath("tbody/tr/th[@scope='row']")] == \
           [f"{word} ({n})" for n, word in reversed(list(enumerate(LIKELIHOOD_WORDS, 1)))]
    assert [text(th) for th in table.xpath("tfoot/tr/th[@scope='col']")] == \
           [f"{word} ({n})" for n, word in enumerate(IMPACT_WORDS, 1)]
    assert text(table.xpath("tbody/tr[1]/th")[0]) == "Likelihood →"
    assert text(table.xpath("tfoot/tr[2]/th")[0]) == "Impact →"
    assert [td.get("data-likelihood") for td in table.xpath("tbody/tr[1]/td")] == ["5"] * 5


def test_heat_map_legend_names_each_band_with_its_scores_and_colour(page):
    legend = one(page, "//figure/figcaption")
    items = legend.xpath("ul/li")
    bands = load_brand("meridian").bands
    assert [text(li) for li in items] == [f"{b.name} {b.low}–{b.high}" for b in bands]
    assert [colour_of(page, classes(li[0])[1]) for li in items] == [b.colour for b in bands]
    assert text(legend).endswith("Risks placed by likelihood and impact; cell colour shows the rating band.")


def test_register_is_sorted_by_score_with_a_coloured_rating_and_the_risks_details(page):
    table = section(page, "Risk forecast").xpath(".//table")[1]
    rows = table_rows(table)
    assert rows[0] == ["ID", "Risk", "Likelihood", "Impact", "Score", "Rating", "Trend"]
    assert [r[0] for r in rows[1:]] == ["R1", "R3", "R2", "R4", "R5", "R6"]
    assert [r[4] for r in rows[1:]] == ["20", "12", "12", "9", "8", "4"]
    assert rows[1][2:] == ["4Likely", "5Severe", "20", "Critical", "↑ Increasing"]
    assert rows[1][1] == ("Terrorist attacks on oil and gas infrastructure in Central AsiaTerrorism · Horizon: 0-12 months"
                          "Mitigation: Review site security; test crisis plans."
                          "Indicators: ISK claims of attacks in the region; Arrests of ISK cells in Central Asia")
    bands = {b.name: b for b in load_brand("meridian").bands}
    for tr, data in zip(table.xpath("tbody/tr"), rows[1:]):
        rating = tr.xpath("td")[4]
        assert colour_of(page, classes(rating)[1]) == bands[data[5]].colour
        assert colour_of(page, classes(rating)[1], "color") == bands[data[5]].text_colour


def test_no_risk_says_so_for_the_briefing_and_for_a_client():
    empty = dataclasses.replace(sample_briefing(), risks=())
    for client, expected in ((CLIENT, "No listed risk meets the criteria agreed with Caspian Energy Partners."),
                             (None, "No risks are listed in this briefing.")):
        part = section(parse(build(empty, client=client)), "Risk forecast")
        assert [text(p) for p in part.xpath("p")] == [expected] and not part.xpath(".//table")


def test_sources_are_numbered_with_publisher_date_grade_and_a_working_link(page):
    entries = section(page, "Sources").xpath("ol/li")
    assert text(entries[0]) == ("Supreme Court suspends the ban on the Taliban movement. Supreme Court of Russia (report), "
                                "17 April 2025. Grade B2 (usually reliable; probably true)."
                                "https://example.org/news/supreme-court-taliban")
    link = entries[0].xpath(".//a")[0]
    assert link.get("href") == "https://example.org/news/supreme-court-taliban"
    assert link.get("rel") == "noopener noreferrer"
    assert not entries[4].xpath(".//a")  # S5 has no URL


def test_only_http_https_and_mailto_become_links():
    page = parse(build(hostile_briefing()))
    outward = sorted(h for h in page.xpath("//a/@href") if not h.startswith("#"))
    assert outward == ["https://example.org/a?b=1&c=2", "mailto:desk@example.org", "mailto:desk@meridian-risk.example"]
    entries = [text(li) for li in section(page, "Sources").xpath("ol/li")]
    assert entries[0].endswith("javascript:alert(1)") and entries[1].endswith("file:///etc/passwd")


def test_methodology_explains_scales_bands_stances_tlp_and_admiralty_grades(page):
    part = section(page, "Methodology")
    assert "methodology" in classes(part)  # print starts it on a new page
    assert "break-before: page" in css_rule(page, "  .methodology")
    words = text(part)
    for expected in (*LIKELIHOOD_WORDS, *IMPACT_WORDS, "Low", "1–4", "Critical", "17–25", "Hostile",
                     "Supportive", *(t.label for t in TLP_LABELS), "Completely reliable", "Truth cannot be judged"):
        assert expected in words
    red = part.xpath(".//span[contains(@class, 'tlp-red')]")[0]
    assert colour_of(page, "tlp-red", "color") == "FF2B2B" and "tlp" in classes(red)


def test_contact_block_disclaimer_and_reference_close_the_page(page):
    brand = load_brand("meridian")
    footer = one(page, "//div[@class='page']/footer")
    assert footer.getparent()[-1] is footer
    assert [text(s) for s in footer.xpath("address/span")] == list(brand.contact)
    assert footer.xpath("address//a/@href") == ["mailto:desk@meridian-risk.example"]
    assert text(footer.xpath("p[@class='disclaimer']")[0]) == brand.disclaimer
    assert text(footer.xpath("p[@class='reference']")[0]) == "Reference MRA-2025-017TLP:AMBER"


def test_masthead_holds_the_brands_logo_as_data_with_alt_text_and_the_tlp_label(page):
    brand = load_brand("meridian")
    img = one(page, "//header[@class='masthead']/img")
    assert img.get("alt") == "Meridian Risk Advisory logo"
    prefix = "data:image/png;base64,"
    assert img.get("src").startswith(prefix)
    assert base64.b64decode(img.get("src")[len(prefix):]) == brand.logo.read_bytes()
    assert text(one(page, "//header[@class='masthead']/span")) == "TLP:AMBER"


def test_the_page_is_self_contained_and_its_policy_allows_only_its_own_sheet(page):
    assert not page.xpath("//script | //link | //iframe | //object | //embed | //form | //base | //*[@style]")
    assert [s for s in page.xpath("//@src") if not s.startswith("data:image/png;base64,")] == []
    sheet = one(page, "//style").text
    assert "@import" not in sheet and "url(" not in sheet
    policy = one(page, "//meta[@http-equiv='Content-Security-Policy']").get("content")
    digest = base64.b64encode(hashlib.sha256(sheet.encode()).digest()).decode()
    assert policy == (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; "
                      "form-action 'none'")
    assert one(page, "//meta[@name='referrer']").get("content") == "no-referrer"
    assert page.xpath("/html/head/meta[1]/@charset") == ["utf-8"]


def test_brand_colours_and_fonts_reach_the_sheet_and_the_language_the_page():
    for name in ("meridian", "northgate"):
        brand = load_brand(name)
        page = parse(build(sample_briefing(), name))
        assert page.get("lang") == brand.language
        root = css_rule(page, ":root")
        assert f"--primary: #{brand.colours['primary']};" in root and f"--accent: #{brand.colours['accent']};" in root
        assert f'--font-body: "{brand.fonts["body"]}"' in root and f'--font-heading: "{brand.fonts["heading"]}"' in root
        for i, band in enumerate(brand.bands, 1):
            assert colour_of(page, f"band-{i}") == band.colour
    northgate = parse(build(sample_briefing(), "northgate"))
    assert "Risk outlook" in [text(h) for h in northgate.xpath("//h2")]
    assert "Bottom line up front" in [text(h) for h in northgate.xpath("//h2")]


def test_hostile_text_stays_text_and_nothing_in_it_runs():
    b = hostile_briefing()
    b = dataclasses.replace(b, reference=XSS, region=XSS, authors=(XSS, *b.authors), subject=XSS,
                            takeaways=(*b.takeaways, Takeaway(XSS, "<i>High</i>", 3)),
                            stances=(*b.stances, Stance(XSS, "Neutral", XSS, XSS, (XSS,))),
                            risks=(*b.risks, Risk("R2", XSS, XSS, 1, 1, XSS, XSS, mitigation=XSS, indicators=(XSS,))),
                            sources=(*b.sources, Source("S9", XSS, XSS, url="https://example.org/" + XSS)))
    data = build(b, client=dataclasses.replace(CLIENT, client=XSS, contact="<script>alert(2)</script>"))
    page = parse(data)
    assert not page.xpath("//script")
    attributes = {name for node in page.iter() if isinstance(node.tag, str) for name in node.attrib}
    assert not {a for a in attributes if a.startswith("on")}
    assert attributes <= {"lang", "charset", "http-equiv", "content", "name", "class", "id", "dir", "href", "rel",
                          "src", "alt", "aria-labelledby", "aria-hidden", "scope", "rowspan", "colspan",
                          "datetime", "data-likelihood", "data-impact", "role", "tabindex", "aria-label"}
    everything = text(page)
    assert "<script>alert(1)</script>" in [text(h) for h in page.xpath("//h2")]
    assert everything.count(XSS) >= 12
    assert "<script>alert(2)</script>" in everything
    assert '=HYPERLINK("http://evil") <b>&amp;</b> 🚨' in everything
    assert "=cmd|' /C calc'!A0 <b>&amp;</b> ctrl 🛰️🔥 \u202eevil\u202c" in everything
    assert "\x01" not in everything and "\x0b" not in everything
    assert "https://example.org/" + XSS in everything  # a URL with a quote and spaces is not a link
    assert not [h for h in page.xpath("//a/@href") if "onmouseover" in h]


def test_line_breaks_in_analyst_text_are_kept():
    page = parse(build(hostile_briefing()))
    paragraph = one(page, "//section/p[starts-with(., 'Line one')]")
    assert [paragraph.text, paragraph[0].tag, paragraph[0].tail] == ["Line one", "br", "line two\tafter tab"]


def test_right_to_left_text_sits_in_elements_that_find_their_own_direction():
    page = parse(build(hostile_briefing()))
    arabic = [n for n in page.iter() if isinstance(n.tag, str) and text(n) == ARABIC and n.tag in ("p", "li")]
    assert len(arabic) == 3  # the subtitle, a takeaway and a section paragraph
    assert all(n.get("dir") == "auto" for n in arabic)
    authors = one(page, "//p[@class='meta'][1]")
    assert [text(b) for b in authors.xpath(".//bdi")] == ["O'Brien & <Sons>", "محمد"]


def test_two_builds_are_byte_identical(sample):
    assert build(sample_briefing()) == sample


def test_another_process_builds_the_same_bytes(sample):
    assert sha_from_another_process("html_reading") == sha256(sample)


def css_text(value: str) -> str:
    """A CSS string's text, its escapes (\\22 , \\3c ...) decoded."""
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m[1], 16)), value)


def test_every_printed_page_carries_the_tlp_label_the_reference_and_page_x_of_y(page):
    rule = one(page, "//style").text.split("@page {", 1)[1]
    boxes = dict(re.findall(r"@([a-z-]+) \{ content: (.*?); ", rule))
    tlp = css_rule(page, ".tlp-amber")
    assert css_text(boxes["top-right"]) == css_text(boxes["bottom-right"]) == '"TLP:AMBER"'
    assert "color: #FFC000; background: #000000;" in rule and tlp == "color: #FFC000;"
    assert css_text(boxes["bottom-left"]) == '"MRA-2025-017"'
    assert css_text(boxes["bottom-center"]) == '"Page " counter(page) " of " counter(pages)'


def test_a_reference_shaped_like_markup_or_css_cannot_leave_its_string_or_the_sheet():
    nasty = 'X"; } body { display: none } </style><script>alert(1)</script>'
    page = parse(build(dataclasses.replace(sample_briefing(), reference=nasty)))
    sheet = one(page, "//style").text
    assert not page.xpath("//script") and "</" not in sheet and "display: none" not in sheet
    content = re.search(r"@bottom-left \{ content: (\"[^\"]*\");", sheet)[1]
    assert css_text(content) == f'"{nasty}"'


def test_render_page_hands_a_server_the_same_bytes_and_the_policy_of_the_meta_tag(sample, page):
    from reporttool.html.render import render_page

    rendered = render_page(sample_briefing(), load_brand("meridian"))
    assert rendered.data == sample
    assert rendered.policy == one(page, "//meta[@http-equiv='Content-Security-Policy']").get("content")


def test_the_analysts_risk_forecast_section_joins_the_generated_one_prose_first():
    b = sample_briefing()
    own = Section("  risk FORECAST ", ("Our view of the risks [S1].", "Second paragraph."))
    page = parse(build(dataclasses.replace(b, sections=(*b.sections, own))))
    assert [text(h) for h in page.xpath("//h2")].count("Risk forecast") == 1
    part = section(page, "Risk forecast")
    assert [text(p) for p in part.xpath("p")] == ["Our view of the risks [1].", "Second paragraph."]
    assert [child.tag for child in part][:4] == ["h2", "p", "p", "h3"]


def test_every_table_scrolls_inside_a_named_region_the_keyboard_reaches(page):
    tables = page.xpath("//table")
    assert len(tables) == 11  # timeline, dates ahead, stances, heat map, register, and six in the methodology
    for table in tables:
        box = table.getparent()
        assert (box.get("role"), box.get("tabindex")) == ("region", "0")
        assert box.get("aria-label") == text(table.find("caption"))
