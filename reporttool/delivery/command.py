"""The send command's library side: read its options, draft or send every client's message, describe each one."""
from __future__ import annotations

import email.utils
import ipaddress
import re
from collections import Counter
from pathlib import Path
from typing import Callable

from ..model import Client
from .mime import address, one_line
from .outgoing import PacksRefused, plan_outgoing
from .run import OUTBOX, Delivery, Sender, deliveries, draft, load_brands, send
from .sendlog import LOG, SendLog
from .smtp import Mailer, Server

_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def server_for(smtp: str | None, security: str, user: str | None, rate: float | None, resend: bool) -> Server | None:
    """The server `--smtp HOST:PORT` names (None: drafts); ValueError says which options do not fit."""
    if smtp is None:
        given = [name for name, value in (("--starttls/--ssl", security != "plain"), ("--user", user),
                                          ("--rate", rate), ("--resend-unconfirmed", resend)) if value]
        if given:
            raise ValueError(f"{', '.join(given)} need --smtp HOST:PORT (without it, send writes drafts)")
        return None
    host, _, port = smtp.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--smtp {smtp!r} is not HOST:PORT, e.g. smtp.example.com:587")
    if user and security == "plain" and not _loopback(host):
        raise ValueError("--user needs --starttls or --ssl: the password would cross the network in clear")
    return Server(host, int(port), security, user)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sender_for(value: str | None, required: bool) -> Sender | None:
    """`--from "Name <addr>"` or `--from addr`; ValueError when it is not one address."""
    if value is None:
        if required:
            raise ValueError("--smtp needs --from ADDRESS (the sender of every message)")
        return None
    name, addr = email.utils.parseaddr(value)
    if not _ADDRESS.match(addr) or value.count("@") != 1:
        raise ValueError(f"--from {value!r} is not an email address")
    return Sender(address(name, addr), addr)


def deliver(clients: tuple[Client, ...], packs_dir: Path, server: Server | None, sender: Sender | None,
            run_brand: str | None, *, dry_run: bool, allow_red: bool, max_message_mb: int, rate: float | None,
            resend_unconfirmed: bool, progress: Callable[[Delivery], None]) -> list[Delivery]:
    """Every client's message drafted (no server) or sent; raises PacksRefused or BrandError before any."""
    _refuse_links(packs_dir)
    outgoing = plan_outgoing(clients, packs_dir, allow_red)
    items = deliveries(outgoing, load_brands(outgoing, run_brand), run_brand, sender)
    max_bytes = max_message_mb * 1_000_000
    if server is None:
        draft(items, packs_dir, sender, max_bytes, dry_run, progress)
        return items
    mailer = None if dry_run else Mailer(server, rate)
    try:
        send(items, SendLog.open(packs_dir), mailer, sender, max_bytes, resend_unconfirmed, progress)  # type: ignore[arg-type]
    finally:
        if mailer:
            mailer.close()
    return items


def _refuse_links(packs_dir: Path) -> None:
    """The outbox and the send log are never written through a link, as the batch never writes a client's
    folder through one: whoever can write in a shared packs folder could otherwise send TLP-marked drafts
    elsewhere, or have the log appended to any file of the user's."""
    for name in (OUTBOX, LOG):
        if (packs_dir / name).is_symlink():
            raise PacksRefused(f"error: {packs_dir / name} is a link; the outbox and the send log are never written "
                               "through links: remove it and rerun", False)


def describe(item: Delivery) -> tuple[list[str], bool]:
    """What to print for one client, and whether it is a warning or error (stderr); names made printable."""
    client, letter = one_line(item.out.client.client), item.letter
    if item.status == "skipped":
        return [f"warning: {client}: skipped: {item.detail}"], True
    if item.status in ("not sent", "unconfirmed") or letter is None:
        word = "may have been sent" if item.status == "unconfirmed" else "not sent"
        return [f"error: {client}: {word}: {item.detail}"], True
    to = f"{one_line(item.out.client.contact or item.out.client.client)} <{item.out.client.email}>"
    detail = f" {item.detail}" if item.status in ("drafted", "sent", "already sent") else ""
    lines = [f"{item.status} {to}: {letter.subject} [{len(item.out.attachments)} file(s), {_size(item.size)}]{detail}"]
    if item.status.startswith("would"):
        lines += [f"    {a.name} ({_size(a.size)})" for a in item.out.attachments]
    return lines, False


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.1f} kB"


def totals(items: list[Delivery], packs_dir: Path, drafts: bool, dry_run: bool) -> str:
    counts = Counter(item.status for item in items)
    words = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    where = "" if dry_run else f"; drafts in {packs_dir / OUTBOX}" if drafts else f"; log in {packs_dir / LOG}"
    return f"{words or 'no client'}{where}{' (dry run: nothing written or sent)' if dry_run else ''}"
