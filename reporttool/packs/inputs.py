"""Read and check everything a batch needs before it writes a single file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .plan import Inputs
from .state import sha256_file, sha256_folder
from ..brand.folder import DEFAULT_BRAND, BrandError, brand_folder, load_brand
from ..issues import Issue, Location, issue
from .matching import check_client_names, check_risk_names
from ..workbook.load import read_briefing, read_clients
from ..workbook.package import FileProblem, Limits


@dataclass(frozen=True)
class Loaded:
    """The inputs when usable, with what to tell the user either way."""

    inputs: Inputs | None
    manifest_issues: tuple[Issue, ...]
    briefing_issues: dict[Path, tuple[Issue, ...]]


def load_inputs(manifest: Path, briefings: list[Path], run_brand: str | None, limits: Limits,
                version: str) -> Loaded:
    """The manifest must be clean (else None); broken briefings are kept aside with the reason."""
    clients = read_clients(manifest, limits)  # FileProblem propagates: the run cannot start
    issues = list(clients.issues)
    good, hashes, broken, notes, given = {}, {}, {}, {}, {}
    for path in briefings:
        reference, problem, notes[path] = _read_one(path, limits, good)
        if reference in given:  # which version to send is the user's call, not the order of the arguments
            issues.append(issue("duplicate-id", Location(file=str(path)),
                                f"{path.name} has the Reference {reference}, as {given[reference].name} does",
                                "give each briefing its own Reference, or pass only the version to send",
                                found=reference))
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
    if any(i.is_error for i in issues) or clients.value is None:
        return Loaded(None, tuple(issues), notes)
    issues += check_client_names(clients.value, clients.cells, good)
    issues += check_risk_names(clients.value, good, given)
    inputs = Inputs(clients.value, good, hashes, broken, brands, brand_hashes, run_key, version)
    return Loaded(inputs, tuple(issues), notes)


def _read_one(path: Path, limits: Limits, good: dict) -> tuple[str, str, tuple[Issue, ...]]:
    """(reference or file stem, why it is broken or "", its issues)."""
    try:
        result = read_briefing(path, limits)
    except FileProblem as problem:
        return path.stem, f"{path.name} cannot be read: {problem.issue.message}", (problem.issue,)
    if result.value is None:
        errors = sum(i.is_error for i in result.issues)
        return result.reference or path.stem, \
            f"{path.name} has {errors} validation error(s); run `reporttool validate {path}`", result.issues
    good.setdefault(result.value.reference, result.value)
    return result.value.reference, "", result.issues
