"""What one server was started with: its data folder, token, the names it answers to, its upload caps."""
from __future__ import annotations

import socket
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..workbook.package import Limits

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class Settings:
    """The server's configuration; `port` is the real one once the socket is bound (port 0 picks one)."""

    data: Path
    token: str
    host: str = "127.0.0.1"
    port: int = 8000
    limits: Limits = field(default_factory=Limits)
    jobs: int | None = None
    extra_hosts: tuple[str, ...] = ()  # more Host names to accept (tests use Starlette's "testserver")

    @property
    def max_upload(self) -> int:
        """Bytes one request may carry: the inflated-size cap bounds the compressed file too."""
        return self.limits.max_inflated

    def host_names(self) -> frozenset[str]:
        """The names a Host header may carry: loopback ones, the bound address and, when listening beyond
        loopback, this machine's own names and addresses. Anything else is a DNS-rebinding attempt."""
        return _host_names(self.host, self.extra_hosts)

    def host_allowed(self, header: str) -> bool:
        """Host must be one of our names, with our port (or no port only for the test client)."""
        name, _, port = header.rpartition(":") if not header.endswith("]") else (header, "", "")
        if not name or "]" in port:
            name, port = header, ""
        name = name.lower().strip("[]")
        if name in {n.lower() for n in self.extra_hosts} and not port:
            return True
        return name in self.host_names() and port == str(self.port)


@lru_cache(maxsize=8)
def _host_names(host: str, extra: tuple[str, ...]) -> frozenset[str]:
    """Looked up once per server: resolving the machine's addresses costs a name lookup."""
    names = set(LOOPBACK_NAMES) | {host} | set(extra)
    if host not in LOOPBACK_NAMES:
        names |= {socket.gethostname(), socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    return frozenset(n.lower().strip("[]") for n in names)
