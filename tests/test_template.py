"""The blank template and the example come from the contract: dropdowns, messages, instructions, docs."""
from __future__ import annotations

import subprocess

import openpyxl

from reporttool.workbook.contract import BRIEFING_SHEETS, CLIENTS, RISKS
from reporttool.docs import DOCS
from reporttool.workbook.load import read_briefing, read_clients
from reporttool.workbook.template import template_bytes
from tests.conftest import ROOT, ooxml_check, soffice


def blank(tmp_path, clients=False):
    path = tmp_path / ("blank-clients.xlsx" if clients else "blank.xlsx")
    path.write_bytes(template_bytes((CLIENTS,) if clients else BRIEFING_SHEETS, {}))
    return path


def test_blank_template_has_every_sheet_column_and_field(tmp_path):
    book = openpyxl.load_workbook(blank(tmp_path))
    for sheet in BRIEFING_SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A2"
        if sheet.fields:
            assert [ws.cell(r, 1).value for r in range(2, len(sheet.columns) + 2)] == [c.name for c in sheet.columns]
        else:
            assert [c.value for c in ws[1]] == [c.name for c in sheet.columns]
            assert ws["A1"].fill.fgColor.rgb.endswith("1F3A5F") and ws["A1"].font.b


def test_every_enumerated_manifest_column_has_its_dropdown(tmp_path, run_cli):
    target = tmp_path / "clients.xlsx"
    assert run_cli("init", "--clients", target)[0] == 0
    book = openpyxl.load_workbook(target)
    header = [c.value for c in book["Clients"][1]]
    by_column = {header[next(iter(dv.sqref.ranges)).min_col - 1]: dv
                 for dv in book["Clients"].data_validations.dataValidation}
    for name in ("Minimum rating", "Formats"):
        assert by_column[name].type == "list", name
    offered = [c.value for c in book["Lists"][by_column["Formats"].formula1.split("!$")[1][0]][1:] if c.value]
    assert "docx" in offered and "docx; xlsx" in offered and by_column["Formats"].errorStyle == "warning"


def test_dropdowns_come_from_the_hidden_lists_sheet(tmp_path):
    book = openpyxl.load_workbook(blank(tmp_path))
    assert book["Lists"].sheet_state == "hidden"
    risks = book["Risks"]
    by_column = {str(dv.sqref).split(":")[0]: dv for dv in risks.data_validations.dataValidation}
    category = by_column["C2"]
    assert category.type == "list" and category.formula1.startswith("Lists!")
    column = category.formula1.split("!$")[1][0]
    listed = [c.value for c in book["Lists"][column][1:] if c.value]
    assert listed == list(RISKS.column("Category").choices)
    for cell, name in (("D2", "Likelihood"), ("E2", "Impact")):  # the contract takes 1-5 and the labels: so does Excel
        scale = by_column[cell]
        assert scale.type == "list" and scale.errorStyle == "warning"
        offered = [c.value for c in book["Lists"][scale.formula1.split("!$")[1][0]][1:] if c.value is not None]
        assert offered == [1, 2, 3, 4, 5, *RISKS.column(name).choices]
    published = [dv for dv in book["Briefing"].data_validations.dataValidation if str(dv.sqref) == "B6"][0]
    assert published.type == "date"
    tlp = [dv for dv in book["Briefing"].data_validations.dataValidation if str(dv.sqref) == "B10"][0]
    assert tlp.type == "list"


def test_instructions_explain_every_column(tmp_path):
    book = openpyxl.load_workbook(blank(tmp_path))
    text = "\n".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    for sheet in BRIEFING_SHEETS:
        assert sheet.doc in text
        for column in sheet.columns:
            assert column.rule in text


def test_blank_template_reports_only_missing_values(tmp_path):
    result = read_briefing(blank(tmp_path))
    codes = {i.code for i in result.issues}
    assert codes == {"missing-value", "no-rows"}


def test_example_validates_clean_and_matches_the_committed_files(tmp_path, run_cli):
    for flags, name in ((("--example",), "briefing.xlsx"), (("--example", "--clients"), "clients.xlsx")):
        target = tmp_path / name
        assert run_cli("init", *flags, target)[0] == 0
        assert target.read_bytes() == (ROOT / "examples" / name).read_bytes(), f"run `make examples` ({name})"
    briefing = read_briefing(ROOT / "examples" / "briefing.xlsx")
    assert briefing.issues == () and len(briefing.value.risks) >= 5
    clients = read_clients(ROOT / "examples" / "clients.xlsx")
    assert clients.issues == () and len(clients.value) >= 8


def test_example_rebuilds_the_reference_briefing():
    briefing = read_briefing(ROOT / "examples" / "briefing.xlsx").value
    years = {e.date.display() for e in briefing.events}
    assert {"1994", "2003", "August 2021", "March 2022", "17 April 2025"} <= years
    actors = {s.actor for s in briefing.stances}
    assert {"Russia", "China", "Iran", "Pakistan"} <= actors
    assert len(briefing.takeaways) == 3
    assert briefing.subject == "the Taliban"


def test_docs_are_generated_from_the_contract_and_the_commands():
    for name, make in DOCS.items():
        assert (ROOT / "docs" / name).read_text() == make(), f"docs/{name} is stale: run `make docs`"


def test_every_exit_code_is_documented():
    from reporttool import cli

    codes = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    docs = (ROOT / "docs" / "workbook.md").read_text().split("Exit codes:")[1]
    readme = (ROOT / "README.md").read_text()
    for code in codes:
        assert f" {code} " in docs and f"| {code} |" in readme, code


def test_every_issue_code_used_in_the_code_is_catalogued():
    import re

    from reporttool.issues import CATALOGUE

    used = set()
    for path in (ROOT / "reporttool").rglob("*.py"):
        used |= set(re.findall(r'(?:issue|warning|refuse|Problem)\(\s*"([a-z-]+)"', path.read_text()))
    assert used and used <= set(CATALOGUE), used - set(CATALOGUE)


def test_libreoffice_opens_the_template_and_the_example(tmp_path):
    blank(tmp_path)
    (tmp_path / "example.xlsx").write_bytes((ROOT / "examples" / "briefing.xlsx").read_bytes())
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv", "--outdir", str(tmp_path / "csv"), str(tmp_path / "blank.xlsx"),
                    str(tmp_path / "example.xlsx")], check=True, capture_output=True, timeout=240)
    # CSV export writes the first sheet: Instructions in both files.
    assert "How to fill this workbook" in (tmp_path / "csv" / "blank.csv").read_text()
    assert "How to fill this workbook" in (tmp_path / "csv" / "example.csv").read_text()


def test_template_example_and_annotated_copy_pass_the_ecma_schemas(tmp_path, run_cli):
    from tests.workbooks import set_cell, valid_sheets, write_workbook

    bad = write_workbook(tmp_path / "bad.xlsx", set_cell(valid_sheets(), "Risks", "Impact", 9))
    assert run_cli("validate", bad, "--annotate", tmp_path / "checked.xlsx")[0] == 1
    ooxml_check(blank(tmp_path), blank(tmp_path, clients=True), ROOT / "examples" / "briefing.xlsx",
                ROOT / "examples" / "clients.xlsx", tmp_path / "checked.xlsx")


def test_sheets_print_one_page_wide_and_example_rows_fit_their_text():
    book = openpyxl.load_workbook(ROOT / "examples" / "briefing.xlsx")
    for name in ("Instructions", "Briefing", "Risks"):
        ws = book[name]
        setup = ws.page_setup
        assert setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, name  # 1 wide is the schema's default
    sections = book["Sections"]
    long_row = max(range(2, sections.max_row + 1), key=lambda r: len(str(sections.cell(r, 2).value or "")))
    assert sections.row_dimensions[long_row].height >= 4 * 15
    assert book["Risks"].print_title_rows == "$1:$1"
