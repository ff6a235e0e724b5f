"""A whole batch run as a library call: check the inputs, build the packs, write zips and summary.

The flow returns what happened and reports progress through a callback, so the CLI and the web page
show the same run each in their own way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..issues import Issue
from ..workbook.package import Limits
from .build import run_packs
from .inputs import load_inputs
from .plan import PackResult, plan
from .state import clean_leftovers
from .summary import write_summary
from .zips import write_client_zips

Progress = Callable[[PackResult, int, int], None]  # a finished pack, packs done, packs in all


class BatchRefused(Exception):
    """The run cannot start (its manifest, brands or set of briefings is unsound); nothing was written."""

    def __init__(self, issues: dict[Path, tuple[Issue, ...]]):
        super().__init__("the batch cannot start")
        self.issues = issues


@dataclass(frozen=True)
class BatchRun:
    """What a run did, and the problems worth showing (manifest warnings, briefings that could not be used)."""

    results: tuple[PackResult, ...]
    issues: dict[Path, tuple[Issue, ...]]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def run_batch(manifest: Path, briefings: list[Path], outdir: Path, brand: str | None, limits: Limits,
              jobs: int | None = None, force: bool = False, progress: Progress | None = None) -> BatchRun:
    """Run a whole batch. A file that cannot be read raises FileProblem; unsound inputs raise BatchRefused."""
    from importlib.metadata import version

    loaded = load_inputs(manifest, briefings, brand, limits, version("reporttool"))
    shown = {manifest: loaded.manifest_issues} if loaded.manifest_issues else {}
    if loaded.inputs is None:
        raise BatchRefused(shown)
    shown |= {path: issues for path, issues in loaded.briefing_issues.items() if any(i.is_error for i in issues)}
    outdir.mkdir(parents=True, exist_ok=True)
    clean_leftovers(outdir)
    packs, failed = plan(loaded.inputs)
    done = [0]

    def finished(result: PackResult) -> None:
        done[0] += 1
        if progress:
            progress(result, done[0], len(packs))

    try:
        results = run_packs(packs, loaded.inputs, outdir, jobs or os.cpu_count() or 1, force, finished) + failed
    except KeyboardInterrupt:  # the workers are stopped by now; remove the temporary files they were writing
        clean_leftovers(outdir)
        raise
    write_summary(results, write_client_zips(results, outdir), outdir, loaded.inputs.briefings)
    return BatchRun(tuple(results), shown)
