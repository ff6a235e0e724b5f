"""A Starlette TestClient on a fresh data folder, signed in as a browser or as a script."""
from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from reporttool.web.app import create_app
from reporttool.web.settings import Settings
from reporttool.workbook.package import Limits

TOKEN = "test-token-123"
ORIGIN = "http://testserver"


def make_app(data: Path, limits: Limits = Limits(), jobs: int | None = 1):
    settings = Settings(data=data, token=TOKEN, port=8000, extra_hosts=("testserver",), limits=limits, jobs=jobs)
    return create_app(settings)


def browser(app, raise_server_exceptions: bool = True) -> TestClient:
    """Signed in through the printed link, as a person's browser: cookies, and Origin on every post."""
    client = TestClient(app, base_url=ORIGIN, headers={"origin": ORIGIN, "accept": "text/html"},
                        raise_server_exceptions=raise_server_exceptions)
    answer = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    return client


def script(app, raise_server_exceptions: bool = True) -> TestClient:
    """A script: the token in the Authorization header, no cookies, no Origin."""
    return TestClient(app, base_url=ORIGIN, headers={"authorization": f"Bearer {TOKEN}"},
                      raise_server_exceptions=raise_server_exceptions)


def close(app) -> None:
    app.app.state.runs.stop_all()
    app.app.state.store.close()


def many_clients(path: Path, count: int, formats: str = "docx; xlsx") -> Path:
    """A clients manifest of `count` clients over a spread of sectors and minimum ratings."""
    from tests.workbooks import write_workbook

    sectors = ["Energy", "Mining", "Logistics", "Financial services", ""]
    rows = [["Client", "Sectors", "Minimum rating", "Formats"]]
    rows += [[f"Client {i:04d}", sectors[i % 5], ["", "Low", "Medium", "High"][i % 4], formats] for i in range(count)]
    return write_workbook(path, {"Clients": rows})
