"""The plan of a batch before anything is built, as `batch --dry-run` makes it: one row per client and
briefing with the risk IDs it gets and why each other risk is left out, and the manifest's warnings
(a client sector or region that matches nothing, with "did you mean")."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..workbook.package import Limits

WOULD_BUILD = "would build"


def make_plan(manifest: Path, briefings: list[Path], brand: str | None, limits: Limits, outdir: Path,
              names: dict[Path, str]) -> dict[str, Any]:
    """The plan as data for the page and the API; `problems` lists why the run cannot start, if it cannot.
    `names` maps each stored input to the name its user sent, which messages show instead of our paths."""
    from ..packs.run import BatchRefused, run_batch
    from ..workbook.package import FileProblem

    try:
        run = run_batch(manifest, briefings, outdir, brand, limits, dry_run=True)
    except FileProblem as problem:
        return {"rows": [], "problems": [_shown(problem.issue, names)], "warnings": [], "total": 0}
    except BatchRefused as refused:
        issues = [_shown(i, names) for found in refused.issues.values() for i in found]
        return {"rows": [], "problems": [i for i in issues if i["severity"] == "error"],
                "warnings": [i for i in issues if i["severity"] != "error"], "total": 0}
    rows = [{"client": r.client, "folder": r.slug, "briefing": r.briefing, "status": r.status,
             "risks": list(r.risks), "error": _named(r.error, names),
             "left_out": [dict(zip(("risk", "why"), item.split(": ", 1))) for item in r.excluded]}
            for r in run.results]
    warnings = [_shown(i, names) for found in run.issues.values() for i in found]
    return {"rows": rows, "problems": [], "warnings": warnings,
            "total": sum(r["status"] == WOULD_BUILD for r in rows)}


def _named(text: str, names: dict[Path, str]) -> str:
    for path, name in names.items():
        text = text.replace(str(path), name).replace(path.name, name)
    return text


def _shown(item, names: dict[Path, str]) -> dict[str, Any]:
    shown = item.as_dict()
    for key in ("location", "message", "hint"):
        shown[key] = _named(shown[key] or "", names)
    return shown
