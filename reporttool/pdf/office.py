"""One LibreOffice kept running for many conversions (a cluster worker's), restarted when it hangs or dies.

Starting LibreOffice costs seconds; a cluster worker converts PDFs one pack at a time, so it keeps one
LibreOffice and talks to it over UNO through uno_bridge.py, run by the Python that carries LibreOffice's
`uno` module (Debian's python3-uno, or the `python` LibreOffice ships). Every conversion is bounded in
time: one that hangs ends the LibreOffice, and the next conversion starts a fresh one.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from .info import docx_info, settle
from .libreoffice import INSTALL_HINT, PROFILE_SETTINGS, find_soffice

UNO_HINT = ("PDFs on a cluster worker need LibreOffice's Python bridge: install it with "
            "`apt-get install python3-uno` (Debian/Ubuntu), or set REPORTTOOL_UNO_PYTHON to a Python that "
            "can `import uno`")
START_SECONDS = 120.0


class OfficeFailed(Exception):
    """The conversion failed; the message says why (and how to fix it when it is a missing install)."""


def uno_python() -> str | None:
    """A Python that can import `uno`: REPORTTOOL_UNO_PYTHON, LibreOffice's own, or the system's."""
    soffice = find_soffice()
    candidates = [os.environ.get("REPORTTOOL_UNO_PYTHON", "")]
    if soffice:
        candidates.append(str(Path(os.path.realpath(soffice)).parent / "python"))
    candidates += ["/usr/bin/python3", shutil.which("python3") or ""]
    for candidate in filter(None, candidates):
        if os.access(candidate, os.X_OK) and subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=60).returncode == 0:
            return candidate
    return None


class Office:
    """A kept LibreOffice: `convert` turns docx bytes into PDF bytes, one file at a time (thread-safe)."""

    def __init__(self, seconds_per_file: float = 60.0):
        self.seconds_per_file = seconds_per_file
        self._lock = threading.Lock()
        self._bridge: subprocess.Popen | None = None
        self._work = Path(tempfile.mkdtemp(prefix=f".pdf-{os.getpid()}-office-"))
        self._count = 0
        self.starts = 0  # how many LibreOffice processes this Office has started (tests and logs read it)

    def convert(self, docx: bytes) -> bytes:
        """The PDF of a Word file; OfficeFailed when it cannot be made in time."""
        with self._lock:
            self._count += 1
            source, target = self._work / f"{self._count}.docx", self._work / f"{self._count}.pdf"
            source.write_bytes(docx)
            try:
                fresh = not self.pids()
                answer = self._ask({"source": str(source), "target": str(target)})
                if "error" in answer and not fresh and "timeout" not in answer:
                    self.stop()  # it may have died since the last file: one more try in a fresh LibreOffice
                    answer = self._ask({"source": str(source), "target": str(target)})
                if "error" in answer or not target.is_file():
                    raise OfficeFailed(answer.get("error") or "LibreOffice could not convert the Word file")
                return settle(target.read_bytes(), docx_info(docx))  # the batch way's stable bytes
            finally:
                source.unlink(missing_ok=True)
                target.unlink(missing_ok=True)

    def _ask(self, job: dict) -> dict:
        """Send one job and wait for its answer; a LibreOffice that does not answer in time is ended."""
        bridge = self._running()
        assert bridge.stdin and bridge.stdout
        try:
            bridge.stdin.write(json.dumps(job) + "\n")
            bridge.stdin.flush()
        except OSError:
            self.stop()
            return {"error": "LibreOffice ended unexpectedly"}
        line = self._read_line(bridge, self.seconds_per_file)
        if line is None:
            self.stop()
            return {"error": f"LibreOffice did not finish within {self.seconds_per_file:g} s", "timeout": True}
        return json.loads(line) if line else {"error": "LibreOffice ended unexpectedly"}

    def _running(self) -> subprocess.Popen:
        if self._bridge is not None and self._bridge.poll() is None:
            return self._bridge
        self.stop()
        soffice, python = find_soffice(), uno_python()
        if soffice is None:
            raise OfficeFailed(INSTALL_HINT)
        if python is None:
            raise OfficeFailed(UNO_HINT)
        profile = self._work / f"profile-{self.starts}"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        self._bridge = subprocess.Popen([python, str(Path(__file__).with_name("uno_bridge.py")), soffice, str(profile)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True, start_new_session=True)
        self.starts += 1
        if not self._read_line(self._bridge, START_SECONDS):
            self.stop()
            raise OfficeFailed(f"LibreOffice did not start within {START_SECONDS:g} s")
        return self._bridge

    @staticmethod
    def _read_line(process: subprocess.Popen, seconds: float) -> str | None:
        """One line from the bridge; "" when it ended, None when nothing came in time."""
        assert process.stdout
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if select.select([process.stdout], [], [], left)[0]:
                return process.stdout.readline()
        return None

    def pids(self) -> list[int]:
        """The processes of the running LibreOffice and its bridge (for tests that end or freeze one)."""
        if self._bridge is None or self._bridge.poll() is not None:
            return []
        found = subprocess.run(["pgrep", "-g", str(self._bridge.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in found.split()]

    def stop(self) -> None:
        """End LibreOffice and its bridge (one process group)."""
        if self._bridge is None:
            return
        try:
            os.killpg(self._bridge.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._bridge.wait()
        for stream in (self._bridge.stdin, self._bridge.stdout):
            if stream:
                stream.close()
        self._bridge = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._work, ignore_errors=True)
