"""The JSON API for scripts (and the page): validate and build one workbook."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .checking import CannotBuild, build_file, cli_report, pick_brand
from .forms import one_file, read_form, state, store_file


def _truthy(value: object) -> bool:
    return str(value or "").strip().lower() in ("1", "true", "yes", "on")


async def validate(request: Request) -> Response:
    """Multipart field `workbook` (and `clients=1` for a clients manifest): answers 200 with exactly the JSON
    `reporttool validate --format json` prints (`file`, `valid`, `errors`, `warnings`, `issues`); 422 with the
    same shape, holding the one file problem, when the file cannot be read at all."""
    async with read_form(request) as form:
        kind = "clients" if _truthy(form.get("clients")) else "briefing"
        upload = await store_file(request, one_file(form), kind)
    return JSONResponse(cli_report(upload), status_code=200 if upload.report["readable"] else 422)


async def build(request: Request) -> Response:
    """Multipart fields `workbook`, `format` (docx, xlsx, pdf, or any format of reporttool/formats.py) and
    optional `brand`: answers the file `reporttool build --format FORMAT` writes; 422 with the validation
    report when the workbook is not valid; 400 for an unknown format or brand."""
    from ..formats import FORMATS

    store, settings, _ = state(request)
    async with read_form(request) as form:
        fmt = str(form.get("format") or "docx").strip().lower()
        brand = form.get("brand") or None
        if fmt not in FORMATS:
            return JSONResponse({"error": f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}."}, 400)
        try:
            brand = pick_brand(str(brand) if brand else None)
        except CannotBuild as exc:
            return JSONResponse({"error": str(exc)}, 400)
        upload = await store_file(request, one_file(form), "briefing")
    if not upload.report["valid"]:
        return JSONResponse(cli_report(upload), status_code=422)
    try:
        path = await run_in_threadpool(build_file, store, upload, fmt, brand, settings.limits)
    except CannotBuild as exc:
        return JSONResponse({"error": str(exc)}, 503)
    return FileResponse(path, media_type=FORMATS[fmt].media_type, filename=path.name)


def routes() -> list[Route]:
    return [Route("/api/validate", validate, methods=["POST"]), Route("/api/build", build, methods=["POST"])]
