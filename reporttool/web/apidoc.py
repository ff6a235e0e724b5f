"""docs/api.md, generated from the app's own routes and their docstrings so it cannot drift."""
from __future__ import annotations

import inspect

INTRO = """# HTTP API and pages of `reporttool serve`

Generated from the routes of `reporttool/web/` by `make docs`; a test fails when it is stale.

`reporttool serve` prints a link such as `http://127.0.0.1:8000/?token=...`. Every request needs that
token: a browser gets it once from the link and keeps it in an HttpOnly, SameSite=Strict cookie; a script
sends `Authorization: Bearer TOKEN`. Without it: 401. A Host header that does not name the server: 421.
A state-changing request (POST) from a browser must come from the page itself (its Origin): otherwise 403.
An upload larger than `--max-size` MB: 413. Files are inspected like the CLI's before any parser runs.
Errors answer JSON `{"error": "what to do"}` (a short page for browsers), never a traceback. Uploads,
outputs and runs belong to the browser that made them (scripts share one space); another ID answers 404.

```sh
TOKEN=...   # printed by reporttool serve
curl -H "Authorization: Bearer $TOKEN" -F workbook=@briefing.xlsx http://127.0.0.1:8000/api/validate
curl -H "Authorization: Bearer $TOKEN" -F workbook=@briefing.xlsx -F format=docx -OJ http://127.0.0.1:8000/api/build
curl -H "Authorization: Bearer $TOKEN" -F manifest=@clients.xlsx -F briefings=@briefing.xlsx \\
     "http://127.0.0.1:8000/api/runs?start=1"
curl -N -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/runs/RUN/events
```
"""


def api_markdown() -> str:
    from starlette.routing import Route

    from .app import all_routes

    sections: dict[str, list[str]] = {"API (JSON, for scripts)": [], "Pages and downloads (used by the page, "
                                                                     "usable by scripts)": []}
    for route in all_routes():
        assert isinstance(route, Route)
        methods = sorted(m for m in (route.methods or ()) if m != "HEAD")
        doc = " ".join(inspect.cleandoc(route.endpoint.__doc__ or "").split()).replace("|", "\\|")
        section = next(iter(sections)) if route.path.startswith("/api/") else list(sections)[1]
        sections[section].append(f"| `{' '.join(methods)}` | `{route.path}` | {doc} |")
    lines = [INTRO]
    for title, rows in sections.items():
        lines += [f"## {title}", "", "| method | path | what it does |", "|---|---|---|", *rows, ""]
    return "\n".join(lines)
