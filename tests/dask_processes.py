"""A Dask scheduler and workers as `dask scheduler` and `dask worker` run them: processes of their own on
127.0.0.1 (ephemeral ports), so a test can kill the whole cluster and a bench measures only the client."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class DaskProcesses:
    def __init__(self, folder: Path, workers: int):
        folder.mkdir(parents=True, exist_ok=True)
        scheduler_file = folder / "scheduler.json"
        python = [sys.executable, "-m"]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
        self.processes = [subprocess.Popen([*python, "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                            "--port", "0", "--dashboard-address", "127.0.0.1:0",
                                            "--scheduler-file", str(scheduler_file)], **quiet)]
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(scheduler_file.read_text())["address"]
        self.processes.append(subprocess.Popen([*python, "distributed.cli.dask_worker", self.address, "--nworkers",
                                                str(workers), "--nthreads", "1", "--host", "127.0.0.1",
                                                "--no-dashboard"], cwd=folder, **quiet))
        from distributed import Client

        with Client(self.address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)

    def kill(self) -> None:
        """The whole cluster gone at once, as when its machines go down."""
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)

    def __enter__(self) -> "DaskProcesses":
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
