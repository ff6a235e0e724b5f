"""Client packs: each client gets exactly the risks its rules select, in its formats, zipped and summarised."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import signal
import subprocess
import time
import zipfile

import openpyxl
import pytest
from docx import Document

from tests.conftest import CLI, as_in_a_terminal
from tests.workbooks import valid_sheets, write_workbook

SECTORS = ["Energy", "Mining", "Logistics", "Financial services", "Technology"]
REGIONS = ["Central Asia", "South Asia", "Russia", "Europe"]
RATINGS = ["Low", "Medium", "High", "Critical"]


def briefing_sheets(reference: str, seed: int) -> dict:
    """A valid briefing whose risks spread over sectors, regions and every rating band."""
    rng = random.Random(seed)
    sheets = valid_sheets()
    sheets["Briefing"][1][1] = reference
    header = ["ID", "Risk", "Category", "Likelihood", "Impact", "Sectors", "Regions"]
    rows = [header]
    for i in range(1, 9):
        sectors = "All" if i == 1 else "; ".join(rng.sample(SECTORS, rng.randint(0, 2)))
        regions = "" if i == 2 else "; ".join(rng.sample(REGIONS, rng.randint(1, 2)))
        rows.append([f"{reference}-K{i}", f"Risk {i} of {reference}", "Security", rng.randint(1, 5),
                     rng.randint(1, 5), sectors, regions])
    sheets["Risks"] = rows
    return sheets


def clients_sheet(count: int, references: list[str], pdf_clients: int = 0) -> dict:
    rng = random.Random(7)
    rows = [["Client", "Contact", "Email", "Sectors", "Regions", "Briefings", "Minimum rating", "Formats"]]
    for i in range(count):
        formats = "docx; xlsx; pdf" if i < pdf_clients else rng.choice(["docx", "xlsx", "docx; xlsx", ""])
        rows.append([f"Client {i:03d} Ltd", f"Contact {i}", f"c{i}@example.com",
                     "; ".join(rng.sample(SECTORS, rng.randint(0, 2))),
                     "; ".join(rng.sample(REGIONS, rng.randint(0, 2))),
                     rng.choice(["", "", references[0], "; ".join(references[:2])]),
                     rng.choice(["", *RATINGS]), formats])
    return {"Clients": rows}


def expected_risks(risk_rows: list[list], client_row: list) -> list[str]:
    """The selection rules, computed independently of reporttool.selection."""
    _, _, _, sectors, regions, _, minimum, _ = client_row
    want_sectors = {s.strip().lower() for s in sectors.split(";") if s.strip()}
    want_regions = {s.strip().lower() for s in regions.split(";") if s.strip()}
    floor = {"": 0, "Low": 1, "Medium": 5, "High": 10, "Critical": 17}[minimum]
    chosen = []
    for rid, _, _, likelihood, impact, risk_sectors, risk_regions in risk_rows[1:]:
        have_s = {s.strip().lower() for s in risk_sectors.split(";") if s.strip()}
        have_r = {s.strip().lower() for s in risk_regions.split(";") if s.strip()}
        sector_ok = not want_sectors or not have_s or "all" in have_s or bool(want_sectors & have_s)
        region_ok = not want_regions or not have_r or "all" in have_r or bool(want_regions & have_r)
        if sector_ok and region_ok and likelihood * impact >= floor:
            chosen.append(rid)
    return chosen


def run_batch(*args, timeout=600):
    return subprocess.run([str(CLI), "batch", *map(str, args)], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    references = ["RT-A", "RT-B", "RT-C"]
    briefings = {ref: briefing_sheets(ref, seed) for seed, ref in enumerate(references)}
    paths = [write_workbook(folder / f"{ref}.xlsx", sheets) for ref, sheets in briefings.items()]
    manifest = clients_sheet(60, references, pdf_clients=3)
    write_workbook(folder / "clients.xlsx", manifest)
    out = folder / "out"
    proc = run_batch(folder / "clients.xlsx", *paths, "-o", out, "--jobs", "2")
    return folder, out, proc, briefings, manifest, paths


def test_every_pack_holds_exactly_the_selected_risks(batch_run):
    folder, out, proc, briefings, manifest, _ = batch_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = {(r["client"], r["briefing"]): r for r in json.loads((out / "summary.json").read_text())}
    checked = 0
    for row in manifest["Clients"][1:]:
        wanted = [r.strip() for r in row[5].split(";") if r.strip()] or list(briefings)
        for reference in wanted:
            entry = summary[(row[0], reference)]
            expected = expected_risks(briefings[reference]["Risks"], row)
            assert entry["status"] == "built"
            assert entry["risks"] == expected, (row, reference)
            formats = [f.strip() for f in row[7].split(";") if f.strip()] or ["docx", "xlsx"]
            names = sorted(os.path.basename(f) for f in entry["files"])
            assert names == sorted({"docx": f"{reference}.docx", "xlsx": f"{reference}-risk-matrix.xlsx",
                                    "pdf": f"{reference}.pdf"}[f] for f in formats)
            _assert_document_risks(out / entry["folder"], reference, formats, expected, briefings[reference])
            checked += 1
    assert len(summary) == checked >= 60


def _assert_document_risks(folder, reference, formats, expected, sheets):
    all_ids = [r[0] for r in sheets["Risks"][1:]]
    if "xlsx" in formats:
        book = openpyxl.load_workbook(folder / f"{reference}-risk-matrix.xlsx", read_only=True)
        ids = [r[0] for r in book["Register"].iter_rows(min_row=2, values_only=True) if r[0]]
        assert sorted(ids) == sorted(expected)
    if "docx" in formats:
        text = "\n".join(p.text for p in Document(folder / f"{reference}.docx").paragraphs)
        tables = "\n".join(c.text for t in Document(folder / f"{reference}.docx").tables
                           for r in t.rows for c in r.cells)
        for rid in all_ids:
            assert (rid in text + tables) == (rid in expected), rid


def test_zips_and_summary_match_the_disk(batch_run):
    _, out, _, _, _, _ = batch_run
    rows = json.loads((out / "summary.json").read_text())
    with open(out / "summary.csv", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(rows)
    by_zip = {}
    for row in rows:
        for name, digest in zip(row["files"], row["sha256"]):
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
            by_zip.setdefault(row["zip"], {})[name.split("/", 1)[1]] = (out / name).read_bytes()
        assert hashlib.sha256((out / row["zip"]).read_bytes()).hexdigest() == row["zip_sha256"]
    for zip_name, members in by_zip.items():
        with zipfile.ZipFile(out / zip_name) as archive:
            assert {n: archive.read(n) for n in archive.namelist()} == members


def test_pdf_packs_are_real_pdfs(batch_run):
    _, out, _, _, _, _ = batch_run
    pdfs = sorted(out.glob("*/*.pdf"))
    assert len(pdfs) >= 3
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "A test briefing" in text


def test_rerun_skips_unchanged_packs_and_force_rebuilds(batch_run):
    folder, out, _, _, _, paths = batch_run
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/*.docx")}
    proc = run_batch(folder / "clients.xlsx", *paths, "-o", out, "--jobs", "2")
    assert proc.returncode == 0
    assert "0 built" in proc.stdout and "0 failed" in proc.stdout
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/*.docx")} == before
    rows = json.loads((out / "summary.json").read_text())
    assert {r["status"] for r in rows} == {"skipped"}


def test_a_bad_manifest_row_stops_the_run_before_writing(tmp_path):
    briefing = write_workbook(tmp_path / "b.xlsx", briefing_sheets("RT-A", 1))
    manifest = clients_sheet(5, ["RT-A"])
    manifest["Clients"][3][6] = "Severe"
    write_workbook(tmp_path / "clients.xlsx", manifest)
    proc = run_batch(tmp_path / "clients.xlsx", briefing, "-o", tmp_path / "out")
    assert proc.returncode == 1
    assert "Clients!G4" in proc.stdout and "bad-enum" in proc.stdout
    assert not (tmp_path / "out").exists()


def test_a_broken_briefing_fails_its_packs_alone(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", briefing_sheets("RT-A", 1))
    broken_sheets = briefing_sheets("RT-B", 2)
    broken_sheets["Risks"][1][3] = 9
    broken = write_workbook(tmp_path / "broken.xlsx", broken_sheets)
    write_workbook(tmp_path / "clients.xlsx", {"Clients": [["Client", "Formats"], ["Acme", "docx"], ["Beta", "xlsx"]]})
    proc = run_batch(tmp_path / "clients.xlsx", good, broken, "-o", tmp_path / "out", "--jobs", "1")
    assert proc.returncode == 1
    assert "broken.xlsx" in proc.stdout and "Risks!D2" in proc.stdout
    rows = json.loads((tmp_path / "out" / "summary.json").read_text())
    status = {(r["client"], r["briefing"]): r["status"] for r in rows}
    assert status == {("Acme", "RT-A"): "built", ("Beta", "RT-A"): "built",
                      ("Acme", "RT-B"): "failed", ("Beta", "RT-B"): "failed"}  # named by its Reference
    assert all("broken.xlsx has 1 validation error" in r["error"] for r in rows if r["briefing"] == "RT-B")
    assert (tmp_path / "out" / "acme" / "RT-A.docx").is_file()


def test_two_briefings_with_one_reference_stop_the_run_naming_both(tmp_path):
    first = write_workbook(tmp_path / "v1.xlsx", briefing_sheets("RT-A", 1))
    second = write_workbook(tmp_path / "v2 final.xlsx", briefing_sheets("RT-A", 2))
    write_workbook(tmp_path / "clients.xlsx", {"Clients": [["Client", "Formats"], ["Acme", "docx"]]})
    proc = run_batch(tmp_path / "clients.xlsx", first, second, "-o", tmp_path / "out")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert f"v2 final.xlsx has the Reference RT-A, as {first} does" in proc.stdout
    assert f"{second}: not valid: 1 error(s)" in proc.stdout and "clients.xlsx: not valid" not in proc.stdout
    assert not (tmp_path / "out").exists()


def test_one_briefing_named_twice_is_one_briefing(tmp_path):
    # overlapping globs or a.xlsx ./a.xlsx: "a.xlsx has the Reference RT-A, as a.xlsx does" stopped the run
    first = write_workbook(tmp_path / "v1.xlsx", briefing_sheets("RT-A", 1))
    write_workbook(tmp_path / "clients.xlsx", {"Clients": [["Client", "Formats"], ["Acme", "docx"]]})
    proc = run_batch(tmp_path / "clients.xlsx", first, f"{tmp_path}/./v1.xlsx", "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "out" / "acme" / "RT-A.docx").is_file()


def test_an_interrupted_run_is_completed_by_a_rerun(tmp_path):
    paths = [write_workbook(tmp_path / f"{r}.xlsx", briefing_sheets(r, i)) for i, r in enumerate(["RT-A", "RT-B"])]
    write_workbook(tmp_path / "clients.xlsx", clients_sheet(120, ["RT-A", "RT-B"]))
    out = tmp_path / "out"
    args = [str(CLI), "batch", str(tmp_path / "clients.xlsx"), *map(str, paths), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*/*.docx"))) < 20:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "summary.json").exists(), "the run finished before it could be interrupted"
    rerun = run_batch(tmp_path / "clients.xlsx", *paths, "-o", out, "--jobs", "2")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert not list(out.glob("**/.*.part"))
    rows = json.loads((out / "summary.json").read_text())
    assert {r["status"] for r in rows} <= {"built", "skipped"} and "skipped" in {r["status"] for r in rows}
    for row in rows:
        for name, digest in zip(row["files"], row["sha256"]):
            data = (out / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest
            zipfile.ZipFile(out / name).testzip()


def test_without_libreoffice_pdf_packs_fail_and_the_rest_build(tmp_path):
    briefing = write_workbook(tmp_path / "b.xlsx", briefing_sheets("RT-A", 1))
    write_workbook(tmp_path / "clients.xlsx", {"Clients": [["Client", "Formats"], ["Acme", "pdf"], ["Beta", "docx"]]})
    env = {**os.environ, "PATH": os.path.dirname(str(CLI))}
    proc = subprocess.run([str(CLI), "batch", str(tmp_path / "clients.xlsx"), str(briefing), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1
    rows = {r["client"]: r for r in json.loads((tmp_path / "out" / "summary.json").read_text())}
    assert rows["Beta"]["status"] == "built"
    assert rows["Acme"]["status"] == "failed" and "apt-get install" in rows["Acme"]["error"]
    assert rows["Acme"]["zip"] == "" and not (tmp_path / "out" / "acme.zip").exists()  # nothing to send
    assert zipfile.ZipFile(tmp_path / "out" / "beta.zip").namelist() == ["RT-A.docx"]


def test_ctrl_c_stops_cleanly_without_tracebacks(tmp_path):
    paths = [write_workbook(tmp_path / "RT-A.xlsx", briefing_sheets("RT-A", 1))]
    # Enough clients that the run cannot finish between the poll below and the signal on a busy machine
    write_workbook(tmp_path / "clients.xlsx", clients_sheet(1500, ["RT-A"]))
    out = tmp_path / "out"
    args = [str(CLI), "batch", str(tmp_path / "clients.xlsx"), *map(str, paths), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=as_in_a_terminal)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*/*.*"))) < 10:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert not list(out.glob("**/.*.part"))


def test_a_failed_pdf_never_reports_the_stale_pdf_of_an_earlier_run(tmp_path, monkeypatch):
    from reporttool import building
    from reporttool.model import Client
    from reporttool.packs import build as batch
    from reporttool.packs.plan import Pack, PackResult
    from reporttool.packs.state import STATE_SUFFIX

    def fail(jobs, timeout):
        raise building.PdfFailed("LibreOffice could not convert it")

    monkeypatch.setattr(building, "write_pdfs", fail)
    pack = Pack(Client("Acme", formats=("pdf",)), "acme", "RT-A", "meridian", ("pdf",), "new-inputs")
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "RT-A.pdf").write_bytes(b"%PDF from the previous run")
    result = PackResult("Acme", "acme", "RT-A", "built")
    ((_, done),) = batch._convert_chunk([(pack, result, b"docx")], tmp_path)
    assert done.status == "failed" and done.files == {}
    assert done.error == "the PDF could not be made: LibreOffice could not convert it"  # LibreOffice's own cause
    assert not (tmp_path / "acme" / f".RT-A{STATE_SUFFIX}").exists()


@pytest.mark.parametrize("name, slug", [("Société Générale", "societe-generale"), ("Газпром нефть", "газпром-нефть"),
                                        ("삼성전자", "삼성전자"), ("Acme & Co. (UK)", "acme-co-uk"), ("CON", "con-client"), ("Outbox", "outbox-client"),
                                        ("!!!", "client")])
def test_client_folders_keep_the_name_readable_in_any_script(name, slug):
    from reporttool.packs.plan import slugify

    assert slugify(name) == slug


@pytest.mark.parametrize("value, cell", [("=4+5", "'=4+5"), ("\r=4+5", "'=4+5"), ("\t=2+3", "'=2+3"),
                                         ("＝SUM(A1)", "'＝SUM(A1)"), ("Acme\nLtd", "Acme Ltd"), ("Acme", "Acme")])
def test_summary_csv_cells_can_neither_run_a_formula_nor_break_a_row(value, cell):
    from reporttool.packs.summary import _csv_cell

    assert _csv_cell(value) == cell


def test_leftovers_of_a_dead_run_are_cleaned_but_a_running_ones_work_is_not(tmp_path):
    from reporttool.packs.state import clean_leftovers

    dead = subprocess.Popen(["true"])
    dead.wait()
    mine = tmp_path / "acme" / f".RT-A.docx.{os.getpid()}.k2j_x.part"
    theirs = [tmp_path / "acme" / f".RT-A.docx.{dead.pid}.q9z.part", tmp_path / f".pdf-{dead.pid}-abc"]
    mine.parent.mkdir()
    mine.write_bytes(b"in progress")
    theirs[0].write_bytes(b"half")
    theirs[1].mkdir()
    clean_leftovers(tmp_path)
    assert mine.exists() and not any(p.exists() for p in theirs)
