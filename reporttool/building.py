"""Write a briefing's outputs (every format of reporttool.formats) into a folder, each file whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator

from .brand.folder import Brand
from .editions.changes import Changes
from .files import refuse_special, remove_leftovers, write_atomic
from .formats import FORMATS, output_name, rendered_for
from .model import Briefing, Client

PDF_TIMEOUT = 180.0


class PdfFailed(Exception):
    """LibreOffice could not make the PDF; the message says why and how to fix it."""


def render_formats(briefing: Briefing, brand: Brand, formats: tuple[str, ...],
                   client: Client | None = None, changes: Changes | None = None) -> dict[str, bytes]:
    """The bytes of every rendered format the wanted ones need (a PDF needs the docx, so it is made too).
    `changes` (since the previous edition) adds what changed; None leaves no trace of editions."""
    return {fmt: FORMATS[fmt].render(briefing, brand, client, changes) for fmt in rendered_for(formats)}


def build_outputs(briefing: Briefing, brand: Brand, outdir: Path, formats: tuple[str, ...],
                  client: Client | None = None, changes: Changes | None = None) -> Iterator[Path]:
    """Write each requested format; a PDF is converted from the docx (written too only if asked)."""
    rendered = render_formats(briefing, brand, formats, client, changes)
    if outdir.is_dir():
        remove_leftovers(outdir, recursive=False)  # a killed build's PDF work folder, for one
    for fmt, data in rendered.items():
        if fmt in formats:
            yield write_atomic(outdir / output_name(briefing.reference, fmt), data)
    if "pdf" in formats:
        target = outdir / output_name(briefing.reference, "pdf")
        yield write_pdfs({target: rendered["docx"]})[target]


def write_pdfs(jobs: dict[Path, bytes], timeout: float = PDF_TIMEOUT) -> dict[Path, Path]:
    """Convert docx bytes to PDFs at the given paths in one LibreOffice run; raise PdfFailed on any failure."""
    from .pdf.libreoffice import convert_to_pdf

    results, failures = {}, []
    for target in jobs:
        refuse_special(target)
    for folder in {target.parent for target in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".pdf-{os.getpid()}-", dir=next(iter(jobs)).parent) as work:
        sources = {}
        for index, (target, data) in enumerate(jobs.items()):
            source = Path(work) / f"{index:05d}.docx"  # unique: many clients share one Reference
            source.write_bytes(data)
            sources[source] = target
        converted = convert_to_pdf(list(sources), Path(work) / "pdf", timeout=timeout, work=Path(work))
        for source, target in sources.items():
            made = converted.get(source)
            if isinstance(made, Path):
                os.replace(made, target)
                results[target] = target
            else:
                failures.append(f"{target.name}: {made}")
    if failures:
        raise PdfFailed("; ".join(failures))
    return results
