"""Shared fixtures: test workbooks on disk, the CLI run in-process, LibreOffice availability."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "reporttool"


def as_in_a_terminal() -> None:
    """For a child that gets a Ctrl-C: SIGINT as a terminal's foreground job has it. A test run started in
    the background (`make test &`, some CI runners) ignores SIGINT, and a child would inherit that."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def run_cli():
    """Run the installed console script as a user would; returns (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        proc = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr

    return run


def soffice() -> str:
    """LibreOffice is installed by `make test` (.ci/system-deps.sh); its absence is a failure, not a skip."""
    path = shutil.which("soffice")
    assert path, "LibreOffice is missing: run `make test`, which installs it"
    return path


def _find_ooxml_check() -> Path:
    """The schema checker lives in shared/ beside the clone (CI), or where REPORTTOOL_OOXML_CHECK says."""
    candidates = [os.environ.get("REPORTTOOL_OOXML_CHECK", ""), ROOT.parent / "shared" / "tools" / "ooxml-check",
                  Path("/work/shared/tools/ooxml-check")]
    found = [Path(c) for c in candidates if c and Path(c).is_file()]
    assert found, "ooxml-check not found: put shared/ beside the clone or set REPORTTOOL_OOXML_CHECK"
    return found[0]


def ooxml_check(*paths: Path) -> str:
    """Hold files to the ECMA-376 schemas as strictly as Word and Excel; fail the test on any finding."""
    proc = subprocess.run([sys.executable, str(_find_ooxml_check()), *map(str, paths)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("parts checked, valid") == len(paths)
    return proc.stdout
