"""The risk-matrix workbook, read back: cells, formulas, colours, tables, print setup, chart, safety."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl.utils.escape import unescape

from reporttool.model import Briefing, Risk
from reporttool.xlsx.render import render_xlsx
from reporttool.values import IMPACT_WORDS, LIKELIHOOD_WORDS, band_for, tlp
from reporttool.xlsx.look import inert
from reporttool.xlsx.tables import REGISTER, STREAM_ABOVE, register_values

from .conftest import ooxml_check, soffice
from .xlsx_fixtures import (HOSTILE, client, default_brand, example_briefing, fixed_brand, hostile_briefing,
                            many_risks, other_brand)

GOLDEN = Path(__file__).parent / "golden"
SCORE_FORMULA = "RiskRegister[[#This Row],[Likelihood]]*RiskRegister[[#This Row],[Impact]]"
RATING_FORMULA = ("INDEX(RatingBands[Band],_xlfn.IFNA(MATCH(RiskRegister[[#This Row],[Score]],"
                  "RatingBands[Low],1),1))")  # structured references: bands a client adds are looked up (#11)
C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
     "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HEADERS = [c.header for c in REGISTER]


def build(briefing: Briefing | None = None, brand=None, **options) -> bytes:
    return render_xlsx(briefing or example_briefing(), brand or default_brand(), **options)


def load(data: bytes, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def grid_cell(likelihood: int, impact: int) -> str:
    """Where the heat map puts a likelihood and impact: likelihood 5 on row 6, impact 1 in column C."""
    return f"{'CDEFG'[impact - 1]}{6 + 5 - likelihood}"


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:]


@pytest.fixture(scope="module")
def example() -> bytes:
    return build()


@pytest.fixture(scope="module")
def book(example) -> openpyxl.Workbook:
    return load(example)


# --- Matrix -----------------------------------------------------------------------------------------

def test_sheets_come_in_the_order_of_the_issue(book):
    assert book.sheetnames == ["Matrix", "Register", "Bands", "Chart", "Stances", "Timeline", "Sources"]


def test_each_risk_id_sits_in_the_cell_of_its_likelihood_and_impact(book):
    matrix = book["Matrix"]
    for risk in example_briefing().risks:
        ids = matrix[grid_cell(risk.likelihood, risk.impact)].value.split(", ")
        assert risk.id in ids
    assert matrix["E8"].value == "R5"           # likelihood 3, impact 3
    assert matrix["D9"].value == "R7"           # likelihood 2, impact 2
    assert matrix["C6"].value is None           # likelihood 5, impact 1: no risk


def test_heat_map_cells_take_their_band_colours(book):
    bands = default_brand().bands
    matrix = book["Matrix"]
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            band = band_for(likelihood * impact, bands)
            cell = matrix[grid_cell(likelihood, impact)]
            assert (fill(cell), cell.font.color.rgb[-6:]) == (band.colour, band.text_colour)


def test_scale_words_run_likelihood_up_and_impact_across(book):
    matrix = book["Matrix"]
    assert [matrix[f"B{row}"].value for row in range(6, 11)] == [
        f"{word} ({n})" for n, word in reversed(list(enumerate(LIKELIHOOD_WORDS, start=1)))]
    assert [matrix[f"{col}11"].value for col in "CDEFG"] == [
        f"{word} ({n})" for n, word in enumerate(IMPACT_WORDS, start=1)]
    assert matrix["A6"].value == "Likelihood" and matrix["A6"].alignment.textRotation == 90
    assert matrix["C12"].value == "Impact"


def test_legend_lists_bands_with_score_ranges_colours_and_counts(book):
    matrix = book["Matrix"]
    rows = [[matrix.cell(row, col).value for col in (9, 10)] for row in range(5, 10)]
    assert rows == [["Rating", "Scores"], ["Critical", "17–25"], ["High", "10–16"], ["Medium", "5–9"], ["Low", "1–4"]]
    counts = [matrix.cell(row, 11).value for row in range(5, 10)]  # live counts of the Register (#11)
    assert counts == ["Risks"] + [f'=COUNTIF(RiskRegister[Rating],"{band}")' for band in ("Critical", "High", "Medium", "Low")]
    cached = load(build(), values=True)["Matrix"]
    assert [cached.cell(row, 11).value for row in range(6, 10)] == [0, 3, 3, 2]
    assert fill(matrix["I6"]) == default_brand().bands[-1].colour


def test_title_block_holds_title_reference_dates_and_tlp_label(book):
    matrix = book["Matrix"]
    assert matrix["A1"].value == example_briefing().title
    assert matrix["A2"].value == "What Moscow's shift means for companies in Central Asia"
    assert matrix["A3"].value == ("Reference CA-2025-017   ·   Published 4 May 2025   ·   "
                                  "Updated 9 May 2025   ·   Central Asia")
    label = tlp("TLP:AMBER")
    assert matrix["I3"].value == "TLP:AMBER"
    assert (matrix["I3"].font.color.rgb[-6:], fill(matrix["I3"])) == (label.colour, "000000")
    assert matrix["A4"].value is None  # no client: no "Prepared for" line


def test_client_copy_says_who_it_was_prepared_for():
    matrix = load(build(client=client()))["Matrix"]
    assert matrix["A4"].value == "Prepared for Caspian Freight Ltd"


def test_client_without_listed_risks_is_told_none_meets_its_criteria():
    data = build(example_briefing(risks=()), client=client())
    book = load(data)
    assert book["Matrix"]["A5"].value == "No listed risk meets the criteria agreed with Caspian Freight Ltd."
    assert book["Chart"]["A1"].value == "No listed risk meets the criteria agreed with Caspian Freight Ltd."
    assert book["Register"].tables["RiskRegister"].ref == "A1:N2"  # header and one blank row
    assert [c.value for c in book["Register"][2]] == [None] * len(HEADERS)


def test_briefing_without_risks_says_so():
    assert load(build(example_briefing(risks=())))["Matrix"]["A5"].value == "No risks are listed in this briefing."


def test_crowded_cells_list_the_first_ids_then_how_many_more():
    briefing = many_risks(500)
    ids = [r.id for r in briefing.risks if (r.likelihood, r.impact) == (1, 1)]
    text = load(build(briefing))["Matrix"][grid_cell(1, 1)].value
    shown, more = text.split(" +")
    assert shown.split(", ") == ids[:len(shown.split(", "))] and len(shown) <= 60
    assert more == f"{len(ids) - len(shown.split(', '))} more"


def test_a_second_brand_brings_its_own_bands_colours_and_words():
    brand = other_brand()
    book = load(build(brand=brand))
    matrix = book["Matrix"]
    assert matrix["A6"].value == "Probability"
    assert fill(matrix[grid_cell(3, 5)]) == "7B1F2B"  # 15 is Severe in this brand
    assert matrix["A1"].font.name == "Liberation Serif" and matrix["A1"].font.color.rgb[-6:] == "0B6E4F"
    assert [row[0].value for row in book["Bands"]["A2:A4"]] == ["Minor", "Serious", "Severe"]
    assert book["Register"]["G2"].value == "=" + RATING_FORMULA
    assert book["Register"].page_setup.paperSize == 9


# --- Register ---------------------------------------------------------------------------------------

def test_register_is_an_excel_table_over_every_risk(book):
    register = book["Register"]
    table = register.tables["RiskRegister"]
    assert table.ref == "A1:N9"
    assert [c.name for c in table.tableColumns] == HEADERS == [
        "ID", "Risk", "Category", "Likelihood", "Impact", "Score", "Rating", "Trend", "Horizon", "Sectors",
        "Regions", "Mitigation", "Indicators", "Events"]
    assert table.autoFilter.ref == "A1:N9"


def test_register_rows_hold_each_risk_as_the_contract_writes_it(book):
    register = book["Register"]
    for row, risk in enumerate(example_briefing().risks, start=2):
        values = [cell.value for cell in register[row]]
        expected = list(register_values(risk))
        assert values[:5] + values[7:] == expected[:5] + expected[7:]
    assert register["J2"].value == "Energy; Oil and gas" and register["N2"].value == "E9; E11"


def test_score_and_rating_are_live_formulas_with_the_models_values_cached(example, book):
    register, cached = book["Register"], load(example, values=True)["Register"]
    bands = default_brand().bands
    for row, risk in enumerate(example_briefing().risks, start=2):
        assert register[f"F{row}"].value == "=" + SCORE_FORMULA
        assert register[f"G{row}"].value == "=" + RATING_FORMULA
        assert (cached[f"F{row}"].value, cached[f"G{row}"].value) == (risk.score, band_for(risk.score, bands).name)


def test_score_and_rating_are_calculated_columns_that_fill_a_row_excel_inserts(book):
    columns = {c.name: c for c in book["Register"].tables["RiskRegister"].tableColumns}
    assert columns["Score"].calculatedColumnFormula.attr_text == SCORE_FORMULA
    assert columns["Rating"].calculatedColumnFormula.attr_text == RATING_FORMULA
    assert all(columns[name].calculatedColumnFormula is None for name in columns if name not in ("Score", "Rating"))


def test_conditional_formats_colour_score_and_rating_by_band(book):
    rules = {}
    for cells, found in book["Register"].conditional_formatting._cf_rules.items():
        for rule in found:
            rules[str(cells.sqref), tuple(rule.formula)] = (rule.operator, rule.dxf.fill.bgColor.rgb[-6:])
    for band in default_brand().bands:
        assert rules["G2:G9", (f'"{band.name}"',)] == ("equal", band.colour)
        assert rules["F2:F9", (str(band.low), str(band.high))] == ("between", band.colour)


def test_likelihood_and_impact_edits_are_held_to_the_scale(book):
    validations = {str(v.sqref): v for v in book["Register"].data_validations.dataValidation}
    likelihood, impact = validations["D2:D9"], validations["E2:E9"]
    assert (likelihood.type, likelihood.formula1, likelihood.formula2) == ("whole", "1", "5")
    assert likelihood.operator in (None, "between")  # "between" is the default, left out of the file
    assert likelihood.prompt == "1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain"
    assert impact.prompt.startswith("1 Negligible, 2 Minor")


def test_register_freezes_its_header_and_prints_landscape_one_page_wide(book):
    register = book["Register"]
    assert register.freeze_panes == "B2"
    setup = register.page_setup
    assert (setup.orientation, setup.fitToHeight) == ("landscape", 0)
    assert setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
    assert register.sheet_properties.pageSetUpPr.fitToPage
    assert register.print_title_rows == "$1:$1"


def test_register_columns_are_sized_and_long_text_wraps(book):
    register = book["Register"]
    assert register.column_dimensions["B"].width > 3 * register.column_dimensions["A"].width
    assert register["B2"].alignment.wrap_text and register["M3"].alignment.wrap_text
    assert not register["D2"].alignment.wrap_text and register["D2"].alignment.horizontal == "center"


def test_rows_grow_with_their_wrapped_text(book):
    register = book["Register"]
    tall = register.row_dimensions[3].height   # R2: three regions in a 16-wide column
    assert tall and tall >= 3 * 10 * 1.3
    assert register.row_dimensions[9].height is None  # R8 fits on one line


# --- Bands, Chart, Stances, Timeline -----------------------------------------------------------------

def test_bands_sheet_holds_the_thresholds_colours_and_a_live_count(example):
    bands = load(example)["Bands"]
    cached = load(example, values=True)["Bands"]
    assert bands.tables["RatingBands"].ref == "A1:E5"
    assert [[c.value for c in row] for row in bands["A2:C5"]] == [
        ["Low", 1, 4], ["Medium", 5, 9], ["High", 10, 16], ["Critical", 17, 25]]
    critical = default_brand().bands[-1].colour
    assert fill(bands["D5"]) == critical and bands["D5"].value == f"#{critical}"
    assert bands["E2"].value == "=COUNTIF(RiskRegister[Rating],RatingBands[[#This Row],[Band]])"  # (#11)
    assert bands.tables["RatingBands"].tableColumns[4].calculatedColumnFormula.attr_text == (
        "COUNTIF(RiskRegister[Rating],RatingBands[[#This Row],[Band]])")
    assert [cached[f"E{row}"].value for row in range(2, 6)] == [2, 3, 3, 0]


def chart_series(data: bytes) -> list[dict]:
    chart = etree.fromstring(part(data, "xl/charts/chart1.xml"))
    assert chart.find(".//c:scatterChart", C) is not None
    return [{"name": ser.findtext("c:tx/c:strRef/c:f", namespaces=C),
             "x": ser.findtext("c:xVal/c:numRef/c:f", namespaces=C),
             "y": ser.findtext("c:yVal/c:numRef/c:f", namespaces=C),
             "colour": ser.find("c:marker/c:spPr/a:solidFill/a:srgbClr", C).get("val"),
             "labels": [label_text(tx) for tx in ser.findall("c:dLbls/c:dLbl/c:tx", C)]}
            for ser in chart.iterfind(".//c:ser", C)]


def label_text(tx: etree._Element) -> str:
    """A custom data label's text: typed in (rich text) or the cached text of the cell it refers to."""
    cached = tx.findtext("c:strRef/c:strCache/c:pt/c:v", namespaces=C)
    return cached if cached is not None else "".join(tx.itertext())


def test_chart_plots_one_series_per_band_labelled_with_risk_ids(example, book):
    series = chart_series(example)
    assert [s["name"] for s in series] == ["Chart!$D$29", "Chart!$D$31", "Chart!$D$34"]
    assert series[2] == {"name": "Chart!$D$34", "x": "Chart!$B$34:$B$36", "y": "Chart!$A$34:$A$36",
                         "colour": "F4B183", "labels": ["R3", "R1", "R2"]}
    data = book["Chart"]
    assert [c.value for c in data[34]] == [4, 3, 12, "High", 1, "R3"]
    assert sorted(label for s in series for label in s["labels"]) == sorted(r.id for r in example_briefing().risks)


def test_stances_and_timeline_travel_as_tables(book):
    stances, timeline = book["Stances"], book["Timeline"]
    assert stances.tables["ActorStances"].ref == "A1:E6"
    assert [c.value for c in stances[2]] == ["Russia", "Engaging", "Warming",
                                            "Security cooperation and regional influence", "E2; E6"]
    assert timeline.tables["EventTimeline"].ref == "A1:G7"
    dates = [timeline[f"B{row}"] for row in range(2, 8)]  # real dates, shown at their precision (#11)
    assert [d.value.date() for d in dates] == [dt.date(1994, 1, 1), dt.date(2003, 1, 1), dt.date(2021, 8, 1),
                                               dt.date(2022, 3, 1), dt.date(2025, 2, 1), dt.date(2025, 4, 17)]
    assert [d.number_format for d in dates] == ["yyyy", "yyyy", "mmmm yyyy", "mmmm yyyy", "mmmm yyyy", "d mmmm yyyy"]


def test_tlp_label_sits_in_every_sheets_header_and_footer(book):
    for sheet in book.worksheets:
        assert sheet.oddHeader.right.text == "&BTLP:AMBER", sheet.title  # &B: bold
        assert sheet.oddFooter.right.text == "&BTLP:AMBER", sheet.title
        assert sheet.oddFooter.left.text == "CA-2025-017"


def test_document_properties_name_the_briefing_and_date_it_on_publication(book):
    props = book.properties
    assert (props.title, props.creator, props.subject, props.keywords, props.description) == (
        example_briefing().title, "A. Analyst; B. Reviewer", "Central Asia", "Afghanistan; Russia",
        "Russia is normalising relations with the Taliban.")
    assert props.created == props.modified == dt.datetime(2025, 5, 4)
    assert {p.name: p.value for p in book.custom_doc_props.props} == {
        "Reference": "CA-2025-017", "Classification": "TLP:AMBER"}


# --- Safety and fidelity ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile() -> bytes:
    return build(hostile_briefing(), other_brand(), client=client("=Evil & <Co>"))


def test_hostile_text_stays_text_and_never_becomes_a_formula(hostile):
    book = load(hostile)
    formulas = {(sheet.title, cell.column_letter) for sheet in book.worksheets for row in sheet.iter_rows()
                for cell in row if cell.data_type == "f"}
    assert formulas == {("Register", "F"), ("Register", "G"), ("Bands", "E"), ("Matrix", "K")}
    register = book["Register"]
    for row, risk in enumerate(hostile_briefing().risks, start=2):
        expected = [(inert(v)[:32_767] or None) if isinstance(v, str) else v for v in register_values(risk)]
        assert [c.value for c in register[row]][:5] == expected[:5]
        assert [c.value for c in register[row]][7:] == expected[7:]
    assert register["A2"].value == "=0" and register["B2"].value == HOSTILE[0]
    assert book["Matrix"]["A4"].value == "Prepared exclusively for =Evil & <Co>"


def test_hostile_text_comes_back_as_typed_less_what_xml_cannot_hold(hostile):
    texts = {cell.value for sheet in load(hostile).worksheets for row in sheet.iter_rows() for cell in row}
    assert "تصاعد الهجمات على البنية التحتية" in texts
    assert "Pipeline 🔥 risk 🛢️" in texts
    assert "<b>&amp; bold</b> & co" in texts
    assert "tab\tbellnullvt end" in texts            # the controls XML cannot hold are gone
    assert "_x0041_ literal" in texts                # an escape-like text is not decoded
    assert "padded" in texts


def test_text_beyond_excels_cell_limit_is_cut_there_and_its_row_kept_within_excels_height(hostile):
    register = load(hostile)["Register"]
    assert hostile_briefing().risks[0].mitigation.startswith(register["L2"].value)
    assert len(register["L2"].value) == 32_767  # Excel's limit
    assert 400 < register.row_dimensions[2].height <= 409  # xlsxwriter rounds to whole pixels
    assert register["I2"].value is None  # a horizon of spaces only is no text at all


def test_chart_labels_show_hostile_ids_as_text(hostile):
    labels = [label for s in chart_series(hostile) for label in s["labels"]]
    chart = etree.fromstring(part(hostile, "xl/charts/chart1.xml"))
    references = [f.text for f in chart.iterfind(".//c:dLbl/c:tx/c:strRef/c:f", C)]
    assert any(text.startswith("=") for text in labels)
    # A label xlsxwriter would read as a cell reference is written as a reference to its own text.
    assert all(re.fullmatch(r"Chart!\$F\$\d+", ref) for ref in references) and references
    sheet = load(hostile)["Chart"]
    assert {sheet[ref.split("!")[1].replace("$", "")].value for ref in references} <= set(labels)


def test_header_and_footer_escape_ampersands_in_the_title(hostile):
    sheet = load(hostile)["Matrix"]
    assert sheet.oddHeader.left.text.startswith("=Title && <co>")
    assert sheet.oddHeader.right.text == "&BTLP:RED"


def test_two_builds_are_byte_identical_and_stamped_with_fixed_dates(example):
    assert build() == example
    archive = zipfile.ZipFile(io.BytesIO(example))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-05-04T00:00:00Z" in archive.read("docProps/core.xml")


def test_importing_the_renderer_leaves_xlsxwriter_unloaded():
    code = "import sys, reporttool.xlsx.render; print(sorted({'xlsxwriter', 'openpyxl'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=12))
def test_every_risk_lands_in_its_heat_map_cell(cells):
    risks = tuple(Risk(f"R{i}", "r", "Other", likelihood, impact) for i, (likelihood, impact) in enumerate(cells))
    matrix = load(build(example_briefing(risks=risks)))["Matrix"]
    for risk in risks:
        assert risk.id in matrix[grid_cell(risk.likelihood, risk.impact)].value.split(", ")


# --- A long Register, streamed ----------------------------------------------------------------------

def long_hostile() -> Briefing:
    """The hostile briefing with its risks repeated until the Register is long enough to stream."""
    briefing = hostile_briefing()
    return dataclasses.replace(briefing, risks=briefing.risks * (STREAM_ABOVE // len(briefing.risks) + 1))


@pytest.fixture(scope="module")
def streamed() -> bytes:
    return build(long_hostile(), other_brand(), client=client("=Evil & <Co>"))


def inline_values(cells) -> list:
    """Cell values as Excel and LibreOffice read a streamed Register, whose texts are inline
    strings: openpyxl decodes the _xHHHH_ escape (of a literal "_x0041_") in shared strings only."""
    return [unescape(cell.value) if isinstance(cell.value, str) else cell.value for cell in cells]


def test_a_long_register_is_streamed_its_texts_inline(streamed):
    sheet = part(streamed, "xl/worksheets/sheet2.xml")
    assert sheet.count(b't="inlineStr"') > 10 * STREAM_ABOVE and b't="s"' not in sheet


def test_a_streamed_register_reads_as_a_short_one_does(hostile, streamed):
    short, long = load(hostile)["Register"], load(streamed)["Register"]
    for row in range(1, len(hostile_briefing().risks) + 2):  # the header row, then each hostile risk
        assert inline_values(long[row]) == [cell.value for cell in short[row]]
        assert long.row_dimensions[row].height == short.row_dimensions[row].height
    last, risks = len(long_hostile().risks) + 1, long_hostile().risks
    assert (inline_values(long[last])[0], long[f"F{last}"].value) == (risks[-1].id, "=" + SCORE_FORMULA)
    table = long.tables["RiskRegister"]
    assert table.ref == table.autoFilter.ref == f"A1:N{last}"
    assert [c.name for c in table.tableColumns] == HEADERS
    assert (long.freeze_panes, long.print_title_rows) == ("B2", "$1:$1")
    assert {str(v.sqref) for v in long.data_validations.dataValidation} == {f"D2:D{last}", f"E2:E{last}"}


def test_two_streamed_builds_are_byte_identical_and_leave_no_temporary_file(streamed, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert build(long_hostile(), other_brand(), client=client("=Evil & <Co>")) == streamed
    assert list(tmp_path.iterdir()) == []
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(streamed)).infolist()} == {(1980, 1, 31, 0, 0, 0)}


def test_ten_thousand_risks_build_into_one_table(tmp_path):
    briefing = many_risks(10_000)
    data = build(briefing)
    table = etree.fromstring(part(data, "xl/tables/table1.xml"))
    assert table.get("ref") == "A1:N10001"
    sheet = part(data, "xl/worksheets/sheet2.xml")
    last_score = re.search(rb'<c r="F10001"[^>]*><f>([^<]*)</f><v>(\d+)</v>', sheet)
    assert last_score.groups() == (SCORE_FORMULA.encode(), str(briefing.risks[-1].score).encode())
    (tmp_path / "ten-thousand.xlsx").write_bytes(data)
    ooxml_check(tmp_path / "ten-thousand.xlsx")


# --- What other applications make of it --------------------------------------------------------------

def test_every_workbook_passes_the_ecma_schemas(example, hostile, streamed, tmp_path):
    variants = {"example": example, "hostile": hostile, "streamed": streamed,
                "other-brand-client": build(brand=other_brand(), client=client()),
                "empty-client": build(example_briefing(risks=()), client=client()),
                "no-stances-no-events": build(dataclasses.replace(example_briefing(), stances=(), events=()))}
    paths = [tmp_path / f"{name}.xlsx" for name in variants]
    for path, data in zip(paths, variants.values()):
        path.write_bytes(data)
    ooxml_check(*paths)


def edited(data: bytes, cells: dict[str, str | None]) -> bytes:
    """The workbook as a client leaves it after typing over Register cells (None clears one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                for ref, value in cells.items():
                    new = f'<c r="{ref}"\\1/>' if value is None else f'<c r="{ref}"\\1><v>{value}</v></c>'
                    content, count = re.subn(f'<c r="{ref}"( s="\\d+")?><v>\\d+</v></c>'.encode(), new.encode(),
                                             content)
                    assert count == 1
            target.writestr(info, content)
    return output.getvalue()


EDITS = {"D2": "5", "E3": "1", "D4": None}  # R1 to likelihood 5, R2 to impact 1, R3's likelihood cleared


@pytest.fixture(scope="session")
def recalculated(tmp_path_factory) -> dict[str, openpyxl.Workbook]:
    """Workbooks after LibreOffice has opened them, recalculated every formula and saved them again."""
    folder = tmp_path_factory.mktemp("xlsx-recalc")
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    # Recalculate on load: otherwise LibreOffice trusts the values cached in the file.
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
        'oor:op="fuse"><value>0</value></prop></item></oor:items>\n')
    sources = {"meridian": build(), "other": build(brand=other_brand()), "edited": edited(build(), EDITS),
               "streamed": build(long_hostile(), other_brand())}
    for name, data in sources.items():
        (folder / f"{name}.xlsx").write_bytes(data)
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "xlsx",
                    "--outdir", str(folder / "out"), *(str(folder / f"{name}.xlsx") for name in sources)],
                   check=True, capture_output=True, timeout=300)
    return {name: openpyxl.load_workbook(folder / "out" / f"{name}.xlsx", data_only=True) for name in sources}


@pytest.mark.parametrize("name, brand", [("meridian", default_brand()), ("other", other_brand())])
def test_libreoffice_recalculates_the_models_scores_and_ratings(recalculated, name, brand):
    register = recalculated[name]["Register"]
    got = [(register[f"A{row}"].value, register[f"F{row}"].value, register[f"G{row}"].value)
           for row in range(2, 10)]
    assert got == [(r.id, r.score, band_for(r.score, brand.bands).name) for r in example_briefing().risks]


def test_a_clients_edit_moves_score_and_rating_as_our_bands_would(recalculated):
    register, bands = recalculated["edited"]["Register"], default_brand().bands
    for row, (likelihood, impact) in {2: (5, 5), 3: (3, 1), 4: (0, 3)}.items():
        score = likelihood * impact
        assert (register[f"F{row}"].value, register[f"G{row}"].value) == (score, band_for(score, bands).name)
    assert recalculated["edited"]["Bands"]["E5"].value == 1  # one Critical risk now


def test_libreoffice_reads_a_streamed_register_as_written_and_recalculates_it(recalculated):
    register, bands, risks = recalculated["streamed"]["Register"], other_brand().bands, long_hostile().risks
    for row, risk in enumerate(risks, start=2):
        got = [register[f"{col}{row}"].value for col in "ABFG"]
        assert got == [inert(risk.id), inert(risk.risk), risk.score, band_for(risk.score, bands).name]


# --- Golden file ------------------------------------------------------------------------------------

def normalised(data: bytes, name: str) -> str:
    """A part as pretty-printed XML, one element per line, so a difference reads as a diff.

    Shared-string indices are replaced by the strings themselves: an index shifts whenever any
    text elsewhere in the workbook changes, which is not a change to this sheet.
    """
    strings = ["".join(si.itertext()) for si in etree.fromstring(part(data, "xl/sharedStrings.xml"))]
    root = etree.fromstring(part(data, name))
    for cell in root.iter(f"{S}c"):
        if cell.get("t") == "s":
            cell.find(f"{S}v").text = strings[int(cell.findtext(f"{S}v"))]
    etree.indent(root)
    return etree.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("name, golden", [("xl/worksheets/sheet1.xml", "xlsx_matrix.xml"),
                                          ("xl/worksheets/sheet2.xml", "xlsx_register.xml"),
                                          ("xl/charts/chart1.xml", "xlsx_chart.xml")])
def test_sheet_and_chart_xml_match_the_reviewed_golden_files(name, golden):
    text, path = normalised(build(brand=fixed_brand()), name), GOLDEN / golden
    if os.environ.get("REPORTTOOL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), "review the diff; regenerate with REPORTTOOL_UPDATE_GOLDEN=1"


def test_text_shaped_like_xlsxwriter_rich_text_stays_inert(tmp_path):
    """xlsxwriter passes '<r>...</r>' through unescaped; our sheets must not let analyst text do that."""
    text = "<r>a & b</si></r>"
    briefing = dataclasses.replace(example_briefing(), risks=(dataclasses.replace(
        example_briefing().risks[0], risk=text, mitigation=text),))
    data = build(briefing)
    path = tmp_path / "rich.xlsx"
    path.write_bytes(data)
    ooxml_check(path)
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    row = next(book["Register"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert text in row


def test_brand_words_in_the_chart_are_text_even_when_they_start_with_an_equals_sign():
    brand = default_brand()
    brand = dataclasses.replace(brand, words={**brand.words, "chart_title": "=cmd|' /C calc'!A0", "impact": "=Impact"})
    chart = part(build(brand=brand), "xl/charts/chart1.xml")
    assert b"<c:f>" not in chart.split(b"<c:plotArea>")[0]  # the title: text, not a reference
    assert "\u200b=cmd|' /C calc'!\u200bA0".encode() in chart and "\u200b=Impact (1".encode() in chart
