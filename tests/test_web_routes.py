"""`reporttool serve` routes through Starlette's TestClient: the token, the Host and Origin checks,
uploads good and hostile, and the same answers as the CLI."""
from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from reporttool.workbook.package import Limits
from reporttool.web.store import DataFolderBusy, Store
from tests.conftest import ROOT
from tests.web_client import ORIGIN, TOKEN, browser, close, make_app, script
from tests.workbooks import set_cell, valid_sheets, write_workbook

EXAMPLE = ROOT / "examples" / "briefing.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "data")
    yield app
    close(app)


def post_file(client, url, path, field="workbook", name=None, headers=None, **data):
    with open(path, "rb") as fh:
        return client.post(url, files={field: (name or path.name, fh, XLSX)}, data=data, headers=headers,
                           follow_redirects=False)


# -- the token ------------------------------------------------------------------------------------------

def test_no_token_is_refused_everywhere(app):
    from starlette.testclient import TestClient

    anonymous = TestClient(app, base_url=ORIGIN)
    for url in ("/", "/static/app.js", "/starters/blank-briefing.xlsx", "/check/" + "0" * 32):
        assert anonymous.get(url).status_code == 401, url
    answer = anonymous.get("/", headers={"accept": "text/html"})
    assert answer.status_code == 401 and "token" in answer.text and "Traceback" not in answer.text
    assert post_file(anonymous, "/api/validate", EXAMPLE).status_code == 401


def test_a_wrong_token_is_refused(app):
    from starlette.testclient import TestClient

    client = TestClient(app, base_url=ORIGIN)
    assert client.get("/?token=wrong", follow_redirects=False).status_code == 401
    assert client.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
    client.cookies.set("reporttool-token-8000", "wrong")
    assert client.get("/").status_code == 401


def test_the_printed_link_sets_an_httponly_strict_cookie_and_drops_the_token_from_the_address(app):
    from starlette.testclient import TestClient

    client = TestClient(app, base_url=ORIGIN)
    answer = client.get(f"/check/abc?token={TOKEN}&show=error", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/check/abc?show=error"
    cookies = answer.headers.get_list("set-cookie")
    token_cookie = next(c for c in cookies if c.startswith("reporttool-token-8000="))
    assert "HttpOnly" in token_cookie and "SameSite=Strict" in token_cookie
    assert client.get("/").status_code == 200
    for sneaky in ("//evil.example/", "/%0d%0aSet-Cookie:%20x=1"):
        answer = client.get(f"{sneaky}?token={TOKEN}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/")
        assert not answer.headers["location"].startswith("//") and "\r" not in answer.headers["location"]
        assert "x=1" not in answer.headers.get("set-cookie", "")


def test_a_foreign_host_header_is_refused(app):
    client = browser(app)
    for host in ("evil.example", "evil.example:8000", "127.0.0.1:9999", "127.0.0.1.evil.example:8000"):
        answer = client.get("/", headers={"host": host})
        assert answer.status_code == 421, host
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_a_cross_site_post_is_refused_even_with_the_cookie(app):
    client = browser(app)
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"},
                    {"origin": "http://127.0.0.1:8001"}):
        assert post_file(client, "/check", EXAMPLE, headers=headers).status_code == 403, headers
    client.headers.pop("origin")
    assert post_file(client, "/check", EXAMPLE).status_code == 403  # a cookie alone is not enough to post
    for site in ("cross-site", "same-site", "none"):
        assert post_file(client, "/check", EXAMPLE, headers={"sec-fetch-site": site}).status_code == 403, site
    assert post_file(client, "/check", EXAMPLE, headers={"sec-fetch-site": "same-origin"}).status_code == 303


def test_every_answer_carries_a_strict_content_security_policy(app):
    client = browser(app)
    for url in ("/", "/static/app.js", "/nowhere"):
        policy = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


# -- validate -------------------------------------------------------------------------------------------

def test_api_validate_answers_what_the_cli_prints(app, tmp_path, run_cli):
    broken = write_workbook(tmp_path / "broken.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 9))
    for path in (EXAMPLE, broken):
        answer = post_file(script(app), "/api/validate", path)
        assert answer.status_code == 200
        code, out, _ = run_cli("validate", "--format", "json", path)
        expected = json.loads(out)
        expected["file"] = path.name
        assert answer.json() == expected
    assert answer.json()["valid"] is False and answer.json()["issues"][0]["location"] == "Risks!D2"


def test_api_validate_a_clients_manifest(app, run_cli):
    path = ROOT / "examples" / "clients.xlsx"
    answer = post_file(script(app), "/api/validate", path, clients="1")
    code, out, _ = run_cli("validate", "--clients", "--format", "json", path)
    assert answer.json() == {**json.loads(out), "file": "clients.xlsx"}
    as_briefing = post_file(script(app), "/api/validate", path).json()
    assert as_briefing["valid"] is False and any(i["code"] == "missing-sheet" for i in as_briefing["issues"])


def _hostile(tmp_path):
    """The foundation tests' hostile files, rebuilt: each is refused by the same inspection as the CLI."""
    from tests.workbooks import patch_text

    good = write_workbook(tmp_path / "good.xlsx", valid_sheets())
    files = {}
    (tmp_path / "empty.xlsx").write_bytes(b"")
    files["empty.xlsx"] = "empty-file"
    (tmp_path / "c.xlsx").write_text("ID,Risk\nR1,=cmd|' /C calc'!A0\n")
    files["c.xlsx"] = "not-a-workbook"
    (tmp_path / "t.xlsx").write_bytes(good.read_bytes()[:2000])
    files["t.xlsx"] = "corrupt"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500
    (tmp_path / "p.xlsx").write_bytes(ole)
    files["p.xlsx"] = "encrypted"
    xxe = write_workbook(tmp_path / "x.xlsx", valid_sheets())
    patch_text(xxe, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst',
               '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sst')
    files["x.xlsx"] = "unsafe-xml"
    bomb = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/blob.bin", b"\0" * (3 * 1024 * 1024))
    files["b.xlsx"] = "too-large"
    return files


def test_hostile_uploads_are_refused_with_the_cli_message_and_no_server_path(tmp_path):
    app = make_app(tmp_path / "data", Limits(max_inflated_mb=2))
    try:
        client = browser(app)
        for name, code in _hostile(tmp_path).items():
            answer = post_file(script(app), "/api/validate", tmp_path / name, name=f"../../{name}")
            assert answer.status_code == 422, name
            report = answer.json()
            assert [i["code"] for i in report["issues"]] == [code], name
            assert str(tmp_path) not in answer.text and "Traceback" not in answer.text
            page = post_file(client, "/check", tmp_path / name)
            shown = client.get(page.headers["location"])
            assert shown.status_code == 200 and "cannot be read" in shown.text and code in shown.text
        stored = list((tmp_path / "data" / "uploads").rglob("*.xlsx"))
        assert stored and all(p.parent.parent == tmp_path / "data" / "uploads" for p in stored)
    finally:
        close(app)


def test_an_upload_over_the_cap_is_refused_before_it_is_read(tmp_path):
    app = make_app(tmp_path / "data", Limits(max_inflated_mb=1))
    try:
        big = tmp_path / "big.xlsx"
        big.write_bytes(b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024))
        answer = post_file(script(app), "/api/validate", big)
        assert answer.status_code == 413 and "--max-size" in answer.json()["error"]
        assert not list((tmp_path / "data" / "uploads").iterdir())
    finally:
        close(app)


def test_a_request_without_the_file_says_what_to_send(app):
    answer = script(app).post("/api/validate", data={"clients": "0"})
    assert answer.status_code == 400 and "workbook" in answer.json()["error"]
    answer = script(app).post("/api/validate", content=b"garbage", headers={"content-type": "multipart/form-data"})
    assert answer.status_code == 400 and "Traceback" not in answer.text


# -- the analyst's page --------------------------------------------------------------------------------

def test_drop_shows_problems_by_sheet_with_cell_column_found_expected_hint(app, tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 9)
    set_cell(sheets, "Events", "Date", "someday")
    path = write_workbook(tmp_path / "broken.xlsx", sheets)
    client = browser(app)
    page = client.get(post_file(client, "/check", path).headers["location"])
    assert "Not ready: 2 error(s)" in page.text
    report = post_file(script(app), "/api/validate", path).json()
    for item in report["issues"]:
        cell = item["location"].split("!")[1]
        assert f'<td class="cell">{cell}</td>' in page.text
        for key in ("message", "hint", "expected", "code"):
            from markupsafe import escape

            assert escape(item[key]) in page.text, key
    assert page.text.index("<h3 class=\"sheet\">Events</h3>") < page.text.index("<h3 class=\"sheet\">Risks</h3>")


def test_the_filter_shows_errors_or_warnings(app, tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 9)
    set_cell(sheets, "Risks", "Unknown thing", "x")  # an unknown column: a warning
    client = browser(app)
    url = post_file(client, "/check", write_workbook(tmp_path / "w.xlsx", sheets)).headers["location"]
    errors, warnings = client.get(url + "?show=error").text, client.get(url + "?show=warning").text
    assert "bad-number" in errors and "unknown-column" not in errors
    assert "unknown-column" in warnings and "bad-number" not in warnings


def test_a_redrop_says_what_was_fixed_and_what_is_left(app, tmp_path):
    client = browser(app)
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 9)
    set_cell(sheets, "Events", "Date", "someday")
    post_file(client, "/check", write_workbook(tmp_path / "b.xlsx", sheets))
    set_cell(sheets, "Risks", "Likelihood", 3)
    again = client.get(post_file(client, "/check", write_workbook(tmp_path / "b.xlsx", sheets)).headers["location"])
    assert "1 fixed" in again.text and "1 left" in again.text and "0 new" in again.text


def test_the_annotated_copy_marks_the_problem_cells(app, tmp_path):
    import io

    import openpyxl

    client = browser(app)
    url = post_file(client, "/check", write_workbook(tmp_path / "b.xlsx",
                                                     set_cell(valid_sheets(), "Risks", "Likelihood", 9)))
    answer = client.get(url.headers["location"] + "/annotated")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert "ERROR" in book["Risks"]["D2"].comment.text


def test_starters_are_the_blank_template_and_the_example(app, tmp_path, run_cli):
    client = browser(app)
    for name, args in (("blank-briefing.xlsx", []), ("example-briefing.xlsx", ["--example"]),
                       ("blank-clients.xlsx", ["--clients"]), ("example-clients.xlsx", ["--clients", "--example"])):
        run_cli("init", *args, tmp_path / name)
        answer = client.get(f"/starters/{name}")
        assert answer.status_code == 200 and answer.content == (tmp_path / name).read_bytes(), name
    assert client.get("/starters/..%2Fetc%2Fpasswd").status_code == 404


def test_two_browsers_never_see_each_others_uploads(app):
    first, second = browser(app), browser(app)
    url = post_file(first, "/check", EXAMPLE).headers["location"]
    assert first.get(url).status_code == 200
    assert second.get(url).status_code == 404
    assert second.get(url + "/annotated").status_code == 404
    assert url.split("/")[-1] in first.get("/").text and url.split("/")[-1] not in second.get("/").text
    assert script(app).get(url).status_code == 404


def test_analyst_text_is_escaped_in_the_page(app, tmp_path):
    sheets = valid_sheets()
    set_cell(sheets, "Risks", "Likelihood", '<script>alert(1)</script>')
    path = write_workbook(tmp_path / '"><img src=x onerror=alert(2)>.xlsx', sheets)
    client = browser(app)
    page = client.get(post_file(client, "/check", path).headers["location"])
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    assert "<img src=x" not in page.text


def test_unknown_ids_and_methods_get_a_message_not_a_traceback(app):
    client = browser(app)
    for url in ("/check/" + "f" * 32, "/check/../../etc/passwd", "/check/x/annotated", "/nowhere"):
        answer = client.get(url)
        assert answer.status_code == 404 and "nothing here" in answer.text, url
    assert client.delete("/check").status_code == 405


def test_two_servers_on_one_data_folder_refuse(tmp_path, run_cli):
    store = Store(tmp_path / "data")
    try:
        with pytest.raises(DataFolderBusy):
            Store(tmp_path / "data")
        code, out, err = run_cli("serve", "--port", "0", "--data", tmp_path / "data")
        assert code == 2 and "in use by another reporttool serve" in err and "Traceback" not in err
    finally:
        store.close()
    Store(tmp_path / "data").close()  # released


# -- building ---------------------------------------------------------------------------------------------

def test_api_build_answers_the_file_the_cli_writes(app, tmp_path, run_cli):
    answer = post_file(script(app), "/api/build", EXAMPLE, format="docx", brand="northgate")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].endswith('filename="RT-2025-014.docx"')
    run_cli("build", EXAMPLE, "-o", tmp_path / "cli", "--format", "docx", "--brand", "northgate")
    assert answer.content == (tmp_path / "cli" / "RT-2025-014.docx").read_bytes()
    matrix = post_file(script(app), "/api/build", EXAMPLE, format="xlsx")
    assert matrix.status_code == 200 and matrix.content[:2] == b"PK"


def test_api_build_of_an_invalid_workbook_is_422_with_the_problems(app, tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 9))
    answer = post_file(script(app), "/api/build", path, format="docx")
    assert answer.status_code == 422 and answer.json()["issues"][0]["location"] == "Risks!D2"


def test_api_build_refuses_unknown_formats_and_brand_paths(app):
    assert post_file(script(app), "/api/build", EXAMPLE, format="exe").status_code == 400
    for brand in ("../../etc", "/tmp", "nosuchbrand"):
        answer = post_file(script(app), "/api/build", EXAMPLE, format="docx", brand=brand)
        assert answer.status_code == 400 and "meridian" in answer.json()["error"], brand


def test_the_page_offers_every_format_and_builds_them(app):
    from reporttool.formats import FORMATS

    client = browser(app)
    url = post_file(client, "/check", EXAMPLE).headers["location"]
    page = client.get(url)
    assert "Ready to build" in page.text
    for fmt in FORMATS:
        assert f'data-format="{fmt}"' in page.text
    docx = client.get(url + "/download/docx?brand=meridian")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(url + "/download/exe").status_code == 409
    preview = client.get(url + "/preview?brand=northgate")
    policy = preview.headers["content-security-policy"]
    assert preview.status_code == 200 and "sandbox" in policy and "frame-ancestors 'self'" in policy
    assert "script-src" not in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    from reporttool.brand.folder import load_brand
    from reporttool.html.render import render_html
    from reporttool.workbook.load import read_briefing

    assert preview.content == render_html(read_briefing(EXAMPLE).value, load_brand("northgate"))
    html = client.get(url + "/download/html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "attachment" in html.headers["content-disposition"]


def test_a_workbook_with_errors_is_not_built(app, tmp_path):
    client = browser(app)
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 9))
    url = post_file(client, "/check", path).headers["location"]
    assert "download/docx" not in client.get(url).text
    answer = client.get(url + "/download/docx")
    assert answer.status_code == 409 and "errors" in answer.text


def test_docs_api_lists_every_route_of_the_app_and_each_answers(app):
    import re

    from reporttool.web.app import all_routes

    documented = set(re.findall(r"^\| `([A-Z ]+)` \| `([^`]+)` \| \S", (ROOT / "docs" / "api.md").read_text(), re.M))
    served = {(" ".join(sorted(m for m in r.methods if m != "HEAD")), r.path) for r in all_routes()}
    assert documented == served
    client = browser(app)
    for methods, path in served:
        url = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: "0" if m.group(2) == ":int" else "f" * 32, path)
        for method in methods.split():
            assert client.request(method, url).status_code not in (405, 500), (method, url)


def test_a_crash_inside_a_build_is_a_message_and_the_server_keeps_serving(app, monkeypatch):
    import dataclasses

    from reporttool.formats import FORMATS

    monkeypatch.setitem(FORMATS, "docx", dataclasses.replace(FORMATS["docx"], renderer="tests.test_web_routes:_crash"))
    client = browser(app, raise_server_exceptions=False)
    url = post_file(client, "/check", EXAMPLE).headers["location"]
    page = client.get(url + "/download/docx?brand=northgate")
    assert page.status_code == 500 and "a bug, not your file" in page.text
    assert "secret" not in page.text and "Traceback" not in page.text
    answer = post_file(script(app, False), "/api/build", EXAMPLE, format="docx", brand="northgate")
    assert answer.status_code == 500 and set(answer.json()) == {"error"} and "secret" not in answer.text
    assert client.get(url).status_code == 200  # still serving


def _crash(*args, **kwargs):
    raise RuntimeError("/secret/path/in/a/traceback")


def test_too_many_files_in_one_request_are_refused(app, tmp_path):
    from reporttool.web.forms import MAX_FILES

    files = [("briefings", (f"b{i}.xlsx", b"x")) for i in range(MAX_FILES + 1)]
    answer = script(app).post("/api/runs", files=files)
    assert answer.status_code == 400 and "Too many files" in answer.json()["error"]
    assert not list((tmp_path / "data" / "uploads").iterdir())


def test_serve_prints_the_link_opens_it_with_open_and_stops_cleanly(tmp_path, monkeypatch):
    """The real command: --open hands the printed link to the default browser (here a script that notes it)."""
    import os
    import stat
    import urllib.request

    from tests.web_browser import Server, wait_for

    opener = tmp_path / "browser.sh"
    opener.write_text(f"#!/bin/sh\necho \"$1\" > {tmp_path / 'opened.txt'}\n")
    opener.chmod(opener.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(opener))
    server = Server(tmp_path / "data", "--open", "--token", "abc123")
    try:
        assert server.url.endswith("/?token=abc123")
        assert wait_for(lambda: (tmp_path / "opened.txt").is_file() and (tmp_path / "opened.txt").read_text().strip()
                        ) == server.url
        request = urllib.request.Request(server.base, headers={"Authorization": "Bearer abc123"})
        assert b"Check a briefing workbook" in urllib.request.urlopen(request).read()
    finally:
        err = server.stop()
    assert "reporttool serve stopped" in err and "Traceback" not in err
    assert os.path.isfile(tmp_path / "data" / "reporttool.sqlite3")
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700  # only its user reads the intelligence


@pytest.mark.parametrize("token", ["a b", "x&y=1", "", "tok#en"])
def test_a_token_that_cannot_go_into_the_link_is_refused_before_the_server_starts(tmp_path, token):
    from tests.conftest import CLI

    proc = subprocess.run([str(CLI), "serve", "--port", "0", "--data", str(tmp_path / "d"), "--token", token],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--token" in proc.stderr and "letters, digits" in proc.stderr
    assert not (tmp_path / "d").exists()


def test_listening_beyond_loopback_accepts_this_machines_names_only(tmp_path):
    import socket

    from reporttool.web.settings import Settings

    wide = Settings(data=tmp_path, token="t", host="0.0.0.0", port=8000)
    assert wide.host_allowed(f"{socket.gethostname()}:8000") and wide.host_allowed("127.0.0.1:8000")
    assert not wide.host_allowed("evil.example:8000") and not wide.host_allowed(f"{socket.gethostname()}:80")
    narrow = Settings(data=tmp_path, token="t", port=8000)
    assert not narrow.host_allowed(f"{socket.gethostname()}:8000") or socket.gethostname() == "localhost"
    assert narrow.host_allowed("[::1]:8000") and not narrow.host_allowed("[::1]")


def test_an_uploaded_name_cannot_reverse_itself_on_the_page(app):
    # "evil\u202excl.xlsx" showed as "evilxlsx.lcx": a <bdi> keeps an override in, it does not undo it
    answer = post_file(script(app), "/api/validate", EXAMPLE, name="evil\u202excl.xlsx")
    assert answer.json()["file"] == "evilxcl.xlsx"
    person = browser(app)
    page = post_file(person, "/check", EXAMPLE, name="evil\u202excl\u2066.xlsx")
    shown = person.get(page.headers["location"])
    assert shown.status_code == 200 and "evilxcl.xlsx" in shown.text
    assert "\u202e" not in shown.text and "\u2066" not in shown.text
