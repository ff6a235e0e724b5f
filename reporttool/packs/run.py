"""A whole batch run as a library call: check the inputs, build the packs, write zips and summary.

The flow returns what happened and reports progress through a callback, so the CLI and the web page
show the same run each in their own way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..cluster.executor import ClusterProblem
from ..issues import Issue, Location, issue
from ..workbook.package import Limits
from .executors import Executor, executor_for
from .folders import inputs_inside, locked, tidy
from .inputs import load_inputs
from .plan import Inputs, Pack, PackResult, plan
from .selection import explain
from .state import clean_leftovers
from .summary import write_summary
from .zips import write_client_zips

Progress = Callable[[PackResult, int, int], None]  # a finished pack, packs done, packs in all
STOPPED = "stopped"


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
    removed: tuple[str, ...] = ()  # files and folders taken away because the summary no longer lists them
    notes: tuple[str, ...] = ()  # what the run decided for the user (jobs capped)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def run_batch(manifest: Path, briefings: list[Path], outdir: Path, brand: str | None, limits: Limits,
              jobs: int | None = None, force: bool = False, progress: Progress | None = None,
              dry_run: bool = False, previous: list[Path] | None = None, allow_drafts: bool = False,
              scheduler: str | None = None) -> BatchRun:
    """Run a whole batch, on the Dask cluster at `scheduler` if given (or, with dry_run, only say what each pack
    would hold, writing nothing). A file that cannot be read raises FileProblem; unsound inputs (previous
    editions that do not pair, drafts not allowed included) raise BatchRefused; a busy folder, OutputBusy; a
    cluster that cannot take the run or goes away, ClusterProblem."""
    from importlib.metadata import version

    loaded = load_inputs(manifest, briefings, brand, limits, version("reporttool"), previous, allow_drafts)
    shown = {manifest: loaded.manifest_issues} if loaded.manifest_issues else {}
    inside = inputs_inside(outdir, [manifest, *briefings])
    if inside:
        shown[inside[0]] = (_inside_issue(inside[0], outdir),)
    shown |= {path: issues for path, issues in loaded.briefing_issues.items() if any(i.is_error for i in issues)}
    if loaded.inputs is None or inside:
        raise BatchRefused(shown)
    packs, settled = plan(loaded.inputs)
    if dry_run:
        return BatchRun(tuple(_planned(packs, loaded.inputs)) + tuple(settled), shown)
    used, notes = job_count(jobs, len(packs))
    with executor_for(used, scheduler) as executor:  # a cluster is reached and checked before anything is written
        outdir.mkdir(parents=True, exist_ok=True)
        with locked(outdir):
            clean_leftovers(outdir)
            results, removed = _build(executor, packs, settled, loaded.inputs, outdir, force, progress)
    return BatchRun(tuple(results), shown, tuple(removed), () if scheduler else notes)


def _build(executor: Executor, packs: list[Pack], settled: list[PackResult], inputs: Inputs, outdir: Path,
           force: bool, progress: Progress | None) -> tuple[list[PackResult], list[str]]:
    finished: list[PackResult] = []

    def done(result: PackResult) -> None:
        finished.append(result)
        if progress:
            progress(result, len(finished), len(packs))

    try:
        results = executor.run(packs, inputs, outdir, force, done) + settled
        zips = write_client_zips(results, outdir)
        removed = tidy(outdir, results, {p.slug for p in packs} | {r.slug for r in settled}, zips)
    except (KeyboardInterrupt, ClusterProblem):  # workers stopped or gone: remove temporary files, say what was done
        clean_leftovers(outdir)
        write_summary(finished + _stopped(packs, finished) + settled, {}, outdir, inputs.briefings)
        raise
    write_summary(results, zips, outdir, inputs.briefings)
    return results, removed


def _stopped(packs: list[Pack], finished: list[PackResult]) -> list[PackResult]:
    done = {(r.slug, r.briefing) for r in finished}
    return [PackResult(p.client.client, p.slug, p.reference, STOPPED, error="the run was stopped before this pack "
                       "was finished; rerun to build it") for p in packs if (p.slug, p.reference) not in done]


def _planned(packs: list[Pack], inputs: Inputs) -> list[PackResult]:
    """What each pack would hold, and why each other risk is left out, without rendering or writing."""
    rows = []
    for pack in packs:
        included, excluded = explain(inputs.briefings[pack.reference], pack.client, inputs.brands[pack.brand_key].bands)
        rows.append(PackResult(pack.client.client, pack.slug, pack.reference, "would build", risks=included,
                               excluded=excluded))
    return rows


def job_count(requested: int | None, packs: int) -> tuple[int, tuple[str, ...]]:
    """The processes worth starting: no more than the CPUs, nor than the packs to build (each LibreOffice
    and each worker costs memory and start-up for nothing beyond that); a cap asked past is said."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    used = max(1, min(requested or cpus, cpus, packs or 1))
    if requested and requested > used:
        return used, (f"--jobs {requested} capped at {used}: this machine has {cpus} CPU(s) and the run "
                      f"{packs} pack(s) to build",)
    return used, ()


def _inside_issue(path: Path, outdir: Path) -> Issue:
    return issue("input-in-output", Location(file=str(path)), f"{path} is inside the output folder {outdir}, where "
                 "this run would replace or tidy it away", "move it out of the output folder, or choose another -o")
