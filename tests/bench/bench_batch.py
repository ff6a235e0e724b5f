"""Batch throughput (packs/s, 1 job vs all CPUs), worker memory, and PDF conversion the batch way."""
from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from reporttool.packs.build import run_packs
from reporttool.packs.plan import plan
from reporttool.packs.summary import write_summary
from reporttool.packs.zips import write_client_zips
from reporttool.packs.inputs import load_inputs
from reporttool.building import render_formats
from reporttool.brand.folder import load_brand
from reporttool.workbook.load import read_briefing
from reporttool.workbook.package import Limits
from tests.bench.common import row
from tests.conftest import ROOT
from tests.workbooks import write_workbook

EXAMPLE = ROOT / "examples" / "briefing.xlsx"


def manifest(path: Path, count: int, formats: str = "docx; xlsx") -> Path:
    sectors = ["Energy", "Mining", "Logistics", "Financial services", ""]
    rows = [["Client", "Sectors", "Minimum rating", "Formats"]]
    rows += [[f"Client {i:04d}", sectors[i % 5], ["", "Low", "Medium", "High"][i % 4], formats] for i in range(count)]
    return write_workbook(path, {"Clients": rows})


def pack_run(folder: Path, count: int, jobs: int) -> tuple[float, float]:
    """Seconds for a whole forced run (packs, zips, summary) and the largest worker RSS in MiB."""
    clients = manifest(folder / f"clients{count}.xlsx", count)
    loaded = load_inputs(clients, [EXAMPLE], None, Limits(), "bench")
    out = folder / f"out-{count}-{jobs}"
    start = time.perf_counter()
    packs, failed = plan(loaded.inputs)
    results = run_packs(packs, loaded.inputs, out, jobs, True, lambda r: None) + failed
    write_summary(results, write_client_zips(results, out), out)
    elapsed = time.perf_counter() - start
    assert all(r.status == "built" for r in results)
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def pdf_rows(folder: Path, jobs: int) -> list[dict]:
    from reporttool.packs.build import make_pdfs

    briefing = read_briefing(EXAMPLE).value
    docx = render_formats(briefing, load_brand(), ("docx",))["docx"]
    loaded = load_inputs(manifest(folder / "pdf.xlsx", 40, "pdf"), [EXAMPLE], None, Limits(), "bench")
    packs, _ = plan(loaded.inputs)
    from reporttool.packs.plan import PackResult

    pending = [(p, PackResult(p.client.client, p.slug, p.reference, "built"), docx) for p in packs]
    start = time.perf_counter()
    make_pdfs(pending, folder / "pdf-out", jobs, lambda r: None)
    ours = (time.perf_counter() - start) / len(pending) * 1000
    assert all(r.status == "built" for _, r, _ in pending)
    single = folder / "single"
    single.mkdir()
    sample = 4
    for i in range(sample):
        (single / f"b{i}.docx").write_bytes(docx)
    start = time.perf_counter()
    for i in range(sample):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{single}/profile{i}", "--convert-to",
                        "pdf", "--outdir", str(single), str(single / f"b{i}.docx")], check=True, capture_output=True)
    theirs = (time.perf_counter() - start) / sample * 1000
    floor = opening_ms(folder / "floor", docx, len(pending), jobs)
    return [row(f"PDF per file, batch way ({len(pending)} files, {jobs} jobs)", ours,
                "one soffice process per file", theirs, "<= 150 ms and >= 5x", ours <= 150 and theirs >= 5 * ours),
            row(f"LibreOffice only opening the same files (docx -> txt, {jobs} jobs)", floor,
                "PDF per file, batch way", ours, "- (what no PDF setting can go below)", True)]


def opening_ms(folder: Path, docx: bytes, count: int, jobs: int) -> float:
    """Per file, what LibreOffice spends reading the docx and writing its plain text, the batch way
    (`jobs` prepared processes sharing the files): the floor under any PDF conversion of the file."""
    from reporttool.pdf.libreoffice import PROFILE_SETTINGS

    commands = []
    for job in range(jobs):
        work = folder / str(job)
        (work / "profile" / "user").mkdir(parents=True)
        (work / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        files = [work / f"f{i}.docx" for i in range(job, count, jobs)]
        for file in files:
            file.write_bytes(docx)
        commands.append(["soffice", "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                         "--convert-to", "txt", "--outdir", str(work / "out"), *map(str, files)])
    start = time.perf_counter()
    for process in [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]:
        assert process.wait() == 0
    return (time.perf_counter() - start) / count * 1000


def rows() -> list[dict]:
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pack_run(folder, 20, 1)  # warm caches and imports
        one, _ = pack_run(folder, 200, 1)
        many, peak_small = pack_run(folder, 200, cpus)
        bigger, peak_big = pack_run(folder, 800, cpus)
        out = [
            row("200 packs (docx+xlsx), 1 job: ms per pack", one / 200 * 1000, "-", one / 200 * 1000,
                f"{200 / one:.1f} packs/s", True),
            row(f"200 packs (docx+xlsx), {cpus} jobs: ms per pack", many / 200 * 1000, "same run with 1 job",
                one / 200 * 1000, ">= 40 packs/s and >= 1.7x over 1 job", 200 / many >= 40 and one / many >= 1.7,
                peak_small),
            row(f"800 packs, {cpus} jobs: ms per pack (memory flat?)", bigger / 800 * 1000, "200 packs",
                many / 200 * 1000, "worker peak RSS flat in clients", peak_big <= peak_small * 1.2 + 5, peak_big),
        ]
        return out + pdf_rows(folder, cpus)
