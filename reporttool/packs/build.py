"""Client packs in batch: manifest -> per-client briefing -> renderers -> client folders, zips, summary.

Batch never re-reads a workbook per client: each briefing is read once, filtered per client in memory,
and rendered in worker processes. Every file is written to a temporary name and renamed, and a
state file per pack records its inputs, so a rerun skips what has not changed and an interrupted
run leaves nothing half-written behind.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..brand.folder import Brand
from ..building import output_name, render_formats
from ..files import owner_gone, write_atomic
from ..model import Briefing, Client
from .selection import briefing_for
from ..zipping import write_zip

PDF_CHUNK = 20  # files per LibreOffice run: start-up is paid once per chunk
PDF_SECONDS_PER_FILE = 20.0
STATE_SUFFIX = ".pack.json"


@dataclass(frozen=True)
class Pack:
    """One client's copy of one briefing, and everything that decides its content."""

    client: Client
    slug: str
    reference: str
    brand_key: str
    formats: tuple[str, ...]
    inputs: str  # hash of every input; a rerun with the same hash skips the pack


@dataclass
class PackResult:
    client: str
    slug: str
    briefing: str
    status: str  # built, skipped, failed
    files: dict[str, str] = field(default_factory=dict)  # path relative to OUTDIR -> sha256
    risks: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Inputs:
    """What a batch run works from, read and checked before anything is written."""

    clients: tuple[Client, ...]
    briefings: dict[str, Briefing]  # by Reference
    briefing_hashes: dict[str, str]
    broken: dict[str, str]  # file name -> why it could not be used
    brands: dict[str, Brand]
    brand_hashes: dict[str, str]
    run_brand: str
    version: str


_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(name: str) -> str:
    """A folder name readable in any script: accents dropped (Société -> societe), other letters kept
    (Газпром stays), every run of anything else one hyphen; never a name Windows refuses."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", bare).casefold())
    slug = "-".join(words)[:64].strip("-")
    return (slug + "-client" if slug in _WINDOWS_RESERVED else slug) or "client"


def client_slugs(clients: Iterable[Client]) -> dict[str, str]:
    """A folder name per client, unique even when two names slugify alike."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for client in clients:
        base = slug = slugify(client.client)
        counter = 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add(slug)
        slugs[client.client] = slug
    return slugs


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_folder(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()


def plan(inputs: Inputs) -> tuple[list[Pack], list[PackResult]]:
    """Every pack to make, and the rows that fail up front (a briefing that is broken or not given)."""
    packs, failed = [], []
    slugs = client_slugs(inputs.clients)
    for client in inputs.clients:
        wanted = client.briefings or tuple(inputs.briefings) + tuple(inputs.broken)
        for reference in dict.fromkeys(wanted):
            if reference not in inputs.briefings:
                why = inputs.broken.get(reference, f"briefing {reference} was not given to this run")
                failed.append(PackResult(client.client, slugs[client.client], reference, "failed", error=why))
                continue
            packs.append(_pack(inputs, client, slugs[client.client], reference))
    return packs, failed


def _pack(inputs: Inputs, client: Client, slug: str, reference: str) -> Pack:
    brand_key = client.brand or inputs.run_brand
    record = json.dumps({"client": dataclasses.asdict(client), "briefing": inputs.briefing_hashes[reference],
                         "brand": inputs.brand_hashes[brand_key], "version": inputs.version}, sort_keys=True)
    return Pack(client, slug, reference, brand_key, client.formats, hashlib.sha256(record.encode()).hexdigest())


# Worker state: set once per process (inherited on fork), so tasks carry only a pack.
_STATE: dict[str, object] = {}


def _init_worker(inputs: Inputs, outdir: Path, force: bool) -> None:
    _STATE.update(inputs=inputs, outdir=outdir, force=force)


def _init_pool_worker(inputs: Inputs, outdir: Path, force: bool) -> None:
    """Ctrl-C is the parent's to handle: it stops the pool (with SIGTERM, which must simply end a worker,
    not raise the interrupt the parent's handler turns it into); workers must not print tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init_worker(inputs, outdir, force)


def build_pack(pack: Pack) -> tuple[PackResult, bytes | None]:
    """Render and write one pack's docx/xlsx; return the docx bytes when a PDF is still to be made."""
    inputs: Inputs = _STATE["inputs"]  # type: ignore[assignment]
    outdir: Path = _STATE["outdir"]  # type: ignore[assignment]
    base = PackResult(pack.client.client, pack.slug, pack.reference, "built")
    try:
        if not _STATE["force"] and (kept := _unchanged(pack, outdir)) is not None:
            return dataclasses.replace(base, status="skipped", files=kept[0], risks=kept[1]), None
        brand = inputs.brands[pack.brand_key]
        briefing = briefing_for(inputs.briefings[pack.reference], pack.client, brand.bands)
        result = dataclasses.replace(base, risks=tuple(r.id for r in briefing.risks))
        rendered = render_formats(briefing, brand, pack.formats, pack.client)
        for fmt, data in rendered.items():
            if fmt in pack.formats:
                result.files[_write(outdir, pack, fmt, data)] = hashlib.sha256(data).hexdigest()
        if "pdf" not in pack.formats:
            _save_state(pack, outdir, result)
            return result, None
        return result, rendered["docx"]
    except Exception as exc:  # one pack's failure must not stop the others; it is reported in the summary
        return dataclasses.replace(base, status="failed", error=f"{type(exc).__name__}: {exc}"), None


def _write(outdir: Path, pack: Pack, fmt: str, data: bytes) -> str:
    relative = f"{pack.slug}/{output_name(pack.reference, fmt)}"
    write_atomic(outdir / relative, data)
    return relative


def _state_path(pack: Pack, outdir: Path) -> Path:
    return outdir / pack.slug / f".{pack.reference}{STATE_SUFFIX}"


def _save_state(pack: Pack, outdir: Path, result: PackResult) -> None:
    state = {"inputs": pack.inputs, "files": result.files, "risks": list(result.risks)}
    write_atomic(_state_path(pack, outdir), json.dumps(state, sort_keys=True).encode())


def _unchanged(pack: Pack, outdir: Path) -> tuple[dict[str, str], tuple[str, ...]] | None:
    """The recorded files and risks when inputs are unchanged and every file is intact on disk."""
    try:
        state = json.loads(_state_path(pack, outdir).read_text())
    except (OSError, ValueError):
        return None
    files = state.get("files", {})
    if state.get("inputs") != pack.inputs or len(files) != len(pack.formats):
        return None
    if all((outdir / name).is_file() and sha256_file(outdir / name) == digest for name, digest in files.items()):
        return files, tuple(state.get("risks", ()))
    return None


def make_pdfs(pending: list[tuple[Pack, PackResult, bytes]], outdir: Path, jobs: int,
              progress: Callable[[PackResult], None]) -> None:
    """Convert in chunks, `jobs` LibreOffice processes at once; a failed chunk is retried file by file."""
    size = max(1, min(PDF_CHUNK, -(-len(pending) // max(1, jobs))))  # keep every LibreOffice busy
    chunks = [pending[i:i + size] for i in range(0, len(pending), size)]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for done in pool.map(lambda chunk: _convert_chunk(chunk, outdir), chunks):
            for _, result in done:
                progress(result)


def _convert_chunk(chunk: list[tuple[Pack, PackResult, bytes]], outdir: Path) -> list[tuple[Pack, PackResult]]:
    from ..building import PdfFailed, write_pdfs

    targets = {outdir / p.slug / output_name(p.reference, "pdf"): (p, r, d) for p, r, d in chunk}
    try:
        written = write_pdfs({t: d for t, (_, _, d) in targets.items()},
                             timeout=30 + PDF_SECONDS_PER_FILE * len(chunk))
    except PdfFailed:
        if len(chunk) > 1:  # find the file that failed: retry each alone, in a fresh LibreOffice
            return [item for one in chunk for item in _convert_chunk([one], outdir)]
        written = {}  # a PDF left on disk by an earlier run is stale: never report it as this run's
    finished = []
    for target, (pack, result, _) in targets.items():
        if target in written:
            result.files[str(target.relative_to(outdir))] = sha256_file(target)
            _save_state(pack, outdir, result)
        else:
            result.status = "failed"
            result.error = _pdf_error()
        finished.append((pack, result))
    return finished


def _pdf_error() -> str:
    from ..pdf.libreoffice import INSTALL_HINT, find_soffice

    return INSTALL_HINT if find_soffice() is None else "LibreOffice could not convert the Word file to PDF"


def clean_leftovers(outdir: Path) -> None:
    """Remove temporary files an interrupted run left (never a finished file, nor a running one's work)."""
    import shutil

    for path in outdir.glob("**/.*.part"):
        if owner_gone(path):
            path.unlink(missing_ok=True)
    for folder in outdir.glob("**/.pdf-*"):
        if owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)


def run_packs(packs: list[Pack], inputs: Inputs, outdir: Path, jobs: int, force: bool,
              progress: Callable[[PackResult], None]) -> list[PackResult]:
    """Build every pack in `jobs` processes, then their PDFs; report each finished pack to `progress`."""
    results, pending = [], []
    for pack, (result, docx) in zip(packs, _map_packs(packs, inputs, outdir, jobs, force)):
        results.append(result)
        if docx is not None and result.status == "built":
            pending.append((pack, result, docx))
        else:
            progress(result)
    if pending:
        make_pdfs(pending, outdir, jobs, progress)
    return results


def _map_packs(packs: list[Pack], inputs: Inputs, outdir: Path, jobs: int,
               force: bool) -> Iterator[tuple[PackResult, bytes | None]]:
    if jobs <= 1 or len(packs) <= 1:
        _init_worker(inputs, outdir, force)
        yield from map(build_pack, packs)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_pool_worker, initargs=(inputs, outdir, force),
                      maxtasksperchild=500) as pool:
        yield from pool.imap(build_pack, packs, chunksize=4)


def write_client_zips(results: list[PackResult], outdir: Path) -> dict[str, str]:
    """OUTDIR/<slug>.zip per client with its files (none for a client with no file); each zip's sha256."""
    by_client: dict[str, list[str]] = {}
    for result in results:
        if result.files:
            by_client.setdefault(result.slug, []).extend(result.files)
    return {slug: write_zip(outdir / f"{slug}.zip", {name.split("/", 1)[1]: outdir / name for name in sorted(files)})
            for slug, files in sorted(by_client.items())}


def write_summary(results: list[PackResult], zips: dict[str, str], outdir: Path) -> None:
    import csv
    import io

    rows = [{"client": r.client, "folder": r.slug, "briefing": r.briefing, "status": r.status,
             "files": list(r.files), "sha256": list(r.files.values()), "risks": list(r.risks), "error": r.error,
             "zip": f"{r.slug}.zip" if r.slug in zips else "", "zip_sha256": zips.get(r.slug, "")}
            for r in sorted(results, key=lambda r: (r.slug, r.briefing))]
    write_atomic(outdir / "summary.json", json.dumps(rows, indent=2, ensure_ascii=False).encode())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["client"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell("; ".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    write_atomic(outdir / "summary.csv", buffer.getvalue().encode())


def _csv_cell(value: object) -> object:
    """A CSV opened in Excel must not run formulas from client names or errors: line breaks and tabs
    become spaces (a bare CR would start a new row), and a value that Excel could read as a formula
    once leading spaces are gone (=, +, -, @, or their full-width forms) is prefixed with '."""
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return "'" + value if value and value[0] in "=+-@＝＋－＠" else value
