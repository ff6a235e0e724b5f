"""`reporttool send`: drafts parsed back, and every message a real SMTP server on 127.0.0.1 receives checked."""
from __future__ import annotations

import email
import html
import email.policy
import email.utils
from email.header import decode_header, make_header
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CLI
from tests.smtp_server import LocalSmtp, Received
from tests.workbooks import set_field, valid_sheets, write_workbook

FROM = "Desk <desk@meridian.example>"
INJECTED_TITLE = "Pipelines & power\r\nBcc: title@evil.example\nX-Evil: 1"
CLIENTS = [
    # Client, Contact, Email, Briefings, Formats
    ["Acme Ltd", "Ann Smith", "ann@acme.example", "RT-T-1", "docx; xlsx"],
    ["Société Générale Énergie", "Zoë Ægir 中国 🚀", "zoe@sge.example", "RT-T-1", "docx"],
    ["Eve, Inc <eve@evil.example>\r\nBcc: client@evil.example", "Mallory\nCc: contact@evil.example, \"x\" <x@evil.example>",
     "eve@victim.example", "RT-T-1", "xlsx"],
    ["Bolt Corp", "Bo", None, "RT-T-1", "docx"],
    ["Redline LLC", "Rae", "rae@redline.example", "RT-T-2", "docx"],
]
ADDRESSES = {"Acme Ltd": "ann@acme.example", "sge": "zoe@sge.example", "eve": "eve@victim.example"}
SENDABLE = ["ann@acme.example", "zoe@sge.example", "eve@victim.example"]


def run(*args: object, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})}, input=input)


def briefing(path: Path, reference: str, tlp: str, title: str) -> Path:
    sheets = valid_sheets()
    for field, value in (("Reference", reference), ("Classification", tlp), ("Title", title)):
        set_field(sheets, field, value)
    return write_workbook(path, sheets)


def manifest(path: Path, rows: list[list]) -> Path:
    return write_workbook(path, {"Clients": [["Client", "Contact", "Email", "Briefings", "Formats"], *rows]})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, Path]:
    """One batch for the module: the manifest, the briefing RT-T-1 (TLP:AMBER) and the packs folder."""
    folder = tmp_path_factory.mktemp("send")
    clients = manifest(folder / "clients.xlsx", CLIENTS)
    first = briefing(folder / "b1.xlsx", "RT-T-1", "TLP:AMBER", INJECTED_TITLE)
    red = briefing(folder / "b2.xlsx", "RT-T-2", "TLP:RED", "Red eyes only")
    proc = run("batch", clients, first, red, "-o", folder / "packs", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    return clients, first, folder / "packs"


@pytest.fixture
def packs(built, tmp_path) -> Path:
    """A fresh copy of the built packs: each test starts with no outbox and no send log."""
    return Path(shutil.copytree(built[2], tmp_path / "packs"))


def pack_files(packs: Path, client: str) -> dict[str, bytes]:
    rows = [r for r in json.loads((packs / "summary.json").read_text()) if r["client"] == client]
    return {Path(name).name: (packs / name).read_bytes() for row in rows for name in row["files"]}


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def by_recipient(received: list[Received]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in received:
        for address in item.rcpt_tos:
            counts[address] = counts.get(address, 0) + 1
    return counts


def client_named(start: str) -> str:
    return next(row[0] for row in CLIENTS if row[0].startswith(start))


def check_message(message, client: list, packs: Path) -> None:
    """Recipient, TLP-led subject, body placeholders filled, attachments byte-equal to the pack's files."""
    name, contact, address = client[0], client[1], client[2]
    assert [a.addr_spec for a in message["To"].addresses] == [address]
    assert message["To"].addresses[0].display_name == " ".join(contact.split())
    assert message["Subject"] == "[TLP:AMBER] " + " ".join(INJECTED_TITLE.split()) + " (RT-T-1)"
    assert message["Bcc"] is None and message["Cc"] is None and message["X-Evil"] is None
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("TLP:AMBER: Limited disclosure")
    assert f"Dear {contact}," in body and "(RT-T-1), published 4 May 2025" in body
    assert f"prepared for {name.replace(chr(13) + chr(10), chr(10))}." in body  # analyst text kept as typed
    assert "{" not in body
    page = message.get_body(("html",)).get_content()  # the HTML alternative: same words, escaped
    assert '<span style="color: #FFC000; background: #000000' in page
    assert "Pipelines &amp; power<br>Bcc: title@evil.example<br>X-Evil: 1" in page
    assert "<p>Dear " + html.escape(contact, quote=False).replace("\n", "<br>") + ",</p>" in page
    assert attachments(message) == pack_files(packs, name)


def test_drafts_are_mime_files_that_parse_back_and_repeat_byte_for_byte(built, packs):
    clients, _, _ = built
    proc = run("send", clients, packs)
    assert proc.returncode == 1, proc.stderr  # Redline's TLP:RED pack is held back
    assert "Bolt Corp: skipped: no Email" in proc.stderr and "Redline LLC: not sent: TLP:RED" in proc.stderr
    drafts = sorted((packs / "outbox").iterdir())
    assert [d.name for d in drafts] == ["acme-ltd.eml", "eve-inc-eve-evil-example-bcc-client-evil-example.eml",
                                        "societe-generale-energie.eml"]
    for row, draft in zip([CLIENTS[0], CLIENTS[2], CLIENTS[1]], drafts):
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        assert message["X-Unsent"] == "1" and message["Date"] is None and message["From"] is None
        assert not message.defects and all(not part.defects for part in message.walk())
        check_message(message, row, packs)
    first = {d.name: d.read_bytes() for d in drafts}
    assert run("send", clients, packs).returncode == 1
    assert {d.name: d.read_bytes() for d in (packs / "outbox").iterdir()} == first


def test_every_message_received_is_checked_and_a_rerun_sends_nothing_again(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 1, proc.stderr  # the TLP:RED client
        received = server.handler.received
        assert sorted(by_recipient(received)) == sorted(SENDABLE) and len(received) == 3
        for item in received:
            row = next(r for r in CLIENTS if r[2] == item.rcpt_tos[0])
            message = item.message()
            assert item.mail_from == "desk@meridian.example" and message["From"].addresses[0].display_name == "Desk"
            assert message["Date"] and message["X-Unsent"] is None
            check_message(message, row, packs)
        log = [json.loads(line) for line in (packs / "send-log.jsonl").read_text().splitlines()]
        sent = [r for r in log if r["event"] == "sent"]
        assert sorted(r["address"] for r in sent) == sorted(SENDABLE)
        assert {r["message_id"] for r in sent} == {item.message()["Message-ID"] for item in received}
        for record in sent:
            files = pack_files(packs, record["client"])
            assert set(record["attachments"]) == set(files)
        again = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert again.stdout.count("\nalready sent ") + again.stdout.startswith("already sent ") == 3
        assert "3 already sent" in again.stdout and len(received) == 3


def test_a_refused_recipient_fails_that_client_only_and_is_sent_on_the_rerun(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        server.handler.refuse["zoe@sge.example"] = ("550 5.1.1 No such user", None)
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 1
        assert "Société Générale Énergie: not sent: 550 5.1.1 No such user" in proc.stderr
        assert by_recipient(server.handler.received) == {"ann@acme.example": 1, "eve@victim.example": 1}
        server.handler.refuse.clear()
        run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert by_recipient(server.handler.received) == dict.fromkeys(SENDABLE, 1)


def test_a_temporary_refusal_is_retried(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        server.handler.refuse["ann@acme.example"] = ("451 4.3.0 Try again later", 1)
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert "not sent" not in proc.stderr.replace("Redline LLC: not sent", "")
        assert by_recipient(server.handler.received) == dict.fromkeys(SENDABLE, 1)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_run_stopped_mid_way_then_rerun_sends_each_client_exactly_one_message(built, tmp_path, how):
    clients, first, _ = built
    many = manifest(tmp_path / "many.xlsx", [[f"Client {i:02d}", f"C {i}", f"c{i}@example.com", "", "docx"]
                                             for i in range(8)])
    assert run("batch", many, first, "-o", tmp_path / "packs", "--jobs", "1").returncode == 0
    with LocalSmtp() as server:
        proc = subprocess.Popen([str(CLI), "send", many, tmp_path / "packs", "--smtp", server.address, "--from", FROM],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        server.handler.on_data = lambda count: count == 3 and os.kill(proc.pid, how)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130 and "interrupted" in err
        assert len(server.handler.received) == 3  # the message in flight finished and was logged
        rerun = run("send", many, tmp_path / "packs", "--smtp", server.address, "--from", FROM)
        assert rerun.returncode == 0, rerun.stderr
        assert by_recipient(server.handler.received) == {f"c{i}@example.com": 1 for i in range(8)}


def test_a_run_killed_while_the_server_held_a_message_never_sends_it_twice(built, tmp_path):
    clients, first, _ = built
    many = manifest(tmp_path / "many.xlsx", [[f"Client {i:02d}", f"C {i}", f"c{i}@example.com", "", "docx"]
                                             for i in range(4)])
    assert run("batch", many, first, "-o", tmp_path / "packs", "--jobs", "1").returncode == 0
    with LocalSmtp() as server:
        proc = subprocess.Popen([str(CLI), "send", many, tmp_path / "packs", "--smtp", server.address, "--from", FROM],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        server.handler.on_data = lambda count: count == 2 and os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL and len(server.handler.received) == 2
        rerun = run("send", many, tmp_path / "packs", "--smtp", server.address, "--from", FROM)
        assert rerun.returncode == 1 and "Client 01: may have been sent" in rerun.stderr
        assert "--resend-unconfirmed" in rerun.stderr
        assert by_recipient(server.handler.received) == {f"c{i}@example.com": 1 for i in range(4)}
        forced = run("send", many, tmp_path / "packs", "--smtp", server.address, "--from", FROM, "--resend-unconfirmed")
        assert forced.returncode == 0 and by_recipient(server.handler.received)["c1@example.com"] == 2


def test_a_rebuilt_pack_is_sent_again(built, tmp_path):
    _, _, _ = built
    clients = manifest(tmp_path / "clients.xlsx", [CLIENTS[0]])
    path = briefing(tmp_path / "b.xlsx", "RT-T-1", "TLP:AMBER", "First edition")
    assert run("batch", clients, path, "-o", tmp_path / "packs").returncode == 0
    with LocalSmtp() as server:
        send = ("send", clients, tmp_path / "packs", "--smtp", server.address, "--from", FROM)
        assert run(*send).returncode == 0
        assert run("batch", clients, path, "-o", tmp_path / "packs", "--force").returncode == 0  # same bytes
        assert "already sent" in run(*send).stdout and len(server.handler.received) == 1
        briefing(path, "RT-T-1", "TLP:AMBER", "Second edition")
        assert run("batch", clients, path, "-o", tmp_path / "packs").returncode == 0
        assert run(*send).returncode == 0
        assert [r.message()["Subject"] for r in server.handler.received] == [
            "[TLP:AMBER] First edition (RT-T-1)", "[TLP:AMBER] Second edition (RT-T-1)"]
        assert attachments(server.handler.received[1].message()) == pack_files(tmp_path / "packs", "Acme Ltd")


def test_dry_run_prints_who_would_get_what_and_sends_nothing(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM, "--dry-run")
        assert server.handler.received == [] and not (packs / "send-log.jsonl").exists()
    assert "would send Ann Smith <ann@acme.example>: [TLP:AMBER] Pipelines & power Bcc:" in proc.stdout
    sizes = {name: len(data) for name, data in pack_files(packs, "Acme Ltd").items()}
    for name, size in sizes.items():
        assert f"    {name} ({size / 1e3:.1f} kB)" in proc.stdout
    assert "dry run: nothing written or sent" in proc.stdout
    drafts = run("send", clients, packs, "--dry-run")
    assert "would draft Ann Smith" in drafts.stdout and not (packs / "outbox").exists()


def test_tlp_red_goes_only_with_allow_red_and_only_to_the_clients_address(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert "rae@redline.example" not in by_recipient(server.handler.received)
        assert "Redline LLC: not sent: TLP:RED" in proc.stderr
        assert run("send", clients, packs, "--smtp", server.address, "--from", FROM, "--allow-red").returncode == 0
        red = server.handler.to("rae@redline.example")
        assert len(red) == 1 and red[0].rcpt_tos == ["rae@redline.example"]
        message = red[0].message()
        assert message["Subject"] == "[TLP:RED] Red eyes only (RT-T-2)"
        assert message.get_body(("plain",)).get_content().startswith("TLP:RED: For the eyes and ears of individual")
    assert not (packs / "outbox" / "redline-llc.eml").exists()
    assert run("send", clients, packs, "--allow-red").returncode == 0
    assert (packs / "outbox" / "redline-llc.eml").exists()


def test_packs_from_another_manifest_or_without_summary_are_refused(built, packs, tmp_path):
    clients, _, _ = built
    other = manifest(tmp_path / "other.xlsx", [CLIENTS[0]])
    proc = run("send", other, packs)
    assert proc.returncode == 2 and "not in this manifest" in proc.stderr and "Redline LLC" in proc.stderr
    assert not (packs / "outbox").exists()
    (packs / "summary.json").unlink()
    proc = run("send", clients, packs)
    assert proc.returncode == 3 and "summary.json does not exist" in proc.stderr


def test_a_failed_or_changed_pack_is_not_sent(built, packs):
    clients, _, _ = built
    rows = json.loads((packs / "summary.json").read_text())
    for row in rows:
        if row["client"] == "Acme Ltd":
            row["status"], row["error"] = "failed", "LibreOffice could not convert"
        if row["client"] == "Redline LLC":  # summary.json is a file anyone can edit: nothing outside PACKS_DIR
            row["files"] = ["../secret.txt"]
    (packs / "summary.json").write_text(json.dumps(rows))
    (packs.parent / "secret.txt").write_text("not for clients")
    (packs / "societe-generale-energie" / "RT-T-1.docx").write_bytes(b"tampered")
    with LocalSmtp() as server:
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 1
        assert "Acme Ltd: not sent: its pack failed in the batch (RT-T-1: LibreOffice could not convert)" in proc.stderr
        assert "Société Générale Énergie: not sent: RT-T-1.docx changed since the batch" in proc.stderr
        assert "Redline LLC: not sent: ../secret.txt is missing from" in proc.stderr
        assert by_recipient(server.handler.received) == {"eve@victim.example": 1}


def test_a_pack_whose_batch_was_stopped_is_not_sent(built, packs):
    clients, _, _ = built
    rows = json.loads((packs / "summary.json").read_text())
    for row in rows:
        if row["client"] == "Acme Ltd":  # as a batch stopped by SIGTERM writes it (#10)
            row["status"], row["files"], row["sha256"] = "stopped", [], []
    (packs / "summary.json").write_text(json.dumps(rows))
    proc = run("send", clients, packs)
    assert "Acme Ltd: not sent: the batch was stopped before its pack was finished; rerun batch" in proc.stderr
    assert not (packs / "outbox" / "acme-ltd.eml").exists()


def test_a_message_over_the_size_cap_fails_that_client(built, packs):
    clients, _, _ = built
    big = packs / "acme-ltd" / "RT-T-1.docx"
    big.write_bytes(os.urandom(1_200_000))
    rows = json.loads((packs / "summary.json").read_text())
    for row in rows:
        if row["client"] == "Acme Ltd":
            import hashlib
            row["sha256"] = [hashlib.sha256((packs / f).read_bytes()).hexdigest() for f in row["files"]]
    (packs / "summary.json").write_text(json.dumps(rows))
    proc = run("send", clients, packs, "--max-message-mb", "1")
    assert "Acme Ltd: not sent: the message would be 1.7 MB, over the 1 MB cap" in proc.stderr
    assert not (packs / "outbox" / "acme-ltd.eml").exists() and (packs / "outbox" / "societe-generale-energie.eml").exists()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made in the test (openssl), so TLS is real and nothing is fetched."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


@pytest.mark.parametrize("flag", ["--starttls", "--ssl"])
def test_tls_with_a_verified_certificate_and_login(built, packs, tmp_path, flag):
    import ssl

    clients, _, _ = built
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with LocalSmtp(tls=context, implicit_tls=flag == "--ssl", login=("desk", "s3cret")) as server:
        args = ("send", clients, packs, "--smtp", server.address, "--from", FROM, flag, "--user", "desk")
        untrusted = run(*args, env={"REPORTTOOL_SMTP_PASSWORD": "s3cret"})
        assert untrusted.returncode == 1 and "certificate verify failed" in untrusted.stderr
        assert server.handler.received == []
        trusted = {"SSL_CERT_FILE": str(cert)}
        wrong = run(*args, env={**trusted, "REPORTTOOL_SMTP_PASSWORD": "wrong"})
        assert wrong.returncode == 1 and "refused the login of desk" in wrong.stderr and not server.handler.received
        prompted = run(*args, env={**trusted, "REPORTTOOL_SMTP_PASSWORD": ""}, input="s3cret\n")
        assert prompted.returncode == 1, prompted.stderr  # only the TLP:RED client is left out
        assert sorted(by_recipient(server.handler.received)) == sorted(SENDABLE)
        assert "s3cret" not in prompted.stdout + prompted.stderr


@pytest.mark.parametrize("args, message", [
    (["--smtp", "127.0.0.1:25"], "--smtp needs --from"),
    (["--starttls"], "need --smtp"),
    (["--smtp", "mail.example.com:25", "--from", "a@b.example", "--user", "u"], "--user needs --starttls or --ssl"),
    (["--smtp", "mail.example.com", "--from", "a@b.example"], "is not HOST:PORT"),
    (["--smtp", "127.0.0.1:25", "--from", "not an address"], "is not an email address"),
    (["--smtp", "127.0.0.1:25", "--from", "a@b.example", "--ssl", "--starttls"], "exclude each other"),
])
def test_wrong_usage_is_refused_before_anything_is_read(built, packs, args, message):
    proc = run("send", built[0], packs, *args)
    assert proc.returncode == 2 and message in proc.stderr


def test_brand_check_catches_a_broken_email_template(tmp_path):
    folder = Path(shutil.copytree(Path(__file__).parent.parent / "templates" / "meridian", tmp_path / "brand"))
    toml = (folder / "brand.toml").read_text()
    toml = toml.replace('subject = "{title} ({reference})"', 'subject = "{titel} ({reference})"')
    (folder / "brand.toml").write_text(toml)
    proc = run("brand", "check", folder)
    assert proc.returncode == 1 and "email.subject has an unknown placeholder {titel}" in proc.stdout


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text(alphabet=st.sampled_from("abc=?_-\r\n \t<>\",:;@\\é中🚀\u202e"), max_size=120))
def test_any_name_or_title_stays_one_header_and_reads_back_as_written(name, title, syntax):
    """Whatever a workbook holds, each header is one header, its value reads back (whitespace runs made one
    space), and the To header names exactly the client's address."""
    from reporttool.delivery.mime import CRLF, address, header, one_line

    for display, subject in ((name, title), (syntax, syntax + title)):
        raw = (f"To: {address(display, 'client@example.com')}{CRLF}" + header("Subject", subject)
               + f"X-After: 1{CRLF}{CRLF}body").encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert list(message.keys()) == ["To", "Subject", "X-After"]
        assert [a.addr_spec for a in message["To"].addresses] == ["client@example.com"]
        # RFC 2047's decoder (the email package's modern parser puts a space between adjacent encoded words)
        [(phrase, _)] = email.utils.getaddresses([email.message_from_bytes(raw).get("To")])
        assert str(make_header(decode_header(phrase))) == one_line(display)
        assert str(message["Subject"]) == one_line(subject)
        assert all(len(line) <= 998 for line in raw.split(b"\r\n"))


def test_an_internationalised_address_goes_with_smtputf8(built, tmp_path):
    """RFC 6531/6532: a non-ASCII mailbox name (the manifest accepts it) is sent raw with SMTPUTF8."""
    _, first, _ = built
    clients = manifest(tmp_path / "clients.xlsx", [["Zoë GmbH", "Zoë", "zoë@example.com", "", "docx"]])
    assert run("batch", clients, first, "-o", tmp_path / "packs").returncode == 0
    with LocalSmtp() as server:
        proc = run("send", clients, tmp_path / "packs", "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 0, proc.stderr
        [item] = server.handler.received
        assert item.rcpt_tos == ["zoë@example.com"]
        utf8 = email.message_from_string(item.data.decode("utf-8"), policy=email.policy.default)  # RFC 6532
        assert [a.addr_spec for a in utf8["To"].addresses] == ["zoë@example.com"]
    assert run("send", clients, tmp_path / "packs").returncode == 0
    draft = (tmp_path / "packs" / "outbox" / "zoe-gmbh.eml").read_text(encoding="utf-8")
    assert [a.addr_spec for a in email.message_from_string(draft, policy=email.policy.default)["To"].addresses] \
        == ["zoë@example.com"]


def test_rate_spaces_the_messages_and_an_unreachable_server_fails_every_client(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        assert run("send", clients, packs, "--smtp", server.address, "--from", FROM, "--rate", "120").returncode == 1
        times = [item.at for item in server.handler.received]
        assert len(times) == 3 and times[-1] - times[0] >= 0.9  # 120 a minute: starts 0.5 s apart
    (packs / "send-log.jsonl").unlink()
    closed = LocalSmtp()  # bound, never listening: connections are refused
    proc = run("send", clients, packs, "--smtp", closed.address, "--from", FROM)
    closed.sock.close()
    assert proc.returncode == 1 and "Acme Ltd: not sent: the connection to 127.0.0.1" in proc.stderr
    assert "Société Générale Énergie: not sent: not tried: the connection" in proc.stderr
    assert all(json.loads(line)["event"] != "sent" for line in (packs / "send-log.jsonl").read_text().splitlines())


def test_each_client_gets_its_brands_words(built, tmp_path):
    """Subject and body from the client's brand's [email]; what the TLP label allows in the brand's words."""
    _, first, _ = built
    clients = write_workbook(tmp_path / "clients.xlsx", {"Clients": [
        ["Client", "Contact", "Email", "Brand", "Formats"],
        ["North Co", "Nia", "nia@north.example", "northgate", "docx"],
        ["Meri Co", "Mo", "mo@meri.example", "", "docx"]]})
    assert run("batch", clients, first, "-o", tmp_path / "packs").returncode == 0
    assert run("send", clients, tmp_path / "packs").returncode == 0
    north, meri = (email.message_from_bytes((tmp_path / "packs" / "outbox" / name).read_bytes(),
                                            policy=email.policy.default) for name in ("north-co.eml", "meri-co.eml"))
    assert north["Subject"].startswith("[TLP:AMBER] Northgate report: ")
    assert meri["Subject"].startswith("[TLP:AMBER] Pipelines & power")
    assert "within their organization" in north.get_body(("plain",)).get_content()  # en-US brand
    assert "within their organisation" in meri.get_body(("plain",)).get_content()
    assert "Northgate Intelligence Group" in north.get_body(("html",)).get_content()


def test_a_draft_briefing_is_never_sent(built, tmp_path):
    """Issue 13: batch builds a Draft only with --allow-drafts; send still refuses it, and says why."""
    _, first, _ = built
    clients = manifest(tmp_path / "clients.xlsx", [CLIENTS[0]])
    sheets = valid_sheets()
    for field, value in (("Reference", "RT-T-1"), ("Status", "Draft")):
        set_field(sheets, field, value)
    draft = write_workbook(tmp_path / "draft.xlsx", sheets)
    assert run("batch", clients, draft, "-o", tmp_path / "packs", "--allow-drafts").returncode == 0
    with LocalSmtp() as server:
        proc = run("send", clients, tmp_path / "packs", "--smtp", server.address, "--from", FROM)
        assert server.handler.received == []
    assert proc.returncode == 1 and "Acme Ltd: not sent: RT-T-1 is a Draft (its Status)" in proc.stderr
    assert run("send", clients, tmp_path / "packs").returncode == 1
    assert not (tmp_path / "packs" / "outbox" / "acme-ltd.eml").exists()


def test_a_dropped_connection_is_retried_unless_the_server_already_had_the_message(built, packs):
    clients, _, _ = built
    with LocalSmtp() as server:
        server.handler.drop["rcpt"] = 1  # before the message was handed over: safe to send again
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert by_recipient(server.handler.received) == dict.fromkeys(SENDABLE, 1), proc.stderr
        assert server.handler.drop["rcpt"] == 0  # it did drop
    (packs / "send-log.jsonl").unlink()
    with LocalSmtp() as server:
        server.handler.drop["data"] = 1  # after the final dot: it may have been delivered, never sent twice
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 1 and "Acme Ltd: may have been sent: the connection broke after" in proc.stderr
        assert by_recipient(server.handler.received) == {"zoe@sge.example": 1, "eve@victim.example": 1}
        again = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert "Acme Ltd: may have been sent" in again.stderr and len(server.handler.received) == 2
        run("send", clients, packs, "--smtp", server.address, "--from", FROM, "--resend-unconfirmed")
        assert by_recipient(server.handler.received) == dict.fromkeys(SENDABLE, 1)


def test_the_outbox_and_the_send_log_are_never_written_through_links(built, packs, tmp_path):
    # whoever can write in a shared packs folder must not be able to redirect TLP-marked drafts, or have the
    # send log appended to any file of the user's
    clients, _, _ = built
    elsewhere, victim = tmp_path / "elsewhere", tmp_path / "victim.txt"
    elsewhere.mkdir()
    victim.write_text("keep\n")
    (packs / "outbox").symlink_to(elsewhere)
    proc = run("send", clients, packs)
    assert proc.returncode == 2 and "is a link" in proc.stderr and list(elsewhere.iterdir()) == []
    (packs / "outbox").unlink()
    (packs / "send-log.jsonl").symlink_to(victim)
    with LocalSmtp() as server:
        proc = run("send", clients, packs, "--smtp", server.address, "--from", FROM)
        assert proc.returncode == 2 and "send-log.jsonl is a link" in proc.stderr
        assert server.handler.received == []
    assert victim.read_text() == "keep\n"


def test_a_link_planted_in_a_client_folder_is_never_attached(built, packs, tmp_path):
    # summary.json and the packs folder are files anyone with the share can edit: a link named in the summary
    # (or a client folder that is a link) would mail any file of the account manager's, its hash made to match
    clients, _, _ = built
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    rows = json.loads((packs / "summary.json").read_text())
    acme = next(r for r in rows if r["client"] == "Acme Ltd")
    (packs / acme["folder"] / "key.txt").symlink_to(secret)
    acme["files"], acme["sha256"] = [f"{acme['folder']}/key.txt"], [digest]
    (packs / "summary.json").write_text(json.dumps(rows))
    proc = run("send", clients, packs)
    assert "Acme Ltd: not sent:" in proc.stderr and "is a link" in proc.stderr
    assert not any(b"PRIVATE KEY" in p.read_bytes() or b"UFJJVkFURSBLRVk" in p.read_bytes()
                   for p in (packs / "outbox").glob("*.eml"))
