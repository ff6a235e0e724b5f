"""Contract 1.1: the Briefing fields Previous and Status reach the template, its dropdown and instructions,
the validator and the model; a version-1 workbook stays valid; a Draft's PDF says DRAFT as its docx does."""
from __future__ import annotations

import dataclasses
import re
import subprocess

import openpyxl

from reporttool.workbook.contract import BRIEFING, BRIEFING_SHEETS
from reporttool.workbook.load import read_briefing
from reporttool.workbook.template import template_bytes

from .briefings import sample_briefing
from .editions_fixtures import write_briefing
from .workbooks import set_field, valid_sheets, write_workbook


def test_the_template_offers_previous_and_a_status_dropdown(tmp_path):
    path = tmp_path / "blank.xlsx"
    path.write_bytes(template_bytes(BRIEFING_SHEETS, {}))
    book = openpyxl.load_workbook(path)
    fields = {book["Briefing"].cell(r, 1).value: r for r in range(2, len(BRIEFING.columns) + 2)}
    assert {"Previous", "Status"} <= set(fields)
    status = [dv for dv in book["Briefing"].data_validations.dataValidation
              if f"B{fields['Status']}" in str(dv.sqref)]
    assert status and status[0].type == "list"
    lists = book["Lists"]
    column = next(c for c in lists[1] if c.value == "Briefing Status")
    assert [lists.cell(r, column.column).value for r in (2, 3)] == ["Draft", "Final"]
    instructions = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "Previous" in instructions and "blank means Final" in instructions


def test_a_version_1_workbook_is_final_with_no_previous(tmp_path):
    result = read_briefing(write_workbook(tmp_path / "v1.xlsx", valid_sheets()))
    assert result.ok and result.value.previous is None and result.value.status == "Final"
    assert not result.value.is_draft


def test_previous_and_status_are_read_and_checked_at_their_cells(tmp_path):
    sheets = set_field(set_field(valid_sheets(), "Previous", "RT-T-0"), "Status", "draft")
    result = read_briefing(write_workbook(tmp_path / "ok.xlsx", sheets))
    assert result.ok and (result.value.previous, result.value.status) == ("RT-T-0", "Draft")
    sheets = set_field(set_field(valid_sheets(), "Previous", "../etc"), "Status", "Almost")
    issues = {(i.code, str(i.location)) for i in read_briefing(write_workbook(tmp_path / "bad.xlsx", sheets)).issues}
    assert ("bad-reference", "Briefing!B8") in issues and ("bad-enum", "Briefing!B9") in issues


def test_a_draft_pdf_says_draft_on_its_pages_and_in_its_title(run_cli, tmp_path):
    draft = write_briefing(tmp_path / "draft.xlsx", dataclasses.replace(sample_briefing(), status="Draft"))
    code, out, err = run_cli("build", draft, "-o", tmp_path / "out", "--format", "pdf")
    assert code == 0, out + err
    pdf = tmp_path / "out" / "MRA-2025-017.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all("DRAFT" in page for page in pages.split("\f") if page.strip())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title: +DRAFT: The Taliban", info, re.M), info
