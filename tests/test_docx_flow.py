"""How the Word briefing flows over pages: what stays with what follows it, where pages break, one
section per name, labels that never break."""
from __future__ import annotations

import dataclasses

from reporttool.model import Section

from .briefings import sample_briefing
from .docx_reading import NS, after_heading, blocks, build, part, style_of, text, w


def kept(p) -> bool:
    return bool(p.xpath("./w:pPr/w:keepNext", namespaces=NS))


def test_headings_and_intro_lines_keep_with_what_follows_whatever_the_template_says():
    doc = part(build(sample_briefing(), "northgate"))
    paragraphs = [b for b in blocks(doc) if b.tag == w("p")]
    headings = [p for p in paragraphs if style_of(p) in ("Heading1", "Heading2")]
    assert len(headings) > 10 and all(kept(p) for p in headings)
    intros = [p for p in paragraphs if text(p).startswith(("Positions of key actors", "How to read the ratings",
                                                           "Score = likelihood", "A letter rates"))]
    assert len(intros) == 4 and all(kept(p) for p in intros)
    assert not doc.xpath("//w:pageBreakBefore", namespaces=NS)  # back matter flows on


def test_the_analysts_risk_forecast_section_merges_with_the_generated_one():
    base = sample_briefing()
    own = Section(" risk FORECAST ", ("First paragraph of the analyst's forecast [S1].", "Second paragraph."))
    doc = part(build(dataclasses.replace(base, sections=(own, *base.sections))))
    headings = [text(b) for b in blocks(doc) if style_of(b) == "Heading1"]
    assert headings.count("Risk forecast") == 1 and " risk FORECAST " not in headings
    assert headings.index("Engagement stances") < headings.index("Risk forecast")
    inside = after_heading(doc, "Risk forecast")
    assert [text(b) for b in inside[:2]] == ["First paragraph of the analyst's forecast [1].", "Second paragraph."]
    assert text(inside[2]) == "Heat map"


def test_a_brand_that_renames_the_forecast_merges_the_section_of_its_own_name():
    base = sample_briefing()
    own = Section("Risk outlook", ("Northgate's analysts call it an outlook.",))
    doc = part(build(dataclasses.replace(base, sections=(own, *base.sections)), "northgate"))
    headings = [text(b) for b in blocks(doc) if style_of(b) == "Heading1"]
    assert headings.count("Risk outlook") == 1
    assert text(after_heading(doc, "Risk outlook")[0]) == "Northgate's analysts call it an outlook."


def test_tlp_labels_sit_in_a_column_wide_enough_for_the_longest():
    doc = part(build(dataclasses.replace(sample_briefing(), classification="TLP:AMBER+STRICT"), "northgate"))
    table = next(t for t in doc.iter(w("tbl")) if "TLP:RED" in text(t))
    labels = [text(row.find(w("tc"))) for row in table.findall(w("tr"))[1:]]
    assert "TLP:AMBER+STRICT" in labels
    widths = [int(c.get(w("w"))) for c in table.find(w("tblGrid"))]
    assert widths[0] / sum(widths) > 0.29
