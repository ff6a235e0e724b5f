"""Safe output: write to a temporary file beside the target, then rename over it."""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from pathlib import Path


# Names Windows keeps for devices, with any extension: a file CON.docx cannot be made or opened there.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes so that readers see the old file or the whole new one, never half of it. Any failure
    names the file the user knows, never our temporary one."""
    path = Path(path)
    refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, _why(exc, path), str(path)) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)  # no fsync: renaming is what keeps an interrupted run from leaving half a file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, _why(exc, path), str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def refuse_special(path: Path) -> None:
    """A device, pipe or socket where the file must go is never replaced: renaming over /dev/full or a
    named pipe another program reads would destroy it (and a user running as root can do just that)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise OSError(errno.EEXIST, "it is a device, pipe or socket, not a file; choose another name", str(path))


def _why(exc: OSError, path: Path) -> str:
    if path.is_dir():
        return "a folder is where this file must go; move the folder away and rerun"
    found = next((p for p in path.parents if p.exists()), None)
    if found is not None and not found.is_dir():
        return f"{found} is a file where a folder must be; move it away or choose another folder"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):  # as Windows reports a file open in Excel
        return f"{exc.strerror} (if another program has it open, close it and rerun)"
    return exc.strerror or str(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def owner_gone(temporary: Path) -> bool:
    """Whether the process that made a temporary file or folder (its pid follows the name, as write_atomic
    and write_pdfs make them) has ended: only then is it a leftover, and not another run's work in progress."""
    match = _PID.search(temporary.name)
    if match is None:
        return True
    pid = int(match[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process not yet reaped by its new parent still answers kill(pid, 0), but has ended."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


_PID = re.compile(r"[.-](\d+)[.-][^.]*(?:\.part)?$")


def remove_leftovers(folder: Path, recursive: bool = True) -> None:
    """Remove the temporary files and PDF work folders that killed runs left in an output folder (never a
    finished file, nor a running process's work in progress)."""
    import shutil

    where = "**/" if recursive else ""
    for path in folder.glob(f"{where}.*.part"):
        if owner_gone(path):
            path.unlink(missing_ok=True)
    for work in folder.glob(f"{where}.pdf-*"):
        if owner_gone(work):
            shutil.rmtree(work, ignore_errors=True)
