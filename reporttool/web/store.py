"""The data folder: its lock, uploads under generated names, and the SQLite record of uploads and runs.

Everything a user fetches is looked up by a random ID in the database, together with the browser
session that made it, so a download never follows a path the client sent and two users never see
each other's files.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, stored TEXT NOT NULL,
    size INTEGER NOT NULL, created REAL NOT NULL, report TEXT NOT NULL DEFAULT '{}', reference TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, created REAL NOT NULL, status TEXT NOT NULL,
    manifest TEXT NOT NULL, briefings TEXT NOT NULL, brand TEXT, total INTEGER NOT NULL DEFAULT 0,
    built INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
    finished REAL, message TEXT NOT NULL DEFAULT '', folder TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS uploads_owner ON uploads (owner, created);
CREATE INDEX IF NOT EXISTS runs_owner ON runs (owner, created);
"""
_ID = re.compile(r"^[0-9a-f]{32}$")


class DataFolderBusy(Exception):
    """Another server holds this data folder; two writers would corrupt it."""


def new_id() -> str:
    return secrets.token_hex(16)


def is_id(value: str) -> bool:
    return bool(_ID.match(value))


def safe_file_name(name: str, default: str = "workbook.xlsx") -> str:
    """The sent file name reduced to letters, digits, spaces, dots and hyphens (no folder, no leading dot),
    so messages name the file the user knows while the folder above it is ours."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w .\-]", "_", base).strip(" .")[:100]
    if not base:
        return default
    return base if base.lower().endswith(".xlsx") or "." in base else base + ".xlsx"


@dataclass(frozen=True)
class Upload:
    id: str
    owner: str
    kind: str  # briefing or clients
    name: str  # the name the user sent, shown but never used as a path
    path: Path
    size: int
    created: float
    report: dict[str, Any]
    reference: str | None


class Store:
    """One data folder, held by one server (an exclusive lock on DATA/.lock for the server's life)."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        if not self.folder.exists():  # unpublished intelligence: readable by the user who runs the server only
            self.folder.mkdir(parents=True, mode=0o700)
        self._lock_file = open(self.folder / ".lock", "a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.seek(0)
            holder = self._lock_file.read().strip() or "another process"
            self._lock_file.close()
            raise DataFolderBusy(f"{self.folder} is in use by another reporttool serve (pid {holder}); stop it, "
                                 "or pass another --data folder") from None
        self._lock_file.seek(0)
        self._lock_file.truncate()
        self._lock_file.write(str(os.getpid()))
        self._lock_file.flush()
        for name in ("uploads", "outputs", "runs"):
            (self.folder / name).mkdir(exist_ok=True)
        self._db = sqlite3.connect(self.folder / "reporttool.sqlite3", check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer; one fsync per checkpoint
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.execute("UPDATE runs SET status = 'stopped', message = 'the server stopped during the run' "
                         "WHERE status = 'running'")
        self._guard = threading.Lock()

    def close(self) -> None:
        self._db.close()
        self._lock_file.close()  # releases the lock

    def query(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self._guard:
            return self._db.execute(sql, args).fetchall()

    # uploads
    def upload_folder(self) -> tuple[str, Path]:
        """A fresh ID and its empty folder under uploads/."""
        upload_id = new_id()
        folder = self.folder / "uploads" / upload_id
        folder.mkdir()
        return upload_id, folder

    def add_upload(self, upload_id: str, owner: str, kind: str, name: str, path: Path, report: dict[str, Any],
                   reference: str | None) -> Upload:
        created = time.time()
        size = path.stat().st_size
        self.query("INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", upload_id, owner, kind, name,
                   str(path.relative_to(self.folder)), size, created, json.dumps(report), reference)
        return Upload(upload_id, owner, kind, name, path, size, created, report, reference)

    def upload(self, upload_id: str, owner: str) -> Upload | None:
        """The upload with this ID if this owner made it; None otherwise (the same answer as no such ID)."""
        if not is_id(upload_id):
            return None
        rows = self.query("SELECT * FROM uploads WHERE id = ? AND owner = ?", upload_id, owner)
        return self._upload(rows[0]) if rows else None

    def uploads(self, owner: str, kind: str | None = None, limit: int = 50) -> list[Upload]:
        rows = self.query("SELECT * FROM uploads WHERE owner = ? AND (? IS NULL OR kind = ?) "
                          "ORDER BY created DESC LIMIT ?", owner, kind, kind, limit)
        return [self._upload(r) for r in rows]

    def previous_upload(self, current: Upload) -> Upload | None:
        """The same owner's last earlier upload of a file with the same name or Reference: what a re-drop
        is compared with."""
        rows = self.query("SELECT * FROM uploads WHERE owner = ? AND kind = ? AND created < ? AND id != ? "
                          "AND (name = ? OR (reference IS NOT NULL AND reference = ?)) ORDER BY created DESC LIMIT 1",
                          current.owner, current.kind, current.created, current.id, current.name, current.reference)
        return self._upload(rows[0]) if rows else None

    def _upload(self, row: sqlite3.Row) -> Upload:
        return Upload(row["id"], row["owner"], row["kind"], row["name"], self.folder / row["stored"], row["size"],
                      row["created"], json.loads(row["report"]), row["reference"])

    def output_folder(self, upload_id: str) -> Path:
        return self.folder / "outputs" / upload_id

    # runs
    def add_run(self, owner: str, manifest: str, briefings: list[str], brand: str | None, total: int,
                folder: str | None = None) -> dict[str, Any]:
        """A planned run; `folder` (a run's ID) shares an earlier run's output folder, so a rerun skips
        unchanged packs as the CLI does."""
        run_id = new_id()
        self.query("INSERT INTO runs (id, owner, created, status, manifest, briefings, brand, total, folder) "
                   "VALUES (?, ?, ?, 'planned', ?, ?, ?, ?, ?)", run_id, owner, time.time(), manifest,
                   json.dumps(briefings), brand, total, folder or run_id)
        (self.run_folder(folder or run_id)).mkdir(parents=True, exist_ok=True)
        return self.run(run_id, owner)  # type: ignore[return-value]

    def run(self, run_id: str, owner: str) -> dict[str, Any] | None:
        if not is_id(run_id):
            return None
        rows = self.query("SELECT * FROM runs WHERE id = ? AND owner = ?", run_id, owner)
        return self._run(rows[0]) if rows else None

    def runs(self, owner: str, limit: int = 100) -> list[dict[str, Any]]:
        return [self._run(r) for r in self.query("SELECT * FROM runs WHERE owner = ? ORDER BY created DESC LIMIT ?",
                                                 owner, limit)]

    def update_run(self, run_id: str, **fields: Any) -> None:
        names = ", ".join(f"{name} = ?" for name in fields)  # names come from our code, never from a request
        self.query(f"UPDATE runs SET {names} WHERE id = ?", *fields.values(), run_id)

    def busy_folder(self, folder: str) -> bool:
        return bool(self.query("SELECT 1 FROM runs WHERE folder = ? AND status = 'running'", folder))

    def run_folder(self, folder: str) -> Path:
        return self.folder / "runs" / folder

    def _run(self, row: sqlite3.Row) -> dict[str, Any]:
        run = dict(row)
        run["briefings"] = json.loads(run["briefings"])
        run["out"] = self.run_folder(run["folder"]) / "out"
        return run
