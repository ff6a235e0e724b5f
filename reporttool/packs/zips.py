"""Each client's zip: every file its packs hold, in a deterministic zip beside its folder."""
from __future__ import annotations

from pathlib import Path

from ..zipping import write_zip
from .folders import describe_os_error
from .plan import PackResult


def write_client_zips(results: list[PackResult], outdir: Path) -> dict[str, str]:
    """OUTDIR/<slug>.zip per client with its files (none for a client with no file); each zip's sha256.
    A zip that cannot be written fails that client's packs alone, with the reason in their rows."""
    by_client: dict[str, list[str]] = {}
    for result in results:
        if result.files:
            by_client.setdefault(result.slug, []).extend(result.files)
    sums = {}
    for slug, files in sorted(by_client.items()):
        try:
            sums[slug] = write_zip(outdir / f"{slug}.zip",
                                   {name.split("/", 1)[1]: outdir / name for name in sorted(files)})
        except OSError as exc:
            for result in results:
                if result.slug == slug:
                    result.status, result.error = "failed", "the zip could not be written: " + describe_os_error(exc)
    return sums
