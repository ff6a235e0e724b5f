"""The clients manifest is checked whole by `validate --clients`: brands at their cell, known brands listed."""
from __future__ import annotations

from reporttool.workbook.load import read_clients
from tests.workbooks import write_workbook


def _issues(tmp_path, brands: list[str]):
    rows = [["Client", "Brand"], *([f"Client {i}", b] for i, b in enumerate(brands))]
    return read_clients(write_workbook(tmp_path / "c.xlsx", {"Clients": rows})).issues


def test_a_brand_that_names_no_brand_is_an_error_at_its_cell_listing_the_known_brands(tmp_path):
    issues = _issues(tmp_path, ["Northgate Intelligence", "northgate", "Northgate Intelligence", ""])
    assert [(str(i.location), i.code) for i in issues] == [("Clients!B2", "unknown-brand"),
                                                           ("Clients!B4", "unknown-brand")]
    assert "meridian" in issues[0].hint and "northgate" in issues[0].hint


def test_a_brand_folder_that_fails_its_check_is_an_error_at_its_cell(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "brand.toml").write_text('name = "Broken"\nbands = []\n')
    issues = _issues(tmp_path, [str(folder)])
    assert [(str(i.location), i.code) for i in issues] == [("Clients!B2", "bad-brand")]
    assert "brand check" in issues[0].hint


def test_validate_clients_reports_the_unknown_brand(tmp_path, run_cli):
    path = write_workbook(tmp_path / "c.xlsx", {"Clients": [["Client", "Brand"], ["Acme", "Northgate Intelligence"]]})
    code, out, _ = run_cli("validate", "--clients", path)
    assert code == 1
    assert "Clients!B2: error (Brand): no brand is named 'Northgate Intelligence' [unknown-brand]" in out


def test_a_workbook_of_the_other_kind_is_named_for_what_it_is(tmp_path):
    # swapped arguments or a missing --clients gave one missing-sheet error per sheet of the other kind
    from reporttool.workbook.load import read_briefing, read_clients
    from tests.workbooks import valid_sheets, write_workbook

    briefing = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    manifest = write_workbook(tmp_path / "c.xlsx", {"Clients": [["Client"], ["Acme"]]})
    (as_manifest,) = read_clients(briefing).issues
    assert as_manifest.message == "b.xlsx is a briefing workbook, not a clients manifest"
    (as_briefing,) = read_briefing(manifest).issues
    assert as_briefing.message == "c.xlsx is a clients manifest, not a briefing workbook"
    assert "validate --clients" in as_briefing.hint
