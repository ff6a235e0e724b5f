"""Batch runs from the page and the API: plan, start, follow (server-sent events), cancel, results,
past runs. The run itself is packs.run.run_batch in a worker process (reporttool.web.batch_worker)."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from .checking import CannotBuild, pick_brand
from .forms import files_of, read_form, state, store_file
from .settings import Settings
from .store import Store

ZIP = "application/zip"


@dataclass
class Live:
    """A running batch as the page follows it; `seq` grows with every finished pack."""

    total: int
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"built": 0, "skipped": 0, "failed": 0})
    last: dict[str, Any] | None = None
    seq: int = 0
    over: bool = False
    cancelled: bool = False
    process: subprocess.Popen | None = None

    def snapshot(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        return {"total": self.total, "done": self.done, **self.counts, "last": self.last,
                "seconds_left": None if left is None else round(left, 1), "left_text": _left_text(left, self)}


def _left_text(left: float | None, live: Live) -> str:
    if live.over:
        return "finished"
    if left is None:
        return "estimating the time left ..."
    return f"about {int(left) + 1} s left" if left < 90 else f"about {int(left / 60) + 1} min left"


class Runner:
    """The batch runs of one server: at most one worker process per run, watched by a thread."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.live: dict[str, Live] = {}
        self._lock = threading.Lock()

    def start(self, run: dict[str, Any]) -> None:
        """Start the worker for a planned run (its inputs are its uploads, read where they are stored)."""
        with self._lock:
            if run["status"] != "planned" or self.store.busy_folder(run["folder"]):
                raise CannotBuild("This run has already started, or another run is using its folder.")
            manifest = self.store.upload(run["manifest"], run["owner"])
            briefings = [self.store.upload(b, run["owner"]) for b in run["briefings"]]
            if manifest is None or None in briefings:
                raise CannotBuild("An input of this run is gone; start a new run.")
            limits = self.settings.limits
            argv = [sys.executable, "-m", "reporttool.web.batch_worker", str(manifest.path), str(run["out"]),
                    *[str(b.path) for b in briefings], "--max-size", str(limits.max_inflated_mb),
                    "--max-rows", str(limits.max_rows)]
            if run["brand"]:
                argv += ["--brand", run["brand"]]
            if self.settings.jobs:
                argv += ["--jobs", str(self.settings.jobs)]
            log = open(self.store.run_folder(run["folder"]) / f"worker-{run['id']}.log", "wb")
            live = Live(total=run["total"])
            live.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
            log.close()
            self.live[run["id"]] = live
            self.store.update_run(run["id"], status="running")
        threading.Thread(target=self._follow, args=(run["id"], live), daemon=True).start()

    def _follow(self, run_id: str, live: Live) -> None:
        status, message = "crashed", "the run stopped unexpectedly; see the server's data folder for its log"
        assert live.process is not None and live.process.stdout is not None
        for line in live.process.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event["type"] == "pack":
                live.done, live.total = event["done"], event["total"]
                live.counts[event["status"]] = live.counts.get(event["status"], 0) + 1
                live.last = {k: event[k] for k in ("client", "briefing", "status", "error")}
            elif event["type"] == "end":
                status, message = "done", ""
                live.counts = {k: event[k] for k in ("built", "skipped", "failed")}
            elif event["type"] == "cancelled":
                status, message = "cancelled", "cancelled; run it again to finish (packs already built are kept)"
            elif event["type"] == "refused":
                status, message = "refused", event["message"]
            live.seq += 1  # the database learns the counts at the end: the page follows `live`
        live.process.wait()
        if status == "crashed" and live.cancelled:  # stopped before it could say so (still starting up)
            status, message = "cancelled", "cancelled; run it again to finish (packs already built are kept)"
        self.store.update_run(run_id, status=status, message=message, finished=time.time(), **live.counts)
        live.over = True  # only now: a page reloading on the end event must find the final status
        live.seq += 1

    def cancel(self, run_id: str) -> bool:
        live = self.live.get(run_id)
        if live is None or live.over or live.process is None:
            return False
        live.cancelled = True
        os.kill(live.process.pid, signal.SIGTERM)  # the worker cleans up as the CLI does on Ctrl-C
        return True

    def stop_all(self) -> None:
        """Cancel what is still running when the server stops, and wait for it to clean up."""
        for run_id, live in list(self.live.items()):
            if self.cancel(run_id) and live.process is not None:
                try:
                    live.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(live.process.pid, signal.SIGKILL)


# -- the service calls the routes share ---------------------------------------------------------------------

async def create_run(request: Request, start: bool = False) -> tuple[dict[str, Any] | None, dict[str, Any], Any]:
    """Store the manifest and briefings (new files, or uploads picked by ID), plan the run, record it; with
    `start`, the run's worker starts before the plan is made, so the two overlap (the worker checks the
    inputs again and refuses what the plan would refuse). Returns (run or None, plan, manifest upload)."""
    from .planning import make_plan

    store, settings, owner = state(request)
    async with read_form(request) as form:
        try:
            brand = pick_brand(str(form.get("brand") or "") or None)
        except CannotBuild as exc:
            raise HTTPException(400, str(exc)) from None
        manifest = None
        if files_of(form, "manifest"):
            manifest = await store_file(request, files_of(form, "manifest")[0], "clients")
        elif form.get("manifest_id"):
            manifest = store.upload(str(form.get("manifest_id")), owner)
        if manifest is None or manifest.kind != "clients":
            raise HTTPException(400, "Attach the clients manifest (field 'manifest'), or pick one you checked.")
        briefings = [await store_file(request, f, "briefing") for f in files_of(form, "briefings")]
        for picked in form.getlist("briefing_id"):
            upload = store.upload(str(picked), owner)
            if upload is None or upload.kind != "briefing":
                raise HTTPException(400, "A picked briefing is not one of yours.")
            briefings.append(upload)
    if not briefings:
        raise HTTPException(400, "Attach at least one briefing workbook (field 'briefings'), or pick one.")
    if not manifest.report["valid"]:
        return None, {"rows": [], "problems": manifest.report["issues"], "warnings": []}, manifest
    names = {u.path: u.name for u in (manifest, *briefings)}
    run = None
    if start:
        run = store.add_run(owner, manifest.id, [b.id for b in briefings], brand, 0)
        request.app.state.runs.start(run)
    plan = await run_in_threadpool(make_plan, manifest.path, [b.path for b in briefings], brand, settings.limits,
                                   store.folder / "runs", names)
    if plan["problems"]:
        return None, plan, manifest
    if run is None:
        run = store.add_run(owner, manifest.id, [b.id for b in briefings], brand, plan["total"])
    else:
        store.update_run(run["id"], total=plan["total"])
    (store.run_folder(run["folder"]) / f"plan-{run['id']}.json").write_text(json.dumps(plan, ensure_ascii=False))
    return store.run(run["id"], owner), plan, manifest


def owned_run(request: Request) -> dict[str, Any]:
    store, _, owner = state(request)
    run = store.run(request.path_params["run"], owner)
    if run is None:
        raise HTTPException(404)
    return run


def run_plan(request: Request, run: dict[str, Any]) -> dict[str, Any]:
    path = state(request)[0].run_folder(run["folder"]) / f"plan-{run['id']}.json"
    return json.loads(path.read_text()) if path.is_file() else {"rows": [], "problems": [], "warnings": []}


def summary(run: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        return json.loads((run["out"] / "summary.json").read_text())
    except (OSError, ValueError):
        return []


def file_list(run: dict[str, Any]) -> list[str]:
    """Every file the run's summary names, in a fixed order: downloads address them by position."""
    return sorted({name for row in summary(run) for name in row["files"]})


def run_json(request: Request, run: dict[str, Any]) -> dict[str, Any]:
    live = request.app.state.runs.live.get(run["id"])
    base = f"/runs/{run['id']}"
    rows = summary(run) if run["status"] in ("done", "cancelled", "stopped") else []
    files = file_list(run) if rows else []
    return {
        "id": run["id"], "status": run["status"], "created": run["created"], "finished": run["finished"],
        "message": run["message"], "brand": run["brand"], "total": run["total"],
        "built": run["built"], "skipped": run["skipped"], "failed": run["failed"],
        "progress": live.snapshot() if live else None,
        "results": [{**row, "files": [{"name": n, "url": f"{base}/files/{files.index(n)}"} for n in row["files"]],
                     "zip": f"{base}/zips/{row['folder']}" if row["zip"] else ""} for row in rows],
        "urls": {"page": base, "events": f"{base}/events", "start": f"/api/runs/{run['id']}/start",
                 "cancel": f"/api/runs/{run['id']}/cancel", "all": f"{base}/all.zip",
                 "summary_csv": f"{base}/summary.csv", "summary_json": f"{base}/summary.json"},
    }


# -- pages -----------------------------------------------------------------------------------------------

async def packs_page(request: Request) -> Response:
    """The client-packs form: a clients manifest and briefings (new files, or ones already checked) and the
    run's brand."""
    from ..brand.folder import DEFAULT_BRAND, shipped_brands
    from .pages import render

    store, _, owner = state(request)
    manifests = [u for u in store.uploads(owner, "clients") if u.report["valid"]]
    briefings = [u for u in store.uploads(owner, "briefing") if u.report["valid"]]
    return render(request, "packs.html", manifests=manifests, briefings=briefings, brands=shipped_brands(),
                  brand=DEFAULT_BRAND, chosen=request.query_params.get("manifest", ""))


async def plan_page(request: Request) -> Response:
    """Form post (fields `manifest` or `manifest_id`, `briefings` and/or `briefing_id`, `brand`): stores the
    inputs and plans the run, then redirects (303) to the run page; 422 with the reasons when the run cannot
    start."""
    from .pages import render

    run, plan, manifest = await create_run(request)
    if run is None:
        return render(request, "refused.html", status=422, plan=plan, manifest=manifest)
    return RedirectResponse(f"/runs/{run['id']}", status_code=303)


async def run_page(request: Request) -> Response:
    """One run: its plan (risks per client, why the others are left out) before it starts, live progress while
    it runs, results and downloads after."""
    from .pages import render

    run = owned_run(request)
    return render(request, "run.html", run=run, plan=run_plan(request, run), info=run_json(request, run))


async def start_page(request: Request) -> Response:
    """Form post: starts a planned run, then redirects to its page."""
    run = owned_run(request)
    try:
        request.app.state.runs.start(run)
    except CannotBuild as exc:
        raise HTTPException(409, str(exc)) from None
    return RedirectResponse(f"/runs/{run['id']}", status_code=303)


async def cancel_page(request: Request) -> Response:
    """Form post: cancels a running run (packs already built are kept), then redirects to its page."""
    run = owned_run(request)
    request.app.state.runs.cancel(run["id"])
    return RedirectResponse(f"/runs/{run['id']}", status_code=303)


async def rerun_page(request: Request) -> Response:
    """Form post: runs the same inputs again in the same folder, so unchanged packs are skipped as a CLI
    rerun skips them; redirects to the new run's page."""
    store, _, owner = state(request)
    run = owned_run(request)
    again = store.add_run(owner, run["manifest"], run["briefings"], run["brand"], run["total"], run["folder"])
    plan = state(request)[0].run_folder(run["folder"]) / f"plan-{run['id']}.json"
    if plan.is_file():
        (plan.parent / f"plan-{again['id']}.json").write_bytes(plan.read_bytes())
    try:
        request.app.state.runs.start(again)
    except CannotBuild as exc:
        raise HTTPException(409, str(exc)) from None
    return RedirectResponse(f"/runs/{again['id']}", status_code=303)


async def runs_page(request: Request) -> Response:
    """Past runs with their date, counts and inputs."""
    from .pages import render

    store, _, owner = state(request)
    runs = store.runs(owner)
    names = {u.id: u.name for u in store.uploads(owner, limit=1000)}
    return render(request, "runs.html", runs=runs, names=names)


# -- following and downloads -----------------------------------------------------------------------------

async def events(request: Request) -> Response:
    """Server-sent events: a `progress` event each time a pack finishes (JSON: `done`, `total`, `built`,
    `skipped`, `failed`, `seconds_left`, `last` = the pack that finished, with its error if it failed), then
    `end`."""
    run = owned_run(request)
    runner: Runner = request.app.state.runs

    async def stream():
        seen = -1
        while True:
            live = runner.live.get(run["id"])
            if live is None:
                yield "event: end\ndata: {}\n\n"
                return
            if live.seq != seen:
                seen = live.seq
                yield f"event: progress\ndata: {json.dumps(live.snapshot(), ensure_ascii=False)}\n\n"
            if live.over:
                yield "event: end\ndata: {}\n\n"
                return
            if await request.is_disconnected():
                return
            await asyncio.sleep(0.05)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"x-accel-buffering": "no"})


async def run_file(request: Request) -> Response:
    """One file of a finished run, by its position in the run's summary (see `GET /api/runs/{run}`)."""
    run = owned_run(request)
    files = file_list(run)
    index = request.path_params["index"]
    if not 0 <= index < len(files):
        raise HTTPException(404)
    return _from_run(run, files[index])


async def client_zip(request: Request) -> Response:
    """One client's zip, by the client's folder name in the run's summary."""
    run = owned_run(request)
    zips = {row["folder"]: row["zip"] for row in summary(run) if row["zip"]}
    if request.path_params["folder"] not in zips:
        raise HTTPException(404)
    return _from_run(run, zips[request.path_params["folder"]], ZIP)


async def summary_file(request: Request) -> Response:
    """The run's `summary.csv` or `summary.json`, as `reporttool batch` writes them."""
    run = owned_run(request)
    if request.path_params["kind"] not in ("csv", "json"):
        raise HTTPException(404)
    name = "summary." + request.path_params["kind"]
    return _from_run(run, name, "text/csv; charset=utf-8" if name.endswith("csv") else "application/json")


async def all_zip(request: Request) -> Response:
    """Every client's zip and the run's summaries in one zip."""
    from ..zipping import write_zip

    run = owned_run(request)
    rows = summary(run)
    if not rows:
        raise HTTPException(404)
    members = {row["zip"]: run["out"] / row["zip"] for row in rows if row["zip"]}
    members |= {n: run["out"] / n for n in ("summary.csv", "summary.json")}
    target = state(request)[0].run_folder(run["folder"]) / f"packs-{run['id']}.zip"
    await run_in_threadpool(write_zip, target, dict(sorted(members.items())))
    return FileResponse(target, media_type=ZIP, filename="packs.zip")


def _from_run(run: dict[str, Any], relative: str, media_type: str | None = None) -> Response:
    """A file of the run's output folder, named by the run's own summary (never by the request)."""
    out = Path(run["out"]).resolve()
    path = (out / relative).resolve()
    if out not in path.parents or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type=media_type, filename=path.name)


# -- the API -----------------------------------------------------------------------------------------------

async def api_create(request: Request) -> Response:
    """Multipart fields as `POST /packs`; plans the run and answers 201 with the run (see `GET
    /api/runs/{run}`) and its `plan`; `?start=1` starts it at once; 422 with `problems` when it cannot start."""
    run, plan, manifest = await create_run(request, start=request.query_params.get("start") == "1")
    if run is None:
        return JSONResponse({"error": "the run cannot start", "problems": plan["problems"]}, status_code=422)
    return JSONResponse({**run_json(request, run), "plan": plan}, status_code=201)


async def api_run(request: Request) -> Response:
    """The run as JSON: status, counts, live `progress` (done, total, seconds left), `results` per client and
    briefing with download URLs, and `urls`."""
    return JSONResponse(run_json(request, owned_run(request)))


async def api_runs(request: Request) -> Response:
    """Your runs, newest first, each as `GET /api/runs/{run}` answers it."""
    store, _, owner = state(request)
    return JSONResponse([run_json(request, r) for r in store.runs(owner)])


async def api_start(request: Request) -> Response:
    """Starts a planned run: 202 with the run; 409 when it has started already."""
    run = owned_run(request)
    try:
        request.app.state.runs.start(run)
    except CannotBuild as exc:
        return JSONResponse({"error": str(exc)}, status_code=409)
    return JSONResponse(run_json(request, owned_run(request)), status_code=202)


async def api_cancel(request: Request) -> Response:
    """Cancels a running run: 202; 409 when it is not running."""
    run = owned_run(request)
    if not request.app.state.runs.cancel(run["id"]):
        return JSONResponse({"error": "This run is not running."}, status_code=409)
    return JSONResponse({"id": run["id"], "status": "cancelling"}, status_code=202)


def routes() -> list[Route]:
    return [
        Route("/packs", packs_page, methods=["GET"]),
        Route("/packs", plan_page, methods=["POST"]),
        Route("/runs", runs_page, methods=["GET"]),
        Route("/runs/{run}", run_page, methods=["GET"]),
        Route("/runs/{run}/start", start_page, methods=["POST"]),
        Route("/runs/{run}/cancel", cancel_page, methods=["POST"]),
        Route("/runs/{run}/rerun", rerun_page, methods=["POST"]),
        Route("/runs/{run}/events", events, methods=["GET"]),
        Route("/runs/{run}/files/{index:int}", run_file, methods=["GET"]),
        Route("/runs/{run}/zips/{folder}", client_zip, methods=["GET"]),
        Route("/runs/{run}/summary.{kind:str}", summary_file, methods=["GET"]),
        Route("/runs/{run}/all.zip", all_zip, methods=["GET"]),
        Route("/api/runs", api_create, methods=["POST"]),
        Route("/api/runs", api_runs, methods=["GET"]),
        Route("/api/runs/{run}", api_run, methods=["GET"]),
        Route("/api/runs/{run}/start", api_start, methods=["POST"]),
        Route("/api/runs/{run}/cancel", api_cancel, methods=["POST"]),
    ]
