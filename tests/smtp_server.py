"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, an ephemeral port, run in a thread."""
from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Callable

from aiosmtpd.smtp import SMTP, AuthResult


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    at: float = field(default_factory=time.monotonic)

    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)  # type: ignore[return-value]


@dataclass
class Handler:
    """Records every message it accepts; `refuse` maps an address to (reply, times: None = always)."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    on_data: Callable[[int], None] | None = None  # called with the count so far, before the reply
    drop: dict[str, int] = field(default_factory=dict)  # "rcpt"/"data": close the connection that many times

    def _dropped(self, server, step: str) -> bool:
        """Close the connection without a reply, as a crashing server or a broken network does."""
        if self.drop.get(step, 0) <= 0:
            return False
        self.drop[step] -= 1
        server.transport.close()
        return True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._dropped(server, "rcpt"):
            return "421 dropped"
        reply, times = self.refuse.get(address, ("", 0))
        if reply and (times is None or times > 0):
            if times is not None:
                self.refuse[address] = (reply, times - 1)
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._dropped(server, "data"):  # after the whole message came: the sender cannot know its fate
            return "421 dropped"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        if self.on_data:
            self.on_data(len(self.received))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


class LocalSmtp:
    """`with LocalSmtp() as server:` then send to 127.0.0.1:server.port; server.handler.received holds what came.
    tls: a server context for STARTTLS (or for TLS from the start with implicit_tls); login: (user, password)."""

    def __init__(self, tls: ssl.SSLContext | None = None, implicit_tls: bool = False,
                 login: tuple[str, str] | None = None):
        self.handler = Handler()
        self.tls, self.implicit_tls, self.login = tls, implicit_tls, login
        self.loop = asyncio.new_event_loop()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def _smtp(self) -> SMTP:
        return SMTP(self.handler, hostname="localhost", decode_data=False, enable_SMTPUTF8=True,
                    tls_context=None if self.implicit_tls else self.tls, require_starttls=bool(self.tls)
                    and not self.implicit_tls, authenticator=self._authenticate if self.login else None,
                    auth_require_tls=False)

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (auth_data.login.decode(), auth_data.password.decode()) == self.login
        return AuthResult(success=ok, handled=False)

    def __enter__(self) -> "LocalSmtp":
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        ssl_context = self.tls if self.implicit_tls else None
        self.server = asyncio.run_coroutine_threadsafe(
            self.loop.create_server(self._smtp, sock=self.sock, ssl=ssl_context), self.loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(10)  # asyncio is not thread-safe
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _close(self) -> None:
        self.server.close()
        await self.server.wait_closed()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"
