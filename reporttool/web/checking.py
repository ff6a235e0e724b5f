"""An uploaded workbook: store it, validate it as the CLI does, compare it with the last drop, and make
its annotated copy, its preview and its outputs. Every step calls the library the CLI calls."""
from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..issues import Issue, Location, report_dict
from ..workbook.package import FileProblem, Limits
from .store import Store, Upload, safe_file_name

_HIDDEN = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

if TYPE_CHECKING:
    from ..brand.folder import Brand
    from ..editions.changes import Changes
    from ..model import Briefing

KINDS = ("briefing", "clients")


@dataclasses.dataclass(frozen=True)
class Reading:
    """What reading an upload gave: the model or None, the issues as the user should see them, and
    whether the file could be read at all (a file problem is exit code 3 in the CLI)."""

    value: Any
    issues: tuple[Issue, ...]
    reference: str | None
    readable: bool


def read_upload(path: Path, name: str, kind: str, limits: Limits) -> Reading:
    """read_briefing / read_clients, with the server's own path replaced by the name the user sent."""
    from ..workbook.load import read_briefing, read_clients

    try:
        result = (read_clients if kind == "clients" else read_briefing)(path, limits)
    except FileProblem as problem:
        return Reading(None, (_named(problem.issue, path, name),), None, False)
    return Reading(result.value, tuple(_named(i, path, name) for i in result.issues),
                   getattr(result, "reference", None), True)


def _named(item: Issue, path: Path, name: str) -> Issue:
    if item.location.file and Path(item.location.file) == path:
        return dataclasses.replace(item, location=dataclasses.replace(item.location, file=name),
                                   message=item.message.replace(str(path), name))
    return item


def shown_name(name: str) -> str:
    """The sent name as the page shows it: without direction controls or other control characters, so
    "evil\u202excl.xlsx" cannot show as "evilxlsx.lcx" (a <bdi> keeps an override from leaking out, not from
    reversing the name itself)."""
    return _HIDDEN.sub("", name) or "workbook.xlsx"


def save_upload(store: Store, owner: str, kind: str, name: str, source: IO[bytes], limits: Limits) -> Upload:
    """Copy the sent file under a generated folder, validate it, and record it with its report."""
    name = shown_name(name)
    upload_id, folder = store.upload_folder()
    path = folder / safe_file_name(name)
    with open(path, "wb") as target:
        shutil.copyfileobj(source, target, 1 << 20)
    reading = read_upload(path, name, kind, limits)
    report = report_dict(name, reading.issues)
    report["readable"] = reading.readable
    report["places"] = [_place(i.location) for i in reading.issues]
    reference = reading.reference or (reading.value.reference if kind == "briefing" and reading.value else None)
    return store.add_upload(upload_id, owner, kind, name, path, report, reference)


def _place(location: Location) -> tuple[str, str]:
    """(sheet, cell) for grouping the page's problem list; ("", "") for the file as a whole."""
    if location.sheet is None:
        return "", ""
    cell = str(location).rsplit("!", 1)[1] if location.row or location.column else ""
    return location.sheet, cell


def cli_report(upload: Upload) -> dict[str, Any]:
    """Exactly what `reporttool validate --format json` prints for this file."""
    return {k: v for k, v in upload.report.items() if k not in ("readable", "places")}


def by_sheet(upload: Upload, show: str = "all") -> list[tuple[str, list[dict[str, Any]]]]:
    """The problems grouped by sheet in the report's order (file-level ones first), filtered by severity."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item, (sheet, cell) in zip(upload.report["issues"], upload.report["places"]):
        if show in ("error", "warning") and item["severity"] != show:
            continue
        groups.setdefault(sheet, []).append({**item, "cell": cell})
    return list(groups.items())


def issue_key(item: dict[str, Any]) -> tuple:
    return item["code"], item["location"], item["column"]


def changes(previous: Upload, current: Upload) -> dict[str, list[dict[str, Any]]]:
    """A re-drop against the last one: problems fixed, problems left, problems that are new."""
    before = {issue_key(i): i for i in previous.report["issues"]}
    now = {issue_key(i): i for i in current.report["issues"]}
    return {"fixed": [i for k, i in before.items() if k not in now],
            "left": [i for k, i in now.items() if k in before],
            "new": [i for k, i in now.items() if k not in before]}


def annotated_copy(store: Store, upload: Upload, limits: Limits) -> Path:
    """The workbook with problem cells filled and commented, as `validate --annotate` writes it."""
    from ..workbook.annotate import annotate_workbook

    target = store.output_folder(upload.id) / f"{Path(upload.path.name).stem}-checked.xlsx"
    if not target.is_file():
        reading = read_upload(upload.path, upload.name, upload.kind, limits)
        annotate_workbook(upload.path, target, reading.issues)
    return target


class CannotBuild(Exception):
    """The outputs cannot be made; the message says why in the user's terms."""


def pick_brand(name: str | None) -> str:
    """Only a brand shipped in templates/ may be named from the web, never a folder path."""
    from ..brand.folder import DEFAULT_BRAND, shipped_brands

    wanted = (name or DEFAULT_BRAND).strip().casefold()
    for shipped in shipped_brands():
        if shipped.casefold() == wanted:
            return shipped
    raise CannotBuild(f"There is no brand called {name!r}; choose one of: {', '.join(shipped_brands())}.")


def briefing_of(upload: Upload, limits: Limits):
    """The model of a valid briefing upload (read again: cheap, and nothing stays in memory)."""
    if upload.kind != "briefing" or not upload.report.get("valid"):
        raise CannotBuild("This workbook has errors; fix them and drop it again before building.")
    reading = read_upload(upload.path, upload.name, upload.kind, limits)
    if reading.value is None:
        raise CannotBuild("This workbook has errors; fix them and drop it again before building.")
    return reading.value


def previous_edition(store: Store, upload: Upload, briefing: Briefing,
                     limits: Limits) -> tuple[str, Briefing] | None:
    """The same person's latest valid upload of the edition this briefing names as Previous, published on
    or before it, with its ID: the page then shows what changed since, as `build --previous` does."""
    if not briefing.previous:
        return None
    for candidate in store.uploads(upload.owner, "briefing"):
        if candidate.id != upload.id and candidate.reference == briefing.previous and candidate.report.get("valid"):
            before = read_upload(candidate.path, candidate.name, "briefing", limits).value
            if before is not None and before.published <= briefing.published:
                return candidate.id, before
    return None


def _edition(store: Store, upload: Upload, brand: Brand, limits: Limits) -> tuple[Briefing, Changes | None, str]:
    """The upload's briefing, its changes since the previous edition uploaded (or None), and a folder
    suffix naming that edition, so files built before it was uploaded are not served for it."""
    from ..editions.changes import compare

    briefing = briefing_of(upload, limits)
    found = previous_edition(store, upload, briefing, limits)
    if found is None:
        return briefing, None, ""
    return briefing, compare(found[1], briefing, brand.bands), f"-since-{found[0]}"


def build_file(store: Store, upload: Upload, fmt: str, brand_name: str | None, limits: Limits) -> Path:
    """One output of the upload in one brand, written by the same builder as `reporttool build`."""
    from ..brand.folder import load_brand
    from ..building import PdfFailed, build_outputs
    from ..formats import FORMATS, output_name

    if fmt not in FORMATS:
        raise CannotBuild(f"Unknown format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    brand = pick_brand(brand_name)
    loaded = load_brand(brand)
    briefing, changes, since = _edition(store, upload, loaded, limits)
    folder = store.output_folder(upload.id) / (brand + since)
    target = folder / output_name(briefing.reference, fmt)
    if target.is_file():
        return target
    try:
        for _ in build_outputs(briefing, loaded, folder, (fmt,), changes=changes):
            pass
    except PdfFailed as exc:
        raise CannotBuild(f"The PDF could not be made: {exc}") from None
    return target


def preview_html(store: Store, upload: Upload, brand_name: str | None, limits: Limits) -> tuple[bytes, str]:
    """The briefing as the HTML format renders it (with what changed since its previous edition, when that
    was uploaded too), with the page's own Content-Security-Policy (only its stylesheet, by hash, and
    embedded images)."""
    from ..brand.folder import load_brand
    from ..html.render import render_page

    brand = load_brand(pick_brand(brand_name))
    briefing, changes, _ = _edition(store, upload, brand, limits)
    page = render_page(briefing, brand, changes=changes)
    return page.data, page.policy
