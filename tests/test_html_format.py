"""html as an output format like the others: `build --format html`, a manifest's Formats, the packs' zips."""
from __future__ import annotations

import json
import zipfile

from reporttool.workbook.load import read_briefing
from tests.conftest import ROOT
from tests.html_reading import one, parse, text
from tests.test_batch import briefing_sheets, expected_risks, run_batch
from tests.workbooks import write_workbook

EXAMPLE = ROOT / "examples" / "briefing.xlsx"


def heat_map_ids(data: bytes) -> list[str]:
    return [text(li) for li in one(parse(data), "//table[@class='heat-map']").xpath(".//li")]


def test_build_format_html_writes_the_page_alone_the_same_bytes_each_time(tmp_path, run_cli):
    for folder in ("a", "b"):
        code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path / folder, "--format", "html")
        assert code == 0, out + err
        assert [p.name for p in (tmp_path / folder).iterdir()] == ["RT-2025-014.html"]
    data = (tmp_path / "a" / "RT-2025-014.html").read_bytes()
    assert data == (tmp_path / "b" / "RT-2025-014.html").read_bytes()
    briefing = read_briefing(EXAMPLE).value
    page = parse(data)
    assert text(one(page, "//h1")) == briefing.title
    assert sorted(heat_map_ids(data)) == sorted(r.id for r in briefing.risks)
    assert [text(li.xpath("strong")[0]) for li in page.xpath("//ol[@class='sources']/li")] == \
           [s.title for s in briefing.sources]


def test_html_in_a_manifests_formats_reaches_the_clients_folder_zip_and_summary(tmp_path):
    sheets = briefing_sheets("RT-A", 0)  # Acme gets 3 of its 8 risks
    briefing = write_workbook(tmp_path / "a.xlsx", sheets)
    rows = [["Client", "Contact", "Email", "Sectors", "Regions", "Briefings", "Minimum rating", "Formats"],
            ["Acme", "Ann", "ann@acme.example", "Energy", "Central Asia", "", "Medium", "html"],
            ["Beta", "", "", "", "", "", "", "docx; html"]]
    write_workbook(tmp_path / "clients.xlsx", {"Clients": rows})
    proc = run_batch(tmp_path / "clients.xlsx", briefing, "-o", tmp_path / "out", "--jobs", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = tmp_path / "out"
    summary = {r["client"]: r for r in json.loads((out / "summary.json").read_text())}
    assert summary["Acme"]["files"] == ["acme/RT-A.html"]
    assert summary["Beta"]["files"] == ["beta/RT-A.docx", "beta/RT-A.html"]
    for client_row, slug, expected in ((rows[1], "acme", 3), (rows[2], "beta", 8)):
        data = (out / slug / "RT-A.html").read_bytes()
        chosen = expected_risks(sheets["Risks"], client_row)
        assert len(chosen) == expected and sorted(heat_map_ids(data)) == sorted(chosen)
        assert text(one(parse(data), "//p[@class='meta client']")).startswith(f"Prepared for {client_row[0]}")
        with zipfile.ZipFile(out / f"{slug}.zip") as archive:
            assert archive.read("RT-A.html") == data
