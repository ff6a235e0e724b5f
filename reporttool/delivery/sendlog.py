"""The send log, PACKS_DIR/send-log.jsonl: one line per step of each message, so a rerun never sends twice.

A message is logged `sending` before the server is handed it and `sent` once the server accepted it (or
`failed` when it refused it). A `sending` with no later line means the run died while the server held the
message: it may have been delivered, so it is not sent again unless the user says so.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .message import Letter
from .outgoing import Outgoing

LOG = "send-log.jsonl"
SENT, SENDING, FAILED = "sent", "sending", "failed"


@dataclass
class SendLog:
    path: Path
    last: dict[str, dict] = field(default_factory=dict)  # fingerprint -> its latest line

    @classmethod
    def open(cls, packs_dir: Path) -> "SendLog":
        log = cls(packs_dir / LOG)
        try:
            lines = log.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:  # a line torn by a crash mid-write: the step it began never completed
                continue
            if isinstance(record, dict) and isinstance(record.get("fingerprint"), str):
                if log.last.get(record["fingerprint"], {}).get("event") != SENT:  # once sent, always sent
                    log.last[record["fingerprint"]] = record
        return log

    def state(self, letter: Letter) -> dict | None:
        """The `sent` line of these exact files to this address, or a `sending` one left unconfirmed."""
        record = self.last.get(letter.fingerprint)
        return record if record and record.get("event") in (SENT, SENDING) else None

    def record(self, event: str, out: Outgoing, letter: Letter, detail: str = "") -> None:
        """Append one line. A `sending` line is on disk (fsync) before the server is told anything; the line
        that follows it is only written: a process that dies keeps it (the kernel has it), and a power cut that
        loses it leaves the message in doubt, reported and never resent, so one fsync a message is enough."""
        record = {"time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "event": event,
                  "client": out.client.client, "folder": out.folder, "address": letter.address,
                  "message_id": letter.message_id, "fingerprint": letter.fingerprint,
                  "attachments": {a.name: a.sha256 for a in out.attachments}, "detail": detail}
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            os.write(fd, line)
            if event == SENDING:
                os.fsync(fd)
        finally:
            os.close(fd)
        if self.last.get(letter.fingerprint, {}).get("event") != SENT:
            self.last[letter.fingerprint] = record
