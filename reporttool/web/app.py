"""The Starlette application: routes, templates, static files, the guard and the error pages."""
from __future__ import annotations

import time
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .guard import Guard
from .settings import Settings
from .store import Store

HERE = Path(__file__).resolve().parent
INTERNAL = ("Something went wrong inside reporttool (a bug, not your file). Nothing was changed; "
            "try again, and if it happens again, tell whoever runs this server what you did.")


def templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template: analyst text is always text."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["when"] = lambda epoch: time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))
    return Jinja2Templates(env=env)


def all_routes() -> list:
    """Every route of the page and the API (docs/api.md is generated from this list)."""
    from . import api, pages, runs

    return pages.routes() + runs.routes() + api.routes()


def create_app(settings: Settings, store: Store | None = None):
    """The ASGI app behind `reporttool serve`, wrapped in the Guard; `store` opens (and locks) the data folder."""
    from . import runs

    store = store or Store(settings.data)
    view = templates()
    routes = all_routes() + [Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")]

    async def failed(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = _message(status, exc)
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"error": message}, status_code=status)
        return view.TemplateResponse(request, "error.html", {"message": message, "status": status, "page": ""},
                                     status_code=status)

    app = Starlette(routes=routes, exception_handlers={HTTPException: failed, Exception: failed})
    app.state.settings = settings
    app.state.store = store
    app.state.templates = view
    app.state.runs = runs.Runner(store, settings)
    return Guard(app, settings)


def _message(status: int, exc: Exception) -> str:
    if status == 404:
        return "There is nothing here: the link is wrong, or the file belongs to another browser or was removed."
    if status == 405:
        return "This address does not accept that kind of request."
    if status >= 500:
        return INTERNAL
    detail = getattr(exc, "detail", "")
    return str(detail) if detail else "The request could not be understood."
