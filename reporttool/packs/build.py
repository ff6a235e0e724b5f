"""Build packs: render each in worker processes, then convert their PDFs in LibreOffice chunks.

Batch never re-reads a workbook per client: each briefing is read once, filtered per client in memory,
and rendered in worker processes. Every file is written to a temporary name and renamed, and a
state file per pack records its inputs, so a rerun skips what has not changed and an interrupted
run leaves nothing half-written behind.
"""
from __future__ import annotations

import dataclasses
import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterator

from ..building import render_formats
from ..editions.clients import client_changes
from ..files import write_atomic
from ..formats import output_name
from .plan import Inputs, Pack, PackResult
from .folders import describe_os_error, linked_folder
from .selection import briefing_for, explain
from .state import save_state, sha256_file, unchanged

PDF_CHUNK = 20  # files per LibreOffice run: start-up is paid once per chunk
PDF_SECONDS_PER_FILE = 20.0


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
        if (refused := linked_folder(outdir, pack.slug)):
            return dataclasses.replace(base, status="failed", error=refused), None
        if not _STATE["force"] and (kept := unchanged(pack, outdir)) is not None:
            return dataclasses.replace(base, status="skipped", files=kept[0], risks=kept[1], excluded=kept[2]), None
        included, excluded, rendered = render_pack(pack, inputs)
        result = dataclasses.replace(base, risks=included, excluded=excluded)
        store_files(pack, outdir, result, rendered)
        if "pdf" not in pack.formats:
            save_state(pack, outdir, result)
            return result, None
        return result, rendered["docx"]
    except OSError as exc:  # a blocked path fails this pack alone, named by the user's file
        return dataclasses.replace(base, status="failed", error=describe_os_error(exc)), None
    except Exception as exc:  # one pack's failure must not stop the others; it is reported in the summary
        return dataclasses.replace(base, status="failed", error=f"{type(exc).__name__}: {exc}"), None


def render_pack(pack: Pack, inputs: Inputs) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, bytes]]:
    """The risk IDs a pack holds, those left out (with why), and its files' bytes by format (with the docx
    whenever a PDF is asked). Pure: the local pool and a cluster worker both call it, so their files match."""
    brand = inputs.brands[pack.brand_key]
    current = inputs.briefings[pack.reference]
    included, excluded = explain(current, pack.client, brand.bands)
    briefing = briefing_for(current, pack.client, brand.bands)
    previous = inputs.previous.get(pack.reference)
    changes = client_changes(previous, current, pack.client, brand.bands) if previous else None
    return included, excluded, render_formats(briefing, brand, pack.formats, pack.client, changes)


def store_files(pack: Pack, outdir: Path, result: PackResult, rendered: dict[str, bytes]) -> None:
    """Write the formats the pack asks for (each whole or not at all) and record their sha256 in result."""
    for fmt, data in rendered.items():
        if fmt in pack.formats:
            relative = f"{pack.slug}/{output_name(pack.reference, fmt)}"
            write_atomic(outdir / relative, data)
            result.files[relative] = hashlib.sha256(data).hexdigest()


def make_pdfs(pending: list[tuple[Pack, PackResult, bytes]], outdir: Path, jobs: int,
              progress: Callable[[PackResult], None]) -> None:
    """Convert in chunks, `jobs` LibreOffice processes at once; a failed chunk is retried file by file."""
    from ..pdf.libreoffice import allow_conversions, stop_conversions

    allow_conversions()
    size = max(1, min(PDF_CHUNK, -(-len(pending) // max(1, jobs))))  # keep every LibreOffice busy
    chunks = [pending[i:i + size] for i in range(0, len(pending), size)]
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(chunks)))) as pool:
        try:
            for done in pool.map(lambda chunk: _convert_chunk(chunk, outdir), chunks):
                for _, result in done:
                    progress(result)
        except BaseException:  # a stop: end the LibreOffice runs the threads wait on, or the pool waits for them
            pool.shutdown(wait=False, cancel_futures=True)
            stop_conversions()
            raise


def _convert_chunk(chunk: list[tuple[Pack, PackResult, bytes]], outdir: Path) -> list[tuple[Pack, PackResult]]:
    from ..building import PdfFailed, write_pdfs

    cause = ""
    targets = {outdir / p.slug / output_name(p.reference, "pdf"): (p, r, d) for p, r, d in chunk}
    try:
        written = write_pdfs({t: d for t, (_, _, d) in targets.items()},
                             timeout=30 + PDF_SECONDS_PER_FILE * len(chunk))
    except PdfFailed as failed:
        if len(chunk) > 1:  # find the file that failed: retry each alone, in a fresh LibreOffice
            return [item for one in chunk for item in _convert_chunk([one], outdir)]
        written, cause = {}, str(failed)  # a PDF left by an earlier run is stale: never report it as this run's
    finished = []
    for target, (pack, result, _) in targets.items():
        if target in written:
            result.files[str(target.relative_to(outdir))] = sha256_file(target)
            save_state(pack, outdir, result)
        else:
            result.status = "failed"
            result.error = _pdf_error(cause)
        finished.append((pack, result))
    return finished


def _pdf_error(cause: str) -> str:
    """LibreOffice's own cause (a timeout, an exit code and its last words), named by the user's file."""
    from ..pdf.libreoffice import INSTALL_HINT, find_soffice

    if find_soffice() is None:
        return INSTALL_HINT
    return f"the PDF could not be made: {cause}"


def run_packs(packs: list[Pack], inputs: Inputs, outdir: Path, jobs: int, force: bool,
              progress: Callable[[PackResult], None]) -> list[PackResult]:
    """Build every pack in `jobs` processes, then their PDFs; report each finished pack to `progress`."""
    results, pending = [], []
    for pack, (result, docx) in _map_packs(packs, inputs, outdir, jobs, force):
        results.append(result)
        if docx is not None and result.status == "built":
            pending.append((pack, result, docx))
        else:
            progress(result)
    if pending:
        make_pdfs(pending, outdir, jobs, progress)
    return results


def _map_packs(packs: list[Pack], inputs: Inputs, outdir: Path, jobs: int,
               force: bool) -> Iterator[tuple[Pack, tuple[PackResult, bytes | None]]]:
    if jobs <= 1 or len(packs) <= 1:
        _init_worker(inputs, outdir, force)
        yield from ((pack, build_pack(pack)) for pack in packs)
        return
    from .pool import map_in_pool

    for pack, built in map_in_pool(build_pack, packs, jobs, _init_pool_worker, (inputs, outdir, force)):
        yield pack, built or (_died(pack), None)


def _died(pack: Pack) -> PackResult:
    return PackResult(pack.client.client, pack.slug, pack.reference, "failed",
                      error="the worker process building this pack died twice (killed, or out of memory)")
