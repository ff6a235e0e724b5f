"""Packs on a real local Dask cluster (a scheduler and two worker processes on 127.0.0.1): the same files
as the local pool, and the faults a cluster has (a worker killed, a pack that raises, another version)."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from reporttool.packs.folders import LOCK_NAME
from tests.conftest import CLI, as_in_a_terminal
from tests.dask_processes import DaskProcesses
from tests.test_batch import briefing_sheets, clients_sheet
from tests.workbooks import write_workbook


def start_cluster(workers: int) -> LocalCluster:
    """Dashboard off; the scheduler's small HTTP server (health, metrics) on an ephemeral loopback port."""
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        scheduler_port=0, dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


@pytest.fixture(scope="module")
def cluster():
    with start_cluster(2) as local, Client(local, set_as_default=False) as client:
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("cluster")
    paths = [write_workbook(folder / f"{r}.xlsx", briefing_sheets(r, i)) for i, r in enumerate(["RT-A", "RT-B"])]
    manifest = clients_sheet(40, ["RT-A", "RT-B"])
    for row in manifest["Clients"][1:9]:
        row[7] = "html; xlsx"  # every format that comes out byte for byte: docx, xlsx, html
    return write_workbook(folder / "clients.xlsx", manifest), paths


def batch(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "batch", *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (state files included, the run's lock file aside), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK_NAME}


class Running:
    """A batch of 160 one-briefing packs on the cluster at `address`, running in the background."""

    def __init__(self, folder: Path, address: str, env: dict | None = None, **popen):
        self.briefing = write_workbook(folder / "RT-A.xlsx", briefing_sheets("RT-A", 1))
        self.manifest = write_workbook(folder / "clients.xlsx", clients_sheet(160, ["RT-A"]))
        self.out = folder / "out"
        self.process = subprocess.Popen([str(CLI), "batch", str(self.manifest), str(self.briefing), "-o",
                                         str(self.out), "--scheduler", address], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **popen)

    def wait_for(self, pattern: str, count: int) -> None:
        """Until `count` files match pattern under OUTDIR: the run is well under way."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(list(self.out.glob(pattern))) < count:
            time.sleep(0.02)

    def finish(self, timeout: float) -> tuple[int, str, str]:
        stdout, stderr = self.process.communicate(timeout=timeout)
        return self.process.returncode, stdout, stderr


def test_the_cluster_writes_the_same_bytes_as_the_local_pool(cluster, inputs, tmp_path):
    address, _ = cluster
    manifest, briefings = inputs
    local = batch(manifest, *briefings, "-o", tmp_path / "local", "--jobs", "2")
    remote = batch(manifest, *briefings, "-o", tmp_path / "remote", "--scheduler", address)
    assert local.returncode == remote.returncode == 0, remote.stdout + remote.stderr
    assert local.stdout.replace("local", "remote") == remote.stdout
    ours, theirs = tree(tmp_path / "local"), tree(tmp_path / "remote")
    assert sum(name.endswith(".docx") for name in ours) > 30
    assert sum(name.endswith(".xlsx") for name in ours) > 8 and sum(name.endswith(".html") for name in ours) > 8
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []  # docx, xlsx, zips, summary, state
    rerun = batch(manifest, *briefings, "-o", tmp_path / "remote", env={"REPORTTOOL_SCHEDULER": address})
    assert rerun.returncode == 0 and "0 built" in rerun.stdout and "0 failed" in rerun.stdout
    assert {r["status"] for r in json.loads((tmp_path / "remote" / "summary.json").read_text())} == {"skipped"}


def test_a_worker_killed_mid_run_has_its_packs_built_on_another(cluster, tmp_path):
    address, client = cluster
    run = Running(tmp_path, address)
    out = run.out
    run.wait_for("*/*.docx", 15)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    assert not (out / "summary.json").exists(), "the run finished before a worker could be killed"
    code, stdout, stderr = run.finish(300)
    assert code == 0, stdout + stderr
    rows = json.loads((out / "summary.json").read_text())
    assert len(rows) == 160 and {r["status"] for r in rows} == {"built"}
    for row in rows:
        for name, digest in zip(row["files"], row["sha256"]):
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    client.wait_for_workers(2, timeout=60)  # the nanny starts a fresh worker for the next tests
    assert victim not in client.run(os.getpid).values()


def test_a_pack_that_raises_fails_alone_as_on_the_local_pool(cluster, inputs, tmp_path):
    from importlib.metadata import version

    from reporttool.cluster.executor import DaskCluster
    from reporttool.packs.executors import LocalPool
    from reporttool.packs.inputs import load_inputs
    from reporttool.packs.plan import plan
    from reporttool.workbook.package import Limits

    address, _ = cluster
    manifest, briefings = inputs
    loaded = load_inputs(manifest, briefings, None, Limits(), version("reporttool")).inputs
    broken = dataclasses.replace(loaded.briefings["RT-B"], risks=None)  # rendering it raises TypeError
    sabotaged = dataclasses.replace(loaded, briefings={**loaded.briefings, "RT-B": broken})
    packs, _ = plan(sabotaged)
    outcomes = {}
    for name, executor in (("local", LocalPool(1)), ("cluster", DaskCluster(address))):
        with executor:
            results = executor.run(packs, sabotaged, tmp_path / name, True, lambda result: None)
        outcomes[name] = [dataclasses.astuple(r) for r in results]
    assert outcomes["local"] == outcomes["cluster"]
    statuses = {(r[2], r[3]) for r in outcomes["cluster"]}
    assert statuses == {("RT-A", "built"), ("RT-B", "failed")}
    assert {r[6] for r in outcomes["cluster"] if r[2] == "RT-B"} == {"TypeError: 'NoneType' object is not iterable"}


def test_pdfs_are_made_on_the_workers_by_one_kept_libreoffice_each(cluster, tmp_path):
    address, client = cluster
    briefing = write_workbook(tmp_path / "RT-A.xlsx", briefing_sheets("RT-A", 1))
    manifest = write_workbook(tmp_path / "clients.xlsx", clients_sheet(6, ["RT-A"], pdf_clients=6))
    for _ in range(2):
        proc = batch(manifest, briefing, "-o", tmp_path / "out", "--scheduler", address, "--force")
        assert proc.returncode == 0, proc.stdout + proc.stderr
    pdfs = sorted((tmp_path / "out").glob("*/*.pdf"))
    assert len(pdfs) == 6
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "A test briefing" in text and "RT-A" in text
    starts = client.run(lambda dask_worker: dask_worker.plugins["reporttool-office"].office.starts)
    assert max(starts.values()) == 1  # each LibreOffice started once and kept for the rerun


def test_a_worker_with_another_reporttool_version_is_refused(tmp_path, inputs):
    manifest, briefings = inputs
    other = tmp_path / "site" / "reporttool-9.9.9.dist-info"
    other.mkdir(parents=True)
    (other / "METADATA").write_text("Metadata-Version: 2.1\nName: reporttool\nVersion: 9.9.9\n")
    with start_cluster(0) as scheduler_only:
        address = scheduler_only.scheduler_address
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                   "--no-dashboard", "--host", "127.0.0.1", "--no-nanny"],
                                  env={**os.environ, "PYTHONPATH": str(tmp_path / "site")}, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with Client(scheduler_only, set_as_default=False) as client:
                client.wait_for_workers(1, timeout=60)
            proc = batch(manifest, *briefings, "-o", tmp_path / "out", "--scheduler", address)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "has 9.9.9" in proc.stderr and "reporttool==" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_a_clear_message(inputs, tmp_path):
    manifest, briefings = inputs
    proc = batch(manifest, *briefings, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9",
                 env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert proc.returncode == 2 and "cannot be reached" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_cluster_that_goes_away_ends_the_run_and_a_rerun_completes_it(cluster, tmp_path):
    with DaskProcesses(tmp_path / "doomed", 2) as doomed:
        run = Running(tmp_path, doomed.address, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
        run.wait_for("*/.*.pack.json", 15)
        doomed.kill()
    out = run.out
    code, _, stderr = run.finish(120)
    assert code == 4, stderr
    assert "went away" in stderr and "rerun the same command" in stderr and "Traceback" not in stderr
    assert not list(out.glob("**/.*.part"))
    kept = list(out.glob("*/.*.pack.json"))
    stopped = json.loads((out / "summary.json").read_text())  # a true summary: what was built, what was not
    assert sum(r["status"] == "built" for r in stopped) == len(kept)
    assert {r["status"] for r in stopped} == {"built", "stopped"}
    for state in kept:  # every pack recorded as written is whole
        for name, digest in json.loads(state.read_text())["files"].items():
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    rerun = batch(run.manifest, run.briefing, "-o", out, "--scheduler", cluster[0])
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    rows = json.loads((out / "summary.json").read_text())
    assert len(rows) == 160 and sum(r["status"] == "skipped" for r in rows) == len(kept) >= 15


def test_ctrl_c_stops_a_cluster_run_cleanly_and_the_workers_stay_for_the_next(cluster, tmp_path):
    address, client = cluster
    run = Running(tmp_path, address, start_new_session=True, preexec_fn=as_in_a_terminal)
    run.wait_for("*/*.*", 10)
    os.killpg(run.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole process group
    code, _, stderr = run.finish(60)
    assert code == 130 and "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert not list(run.out.glob("**/.*.part"))
    assert "stopped" in {r["status"] for r in json.loads((run.out / "summary.json").read_text())}
    assert len(client.run(os.getpid)) == 2


def test_a_cluster_that_loses_every_worker_ends_the_run_and_a_rerun_completes_it(cluster, inputs, tmp_path):
    from reporttool.cluster.executor import ClusterProblem, DaskCluster
    from reporttool.packs.inputs import load_inputs
    from reporttool.packs.plan import plan
    from reporttool.workbook.package import Limits

    manifest, briefings = inputs
    loaded = load_inputs(manifest, briefings, None, Limits(), "test").inputs
    packs, _ = plan(loaded)
    written = []

    def progress(result) -> None:
        written.append(result)
        if len(written) == 10:
            os.killpg(lonely.processes[1].pid, signal.SIGKILL)  # `dask worker`: its nanny and its only worker

    with DaskProcesses(tmp_path / "lonely", 1) as lonely:
        with pytest.raises(ClusterProblem, match="lost every worker holding this run's inputs") as stop, \
                DaskCluster(lonely.address) as executor:
            executor.run(packs, loaded, tmp_path / "out", True, progress)
    assert stop.value.started and 10 <= len(written) < len(packs)
    with DaskCluster(cluster[0]) as executor:
        results = executor.run(packs, loaded, tmp_path / "out", False, lambda result: None)
    assert {r.status for r in results} == {"built", "skipped"}
    assert sum(r.status == "skipped" for r in results) >= 10
