"""The analyst's pages: drop a workbook, see its problems by sheet, fix, re-drop; preview and download."""
from __future__ import annotations

from functools import lru_cache

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from .checking import KINDS, CannotBuild, annotated_copy, build_file, by_sheet, changes, preview_html
from .forms import one_file, read_form, state, store_file
from .store import Upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BUTTONS = {"docx": "Word briefing (.docx)", "xlsx": "Risk matrix (.xlsx)", "pdf": "PDF",
           "html": "Web page (.html)"}
STARTERS = {
    "blank-briefing.xlsx": ("briefing", False), "example-briefing.xlsx": ("briefing", True),
    "blank-clients.xlsx": ("clients", False), "example-clients.xlsx": ("clients", True),
}


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, {"page": name, **context},
                                                        status_code=status)


async def home(request: Request) -> Response:
    """The start page: drop a briefing or a clients manifest; the blank workbooks and examples; your recent
    checks."""
    store, _, owner = state(request)
    return render(request, "home.html", recent=store.uploads(owner, limit=12))


async def check(request: Request) -> Response:
    """Form post (field `workbook`, `kind` = briefing | clients): stores and validates the file, then
    redirects (303) to its report page."""
    async with read_form(request) as form:
        kind = form.get("kind") if form.get("kind") in KINDS else "briefing"
        upload = await store_file(request, one_file(form), kind)
    return RedirectResponse(f"/check/{upload.id}", status_code=303)


def owned(request: Request) -> Upload:
    store, _, owner = state(request)
    upload = store.upload(request.path_params["upload"], owner)
    if upload is None:
        raise HTTPException(404)
    return upload


async def report(request: Request) -> Response:
    """The report page of one upload: verdict, problems by sheet (`?show=error|warning`), what a re-drop
    fixed, the preview and the build buttons (`?brand=`)."""
    upload = owned(request)
    store, _, _ = state(request)
    show = request.query_params.get("show", "all")
    show = show if show in ("error", "warning") else "all"
    previous = store.previous_upload(upload)
    from ..brand.folder import DEFAULT_BRAND, shipped_brands

    brands = shipped_brands()
    brand = request.query_params.get("brand", DEFAULT_BRAND)
    from ..formats import FORMATS

    buttons = [(name, BUTTONS.get(name, f.title)) for name, f in FORMATS.items()]
    return render(request, "report.html", upload=upload, groups=by_sheet(upload, show), show=show, buttons=buttons,
                  changes=changes(previous, upload) if previous else None, previous=previous,
                  brands=brands, brand=brand if brand in brands else DEFAULT_BRAND)


async def annotated(request: Request) -> Response:
    """The uploaded workbook with each problem cell filled and commented, as `validate --annotate` writes it."""
    upload = owned(request)
    if not upload.report.get("readable", True):
        raise HTTPException(409, "This file could not be read, so there is no copy to mark.")
    path = await run_in_threadpool(annotated_copy, state(request)[0], upload, state(request)[1].limits)
    return FileResponse(path, media_type=XLSX, filename=path.name)


async def download(request: Request) -> Response:
    """One output (`docx`, `xlsx`, `pdf`, or any format of reporttool/formats.py) of a valid briefing upload
    in `?brand=`, as `reporttool build` writes it; 409 when the workbook has errors."""
    from ..formats import FORMATS

    upload = owned(request)
    fmt = request.path_params["fmt"]
    store, settings, _ = state(request)
    try:
        path = await run_in_threadpool(build_file, store, upload, fmt, request.query_params.get("brand"),
                                       settings.limits)
    except CannotBuild as exc:
        raise HTTPException(409, str(exc)) from None
    return FileResponse(path, media_type=FORMATS[fmt].media_type, filename=path.name)


async def preview(request: Request) -> Response:
    """The briefing as the HTML format renders it, for the report page's sandboxed frame (no script can run in
    it)."""
    upload = owned(request)
    try:
        body, policy = await run_in_threadpool(preview_html, state(request)[0], upload,
                                               request.query_params.get("brand"), state(request)[1].limits)
    except CannotBuild as exc:
        raise HTTPException(409, str(exc)) from None
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={"content-security-policy": f"{policy}; sandbox; frame-ancestors 'self'",
                             "x-frame-options": "SAMEORIGIN"})


async def starter(request: Request) -> Response:
    """`blank-briefing.xlsx`, `example-briefing.xlsx`, `blank-clients.xlsx` or `example-clients.xlsx`, as
    `reporttool init` writes them."""
    name = request.path_params["name"]
    if name not in STARTERS:
        raise HTTPException(404)
    data = await run_in_threadpool(starter_bytes, *STARTERS[name])
    return Response(data, media_type=XLSX, headers={"content-disposition": f'attachment; filename="{name}"'})


@lru_cache(maxsize=4)
def starter_bytes(kind: str, example: bool) -> bytes:
    """The blank workbook or the example, as `reporttool init` writes them (deterministic, so cached)."""
    from ..workbook.contract import BRIEFING_SHEETS, CLIENT_SHEETS
    from ..workbook.example import EXAMPLE_BRIEFING, EXAMPLE_CLIENTS
    from ..workbook.template import template_bytes

    if kind == "clients":
        return template_bytes(CLIENT_SHEETS, {"Clients": EXAMPLE_CLIENTS} if example else {})
    return template_bytes(BRIEFING_SHEETS, EXAMPLE_BRIEFING if example else {})


def routes() -> list[Route]:
    return [
        Route("/", home, methods=["GET"]),
        Route("/check", check, methods=["POST"]),
        Route("/check/{upload}", report, methods=["GET"]),
        Route("/check/{upload}/annotated", annotated, methods=["GET"]),
        Route("/check/{upload}/download/{fmt}", download, methods=["GET"]),
        Route("/check/{upload}/preview", preview, methods=["GET"]),
        Route("/starters/{name}", starter, methods=["GET"]),
    ]
