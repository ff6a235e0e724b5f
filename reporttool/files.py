"""Safe output: write to a temporary file beside the target, then rename over it."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes so that readers see the old file or the whole new one, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)  # no fsync: renaming is what keeps an interrupted run from leaving half a file
        try:
            os.replace(tmp, path)
        except OSError as exc:  # name the file the user knows, not our temporary one
            raise OSError(exc.errno, f"{exc.strerror} (if another program has it open, close it and rerun)",
                          str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


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
