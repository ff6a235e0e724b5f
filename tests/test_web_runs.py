"""Batch runs through the web routes: plan, start, follow by server-sent events, cancel, results, past
runs, and the same packs as `reporttool batch`."""
from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from tests.conftest import ROOT
from tests.web_client import browser, close, make_app, script
from tests.workbooks import set_cell, valid_sheets, write_workbook

MANIFEST, BRIEFING = ROOT / "examples" / "clients.xlsx", ROOT / "examples" / "briefing.xlsx"


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "data", jobs=2)
    yield app
    close(app)


def plan_run(client, manifest=MANIFEST, briefings=(BRIEFING,), url="/packs", **data):
    files = [("manifest", (manifest.name, manifest.read_bytes()))]
    files += [("briefings", (b.name, b.read_bytes())) for b in briefings]
    return client.post(url, files=files, data={"brand": "meridian", **data}, follow_redirects=False)


def follow(client, url) -> list[tuple[str, dict]]:
    """Every server-sent event of a run until its end."""
    seen, kind = [], None
    with client.stream("GET", url + "/events") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                seen.append((kind, json.loads(line[6:])))
    return seen


def test_the_plan_lists_each_clients_risks_and_why_the_others_are_left_out(app):
    from reporttool.brand.folder import load_brand
    from reporttool.packs.selection import risks_for
    from reporttool.workbook.load import read_briefing, read_clients

    client = browser(app)
    answer = plan_run(client)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    briefing, clients = read_briefing(BRIEFING).value, read_clients(MANIFEST).value
    bands = load_brand("meridian").bands
    for each in clients:
        chosen = [r.id for r in risks_for(briefing, each, bands)]
        assert f"<td>{', '.join(chosen) or 'none'}</td>" in page.replace("&amp;", "&") or not chosen, each.client
    assert "left out: why?" in page and "(the client&#39;s: " in page
    assert 'id="start"' in page


def test_a_run_streams_progress_to_its_end_and_matches_the_cli(app, tmp_path, run_cli):
    client = browser(app)
    url = plan_run(client).headers["location"]
    assert client.post(url + "/start", follow_redirects=False).status_code == 303
    events = follow(client, url)
    progress = [data for kind, data in events if kind == "progress"]
    assert events[-1][0] == "end" and progress[-1]["done"] == progress[-1]["total"] > 0
    assert len({p["done"] for p in progress}) > 2  # pushed as packs finish, not once at the end
    page = client.get(url).text
    assert "Finished" in page and "0 failed" in page
    run_cli("batch", MANIFEST, BRIEFING, "-o", tmp_path / "cli")
    info = client.get("/api/runs/" + url.rsplit("/", 1)[1]).json()
    cli_rows = json.loads((tmp_path / "cli" / "summary.json").read_text())
    ours = {(r["client"], r["briefing"]): (r["status"], sorted(f["name"] for f in r["files"]), r["risks"])
            for r in info["results"]}
    assert ours == {(r["client"], r["briefing"]): (r["status"], sorted(r["files"]), r["risks"]) for r in cli_rows}
    for row in info["results"]:
        for f in row["files"]:
            data = client.get(f["url"]).content
            if f["name"].endswith(".pdf"):  # LibreOffice stamps its PDFs with the time
                assert data.startswith(b"%PDF")
            else:
                assert data == (tmp_path / "cli" / f["name"]).read_bytes(), f["name"]
    first = info["results"][0]
    with zipfile.ZipFile(io.BytesIO(client.get(first["zip"]).content)) as z:
        assert sorted(z.namelist()) == sorted(f["name"].split("/", 1)[1] for f in first["files"])
    with zipfile.ZipFile(io.BytesIO(client.get(info["urls"]["all"]).content)) as z:
        assert {"summary.csv", "summary.json", f"{first['folder']}.zip"} <= set(z.namelist())
    assert client.get(info["urls"]["summary_csv"]).text.startswith("client,")
    runs = client.get("/runs").text
    assert url.rsplit("/", 1)[1] in runs and "clients.xlsx" in runs


def test_a_rerun_skips_unchanged_packs(app):
    client = browser(app)
    url = plan_run(client).headers["location"]
    client.post(url + "/start")
    follow(client, url)
    again = client.post(url + "/rerun", follow_redirects=False).headers["location"]
    follow(client, again)
    info = client.get("/api/runs/" + again.rsplit("/", 1)[1]).json()
    assert info["status"] == "done" and info["built"] == 0 and info["skipped"] == info["total"] > 0


def test_cancel_stops_the_run_and_says_so(app, tmp_path):
    from tests.web_client import many_clients

    client = browser(app)
    manifest = many_clients(tmp_path / "many.xlsx", 600)
    url = plan_run(client, manifest=manifest).headers["location"]
    client.post(url + "/start")
    api = "/api/runs/" + url.rsplit("/", 1)[1]
    deadline = time.monotonic() + 120
    while not (client.get(api).json()["progress"] or {}).get("done") and time.monotonic() < deadline:
        time.sleep(0.05)  # packs are being built
    assert client.post(url + "/cancel", follow_redirects=False).status_code == 303
    events = follow(client, url)
    assert events[-1][0] == "end"
    info = client.get(api).json()
    assert info["status"] == "cancelled" and info["built"] < info["total"] and "run it again" in info["message"], info
    leftovers = list((tmp_path / "data" / "runs").rglob("*.part")) + list((tmp_path / "data" / "runs").rglob(".pdf-*"))
    assert not leftovers


def test_the_api_starts_and_follows_a_run_with_the_bearer_token(app):
    api = script(app)
    created = plan_run(api, url="/api/runs?start=1")
    assert created.status_code == 201
    body = created.json()
    assert body["plan"]["rows"] and body["status"] == "running"
    follow(api, body["urls"]["page"])
    done = api.get(f"/api/runs/{body['id']}").json()
    assert done["status"] == "done" and done["built"] == done["total"]
    assert [r["id"] for r in api.get("/api/runs").json()] == [body["id"]]
    assert api.post(f"/api/runs/{body['id']}/cancel").status_code == 409
    assert api.post(f"/api/runs/{body['id']}/start").status_code == 409


def test_a_broken_manifest_or_briefing_is_said_before_anything_runs(app, tmp_path):
    client = browser(app)
    bad = write_workbook(tmp_path / "clients.xlsx", {"Clients": [["Client", "Nonsense"], ["A", "x"]]})
    answer = plan_run(client, manifest=bad)
    assert answer.status_code == 422 and "The run cannot start" in answer.text
    broken = write_workbook(tmp_path / "broken.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 9))
    url = plan_run(client, briefings=(BRIEFING, broken)).headers["location"]
    assert "failed</span> broken.xlsx has 1 validation error" in client.get(url).text
    missing = client.post("/packs", data={"brand": "meridian"}, follow_redirects=False)
    assert missing.status_code == 400 and "manifest" in missing.text


def test_runs_and_their_files_belong_to_one_browser(app):
    first, second = browser(app), browser(app)
    url = plan_run(first).headers["location"]
    first.post(url + "/start")
    follow(first, url)
    info = first.get("/api/runs/" + url.rsplit("/", 1)[1]).json()
    for link in (url, url + "/events", info["results"][0]["files"][0]["url"], info["results"][0]["zip"],
                 info["urls"]["all"], info["urls"]["summary_csv"], "/api/runs/" + info["id"]):
        assert second.get(link).status_code == 404, link
    assert second.post(url + "/cancel").status_code == 404
    assert info["id"] not in second.get("/runs").text
    assert first.get(url + "/files/999").status_code == 404
    assert first.get(url + "/zips/..%2F..%2Freporttool.sqlite3").status_code == 404
    assert first.get(url + "/summary.sqlite3").status_code == 404


def test_hostile_client_names_stay_text_in_the_plan(app, tmp_path):
    rows = [["Client", "Sectors", "Regions", "Formats"],
            ["<script>alert(1)</script>", "Energy", "Atlantis", "docx"],
            ['" onmouseover="alert(2)', "", "", "docx"]]
    manifest = write_workbook(tmp_path / "clients.xlsx", {"Clients": rows})
    client = browser(app)
    page = client.get(plan_run(client, manifest=manifest).headers["location"]).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '" onmouseover="alert(2)' not in page
    assert "Atlantis" in page and "matches no risk" in page and "/uploads/" not in page


def test_a_follower_that_disconnects_mid_run_leaves_the_run_going(app):
    client = browser(app)
    url = plan_run(client).headers["location"]
    client.post(url + "/start")
    with client.stream("GET", url + "/events") as stream:
        for line in stream.iter_lines():
            if line.startswith("event: progress"):
                break  # the browser closes the tab
    follow(client, url)
    assert client.get("/api/runs/" + url.rsplit("/", 1)[1]).json()["status"] == "done"


def test_a_run_with_a_broken_briefing_never_shows_the_servers_folders(app, tmp_path):
    # the failed packs said "run `reporttool validate /…/data/uploads/<id>/broken.xlsx`"
    api = script(app)
    broken = write_workbook(tmp_path / "broken.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 9))
    body = plan_run(api, briefings=(BRIEFING, broken), url="/api/runs?start=1").json()
    follow(api, body["urls"]["page"])
    done = api.get(f"/api/runs/{body['id']}").json()
    errors = [r["error"] for r in done["results"] if r["status"] == "failed"]
    assert errors and all(e.startswith("broken.xlsx has 1 validation error") for e in errors)
    assert not any("uploads" in e or str(tmp_path) in e for e in errors)
