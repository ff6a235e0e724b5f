"""The annotated copy: opens on a Problems sheet linking to each cell, re-annotating keeps only current marks."""
from __future__ import annotations

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from tests.workbooks import set_cell, valid_sheets, write_workbook


def test_the_copy_opens_on_a_problems_sheet_linking_each_cell_with_coloured_tabs(tmp_path, run_cli):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 6)
    path = write_workbook(tmp_path / "b.xlsx", set_cell(sheets, "Events", "Date", "13/13/2025"))
    assert run_cli("validate", path, "--annotate", tmp_path / "checked.xlsx")[0] == 1
    book = openpyxl.load_workbook(tmp_path / "checked.xlsx")
    problems = book.active
    assert problems.title == "Problems" and book.sheetnames[0] == "Problems"
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == ["Problems"]
    links = {problems.cell(row=r, column=1).value: problems.cell(row=r, column=1).hyperlink
             for r in range(4, problems.max_row + 1)}
    assert links["Risks!D2"].location == "Risks!D2" and links["Events!B2"].location == "Events!B2"
    assert book["Risks"].sheet_properties.tabColor.rgb.endswith("C00000")
    assert book["Briefing"].sheet_properties.tabColor is None


def test_annotating_an_annotated_copy_drops_the_tools_old_marks_and_keeps_the_analysts(tmp_path, run_cli):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 6))
    first = tmp_path / "checked.xlsx"
    assert run_cli("validate", path, "--annotate", first)[0] == 1
    book = openpyxl.load_workbook(first)
    book["Risks"]["D2"] = 4  # the analyst fixes the cell...
    book["Risks"]["B2"].comment = Comment("check with Ana", "Analyst")  # ...and keeps notes of their own
    book["Risks"]["A2"].fill = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
    book["Risks"]["E2"] = 9  # and makes a new mistake
    book.save(first)
    second = tmp_path / "checked-again.xlsx"
    assert run_cli("validate", first, "--annotate", second)[0] == 1
    risks = openpyxl.load_workbook(second)["Risks"]
    assert risks["D2"].comment is None and risks["D2"].fill.fill_type is None
    assert risks["E2"].comment.author == "reporttool"
    assert risks["B2"].comment.text == "check with Ana" and risks["A2"].fill.start_color.rgb.endswith("FFC7CE")
    book = openpyxl.load_workbook(second)
    assert book.sheetnames.count("Problems") == 1 and book["Problems"]["A4"].value == "Risks!E2"
