"""What each pack was built from, kept beside its files, so a rerun skips what has not changed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..files import remove_leftovers, write_atomic
from .plan import Pack, PackResult

STATE_SUFFIX = ".pack.json"


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

def state_path(pack: Pack, outdir: Path) -> Path:
    return outdir / pack.slug / f".{pack.reference}{STATE_SUFFIX}"


def save_state(pack: Pack, outdir: Path, result: PackResult) -> None:
    state = {"inputs": pack.inputs, "files": result.files, "risks": list(result.risks),
             "excluded": list(result.excluded)}
    write_atomic(state_path(pack, outdir), json.dumps(state, sort_keys=True).encode())


def unchanged(pack: Pack, outdir: Path) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]] | None:
    """The recorded files, risks and risks left out when inputs are unchanged and every file is intact."""
    try:
        state = json.loads(state_path(pack, outdir).read_text())
    except (OSError, ValueError):
        return None
    files = state.get("files", {})
    if state.get("inputs") != pack.inputs or len(files) != len(pack.formats) or "excluded" not in state:
        return None
    if all((outdir / name).is_file() and sha256_file(outdir / name) == digest for name, digest in files.items()):
        return files, tuple(state.get("risks", ())), tuple(state["excluded"])
    return None


def clean_leftovers(outdir: Path) -> None:
    """Remove temporary files an interrupted run left (never a finished file, nor a running one's work)."""
    remove_leftovers(outdir)
