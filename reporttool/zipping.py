"""Deterministic zip files: sorted entries, fixed timestamps, so equal inputs give equal bytes."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

from .files import write_atomic

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
PACKED = (".docx", ".xlsx", ".zip", ".png", ".jpg")  # already deflated: compressing again costs time, saves nothing


def zip_stamp(when: dt.date) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp for a date (zip cannot store dates before 1980)."""
    return (when.year, when.month, when.day, 0, 0, 0) if when.year >= 1980 else FIXED_TIME


def zip_bytes(members: dict[str, bytes], stamp: tuple[int, int, int, int, int, int] = FIXED_TIME) -> bytes:
    """Entries sorted by name, every timestamp `stamp`: equal members give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(PACKED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def write_zip(path: Path, files: dict[str, Path]) -> str:
    """Zip files (archive name -> path on disk) atomically; return the zip's sha256."""
    data = zip_bytes({name: source.read_bytes() for name, source in files.items()})
    write_atomic(path, data)
    return hashlib.sha256(data).hexdigest()
