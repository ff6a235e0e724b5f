"""The JSON API for scripts (and the page): validate and build one workbook."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .checking import cli_report
from .forms import one_file, read_form, store_file


def _truthy(value: object) -> bool:
    return str(value or "").strip().lower() in ("1", "true", "yes", "on")


async def validate(request: Request) -> Response:
    """The report `reporttool validate --format json` prints; 422 when the file cannot be read at all."""
    async with read_form(request) as form:
        kind = "clients" if _truthy(form.get("clients")) else "briefing"
        upload = await store_file(request, one_file(form), kind)
    return JSONResponse(cli_report(upload), status_code=200 if upload.report["readable"] else 422)


def routes() -> list[Route]:
    return [Route("/api/validate", validate, methods=["POST"])]
