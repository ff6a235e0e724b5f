"""The batch command's flow: load and check inputs, build packs with progress, write zips and summary."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from .build import PackResult, clean_leftovers, plan, run_packs, write_client_zips, write_summary
from .inputs import load_inputs
from ..workbook.package import FileProblem, Limits


def run_batch(manifest: Path, briefings: list[Path], outdir: Path, brand: str | None, jobs: int | None,
              force: bool, max_size: int, max_rows: int) -> int:
    """Run a whole batch; return how many packs failed. Manifest problems stop it before any write."""
    from importlib.metadata import version

    from ..cli import EXIT_FILE, EXIT_INVALID, Failure, format_issue, report

    limits = Limits(max_inflated_mb=max_size, max_rows=max_rows)
    try:
        loaded = load_inputs(manifest, briefings, brand, limits, version("reporttool"))
    except FileProblem as problem:
        raise Failure(format_issue(problem.issue), EXIT_FILE) from None
    if loaded.manifest_issues or loaded.inputs is None:
        report(manifest, loaded.manifest_issues, "text")
    if loaded.inputs is None:
        raise Failure("nothing was written: fix the problems above first (the run starts only when its manifest, "
                      "its brands and the set of briefings given are sound)", EXIT_INVALID)
    for path, issues in loaded.briefing_issues.items():
        if any(i.is_error for i in issues):
            report(path, issues, "text")
    outdir.mkdir(parents=True, exist_ok=True)
    clean_leftovers(outdir)
    packs, failed = plan(loaded.inputs)
    try:
        results = _with_progress(packs, loaded.inputs, outdir, jobs or os.cpu_count() or 1, force) + failed
    except KeyboardInterrupt:  # the workers are stopped by now; remove the temporary files they were writing
        clean_leftovers(outdir)
        raise
    write_summary(results, write_client_zips(results, outdir), outdir)
    counts = {s: sum(r.status == s for r in results) for s in ("built", "skipped", "failed")}
    click.echo(f"{counts['built']} built, {counts['skipped']} unchanged (skipped), {counts['failed']} failed; "
               f"summary in {outdir / 'summary.csv'}")
    return counts["failed"]


def _with_progress(packs, inputs, outdir: Path, jobs: int, force: bool) -> list[PackResult]:
    """A progress bar with an ETA in a terminal; plain log lines otherwise (CI, cron, pipes)."""
    if sys.stderr.isatty():
        with click.progressbar(length=len(packs), label="packs", show_eta=True, show_pos=True,
                               file=sys.stderr) as bar:
            return run_packs(packs, inputs, outdir, jobs, force, lambda result: bar.update(1))
    start, done = time.monotonic(), [0]

    def log(result: PackResult) -> None:
        done[0] += 1
        detail = f": {result.error}" if result.error else ""
        click.echo(f"[{done[0]}/{len(packs)} {time.monotonic() - start:.1f}s] {result.status} "
                   f"{result.slug}/{result.briefing}{detail}", err=True)

    return run_packs(packs, inputs, outdir, jobs, force, log)
