"""Where packs are built: the local process pool (the default) or a Dask cluster, behind one small interface."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from .plan import Inputs, Pack, PackResult


class Executor(Protocol):
    """Builds packs and writes their files under OUTDIR; entered before anything is written, so a cluster
    that cannot take the run (unreachable, another reporttool version) refuses it with nothing on disk."""

    def __enter__(self) -> "Executor": ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, packs: list[Pack], inputs: Inputs, outdir: Path, force: bool,
            progress: Callable[[PackResult], None]) -> list[PackResult]:
        """Every pack's result (in the order of packs), each reported to progress as it finishes."""
        ...


@dataclass
class LocalPool:
    """`jobs` worker processes on this machine, then LibreOffice in chunks for the PDFs."""

    jobs: int

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, packs: list[Pack], inputs: Inputs, outdir: Path, force: bool,
            progress: Callable[[PackResult], None]) -> list[PackResult]:
        from .build import run_packs

        return run_packs(packs, inputs, outdir, self.jobs, force, progress)


def executor_for(jobs: int | None, scheduler: str | None) -> Executor:
    """The Dask cluster at `scheduler` when one is given, else the local pool."""
    if scheduler:
        from ..cluster.executor import DaskCluster

        return DaskCluster(scheduler)
    return LocalPool(jobs or os.cpu_count() or 1)
