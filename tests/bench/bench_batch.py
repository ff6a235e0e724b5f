"""Batch throughput (packs/s, 1 job vs all CPUs), worker memory, and PDF conversion the batch way."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reporttool.packs.executors import Executor, LocalPool
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


def pack_run(folder: Path, count: int, executor: Executor) -> float:
    """Seconds for a whole forced run (packs, zips, summary) on the given executor."""
    clients = manifest(folder / f"clients{count}.xlsx", count)
    loaded = load_inputs(clients, [EXAMPLE], None, Limits(), "bench")
    out = folder / f"out-{count}-{type(executor).__name__}"
    start = time.perf_counter()
    packs, failed = plan(loaded.inputs)
    with executor:
        results = executor.run(packs, loaded.inputs, out, True, lambda r: None) + failed
    write_summary(results, write_client_zips(results, out), out)
    elapsed = time.perf_counter() - start
    assert all(r.status == "built" for r in results)
    return elapsed


def fresh_run(folder: Path, count: int, jobs: int) -> tuple[float, float]:
    """pack_run in a fresh process: seconds, and the peak RSS in MiB of that run's workers alone (a
    lifetime maximum over every child the bench ever ran could not show growth)."""
    out = subprocess.run([sys.executable, "-m", "tests.bench.bench_batch", str(folder), str(count), str(jobs)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    measured = json.loads(out.splitlines()[-1])
    return measured["seconds"], measured["peak_mib"]


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
    fair = one_process_per_file_ms(folder / "single", docx, 4 * jobs, jobs)
    kept = kept_office_ms(docx, len(pending), jobs)
    floor = opening_ms(folder / "floor", docx, len(pending), jobs)
    return [row(f"PDF per file, batch way ({len(pending)} files, {jobs} jobs)", ours,
                f"one soffice per file, {jobs} at once", fair, "<= 150 ms and >= 2x (same profile and filter)",
                ours <= 150 and fair >= 2 * ours),
            row(f"PDF per file, kept LibreOffice ({jobs} cluster workers' way)", kept, "PDF per file, batch way", ours,
                "within 1.25x of the batch way", kept <= 1.25 * ours),
            row(f"LibreOffice only opening the same files (docx -> txt, {jobs} jobs)", floor,
                "PDF per file, batch way", ours, "- (what no PDF setting can go below)", True)]


def prepared_profile(work: Path) -> str:
    """A LibreOffice profile that skips the first-run work, as reporttool prepares it; its URL."""
    from reporttool.pdf.libreoffice import PROFILE_SETTINGS

    (work / "profile" / "user").mkdir(parents=True)
    (work / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    return (work / "profile").as_uri()


def one_process_per_file_ms(folder: Path, docx: bytes, count: int, jobs: int) -> float:
    """The fair baseline for the batch way: one soffice per file, `jobs` at once, each with a prepared
    profile and reporttool's PDF filter; all that differs is LibreOffice's start-up per file."""
    from reporttool.pdf.libreoffice import PDF_FILTER

    def convert_all(job: int) -> None:
        work = folder / str(job)
        profile = prepared_profile(work)
        for i in range(job, count, jobs):
            (work / f"f{i}.docx").write_bytes(docx)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", PDF_FILTER,
                            "--outdir", str(work / "out"), str(work / f"f{i}.docx")], check=True, capture_output=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(convert_all, range(jobs)))
    return (time.perf_counter() - start) / count * 1000


def kept_office_ms(docx: bytes, count: int, jobs: int) -> float:
    """Per file, `jobs` kept LibreOffices converting at once (a cluster worker's way), started beforehand."""
    from reporttool.pdf.office import Office

    offices = [Office() for _ in range(jobs)]
    try:
        for office in offices:
            office.convert(docx)
        start = time.perf_counter()
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda office: [office.convert(docx) for _ in range(count // jobs)], offices))
        return (time.perf_counter() - start) / (count // jobs * jobs) * 1000
    finally:
        for office in offices:
            office.close()


def opening_ms(folder: Path, docx: bytes, count: int, jobs: int) -> float:
    """Per file, what LibreOffice spends reading the docx and writing its plain text, the batch way
    (`jobs` prepared processes sharing the files): the floor under any PDF conversion of the file."""
    commands = []
    for job in range(jobs):
        work = folder / str(job)
        profile = prepared_profile(work)
        files = [work / f"f{i}.docx" for i in range(job, count, jobs)]
        for file in files:
            file.write_bytes(docx)
        commands.append(["soffice", "--headless", f"-env:UserInstallation={profile}",
                         "--convert-to", "txt", "--outdir", str(work / "out"), *map(str, files)])
    start = time.perf_counter()
    for process in [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]:
        assert process.wait() == 0
    return (time.perf_counter() - start) / count * 1000


def rows() -> list[dict]:
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pack_run(folder, 20, LocalPool(1))  # warm caches and imports
        one = pack_run(folder, 200, LocalPool(1))
        many, peak_small = fresh_run(folder, 200, cpus)
        bigger, peak_big = fresh_run(folder, 800, cpus)
        out = [
            row("200 packs (docx+xlsx), 1 job: ms per pack", one / 200 * 1000, "-", one / 200 * 1000,
                f"{200 / one:.1f} packs/s", True),
            row(f"200 packs (docx+xlsx), {cpus} jobs: ms per pack", many / 200 * 1000, "same run with 1 job",
                one / 200 * 1000, ">= 40 packs/s and >= 1.7x over 1 job", 200 / many >= 40 and one / many >= 1.7,
                peak_small),
            row(f"800 packs, {cpus} jobs: ms per pack (memory flat?)", bigger / 800 * 1000, "200 packs",
                many / 200 * 1000, "worker peak RSS flat in clients (fresh runs)", peak_big <= peak_small * 1.2 + 5,
                peak_big),
        ]
        return out + pdf_rows(folder, cpus)


if __name__ == "__main__":  # one measured run in this fresh process: FOLDER COUNT JOBS
    import reporttool.docx.render  # noqa: F401  (imported before the workers fork, as a warm run would)
    import reporttool.xlsx.render  # noqa: F401

    seconds = pack_run(Path(sys.argv[1]), int(sys.argv[2]), LocalPool(int(sys.argv[3])))
    print(json.dumps({"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
