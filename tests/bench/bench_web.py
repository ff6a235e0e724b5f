"""`reporttool serve` against the CLI: a warm POST /api/validate, a 200-pack batch started from the API to its
last progress event, and the server's memory after 500 validations and 100 builds."""
from __future__ import annotations

import http.client
import json
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from tests.bench.common import best_ms, process_ms, row
from tests.conftest import CLI, ROOT
from tests.web_browser import Server
from tests.web_client import many_clients

EXAMPLE = ROOT / "examples" / "briefing.xlsx"


def multipart(fields: dict[str, str], files: list[tuple[str, Path]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    for name, path in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{path.name}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n'.encode() + path.read_bytes() + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Api:
    """One kept-alive connection to the server, as a script using the Bearer token."""

    def __init__(self, server: Server):
        self.server = server
        self.connection = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=600)

    def post(self, path: str, fields: dict[str, str], files: list[tuple[str, Path]]) -> tuple[int, bytes]:
        body, kind = multipart(fields, files)
        headers = {"Authorization": f"Bearer {self.server.token}", "Content-Type": kind}
        try:
            self.connection.request("POST", path, body, headers)
        except (BrokenPipeError, ConnectionResetError):  # idle past the server's keep-alive: connect again
            self.connection = self._connect()
            self.connection.request("POST", path, body, headers)
        answer = self.connection.getresponse()
        return answer.status, answer.read()

    def follow(self, path: str) -> int:
        """Read a run's server-sent events to the end; the number of progress events."""
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=600)
        connection.request("GET", path, headers={"Authorization": f"Bearer {self.server.token}"})
        answer, count = connection.getresponse(), 0
        for line in answer:
            if line.startswith(b"event: progress"):
                count += 1
            elif line.startswith(b"event: end"):
                break
        connection.close()
        return count


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def rows() -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "data")
        try:
            api = Api(server)

            def validate() -> None:
                status, body = api.post("/api/validate", {}, [("workbook", EXAMPLE)])
                assert status == 200 and json.loads(body)["valid"]

            for _ in range(5):
                validate()
            ours = best_ms(validate, repeat=5, number=4)
            theirs = process_ms([str(CLI), "validate", str(EXAMPLE)])
            out.append(row("POST /api/validate example (warm server)", ours, "reporttool validate (process)", theirs,
                           "<= 0.5x the CLI", ours <= 0.5 * theirs))

            clients = many_clients(Path(folder) / "clients200.xlsx", 200)

            def web_batch() -> None:
                status, body = api.post("/api/runs?start=1", {"brand": "meridian"},
                                        [("manifest", clients), ("briefings", EXAMPLE)])
                assert status == 201, body
                run = json.loads(body)
                assert run["total"] == 200 and api.follow(run["urls"]["events"]) > 1

            def cli_batch() -> None:
                subprocess.run([str(CLI), "batch", str(clients), str(EXAMPLE), "-o",
                                str(Path(folder) / f"cli-{time.monotonic_ns()}")], check=True, capture_output=True)

            ours, theirs = best_ms(web_batch, repeat=3), best_ms(cli_batch, repeat=3)
            out.append(row("200-pack batch from the API, to its last event", ours, "reporttool batch (process)",
                           theirs, "<= 1.1x the CLI", ours <= 1.1 * theirs))

            def build() -> None:
                status, body = api.post("/api/build", {"format": "docx"}, [("workbook", EXAMPLE)])
                assert status == 200 and body[:2] == b"PK"

            for _ in range(20):
                validate()
            for _ in range(5):
                build()
            before = rss_mib(server.process.pid)
            for _ in range(500):
                validate()
            for _ in range(100):
                build()
            after = rss_mib(server.process.pid)
            out.append(row("server RSS after 500 validations + 100 builds", after, "RSS after warm-up", before,
                           "< +10 MiB", after - before < 10, unit="MiB"))
        finally:
            server.stop()
    return out
