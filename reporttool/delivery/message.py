"""A client's message: subject and body from the brand's templates, the TLP label first, its pack attached."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..brand.folder import Brand
from ..brand.words import Words, fill_placeholders, tlp_word
from ..formats import FORMATS
from ..text import contain_bidi
from ..values import PartialDate, tlp
from . import mime
from .html_body import html_body
from .outgoing import Attachment, Outgoing

MEDIA_TYPES = {Path(f.suffix).suffix: f.media_type for f in FORMATS.values()}  # by file extension
NO_DOMAIN = "reporttool.invalid"  # Message-IDs of drafts written without --from


class AttachmentChanged(Exception):
    """A pack file no longer holds the bytes the batch recorded: what is attached must be what is logged."""


@dataclass(frozen=True)
class Letter:
    """What one message says and who it goes to; known before any file is read (a dry run prints it)."""

    address: str
    to: str  # the To header's value: the contact's name (or the client's) and the address
    subject: str
    text: str
    html: str  # the same words, for mail programs that show HTML
    fingerprint: str  # the address and the exact files: the send log's key
    message_id: str


def fingerprint(out: Outgoing) -> str:
    """Same address, same files (names and SHA-256) -> same fingerprint; a rebuilt pack gets a new one."""
    files = sorted((a.name, a.sha256) for a in out.attachments)
    return hashlib.sha256(repr((out.client.email, files)).encode()).hexdigest()


def placeholders(out: Outgoing) -> dict[str, str]:
    """The values of the brand's placeholders; each closes its own direction changes (a right-to-left
    override in a client's name must not reverse the rest of the subject)."""
    client = out.client
    dates = dict.fromkeys(PartialDate.from_date(e.published).display() for e in out.editions)
    values = {"client": client.client, "contact": client.contact or client.client,
              "title": "; ".join(e.title for e in out.editions),
              "reference": ", ".join(e.reference for e in out.editions), "published": ", ".join(dates)}
    return {name: contain_bidi(value) for name, value in values.items()}


def compose(out: Outgoing, brand: Brand, domain: str = NO_DOMAIN) -> Letter:
    """The TLP label leads the subject (as FIRST's TLP 2.0 asks for email) and the body, with its meaning."""
    values = placeholders(out)
    label, meaning = tlp(out.tlp), Words(brand)(tlp_word(out.tlp))  # the brand's words for what the label allows
    subject = mime.one_line(f"[{label.label}] {fill_placeholders(brand.email_subject, values)}")
    body = fill_placeholders(brand.email_body, values).strip()
    digest = fingerprint(out)
    address = out.client.email or ""
    return Letter(address, mime.address(values["contact"], address), subject, f"{label.label}: {meaning}\n\n{body}\n",
                  html_body(label, meaning, body, brand), digest, f"<rt.{digest[:40]}@{domain}>")


def message_bytes(out: Outgoing, letter: Letter, sender: str | None, *, draft: bool, date: str | None = None) -> bytes:
    """The whole message. A draft carries X-Unsent: 1 (Outlook opens it ready to send) and no Date (the mail
    program dates it when it goes), so the same pack always drafts to the same bytes. `sender` is a From
    value (mime.address); a draft without one gets the account's from the mail program."""
    head = "".join([
        f"From: {sender}{mime.CRLF}" if sender else "",
        f"To: {letter.to}{mime.CRLF}",
        mime.header("Subject", letter.subject),
        f"Date: {date}{mime.CRLF}" if date else "",
        f"Message-ID: {letter.message_id}{mime.CRLF}",
        f"X-Unsent: 1{mime.CRLF}" if draft else "",
        f"MIME-Version: 1.0{mime.CRLF}",
    ])
    alternative = mime.multipart("alternative", f"=_rt_{letter.fingerprint[:32]}_alt",
                                 [mime.text_part(letter.text, "plain"), mime.text_part(letter.html, "html")])
    parts = [alternative]
    parts += [mime.attachment_part(a.name, MEDIA_TYPES.get(a.path.suffix.lower(), "application/octet-stream"),
                                   _read(a)) for a in out.attachments]
    body = mime.multipart("mixed", f"=_rt_{letter.fingerprint[:32]}", parts)
    return head.encode("utf-8") + body


def estimated_size(out: Outgoing, letter: Letter) -> int:
    """The message's size before reading any file, never above the real one: base64 makes 4 bytes of 3 plus
    CRLF every 76 (headers and quoted-printable escapes are left out), so a cap refused on it is exceeded."""
    encoded = sum(-(-a.size // 3) * 4 for a in out.attachments)
    return encoded + 2 * -(-encoded // 76) + len(letter.text.encode() + letter.html.encode())


def _read(attachment: Attachment) -> bytes:
    data = Path(attachment.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise AttachmentChanged(f"{attachment.name} changed since the batch recorded it: rerun `reporttool batch`")
    return data
