"""Write a briefing's outputs (docx, xlsx, pdf) into a folder, each file whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator

from .brand.folder import Brand
from .files import write_atomic
from .model import Briefing, Client

PDF_TIMEOUT = 180.0


class PdfFailed(Exception):
    """LibreOffice could not make the PDF; the message says why and how to fix it."""


def output_name(reference: str, fmt: str) -> str:
    return f"{reference}-risk-matrix.xlsx" if fmt == "xlsx" else f"{reference}.{fmt}"


def render(briefing: Briefing, brand: Brand, fmt: str, client: Client | None = None) -> bytes:
    """The bytes of one output format (docx or xlsx); heavy renderers are imported on demand."""
    if fmt == "docx":
        from .docx.render import render_docx

        return render_docx(briefing, brand, client=client)
    from .xlsx.render import render_xlsx

    return render_xlsx(briefing, brand, client=client)


def render_formats(briefing: Briefing, brand: Brand, formats: tuple[str, ...],
                   client: Client | None = None) -> dict[str, bytes]:
    """docx and xlsx bytes for the formats asked; a PDF needs the docx, so it is made for one too."""
    wanted = [f for f in ("docx", "xlsx") if f in formats or (f == "docx" and "pdf" in formats)]
    return {fmt: render(briefing, brand, fmt, client) for fmt in wanted}


def build_outputs(briefing: Briefing, brand: Brand, outdir: Path, formats: tuple[str, ...],
                  client: Client | None = None) -> Iterator[Path]:
    """Write each requested format; a PDF is converted from the docx (written too only if asked)."""
    rendered = render_formats(briefing, brand, formats, client)
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
    for folder in {target.parent for target in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".pdf-{os.getpid()}-", dir=next(iter(jobs)).parent) as work:
        sources = {}
        for index, (target, data) in enumerate(jobs.items()):
            source = Path(work) / f"{index:05d}.docx"  # unique: many clients share one Reference
            source.write_bytes(data)
            sources[source] = target
        converted = convert_to_pdf(list(sources), Path(work) / "pdf", timeout=timeout)
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
