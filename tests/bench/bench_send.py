"""Delivery (issue 14's Speed section): drafting .eml files for 200 clients next to writing the same bytes
to files, and sending 200 messages to a local SMTP server next to smtplib sending the same bytes."""
from __future__ import annotations

import json
import shutil
import smtplib
import tempfile
from pathlib import Path

from reporttool.brand.folder import load_brand
from reporttool.delivery.outgoing import plan_outgoing
from reporttool.delivery.run import Sender, deliveries, draft, send
from reporttool.delivery.sendlog import LOG, SendLog
from reporttool.delivery.smtp import Mailer, Server
from reporttool.files import write_atomic
from reporttool.formats import FORMATS
from reporttool.model import Client
from reporttool.workbook.load import read_briefing
from tests.bench.common import best_ms, row
from tests.conftest import ROOT
from tests.smtp_server import LocalSmtp

COUNT = 200
SENDER = Sender("Desk <desk@bench.example>", "desk@bench.example")
CAP = 20_000_000


def packs_folder(folder: Path) -> tuple[tuple[Client, ...], Path]:
    """200 clients' packs (the example's docx and risk matrix each) with the batch's summary.json."""
    import hashlib

    briefing = read_briefing(ROOT / "examples" / "briefing.xlsx").value
    brand = load_brand()
    files = {name: FORMATS[name].render(briefing, brand) for name in ("docx", "xlsx")}
    clients, rows = [], []
    for i in range(COUNT):
        client = Client(f"Client {i:04d}", f"Contact {i}", f"c{i}@bench.example", formats=("docx", "xlsx"))
        names = [f"client-{i:04d}/{FORMATS[f].file_name(briefing.reference)}" for f in files]
        for name, data in zip(names, files.values()):
            write_atomic(folder / name, data)
        rows.append({"client": client.client, "folder": f"client-{i:04d}", "briefing": briefing.reference,
                     "status": "built", "files": names, "sha256": [hashlib.sha256(d).hexdigest() for d in files.values()],
                     "title": briefing.title, "tlp": briefing.classification,
                     "published": briefing.published.isoformat(), "briefing_status": briefing.status})
        clients.append(client)
    (folder / "summary.json").write_text(json.dumps(rows))
    return tuple(clients), folder


def draft_all(clients: tuple[Client, ...], packs: Path) -> None:
    outgoing = plan_outgoing(clients, packs, False)
    items = deliveries(outgoing, {"meridian": load_brand()}, None, None)
    draft(items, packs, None, CAP, False, lambda item: None)
    assert all(item.status == "drafted" for item in items)


def write_same_bytes(messages: dict[str, bytes], folder: Path) -> None:
    for name, data in messages.items():
        write_atomic(folder / name, data)


def read_encode_write(packs: Path, folder: Path) -> None:
    """What any .eml writer must do with the same packs: read and hash the files, base64 them, write."""
    import base64
    import hashlib

    for client in sorted(p for p in packs.iterdir() if p.name.startswith("client-")):
        parts = []
        for path in sorted(client.iterdir()):
            data = path.read_bytes()
            hashlib.sha256(data).hexdigest()
            parts.append(base64.encodebytes(data))
        write_atomic(folder / f"{client.name}.eml", b"".join(parts))


def send_all(clients: tuple[Client, ...], packs: Path, port: int) -> None:
    (packs / LOG).unlink(missing_ok=True)
    outgoing = plan_outgoing(clients, packs, False)
    items = deliveries(outgoing, {"meridian": load_brand()}, None, SENDER)
    mailer = Mailer(Server("127.0.0.1", port))
    try:
        send(items, SendLog.open(packs), mailer, SENDER, CAP, False, lambda item: None)
    finally:
        mailer.close()
    assert all(item.status == "sent" for item in items)


def smtplib_same_bytes(messages: list[bytes], port: int) -> None:
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i, data in enumerate(messages):
            smtp.sendmail(SENDER.address, [f"c{i}@bench.example"], data)


def rows() -> list[dict]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        clients, packs = packs_folder(folder / "packs")
        ours = best_ms(lambda: draft_all(clients, packs), repeat=3)
        messages = {p.name: p.read_bytes() for p in sorted((packs / "outbox").iterdir())}
        theirs = best_ms(lambda: write_same_bytes(messages, folder / "plain"), repeat=3)
        size = sum(map(len, messages.values())) / len(messages) / 1e3
        floor = best_ms(lambda: read_encode_write(packs, folder / "floor"), repeat=3)
        out = [row(f"draft {COUNT} .eml ({size:.0f} kB each): ms per client", ours / COUNT,
                   "write_atomic of the same bytes", theirs / COUNT, "within 1.5x", ours <= 1.5 * theirs),
               row("  floor: read, SHA-256, base64 and write each pack", floor / COUNT,
                   "write_atomic of the same bytes", theirs / COUNT, "- (no MIME, no headers: what no writer avoids)",
                   True)]
        with LocalSmtp() as server:
            sent = best_ms(lambda: send_all(clients, packs, server.port), repeat=3)
            shutil.rmtree(packs / "outbox")
            raw = best_ms(lambda: smtplib_same_bytes(list(messages.values()), server.port), repeat=3)
        out.append(row(f"send {COUNT} messages to a local SMTP server: ms each", sent / COUNT,
                       "smtplib.sendmail, same bytes", raw / COUNT, "within 1.5x (the log fsynced once a message)",
                       sent <= 1.5 * raw))
        return out
