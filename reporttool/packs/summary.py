"""summary.json and summary.csv: every client and briefing of a run, its status, files and sums."""
from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..files import write_atomic
from ..model import Briefing
from ..text import FORMULA_START
from .plan import PackResult


def write_summary(results: list[PackResult], zips: dict[str, str], outdir: Path,
                  briefings: Mapping[str, Briefing] = MappingProxyType({})) -> None:
    """`briefings` (by Reference) adds each row's title, TLP label, publication date and status (Final or
    Draft), which `send` needs for the client's email (blank for a briefing that could not be read)."""
    import csv
    import io

    rows = [{"client": r.client, "folder": r.slug, "briefing": r.briefing, "status": r.status,
             "files": list(r.files), "sha256": list(r.files.values()), "risks": list(r.risks),
             "excluded": list(r.excluded), "error": r.error,
             "zip": f"{r.slug}.zip" if r.slug in zips else "", "zip_sha256": zips.get(r.slug, ""),
             **_briefing_facts(briefings.get(r.briefing))}
            for r in sorted(results, key=lambda r: (r.slug, r.briefing))]
    write_atomic(outdir / "summary.json", json.dumps(rows, indent=2, ensure_ascii=False).encode())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["client"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell("; ".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    write_atomic(outdir / "summary.csv", buffer.getvalue().encode())


def _briefing_facts(briefing: Briefing | None) -> dict[str, str]:
    if briefing is None:
        return {"title": "", "tlp": "", "published": "", "briefing_status": ""}
    return {"title": briefing.title, "tlp": briefing.classification, "published": briefing.published.isoformat(),
            "briefing_status": briefing.status}


def _csv_cell(value: object) -> object:
    """A CSV opened in Excel must not run formulas from client names or errors: line breaks and tabs
    become spaces (a bare CR would start a new row), and a value that Excel could read as a formula
    once leading spaces are gone (=, +, -, @, or their full-width forms) is prefixed with '."""
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    return "'" + value if value and value[0] in FORMULA_START else value
