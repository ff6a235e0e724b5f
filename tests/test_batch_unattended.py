"""Batch runs an account manager can leave unattended: every selection explained, nothing silently lost,
stale files gone, a dead worker or a stop signal ending the run promptly with a true summary."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

from tests.conftest import CLI
from tests.test_batch import briefing_sheets, clients_sheet
from tests.workbooks import valid_sheets, write_workbook

RISKS = [["ID", "Risk", "Category", "Likelihood", "Impact", "Sectors", "Regions"],
         ["R1", "Grid attacks.", "Security", 5, 5, "Energy, Logistics", "Central Asia"],
         ["R2", "Bank runs.", "Economic", 4, 4, "Financial services", "Europe"],
         ["R3", "Port strikes.", "Operational", 1, 2, "Logistics", "All"]]


def briefing(folder: Path, reference: str = "RT-A", risks: list | None = None) -> Path:
    sheets = valid_sheets()
    sheets["Briefing"][1][1] = reference
    sheets["Risks"] = risks or RISKS
    return write_workbook(folder / f"{reference}.xlsx", sheets)


def manifest(folder: Path, rows: list[list]) -> Path:
    header = ["Client", "Sectors", "Regions", "Briefings", "Minimum rating", "Formats"]
    return write_workbook(folder / "clients.xlsx", {"Clients": [header, *rows]})


def batch(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "batch", *map(str, args)], capture_output=True, text=True, timeout=300,
                          env=env)


def summary(out: Path) -> dict[tuple[str, str], dict]:
    return {(r["client"], r["briefing"]): r for r in json.loads((out / "summary.json").read_text())}


def assert_listed_true(out: Path) -> dict[str, str]:
    """Every file the summary lists is on disk with its listed SHA-256; nothing is half-written."""
    rows = json.loads((out / "summary.json").read_text())
    listed = {name: digest for r in rows for name, digest in zip(r["files"], r["sha256"])}
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    assert not list(out.glob("**/.*.part")) and not list(out.glob("**/.pdf-*"))
    return listed


def assert_summary_true(out: Path) -> None:
    """Every client folder holds exactly the files the summary lists, each with its listed SHA-256."""
    listed = assert_listed_true(out)
    assert {str(p.relative_to(out)) for p in out.glob("*/*") if not p.name.startswith(".")} == set(listed)


def test_dry_run_explains_every_selection_and_writes_nothing(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "Logistics", "Central Asia", "", "Medium", ""]])
    proc = batch(clients, path, "-o", tmp_path / "out", "--dry-run")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "included (1): R1" in proc.stdout
    assert "left out R2: sector Financial services (the client's: Logistics)" in proc.stdout
    assert "left out R3: below the minimum rating: Low, score 2 (the client's minimum: Medium)" in proc.stdout
    assert not (tmp_path / "out").exists()


def test_clients_typing_commas_and_line_breaks_get_every_sector_they_name(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "Financial services, Logistics", "", "", "", "docx"],
                                  ["Bolt", "Energy\nFinancial services", "Europe,Central Asia", "", "", "docx"]])
    out = tmp_path / "out"
    proc = batch(clients, path, "-o", out)
    assert proc.returncode == 0 and "unmatched-name" not in proc.stdout, proc.stdout + proc.stderr
    assert summary(out)[("Acme", "RT-A")]["risks"] == ["R1", "R2", "R3"]
    assert summary(out)[("Bolt", "RT-A")]["risks"] == ["R1", "R2"]


def test_the_summary_lists_each_risk_left_out_with_its_reason(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "Logistics", "Europe", "", "", "docx"]])
    out = tmp_path / "out"
    assert batch(clients, path, "-o", out).returncode == 0
    row = summary(out)[("Acme", "RT-A")]
    assert row["risks"] == ["R3"]
    assert row["excluded"] == ["R1: region Central Asia (the client's: Europe)",
                               "R2: sector Financial services (the client's: Logistics)"]
    assert batch(clients, path, "-o", out).returncode == 0  # skipped as unchanged: the reasons are kept
    assert summary(out)[("Acme", "RT-A")]["excluded"] == row["excluded"]


def test_a_misspelt_client_sector_and_a_risk_sector_no_client_names_are_warned(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "Logisitics", "", "", "", "docx"],
                                  ["Bolt", "Energy; Financial services", "", "", "", "docx"]])
    proc = batch(clients, path, "-o", tmp_path / "out", "--dry-run")
    assert proc.returncode == 0
    assert ("Clients!B2: warning (Sectors): sector 'Logisitics' matches no risk in the briefings given "
            "[unmatched-name]\n    hint: did you mean 'Logistics'?") in proc.stdout
    assert ("warning: the sector 'Logistics' of risk(s) R1, R3 is named by no client; only clients with a blank "
            "sector list receive them [unmatched-name]") in proc.stdout


def test_a_briefing_pinned_but_not_given_is_not_in_this_run_and_no_failure(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "RT-W47, RT-A", "", "docx"]])
    proc = batch(clients, path, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = summary(tmp_path / "out")
    assert rows[("Acme", "RT-W47")]["status"] == "not in this run" and rows[("Acme", "RT-W47")]["error"] == ""
    assert rows[("Acme", "RT-A")]["status"] == "built"
    assert "1 not in this run" in proc.stdout


def test_a_briefing_pinned_in_another_case_is_that_briefing(tmp_path):
    # an account manager typing "rt-a" for RT-A must not leave the client silently without its pack
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "rt-a", "", "docx"]])
    proc = batch(clients, path, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert summary(tmp_path / "out")[("Acme", "RT-A")]["status"] == "built"
    assert "0 not in this run" in proc.stdout and (tmp_path / "out" / "acme" / "RT-A.docx").is_file()


def test_reruns_leave_each_folder_holding_exactly_what_the_summary_lists(tmp_path):
    out = tmp_path / "out"
    first = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx, xlsx"], ["Bolt", "", "", "", "", "docx"]])
    assert batch(clients, first, "-o", out).returncode == 0
    assert (out / "acme" / "RT-A-risk-matrix.xlsx").exists() and (out / "bolt.zip").exists()
    (out / "acme" / "notes.txt").write_text("call Ana on Monday")  # not ours: never tidied away
    # Formats shrank, the minimum rose, a client left, and the briefing's Reference changed
    (tmp_path / "RT-A.xlsx").unlink()
    second = briefing(tmp_path, "RT-B")
    clients = manifest(tmp_path, [["Acme", "", "", "", "Critical", "docx"]])
    proc = batch(clients, second, "-o", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in (out / "acme").iterdir() if not p.name.startswith(".")) == ["RT-B.docx",
                                                                                               "notes.txt"]
    assert not (out / "bolt").exists() and not (out / "bolt.zip").exists()
    assert "bolt/ (a client no longer in the manifest)" in proc.stdout and "acme/RT-A.docx" in proc.stdout
    assert zipfile.ZipFile(out / "acme.zip").namelist() == ["RT-B.docx"]
    assert summary(out)[("Acme", "RT-B")]["risks"] == ["R1"]
    (out / "acme" / "notes.txt").unlink()
    assert_summary_true(out)


def test_a_second_batch_into_a_busy_folder_refuses_with_a_message(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx"]])
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".reporttool-batch.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running batch holds it
        proc = batch(clients, path, "-o", out)
    assert proc.returncode == 4
    assert "another batch" in proc.stderr and "is writing into" in proc.stderr
    assert not (out / "summary.json").exists()
    assert batch(clients, path, "-o", out).returncode == 0  # the lock goes with the run that held it


def test_a_client_folder_that_is_a_link_is_never_written_through(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx"], ["Bolt", "", "", "", "", "docx"]])
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "acme").symlink_to(elsewhere)
    proc = batch(clients, path, "-o", out)
    assert proc.returncode == 1
    assert list(elsewhere.iterdir()) == []
    rows = summary(out)
    assert rows[("Acme", "RT-A")]["status"] == "failed" and "is a link" in rows[("Acme", "RT-A")]["error"]
    assert rows[("Bolt", "RT-A")]["status"] == "built"


def test_a_folder_where_a_zip_must_go_fails_that_client_alone(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx"], ["Bolt", "", "", "", "", "docx"]])
    out = tmp_path / "out"
    (out / "acme.zip").mkdir(parents=True)
    proc = batch(clients, path, "-o", out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = summary(out)
    error = rows[("Acme", "RT-A")]["error"]
    assert rows[("Acme", "RT-A")]["status"] == "failed" and str(out / "acme.zip") in error and "a folder" in error
    assert ".part" not in error and "close it" not in error
    assert rows[("Bolt", "RT-A")]["status"] == "built" and (out / "bolt.zip").is_file()


def test_jobs_are_capped_at_what_the_machine_and_the_work_can_use(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx"], ["Bolt", "", "", "", "", "docx"]])
    proc = batch(clients, path, "-o", tmp_path / "out", "--jobs", "1000")
    assert proc.returncode == 0
    assert "note: --jobs 1000 capped at" in proc.stderr and "2 pack(s) to build" in proc.stderr


def test_a_briefing_inside_the_output_folder_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    (out / "acme").mkdir(parents=True)
    path = briefing(out / "acme")
    clients = manifest(tmp_path, [["Acme", "", "", "", "", "docx"]])
    proc = batch(clients, path, "-o", out)
    assert proc.returncode == 1 and "[input-in-output]" in proc.stdout
    assert path.is_file() and not (out / "summary.json").exists()


def test_long_client_names_in_a_four_byte_script_get_folders_within_file_name_limits(tmp_path):
    path = briefing(tmp_path)
    name = "\U00020000" * 70  # 280 bytes in UTF-8: more than a file name may hold
    clients = manifest(tmp_path, [[name, "", "", "", "", "docx"]])
    proc = batch(clients, path, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = summary(tmp_path / "out")[(name, "RT-A")]["folder"]
    assert len(folder.encode()) <= 120 and (tmp_path / "out" / folder / "RT-A.docx").is_file()


def _run_until_progress(args: list[str], out: Path) -> subprocess.Popen:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    first = proc.stderr.readline()  # the first finished pack: the workers are busy with the rest
    assert "built" in first, first + proc.stderr.read()
    return proc


def _workers(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children]


def _big_run(tmp_path: Path) -> tuple[list[str], Path]:
    paths = [write_workbook(tmp_path / f"{r}.xlsx", briefing_sheets(r, i)) for i, r in enumerate(["RT-A", "RT-B"])]
    write_workbook(tmp_path / "clients.xlsx", clients_sheet(60, ["RT-A", "RT-B"]))
    out = tmp_path / "out"
    return [str(CLI), "batch", str(tmp_path / "clients.xlsx"), *map(str, paths), "-o", str(out), "--jobs", "2"], out


def test_a_killed_worker_ends_the_run_in_bounded_time_with_a_true_summary(tmp_path):
    args, out = _big_run(tmp_path)
    proc = _run_until_progress(args, out)
    os.kill(_workers(proc.pid)[0], signal.SIGKILL)  # as the OOM killer would
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stdout + stderr  # the dead worker's packs were redone
    # a pack the worker finished writing just before it died is found whole by the redo, and kept as it is
    assert all(r["status"] in ("built", "skipped", "not in this run") for r in summary(out).values())
    assert_summary_true(out)


def test_sigterm_to_the_process_group_stops_promptly_with_a_true_summary(tmp_path):
    args, out = _big_run(tmp_path)
    proc = _run_until_progress(args, out)
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGTERM)  # what `timeout`, systemd or kill -TERM -PGID send
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and time.monotonic() - started < 30
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert any(r["status"] == "stopped" and r["files"] == [] for r in summary(out).values())
    assert_listed_true(out)  # what finished is listed truly; a rerun completes the rest


def test_a_reference_windows_keeps_for_a_device_is_refused_at_its_cell(tmp_path):
    from reporttool.workbook.load import read_briefing

    for reference in ("CON", "nul.2025", "COM1"):
        sheets = valid_sheets()
        sheets["Briefing"][1][1] = reference
        issues = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets)).issues
        assert [(str(i.location), i.code) for i in issues] == [("Briefing!B2", "bad-reference")], reference


def test_a_write_that_fails_names_the_users_file_not_the_temporary_one(tmp_path):
    import pytest

    from reporttool.files import write_atomic

    (tmp_path / "summary.json").mkdir()
    with pytest.raises(OSError) as failed:
        write_atomic(tmp_path / "summary.json", b"{}")
    assert failed.value.filename == str(tmp_path / "summary.json") and ".part" not in str(failed.value)
    assert "a folder is where this file must go" in str(failed.value)
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_a_stop_during_the_pdfs_ends_libreoffice_at_once(tmp_path):
    path = briefing(tmp_path)
    clients = manifest(tmp_path, [[f"Client {i}", "", "", "", "", "pdf"] for i in range(6)])
    out, bin_dir = tmp_path / "out", tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "soffice").write_text("#!/bin/sh\nsleep 120\n")  # a LibreOffice that would outlast the test
    (bin_dir / "soffice").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    args = [str(CLI), "batch", str(clients), str(path), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*/.pdf-*/reporttool-soffice-*/profile"))) < 2:
        time.sleep(0.02)
    time.sleep(0.5)
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGTERM)  # LibreOffice runs in its own session: the group's signal misses it
    _, stderr = proc.communicate(timeout=150)
    assert proc.returncode == 130 and time.monotonic() - started < 20, stderr
    still = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{os.path.realpath(out)}/"],
                           capture_output=True, text=True).stdout
    assert still == ""
    assert all(r["status"] == "stopped" for r in summary(out).values())
    assert_listed_true(out)
