"""Each client's zip: every file its packs hold, in a deterministic zip beside its folder."""
from __future__ import annotations

from pathlib import Path

from ..zipping import write_zip
from .plan import PackResult


def write_client_zips(results: list[PackResult], outdir: Path) -> dict[str, str]:
    """OUTDIR/<slug>.zip per client with its files (none for a client with no file); each zip's sha256."""
    by_client: dict[str, list[str]] = {}
    for result in results:
        if result.files:
            by_client.setdefault(result.slug, []).extend(result.files)
    return {slug: write_zip(outdir / f"{slug}.zip", {name.split("/", 1)[1]: outdir / name for name in sorted(files)})
            for slug, files in sorted(by_client.items())}


