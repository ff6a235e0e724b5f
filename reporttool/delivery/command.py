"""The send command between the CLI and the library: check the options, plan, draft or send, print each client."""
from __future__ import annotations

import ipaddress
import os
import re
from collections import Counter
from pathlib import Path

import click

from .mime import address, one_line
from .outgoing import PacksRefused, plan_outgoing
from .run import OUTBOX, Delivery, Sender, deliveries, draft, load_brands, send
from .sendlog import LOG, SendLog
from .smtp import Mailer, Server

_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
PASSWORD_VARIABLE = "REPORTTOOL_SMTP_PASSWORD"


def run_send(manifest: Path, packs_dir: Path, smtp: str | None, sender: str | None, security: str,
             user: str | None, dry_run: bool, allow_red: bool, rate: float | None, max_message_mb: int,
             brand: str | None, resend_unconfirmed: bool, max_size: int, max_rows: int) -> bool:
    """Draft or send every client's message; True when none failed (skipped clients do not count)."""
    from ..brand.folder import BrandError
    from ..cli import EXIT_FILE, EXIT_INVALID, EXIT_USAGE, Failure, read_or_fail, report

    server = _server(smtp, security, user, rate, resend_unconfirmed)
    origin = _sender(sender, required=server is not None)
    clients, issues = read_or_fail(manifest, True, max_size, max_rows)
    if issues:
        report(manifest, issues, "text")
    if clients is None:
        raise Failure("nothing was sent: fix the manifest first", EXIT_INVALID)
    try:
        outgoing = plan_outgoing(clients, packs_dir, allow_red)
        brands = load_brands(outgoing, brand)
    except PacksRefused as exc:
        raise Failure(str(exc), EXIT_FILE if exc.unreadable else EXIT_USAGE) from None
    except BrandError as exc:
        raise Failure("error: a brand cannot be used: " + "; ".join(i.message for i in exc.issues), EXIT_USAGE) \
            from None
    items = deliveries(outgoing, brands, brand, origin)
    max_bytes = max_message_mb * 1_000_000
    if server is None:
        draft(items, packs_dir, origin, max_bytes, dry_run, _show)
    else:
        if user and not dry_run:
            server.password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
                f"SMTP password for {user}", hide_input=True, err=True)
        mailer = None if dry_run else Mailer(server, rate)
        try:
            send(items, SendLog.open(packs_dir), mailer, origin, max_bytes, resend_unconfirmed, _show)  # type: ignore[arg-type]
        finally:
            if mailer:
                mailer.close()
    _totals(items, packs_dir, server is None, dry_run)
    return not any(item.failed for item in items)


def _server(smtp: str | None, security: str, user: str | None, rate: float | None, resend: bool) -> Server | None:
    if smtp is None:
        given = [name for name, value in (("--starttls/--ssl", security != "plain"), ("--user", user),
                                          ("--rate", rate), ("--resend-unconfirmed", resend)) if value]
        if given:
            raise click.UsageError(f"{', '.join(given)} need --smtp HOST:PORT (without it, send writes drafts)")
        return None
    host, _, port = smtp.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{smtp!r} is not HOST:PORT, e.g. smtp.example.com:587", param_hint="--smtp")
    if user and security == "plain" and not _loopback(host):
        raise click.UsageError("--user needs --starttls or --ssl: the password would cross the network in clear")
    return Server(host, int(port), security, user)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _sender(value: str | None, required: bool) -> Sender | None:
    """`--from "Name <addr>"` or `--from addr`."""
    if value is None:
        if required:
            raise click.UsageError("--smtp needs --from ADDRESS (the sender of every message)")
        return None
    import email.utils

    name, addr = email.utils.parseaddr(value)
    if not _ADDRESS.match(addr) or value.count("@") != 1:
        raise click.BadParameter(f"{value!r} is not an email address", param_hint="--from")
    return Sender(address(name, addr), addr)


def _show(item: Delivery) -> None:
    """One line per client (a warning or error on stderr), the client's text made printable first."""
    client, letter = one_line(item.out.client.client), item.letter
    to = f"{one_line(item.out.client.contact or item.out.client.client)} <{item.out.client.email}>"
    if item.status == "skipped":
        click.echo(f"warning: {client}: skipped: {item.detail}", err=True)
    elif item.status in ("not sent", "unconfirmed"):
        word = "not sent" if item.status == "not sent" else "may have been sent"
        click.echo(f"error: {client}: {word}: {item.detail}", err=True)
    elif letter is not None:
        click.echo(f"{item.status} {to}: {letter.subject} [{_files(item)}]"
                   + (f" {item.detail}" if item.status in ("drafted", "sent", "already sent") else ""))
        if item.status.startswith("would"):
            for attachment in item.out.attachments:
                click.echo(f"    {attachment.name} ({_size(attachment.size)})")


def _files(item: Delivery) -> str:
    return f"{len(item.out.attachments)} file(s), {_size(item.size)}"


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.1f} kB"


def _totals(items: list[Delivery], packs_dir: Path, drafts: bool, dry_run: bool) -> None:
    counts = Counter(item.status for item in items)
    words = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    where = "" if dry_run else f"; drafts in {packs_dir / OUTBOX}" if drafts else f"; log in {packs_dir / LOG}"
    click.echo(f"{words or 'no client'}{where}{' (dry run: nothing written or sent)' if dry_run else ''}")
