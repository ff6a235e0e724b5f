"""Packs on a Dask cluster, seen from the machine that runs `batch`: it checks the workers, sends the
inputs once, and writes every file the workers send back (temporary name, then rename)."""
from __future__ import annotations

import dataclasses
import logging
import os
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Callable

from ..packs.folders import describe_os_error, linked_folder
from ..packs.plan import Inputs, Pack, PackResult
from ..packs.state import save_state, unchanged

PACKS_PER_TASK = 8  # at most: fewer when the run is small, so every worker thread stays busy


class ClusterProblem(Exception):
    """The cluster cannot take the run, or went away during it; the message says what to do."""

    def __init__(self, message: str, started: bool):
        super().__init__(message)
        self.started = started  # False: nothing was written; True: packs written so far are kept


class DaskCluster:
    """The Dask scheduler at `address` (tcp://HOST:8786) and its workers."""

    def __init__(self, address: str):
        self.address = address
        self.client = None

    def __enter__(self) -> "DaskCluster":
        try:
            from distributed import Client
        except ImportError:
            raise ClusterProblem("--scheduler needs Dask's distributed scheduler on this machine: "
                                 "pip install 'reporttool[cluster]'", started=False) from None
        # Dask logs its connection troubles with tracebacks (through the handler its config puts on the
        # "distributed" logger); users get the one message ClusterProblem gives instead.
        for handler in logging.getLogger("distributed").handlers:
            handler.setLevel(logging.CRITICAL)
        try:
            self.client = Client(self.address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterProblem(f"the Dask scheduler at {self.address} cannot be reached ({exc}); start it with "
                                 "`dask scheduler` and its workers with `dask worker ADDRESS`", started=False) from None
        self._check_workers()
        return self

    def _check_workers(self) -> None:
        """Every worker must run this reporttool version, or the files would not be the ones this
        machine makes; the plugin that keeps LibreOffice is installed on workers that lack it."""
        from .worker import OfficePlugin, has_office, installed_version

        mine = installed_version()
        versions = self.client.run(installed_version)
        if not versions:
            self.close()
            raise ClusterProblem(f"the Dask scheduler at {self.address} has no workers; start some with "
                                 f"`dask worker {self.address}`", started=False)
        odd = {worker: theirs for worker, theirs in versions.items() if theirs != mine}
        if odd:
            self.close()
            listed = ", ".join(f"{worker} has {theirs}" for worker, theirs in sorted(odd.items()))
            raise ClusterProblem(f"every worker needs reporttool {mine}, as this machine has: {listed}; install "
                                 f"reporttool=={mine} on those workers (or stop them) and rerun", started=False)
        if not all(self.client.run(has_office).values()):
            self.client.register_plugin(OfficePlugin())

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let the scheduler drop this run's tasks; a cluster already gone has nothing left to tell."""
        if self.client is not None:
            client, self.client = self.client, None
            try:
                client.close(timeout=10)
            except (OSError, TimeoutError):
                pass

    def run(self, packs: list[Pack], inputs: Inputs, outdir: Path, force: bool,
            progress: Callable[[PackResult], None]) -> list[PackResult]:
        """Skip unchanged packs here, build the rest on the workers, write each as it comes back."""
        from distributed import as_completed

        from .shipping import ship
        from .worker import installed_version, make_packs

        results: list[PackResult | None] = [None] * len(packs)
        todo = []
        for index, pack in enumerate(packs):
            base = PackResult(pack.client.client, pack.slug, pack.reference, "skipped")
            if (refused := linked_folder(outdir, pack.slug)):
                results[index] = dataclasses.replace(base, status="failed", error=refused)
            elif not force and (kept := unchanged(pack, outdir)) is not None:
                results[index] = dataclasses.replace(base, files=kept[0], risks=kept[1], excluded=kept[2])
            else:
                todo.append(index)
                continue
            progress(results[index])
        if todo:
            try:
                shipped = self.client.scatter(ship(inputs), broadcast=True, hash=False)
                tasks = {self.client.submit(make_packs, shipped, [packs[i] for i in chunk], installed_version(),
                                            pure=False): chunk for chunk in self._chunks(todo)}
                for future in as_completed(tasks, loop=self.client.loop):
                    for index, made in zip(tasks[future], self._made(future, len(tasks[future]))):
                        results[index] = self._write(packs[index], made, outdir)
                        progress(results[index])
                    future.release()
            except KeyboardInterrupt:  # this process writes: a write the interrupt cut short is its own leftover
                for leftover in outdir.glob(f"*/.*.{os.getpid()}.*.part"):
                    leftover.unlink(missing_ok=True)
                raise
            except Exception as exc:
                # The scheduler cancels the tasks when every worker holding the run's inputs is gone (scattered
                # data cannot be made again); a lost connection cancels them too, or fails to send.
                forgotten = isinstance(exc, CancelledError) and self.client.status == "running"
                if self.client.status == "running" and not forgotten and not isinstance(exc, OSError):
                    raise
                written = sum(r is not None and r.status in ("built", "skipped") for r in results)
                what = "lost every worker holding this run's inputs" if forgotten else \
                    f"went away ({type(exc).__name__})"
                raise ClusterProblem(f"the Dask cluster at {self.address} {what}; {written} pack(s) are written "
                                     "and kept; rerun the same command to finish", started=True) from None
        return results  # type: ignore[return-value]  # every index is filled by now

    def _chunks(self, todo: list[int]) -> list[list[int]]:
        threads = sum(self.client.nthreads().values()) or 1
        size = max(1, min(PACKS_PER_TASK, len(todo) // (threads * 4)))
        return [todo[i:i + size] for i in range(0, len(todo), size)]

    def _made(self, future, count: int) -> list:
        """What the task built; when the task itself failed (its workers kept dying under it, or a worker
        could not even take it), every pack in it fails with the reason. A cancelled task is the cluster's end."""
        from distributed import KilledWorker

        from .worker import Made

        try:
            return future.result()
        except KilledWorker:
            why = "the workers building it died each time (it may need more memory than a worker has)"
        except Exception as exc:
            if future.cancelled() or self.client.status != "running":
                raise
            why = f"{type(exc).__name__}: {exc}"
        return [Made(error=why)] * count

    @staticmethod
    def _write(pack: Pack, made, outdir: Path) -> PackResult:
        from ..packs.build import store_files

        result = PackResult(pack.client.client, pack.slug, pack.reference, "built", risks=made.risks,
                            excluded=made.excluded)
        try:
            store_files(pack, outdir, result, made.files)
        except OSError as exc:  # a blocked path fails this pack alone, named by the user's file
            return dataclasses.replace(result, status="failed", error=describe_os_error(exc))
        if made.error:
            return dataclasses.replace(result, status="failed", error=made.error)
        save_state(pack, outdir, result)
        return result
