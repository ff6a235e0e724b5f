"""Who gets what: the batch's summary.json joined with the clients manifest, one message per client."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..model import Client
from ..values import TLP_LABELS

SUMMARY = "summary.json"
SENDABLE = ("built", "skipped")  # a pack the batch made now or kept from an earlier run
RED = "TLP:RED"
_ORDER = [t.label for t in TLP_LABELS]  # least to most restrictive


class PacksRefused(Exception):
    """PACKS_DIR cannot be delivered at all (no summary, or packs of another manifest); nothing goes out."""

    def __init__(self, message: str, unreadable: bool):
        super().__init__(message)
        self.unreadable = unreadable  # the file itself (exit 3), not the way the command was used (exit 2)


@dataclass(frozen=True)
class Attachment:
    name: str  # the file name the client sees
    path: Path
    sha256: str  # as the batch recorded it; the bytes attached must match
    size: int


@dataclass(frozen=True)
class Edition:
    """One briefing in a client's message, as the batch summarised it."""

    reference: str
    title: str
    tlp: str
    published: dt.date


@dataclass(frozen=True)
class Outgoing:
    """One client's message, or why there is none: `problem` (not sent: exit 1) or `skip` (a warning)."""

    client: Client
    folder: str
    attachments: tuple[Attachment, ...] = ()
    editions: tuple[Edition, ...] = ()
    problem: str = ""
    skip: str = ""

    @property
    def ready(self) -> bool:
        return not (self.problem or self.skip)

    @property
    def tlp(self) -> str:
        """The most restrictive label among its briefings: the whole message is handled as that one."""
        return max((e.tlp for e in self.editions), key=_ORDER.index, default=_ORDER[0])


def read_summary(packs_dir: Path) -> list[dict]:
    path = packs_dir / SUMMARY
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PacksRefused(f"error: {path} does not exist; run `reporttool batch` with this manifest into "
                           f"{packs_dir} first", unreadable=True) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PacksRefused(f"error: {path} cannot be read ({exc}); rerun `reporttool batch`", True) from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("client"), str) for r in rows):
        raise PacksRefused(f"error: {path} is not a batch summary; rerun `reporttool batch`", True)
    return rows


def plan_outgoing(clients: tuple[Client, ...], packs_dir: Path, allow_red: bool) -> list[Outgoing]:
    """One Outgoing per manifest client, in manifest order; refuses a PACKS_DIR built for other clients."""
    rows = read_summary(packs_dir)
    known = {c.client for c in clients}
    strangers = sorted({r["client"] for r in rows} - known)
    if strangers:
        shown = ", ".join(repr(s) for s in strangers[:5]) + (" ..." if len(strangers) > 5 else "")
        raise PacksRefused(f"error: {packs_dir} holds packs of {len(strangers)} client(s) that are not in this "
                           f"manifest ({shown}): it was built from another manifest; nothing was sent",
                           unreadable=False)
    by_client: dict[str, list[dict]] = {}
    for row in rows:
        by_client.setdefault(row["client"], []).append(row)
    return [_outgoing(c, by_client.get(c.client, []), packs_dir, allow_red) for c in clients]


def _outgoing(client: Client, rows: list[dict], packs_dir: Path, allow_red: bool) -> Outgoing:
    folder = str(rows[0].get("folder", "")) if rows else ""
    if rows and (folder in ("", ".", "..") or any(c in folder for c in "/\\\0")):
        return Outgoing(client, "", problem=f"summary.json names the folder {folder!r}: rerun `reporttool batch`")
    if not client.email:
        return Outgoing(client, folder, skip="no Email in the manifest")
    if not rows:
        return Outgoing(client, folder, problem=f"no pack in {packs_dir}: rerun `reporttool batch`")
    if any(r.get("status") == "stopped" for r in rows):  # half a pack must not go out as if it were whole
        return Outgoing(client, folder, problem="the batch was stopped before its pack was finished; rerun batch")
    failed = [r for r in rows if r.get("status") == "failed"]
    if failed:
        why = "; ".join(f"{r.get('briefing')}: {r.get('error') or 'failed'}" for r in failed)
        return Outgoing(client, folder, problem=f"its pack failed in the batch ({why}); fix it and rerun batch")
    try:
        editions, attachments = _contents([r for r in rows if r.get("status") in SENDABLE], packs_dir)
    except ValueError as exc:
        return Outgoing(client, folder, problem=str(exc))
    if not attachments:
        return Outgoing(client, folder, skip="no file in its pack to send")
    out = Outgoing(client, folder, attachments, editions)
    if out.tlp == RED and not allow_red:
        return Outgoing(client, folder, attachments, editions, problem=(
            "TLP:RED: never emailed or drafted without --allow-red (and then only to the client's own address)"))
    return out


def _through_link(packs_dir: Path, relative: Path) -> bool:
    """Whether the file, or a folder on its way inside PACKS_DIR, is a link or not a plain file: the batch
    writes neither, so one is planted, and would mail whatever it points to."""
    path = packs_dir
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            return True
    return not stat.S_ISREG(os.lstat(path).st_mode)


def _contents(rows: list[dict], packs_dir: Path) -> tuple[tuple[Edition, ...], tuple[Attachment, ...]]:
    """The briefings and files of a client's packs; ValueError when the summary or a file is not as the batch
    left it (summary.json is a file anyone can edit: a path must stay inside PACKS_DIR)."""
    editions, attachments = [], []
    for row in rows:
        if not all(isinstance(row.get(k), str) for k in ("briefing", "title", "tlp", "published")) \
                or row["tlp"] not in _ORDER or row.get("briefing_status") not in ("Final", "Draft"):
            raise ValueError("summary.json lacks the briefing's title, TLP label or status (made by an older "
                             "version): rerun `reporttool batch --force`")
        if row["briefing_status"] == "Draft":
            raise ValueError(f"{row['briefing']} is a Draft (its Status): a draft is never emailed or drafted; set "
                             "Status to Final, rerun `reporttool batch`, then send")
        try:
            editions.append(Edition(row["briefing"], row["title"], row["tlp"], dt.date.fromisoformat(row["published"])))
        except ValueError:
            raise ValueError(f"summary.json's published date {row['published']!r} is not a date: rerun batch") from None
        files, sums = row.get("files", []), row.get("sha256", [])
        if not (isinstance(files, list) and isinstance(sums, list) and len(files) == len(sums)):
            raise ValueError("summary.json lists files without their SHA-256: rerun `reporttool batch`")
        for name, digest in zip(files, sums):
            relative = Path(str(name))
            try:
                if relative.is_absolute() or ".." in relative.parts:
                    raise FileNotFoundError
                size = (packs_dir / relative).stat().st_size
            except OSError:
                raise ValueError(f"{name} is missing from {packs_dir}: rerun `reporttool batch`") from None
            if _through_link(packs_dir, relative):
                raise ValueError(f"{name} in {packs_dir} is a link, not a file the batch wrote (a link would attach "
                                 "any file of yours): remove it and rerun `reporttool batch`")
            attachments.append(Attachment(relative.name, packs_dir / relative, str(digest), size))
    return tuple(editions), tuple(attachments)
