"""`reporttool serve`: bind the socket, lock the data folder, print the link with its token, run uvicorn."""
from __future__ import annotations

import secrets
import socket
from pathlib import Path

from ..workbook.package import Limits
from .settings import Settings
from .store import DataFolderBusy, Store


class CannotServe(Exception):
    """The server cannot start: the data folder is in use or the address is taken."""


def serve_forever(host: str, port: int, data: Path, token: str | None, open_browser: bool, jobs: int | None,
                  max_size: int, max_rows: int) -> None:
    import uvicorn

    from .app import create_app

    try:
        store = Store(data)
    except DataFolderBusy as exc:
        raise CannotServe(str(exc)) from None
    try:
        sock = _bind(host, port)
    except OSError as exc:
        store.close()
        raise CannotServe(f"cannot listen on {host}:{port} ({exc.strerror or exc}); pass another --port") from None
    settings = Settings(data=data, token=token or secrets.token_urlsafe(24), host=host,
                        port=sock.getsockname()[1], limits=Limits(max_inflated_mb=max_size, max_rows=max_rows),
                        jobs=jobs)
    app = create_app(settings, store)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{settings.port}/?token={settings.token}"
    print(f"reporttool is running: open {url}\n(data in {store.folder}; Ctrl-C stops it)", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        app_state = app.app.state  # the Starlette app inside the Guard
        app_state.runs.stop_all()
        store.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
