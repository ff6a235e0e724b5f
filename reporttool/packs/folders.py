"""The output folder of a batch: locked for one run at a time, no writing through links, and each client
folder left holding exactly what the summary lists."""
from __future__ import annotations

import errno
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .plan import PackResult
from .state import STATE_SUFFIX

LOCK_NAME = ".reporttool-batch.lock"


class OutputBusy(Exception):
    """Another batch is writing into the same folder: two runs would mix their files and summaries."""


@contextmanager
def locked(outdir: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; a second run refuses at once rather than interleave its writes.
    The lock is the kernel's (flock), so a killed run never leaves the folder locked."""
    import fcntl

    fd = os.open(outdir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            raise OutputBusy(f"another batch (process {holder or '?'}) is writing into {outdir}; wait for it to "
                             "finish, or give this run another -o folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def linked_folder(outdir: Path, slug: str) -> str:
    """Why a client's folder must not be written ("" when it may): a link would send its files elsewhere."""
    folder = outdir / slug
    if folder.is_symlink():
        return f"{folder} is a link; packs are never written through links: remove it and rerun"
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file where the client's folder must go: move it away and rerun"
    return ""


def describe_os_error(exc: OSError) -> str:
    """A file-system refusal in the user's terms, naming the user's file rather than a temporary one."""
    where = f"{exc.filename}: " if exc.filename else ""
    if exc.errno == errno.EISDIR or (exc.filename and Path(exc.filename).is_dir()):
        return f"{where}a folder is where this file must go: move the folder away and rerun"
    if exc.errno == errno.ENOSPC:
        return f"{where}the disk is full: free some space and rerun"
    return f"{where}{exc.strerror or exc}"


def inputs_inside(outdir: Path, inputs: Iterable[Path]) -> list[Path]:
    """Inputs that sit inside the output folder's client folders or at its outputs: a run would replace or
    tidy them away."""
    root = outdir.resolve()
    found = []
    for path in inputs:
        where = path.resolve()
        if root in where.parents and (where.parent != root or where.suffix == ".zip"
                                      or where.name in ("summary.json", "summary.csv")):
            found.append(path)
    return found


def tidy(outdir: Path, results: list[PackResult], slugs: Iterable[str], zips: dict[str, str]) -> list[str]:
    """Remove what the summary does not list: stale outputs in each client's folder (a narrower selection, a
    dropped format, a changed Reference), zips of clients with no file, and the folders and zips of clients
    no longer in the manifest (recognised by the pack records only a batch writes). Returns what went."""
    current = set(slugs)
    listed = {name for r in results for name in r.files}
    listed |= {f"{r.slug}/.{r.briefing}{STATE_SUFFIX}" for r in results if r.files}
    removed = []
    for slug in sorted(current):
        folder = outdir / slug
        if folder.is_dir() and not folder.is_symlink():
            for entry in sorted(folder.iterdir()):
                if _ours(entry) and f"{slug}/{entry.name}" not in listed:
                    entry.unlink()
                    removed.append(f"{slug}/{entry.name}")
        removed += _remove_zip(outdir, slug) if slug not in zips else []
    for folder in sorted(outdir.iterdir()):
        if folder.name not in current and folder.is_dir() and not folder.is_symlink() \
                and any(folder.glob(f".*{STATE_SUFFIX}")):
            removed += [_remove_client_folder(folder)] + _remove_zip(outdir, folder.name)
    return removed


def _remove_client_folder(folder: Path) -> str:
    """The folder of a client no longer in the manifest goes, unless it holds files a batch did not write."""
    for entry in sorted(folder.iterdir()):
        if _ours(entry):
            entry.unlink()
    if any(not entry.name.startswith(".") for entry in folder.iterdir()):
        return f"{folder.name}/ (a client no longer in the manifest; files reporttool did not write are kept)"
    shutil.rmtree(folder)  # what is left: hidden leftovers of ours
    return f"{folder.name}/ (a client no longer in the manifest)"


def _ours(entry: Path) -> bool:
    """A file a batch writes into a client folder (an output of some format, or a pack record): only those are
    tidied away, so a note someone dropped into the folder is never deleted."""
    from ..formats import FORMATS

    return (entry.is_file() or entry.is_symlink()) and (
        entry.name.endswith(STATE_SUFFIX) or any(entry.name.endswith(f.suffix) for f in FORMATS.values()))


def _remove_zip(outdir: Path, slug: str) -> list[str]:
    path = outdir / f"{slug}.zip"
    if path.is_file() or path.is_symlink():
        path.unlink()
        return [path.name]
    return []
