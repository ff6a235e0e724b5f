"""Read and check everything a batch needs before it writes a single file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .plan import Inputs
from .state import sha256_file, sha256_folder
from ..brand.folder import DEFAULT_BRAND, BrandError, brand_folder, load_brand
from ..editions.pairing import drafts, pair_editions, unused_previous
from ..issues import Issue, Location, issue
from .matching import check_client_names, check_risk_names
from ..model import Briefing
from ..workbook.load import Result, read_briefing, read_clients
from ..workbook.package import FileProblem, Limits


@dataclass(frozen=True)
class Loaded:
    """The inputs when usable, with what to tell the user either way."""

    inputs: Inputs | None
    manifest_issues: tuple[Issue, ...]
    briefing_issues: dict[Path, tuple[Issue, ...]]


def load_inputs(manifest: Path, briefings: list[Path], run_brand: str | None, limits: Limits,
                version: str, previous: list[Path] | None = None, allow_drafts: bool = False) -> Loaded:
    """The manifest must be clean (else None); broken briefings are kept aside with the reason.
    Previous editions must pair with the briefings naming them, and drafts need allow_drafts (else None)."""
    clients = read_clients(manifest, limits)  # FileProblem propagates: the run cannot start
    issues = list(clients.issues)
    good, hashes, broken, notes, given, results = {}, {}, {}, {}, {}, {}
    twins, unique = False, {}
    for named in briefings:  # one file named twice (a.xlsx ./a.xlsx, overlapping globs) is one briefing
        unique.setdefault(named.resolve(), named)
    for path in unique.values():
        reference, problem, notes[path], results[path] = _read_one(path, limits, good)
        if reference in given:  # which version to send is the user's call, not the order of the arguments
            twins = True  # a problem of the set of briefings, shown with the briefing, not the manifest
            notes[path] += (issue("duplicate-id", Location(file=str(path)),
                                  f"{path.name} has the Reference {reference}, as {given[reference]} does",
                                  "give each briefing its own Reference, or pass only the version to send",
                                  found=reference),)
        given.setdefault(reference, path)
        if problem:
            broken[reference] = problem
        else:
            hashes[reference] = sha256_file(path)
    run_key = run_brand or DEFAULT_BRAND
    keys = {run_key} | {c.brand for c in clients.value or () if c.brand}
    brands, brand_hashes = {}, {}
    for key in sorted(keys):
        try:
            brands[key] = load_brand(key)
            brand_hashes[key] = sha256_folder(brand_folder(key))
        except BrandError as exc:
            issues += [issue("bad-brand", Location(file=str(manifest)), f"brand {key!r} cannot be used: {i.message}",
                             i.hint, found=key) for i in exc.issues]
    editions = load_editions(results, previous or [], allow_drafts, limits, notes)
    if twins or any(i.is_error for i in issues) or clients.value is None or editions is None:
        return Loaded(None, tuple(issues), notes)
    issues += check_client_names(clients.value, clients.cells, good)
    issues += check_risk_names(clients.value, good, given)
    inputs = Inputs(clients.value, good, hashes, broken, brands, brand_hashes, run_key, version, *editions)
    return Loaded(inputs, tuple(issues), notes)


def _read_one(path: Path, limits: Limits, good: dict) -> tuple[str, str, tuple[Issue, ...], Result | None]:
    """(reference or file stem, why it is broken or "", its issues, what reading gave when it could be read)."""
    try:
        result = read_briefing(path, limits)
    except FileProblem as problem:
        return path.stem, f"{path.name} cannot be read: {problem.issue.message}", (problem.issue,), None
    if result.value is None:
        errors = sum(i.is_error for i in result.issues)
        return result.reference or path.stem, \
            f"{path.name} has {errors} validation error(s): check it (`reporttool validate {path.name}`, or Check a " \
            "briefing on the web page), fix them and rerun", result.issues, result  # no folder: the summary travels
    good.setdefault(result.value.reference, result.value)
    return result.value.reference, "", result.issues, result


def load_editions(results: dict[Path, Result | None], previous: list[Path], allow_drafts: bool, limits: Limits,
                  notes: dict[Path, tuple[Issue, ...]]) -> tuple[dict[str, Briefing], dict[str, str]] | None:
    """Each briefing's previous edition (by its Reference) and that workbook's hash; None when a previous
    workbook is broken, a pair does not match or a draft is not allowed: the problems go to `notes`,
    under the workbook they are about, so the run stops before writing anything."""
    read = {path: result for path, result in results.items() if result is not None and result.value is not None}
    before: dict[Path, Result] = {}
    for path in previous:
        try:
            before[path] = read_briefing(path, limits)
        except FileProblem as problem:
            notes[path] = (problem.issue,)
            continue
        notes[path] = before[path].issues
    pairs, problems = pair_editions(read, before)
    if len(read) == len(results):  # every briefing read: none of them names the others in its Previous
        problems += unused_previous(before, pairs)
    problems += [] if allow_drafts else drafts(read)
    for problem in problems:
        where = Path(problem.location.file or "")
        notes[where] = notes.get(where, ()) + (problem,)
    if problems or any(any(i.is_error for i in notes[path]) for path in previous):
        return None
    return ({ref: before[path].value for ref, path in pairs.items()},  # type: ignore[misc]
            {ref: sha256_file(path) for ref, path in pairs.items()})
