"""Lists of names read the same separators in the briefing and the manifest, so no client silently loses risks."""
from __future__ import annotations

from reporttool.packs.selection import risks_for, why_left_out
from reporttool.values import DEFAULT_BANDS
from reporttool.workbook.load import read_briefing, read_clients
from tests.workbooks import set_cell, valid_sheets, write_workbook


def _briefing(tmp_path, sectors: str, regions: str = ""):
    sheets = set_cell(valid_sheets(), "Risks", "Sectors", sectors)
    set_cell(sheets, "Risks", "Regions", regions)
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    assert result.ok, result.issues
    return result.value


def _clients(tmp_path, sectors: str, regions: str = "", briefings: str = ""):
    rows = [["Client", "Sectors", "Regions", "Briefings"], ["Acme", sectors, regions, briefings]]
    result = read_clients(write_workbook(tmp_path / "c.xlsx", {"Clients": rows}))
    assert result.ok, result.issues
    return result.value[0]


def test_commas_semicolons_and_line_breaks_all_separate_sectors(tmp_path):
    risk = _briefing(tmp_path, "Energy, Financial services;Insurance\nMining").risks[0]
    assert risk.sectors == ("Energy", "Financial services", "Insurance", "Mining")


def test_a_client_typing_commas_gets_the_risks_of_each_sector(tmp_path):
    briefing = _briefing(tmp_path, "Energy, Financial services, Insurance", "Europe, Central Asia")
    client = _clients(tmp_path, "Insurance, Financial services", "Central Asia", "RT-T-1, RT-X")
    assert client.sectors == ("Insurance", "Financial services")
    assert client.briefings == ("RT-T-1", "RT-X")
    assert [r.id for r in risks_for(briefing, client, DEFAULT_BANDS)] == ["R1"]


def test_a_name_holding_a_comma_is_typed_in_double_quotes(tmp_path):
    risk = _briefing(tmp_path, "Energy", '"Korea, Republic of"; Japan').risks[0]
    assert risk.regions == ("Korea, Republic of", "Japan")


def test_a_name_holding_a_comma_is_explained_in_double_quotes_too(tmp_path):
    # "region Korea, Republic of, Japan" would read as three regions in the dry run and the summary
    risk = _briefing(tmp_path, "Energy", '"Korea, Republic of"; Japan').risks[0]
    client = _clients(tmp_path, "", '"Congo, Democratic Republic of the"')
    assert why_left_out(risk, client, DEFAULT_BANDS) == (
        'region "Korea, Republic of", Japan (the client\'s: "Congo, Democratic Republic of the")')
