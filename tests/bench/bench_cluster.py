"""Packs on a Dask cluster of 2 local workers against the local pool with 2 jobs, side by side in one run,
and what each worker and the writing client manage, to size a cluster of N workers."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tests.bench.bench_batch import pack_run
from tests.bench.common import row
from tests.dask_processes import DaskProcesses

PACKS = 400
WORKERS = 2


def rows() -> list[dict]:
    from reporttool.cluster.executor import DaskCluster
    from reporttool.packs.executors import LocalPool

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with DaskProcesses(folder / "cluster", WORKERS) as cluster:  # this process is only the client
            pack_run(folder, 40, DaskCluster(cluster.address))  # the workers import the renderers
            local = min(pack_run(folder, PACKS, LocalPool(WORKERS)) for _ in range(2))
            cpu = time.process_time()
            remote = min(pack_run(folder, PACKS, DaskCluster(cluster.address)) for _ in range(2))
            client_ms = (time.process_time() - cpu) / (2 * PACKS) * 1000
    per_worker = PACKS / remote / WORKERS
    ceiling = 1000 / client_ms
    return [
        row(f"{PACKS} packs, local pool, {WORKERS} jobs: ms per pack", local / PACKS * 1000, "-",
            local / PACKS * 1000, f"{PACKS / local:.0f} packs/s", True),
        row(f"{PACKS} packs, Dask, {WORKERS} local workers: ms per pack", remote / PACKS * 1000,
            f"local pool, {WORKERS} jobs", local / PACKS * 1000, "within 1.25x of the local pool",
            remote <= 1.25 * local),
        row("Dask: packs/s per worker (1 core each)", per_worker, "client writing: packs/s ceiling", ceiling,
            f"N workers ~ min(N x {per_worker:.0f}, {ceiling:.0f}) packs/s", True, unit="/s"),
    ]


if __name__ == "__main__":
    for measured in rows():
        print(measured)
