"""Batch runs from the page: plan, start, follow, cancel, results, past runs."""
from __future__ import annotations

from starlette.routing import Route

from .settings import Settings
from .store import Store


class Runner:
    """The batch runs of one server."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings

    def stop_all(self) -> None:
        """Cancel what is still running when the server stops."""


def routes() -> list[Route]:
    return []
