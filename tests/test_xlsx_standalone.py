"""What the risk matrix needs when a client takes it alone: its sources, sortable dates, counts that
follow the client's rows, text that stays text when edited, and a chart readable at any length."""
from __future__ import annotations

import dataclasses
import datetime as dt

from reporttool.model import Source
from reporttool.values import PartialDate
from reporttool.text import FORMULA_START

from .test_render_xlsx import build, chart_series, load
from .xlsx_fixtures import example_briefing, hostile_briefing, many_risks

SOURCES = (Source("S1", "Supreme Court ruling", "Supreme Court of Russia", PartialDate(2025, 4, 17),
                  "https://example.org/ruling", "B2"),
           Source("S2", "=HYPERLINK(\"http://evil\")", None, PartialDate(2025), "javascript:alert(1)", None))


def test_a_sources_sheet_resolves_the_citations_with_title_publisher_date_grade_and_link():
    book = load(build(dataclasses.replace(example_briefing(), sources=SOURCES)))
    sheet = book["Sources"]
    assert sheet.tables["BriefingSources"].ref == "A1:F3"
    assert [c.value for c in sheet[1]] == ["ID", "Title", "Publisher", "Date", "Grade", "Link"]
    first, second = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
    assert first == ["S1", "Supreme Court ruling", "Supreme Court of Russia", dt.datetime(2025, 4, 17), "B2",
                     "https://example.org/ruling"]
    assert second[:2] == ["S2", "=HYPERLINK(\"http://evil\")"] and second[5] == "javascript:alert(1)"
    assert sheet["F2"].hyperlink.target == "https://example.org/ruling" and sheet["F3"].hyperlink is None
    assert (sheet["D2"].number_format, sheet["D3"].number_format) == ("d mmmm yyyy", "yyyy")
    assert sheet["B3"].data_type == "s" and sheet["B3"].quotePrefix


def test_formula_looking_text_is_stored_with_excels_quote_prefix_everywhere():
    book = load(build(hostile_briefing()))
    texts = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.data_type == "s" and cell.value[:1] in FORMULA_START]
    assert len(texts) > 50
    assert all(cell.quotePrefix for cell in texts), [(c.parent.title, c.coordinate) for c in texts if not c.quotePrefix]
    register = book["Register"]
    assert register["A2"].value == "=0" and register["A2"].quotePrefix
    assert register["B2"].alignment.wrap_text  # the column's look is kept with the prefix
    assert book["Matrix"]["A1"].value.startswith("=Title") and book["Matrix"]["A1"].font.b
    plain = [cell for row in register.iter_rows(min_row=2) for cell in row
             if isinstance(cell.value, str) and cell.value[:1] not in FORMULA_START]
    assert plain and not any(cell.quotePrefix for cell in plain)


def test_chart_labels_stay_readable_on_a_long_register():
    series = chart_series(build(many_risks(400)))
    labels = [label for s in series for label in s["labels"]]
    assert len(labels) == 25 and all(len(label) <= 16 for label in labels)
    assert labels.count("16 risks") == 25
    data = load(build(many_risks(400)))["Chart"]
    assert "+" in data["F29"].value and "more" in data["F29"].value  # the data lists IDs, cut as the Matrix cuts


def test_a_short_register_labels_every_point_with_its_ids():
    labels = sorted(label for s in chart_series(build()) for label in s["labels"])
    assert labels == sorted(r.id for r in example_briefing().risks)


def test_chinese_japanese_and_korean_text_is_set_in_the_brands_east_asian_font():
    from .briefings import CJK as WORDS

    briefing = dataclasses.replace(example_briefing(), title=f"Engagement across {WORDS[1]} {WORDS[2]}",
                                   sources=(Source("S1", f"{WORDS[0]} {WORDS[3]} {WORDS[4]}"),))
    book = load(build(briefing))
    title, source = book["Matrix"]["A1"], book["Sources"]["B2"]
    assert (title.font.name, title.font.b) == ("Noto Sans CJK SC", True)  # the rest of its look is kept
    assert source.font.name == "Noto Sans CJK SC" and source.alignment.wrap_text
    assert book["Sources"]["A2"].font.name != "Noto Sans CJK SC"


def test_a_mostly_english_title_starting_in_arabic_reads_left_to_right():
    briefing = dataclasses.replace(example_briefing(), title="کابل and Москва: Engagement Across the region",
                                   subtitle="حركة طالبان تسعى إلى الاعتراف الدولي")
    matrix = load(build(briefing))["Matrix"]
    assert matrix["A1"].alignment.readingOrder == 1 and matrix["A2"].alignment.readingOrder == 2
    assert matrix["A3"].alignment.readingOrder in (None, 0)  # plain English: left as it was
