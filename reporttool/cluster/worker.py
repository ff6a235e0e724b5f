"""What runs on a cluster worker: its reporttool version, the kept LibreOffice, and building packs."""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

from distributed import WorkerPlugin, get_worker

from ..packs.build import PDF_SECONDS_PER_FILE, render_pack
from ..packs.plan import Inputs, Pack
from ..pdf.office import Office, OfficeFailed
from .shipping import Shipped, landed

OFFICE_PLUGIN = "reporttool-office"


def installed_version() -> str:
    from importlib.metadata import version

    return version("reporttool")


def has_office(dask_worker) -> bool:
    """Whether this worker already keeps a LibreOffice (so a rerun does not restart it)."""
    return OFFICE_PLUGIN in dask_worker.plugins


class OfficePlugin(WorkerPlugin):
    """One LibreOffice per worker, started at the first PDF and kept for the worker's life."""

    name = OFFICE_PLUGIN

    def setup(self, worker) -> None:
        self.office = Office(seconds_per_file=PDF_SECONDS_PER_FILE)

    def teardown(self, worker) -> None:
        self.office.close()


@dataclass
class Made:
    """One pack built on a worker: its risk IDs and the bytes of the files it asks for, or why it failed."""

    risks: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)
    error: str = ""


def make_packs(shipped: Shipped, packs: list[Pack], version: str) -> list[Made]:
    """Build packs; one that raises fails alone. A worker of another version builds nothing."""
    if (mine := installed_version()) != version:
        why = f"worker {socket.gethostname()} (pid {os.getpid()}) runs reporttool {mine}, this run needs {version}"
        return [Made(error=why) for _ in packs]
    inputs = landed(shipped)
    return [_make(pack, inputs) for pack in packs]


def _make(pack: Pack, inputs: Inputs) -> Made:
    try:
        risks, excluded, rendered = render_pack(pack, inputs)
    except Exception as exc:  # one pack's failure must not stop the others; it is reported in the summary
        return Made(error=f"{type(exc).__name__}: {exc}")
    files = {fmt: data for fmt, data in rendered.items() if fmt in pack.formats}
    if "pdf" in pack.formats:
        try:
            files["pdf"] = get_worker().plugins[OFFICE_PLUGIN].office.convert(rendered["docx"])
        except OfficeFailed as exc:  # as on one machine: the other files are written, the pack fails
            return Made(risks, excluded, files, f"the PDF could not be made: {exc}")
    return Made(risks, excluded, files)
