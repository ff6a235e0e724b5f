"""Word -> PDF through LibreOffice headless, many files per run, behind one function.

Starting LibreOffice costs seconds, so a whole batch goes through one `soffice` process. Each call
gets its own throw-away user profile: two conversions at once (or a desktop LibreOffice left open)
would otherwise share a profile and one of them would silently do nothing. The profile is prepared
(PROFILE_SETTINGS) so that LibreOffice skips its first-run work.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from .info import docx_info, settle

INSTALL_HINT = ("LibreOffice is needed to make PDFs but `soffice` was not found; install it with "
                "`apt-get install libreoffice-writer-nogui` (Debian/Ubuntu) or from libreoffice.org")

# By default the PDF export resamples every picture above 300 dpi, on every page it appears on, and saves it
# as JPEG: the header logo (~550 dpi) cost ~0.6 s of CPU per 9-page briefing, more than the rest of the
# conversion, and came out with JPEG smudges. Kept as is, it is embedded once, losslessly, and stays sharp.
#
# Tagged (UseTaggedPDF): headings, reading order, tables and alt texts reach screen readers and PDF/UA
# checkers; the document's title (docProps) is shown as the window title, its language is the brand's.
PDF_FILTER = ('pdf:writer_pdf_Export:{"ReduceImageResolution":{"type":"boolean","value":"false"},'
              '"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}')

# A profile that has never recorded a LibreOffice version counts as "just upgraded", and every start then
# runs the graphics back-end self-test (GraphicsRenderTests: dozens of 4096x4096 bitmaps, ~0.8 s of CPU);
# headless runs never record the version, so without this every conversion paid it again. The value only
# has to be at least the installed version (compared as major.minor), so one far ahead fits every release.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>999.9</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: list[Path], outdir: Path, *, timeout: float,
                   work: Path | None = None) -> dict[Path, Path | str]:
    """Convert each file to outdir/<stem>.pdf; the value is the PDF's path, or why it failed. LibreOffice's
    profile and staging folder go in `work` (the output folder's own temporary folder, which a later run
    cleans if this one is killed), else in the system's temporary folder."""
    soffice = find_soffice()
    if soffice is None:
        return {Path(f): INSTALL_HINT for f in docx_files}
    outdir.mkdir(parents=True, exist_ok=True)
    files = [Path(f) for f in docx_files]
    stems = [f.stem for f in files]
    results: dict[Path, Path | str] = {
        f: f"another file in this run is also named {f.stem}; their PDFs would overwrite each other"
        for i, f in enumerate(files) if f.stem in stems[:i]}
    unique = [f for f in files if f not in results]
    if unique:
        results.update(_convert_batch(soffice, unique, outdir, timeout, work))
    return results


def _convert_batch(soffice: str, files: list[Path], outdir: Path, timeout: float,
                   parent: Path | None) -> dict[Path, Path | str]:
    with tempfile.TemporaryDirectory(prefix="reporttool-soffice-", dir=parent) as work:
        work_dir = Path(work).absolute()  # a file URI needs an absolute path; -o may be relative
        staging = work_dir / "out"
        settings = work_dir / "profile" / "user" / "registrymodifications.xcu"
        settings.parent.mkdir(parents=True)
        settings.write_text(PROFILE_SETTINGS, encoding="utf-8")
        command = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
                   f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
                   "--convert-to", PDF_FILTER, "--outdir", str(staging), *[str(f.resolve()) for f in files]]
        failure = _run(command, timeout, work_dir)
        return {f: _collect(f, staging, outdir, failure) for f in files}


_RUNNING: set[int] = set()  # process groups of the LibreOffice runs under way, for stop_conversions
_GUARD = threading.Lock()
_STOPPED = [False]  # set by stop_conversions: no new LibreOffice starts (a failed chunk's retries included)


def _run(command: list[str], timeout: float, home: Path) -> str | None:
    """Run soffice in its own process group so a timeout can end it and all its children. Its output goes
    to a file, not a pipe: a child left holding a pipe would keep the wait going past the timeout."""
    env = {**os.environ, "HOME": str(home), "TZ": "UTC"}  # dates in one form, for info.settle
    with open(home / "soffice.log", "w+b") as log:
        with _GUARD:
            if _STOPPED[0]:
                return "the run was stopped"
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       env=env, start_new_session=True)
            _RUNNING.add(process.pid)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"LibreOffice did not finish within {timeout:g} s"
        finally:  # on a timeout, Ctrl-C or SIGTERM too: LibreOffice runs in its own group and must be ended here
            _kill_group(process.pid)
            with _GUARD:
                _RUNNING.discard(process.pid)
            process.wait()
        log.seek(0)
        output = log.read()
    if process.returncode != 0:
        return f"LibreOffice failed (exit code {process.returncode}): {output.decode(errors='replace')[-300:]}"
    return None


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)  # children left behind by a finished soffice go too
    except ProcessLookupError:
        pass


def stop_conversions() -> None:
    """End every LibreOffice this process started and start no more: a stop signal reaches only the main
    thread, while conversions run in other threads and in their own process groups."""
    with _GUARD:
        _STOPPED[0] = True
        for pid in list(_RUNNING):
            _kill_group(pid)


def allow_conversions() -> None:
    """Conversions may start again (a new batch in a process whose earlier one was stopped)."""
    with _GUARD:
        _STOPPED[0] = False


def _collect(source: Path, staging: Path, outdir: Path, failure: str | None) -> Path | str:
    made = staging / f"{source.stem}.pdf"
    if made.is_file() and made.stat().st_size > 0:
        final = outdir / made.name
        made.write_bytes(settle(made.read_bytes(), docx_info(source.read_bytes())))
        shutil.move(str(made), final)
        return final
    if not source.is_file():
        return f"{source} does not exist"
    return failure or f"LibreOffice could not convert {source.name} (is it a valid .docx?)"
