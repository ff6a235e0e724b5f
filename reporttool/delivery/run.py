"""The send command's flow: plan who gets what, then draft each message into the outbox or send it."""
from __future__ import annotations

import email.utils
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..brand.folder import DEFAULT_BRAND, Brand, load_brand
from ..files import write_atomic
from ..packs.plan import OUTBOX
from .message import AttachmentChanged, Letter, compose, estimated_size, message_bytes
from .outgoing import Outgoing
from .sendlog import FAILED, SENDING, SENT, SendLog
from .smtp import Mailer, Refused, Unconfirmed, Unreachable



@dataclass(frozen=True)
class Sender:
    """The From address: the header as shown (name encoded) and the bare address (envelope, Message-ID)."""

    header: str
    address: str

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


@dataclass
class Delivery:
    """What became of one client: drafted, sent, already sent, would send (dry run), skipped or not sent."""

    out: Outgoing
    status: str
    letter: Letter | None = None
    size: int = 0
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status in ("not sent", "unconfirmed")


def load_brands(outgoing: list[Outgoing], run_brand: str | None) -> dict[str, Brand]:
    """Each client's brand (its Brand, else the run's), as the batch chose it; raises BrandError."""
    keys = {out.client.brand or run_brand or DEFAULT_BRAND for out in outgoing}
    return {key: load_brand(key) for key in sorted(keys)}


def deliveries(outgoing: list[Outgoing], brands: dict[str, Brand], run_brand: str | None,
               sender: Sender | None) -> list[Delivery]:
    """A Delivery per client with its letter composed, or why it goes nowhere."""
    items = []
    for out in outgoing:
        if out.skip or out.problem:
            items.append(Delivery(out, "skipped" if out.skip else "not sent", detail=out.skip or out.problem))
            continue
        brand = brands[out.client.brand or run_brand or DEFAULT_BRAND]
        letter = compose(out, brand, sender.domain) if sender else compose(out, brand)
        items.append(Delivery(out, "ready", letter, estimated_size(out, letter)))
    return items


def draft(items: list[Delivery], packs_dir: Path, sender: Sender | None, max_bytes: int, dry_run: bool,
          progress: Callable[[Delivery], None]) -> None:
    """PACKS_DIR/outbox/<folder>.eml per ready client; a stale draft of a client not drafted now is removed,
    so the outbox never holds a message that should not go."""
    outbox = packs_dir / OUTBOX
    for item in items:
        target = outbox / f"{item.out.folder}.eml"
        if item.status == "ready":
            _draft_one(item, target, sender, max_bytes, dry_run)
        if item.status != "drafted" and not dry_run and item.out.folder:
            target.unlink(missing_ok=True)
        progress(item)


def _draft_one(item: Delivery, target: Path, sender: Sender | None, max_bytes: int, dry_run: bool) -> None:
    data = _message(item, sender, max_bytes, draft=True, dry_run=dry_run)
    if data is None or dry_run:
        return
    write_atomic(target, data)
    item.status, item.detail = "drafted", str(target)


def send(items: list[Delivery], log: SendLog, mailer: Mailer | None, sender: Sender, max_bytes: int,
         resend_unconfirmed: bool, progress: Callable[[Delivery], None]) -> None:
    """Send each ready message once: what the log says was sent (these files, this address) is not sent
    again; Ctrl-C or SIGTERM lets the message in flight finish and be logged, then stops the run.
    Without a mailer (a dry run) nothing is sent and the would-be messages are reported."""
    stopped = ""
    for item in items:
        if item.status == "ready" and stopped:
            item.status, item.detail = "not sent", stopped
        elif item.status == "ready":
            stopped = _send_one(item, log, mailer, sender, max_bytes, resend_unconfirmed)
        progress(item)


def _send_one(item: Delivery, log: SendLog, mailer: Mailer | None, sender: Sender, max_bytes: int,
              resend_unconfirmed: bool) -> str:
    """Send one message; returns why the rest cannot go (the server is unreachable), or ""."""
    letter = item.letter
    assert letter is not None
    earlier = log.state(letter)
    if earlier and (earlier["event"] == SENT or not resend_unconfirmed):
        item.status = "already sent" if earlier["event"] == SENT else "unconfirmed"
        item.detail = f"{earlier['message_id']} at {earlier['time']}" if earlier["event"] == SENT else (
            f"a run stopped while the server held this message ({earlier['time']}): it may have arrived; check, "
            "then rerun with --resend-unconfirmed to send it again")
        return ""
    data = _message(item, sender, max_bytes, draft=False, dry_run=mailer is None)
    if data is None or mailer is None:
        return ""
    with _signals_held():
        log.record(SENDING, item.out, letter)
        try:
            mailer.send(sender.address, letter.address, data)
        except Unconfirmed as exc:
            item.status, item.detail = "unconfirmed", f"{exc}: it may have arrived; not sent again"
            return ""
        except (Refused, Unreachable) as exc:
            log.record(FAILED, item.out, letter, str(exc))
            item.status, item.detail = "not sent", str(exc)
            return f"not tried: {exc}" if isinstance(exc, Unreachable) else ""
        log.record(SENT, item.out, letter)
    item.status, item.detail = "sent", letter.message_id
    return ""


def _message(item: Delivery, sender: Sender | None, max_bytes: int, *, draft: bool, dry_run: bool) -> bytes | None:
    """The message's bytes (None in a dry run, or when it cannot go: item says why)."""
    letter = item.letter
    assert letter is not None
    if item.size > max_bytes:  # known before reading a byte of the files
        item.status, item.detail = "not sent", _too_big(item.size, max_bytes)
        return None
    if dry_run:
        item.status = "would draft" if draft else "would send"
        return None
    try:
        data = message_bytes(item.out, letter, sender.header if sender else None, draft=draft,
                             date=None if draft else email.utils.format_datetime(email.utils.localtime()))
    except (AttachmentChanged, OSError) as exc:
        item.status, item.detail = "not sent", str(exc)
        return None
    item.size = len(data)
    if item.size > max_bytes:
        item.status, item.detail = "not sent", _too_big(item.size, max_bytes)
        return None
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (f"the message would be {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB cap "
            "(--max-message-mb): it would bounce; send the zip another way or raise the cap")


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM while a message is with the server waits until its outcome is logged; a second
    one stops at once (the message is then logged as in doubt, never sent twice)."""
    caught: list[int] = []
    previous = {}
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield
        return

    def hold(signum: int, frame: object) -> None:
        if caught:
            raise KeyboardInterrupt
        caught.append(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if caught:
        raise KeyboardInterrupt
