"""The plan of a batch before anything is built: one row per client and briefing with the risk IDs it
gets, why each other risk is left out, and warnings for sectors or regions that match nothing.

It reads the inputs with the batch's own load_inputs and plan, and selects with packs.selection, so the
plan shows exactly what the run will build.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Client, Risk
from ..packs.selection import _concerns, meets_rating, risks_for
from ..values import Band, band_for
from ..workbook.package import Limits


def why_left_out(risk: Risk, client: Client, bands: tuple[Band, ...]) -> list[str]:
    """Every reason a risk is not in this client's copy, in the client's and the analyst's words."""
    reasons = []
    if not _concerns(risk.sectors, client.sectors):
        reasons.append(f"sector: the risk concerns {', '.join(risk.sectors)}; the client follows "
                       f"{', '.join(client.sectors)}")
    if not _concerns(risk.regions, client.regions):
        reasons.append(f"region: the risk concerns {', '.join(risk.regions)}; the client follows "
                       f"{', '.join(client.regions)}")
    if not meets_rating(risk, client.minimum_rating, bands):
        reasons.append(f"rating: {band_for(risk.score, bands).name} (score {risk.score}) is below the client's "
                       f"minimum, {client.minimum_rating}")
    return reasons


def make_plan(manifest: Path, briefings: list[Path], brand: str | None, limits: Limits) -> dict[str, Any]:
    """The plan as data for the page and the API; `problems` lists why the run cannot start, if it cannot."""
    from importlib.metadata import version

    from ..packs.inputs import load_inputs
    from ..packs.plan import client_slugs, plan

    loaded = load_inputs(manifest, briefings, brand, limits, version("reporttool"))
    warnings = [i.as_dict() for i in loaded.manifest_issues if not i.is_error]
    if loaded.inputs is None:
        return {"rows": [], "problems": [i.as_dict() for i in loaded.manifest_issues if i.is_error],
                "warnings": warnings}
    inputs = loaded.inputs
    packs, failed = plan(inputs)
    rows = []
    for pack in packs:
        briefing, bands = inputs.briefings[pack.reference], inputs.brands[pack.brand_key].bands
        chosen = risks_for(briefing, pack.client, bands)
        rows.append({"client": pack.client.client, "folder": pack.slug, "briefing": pack.reference,
                     "brand": pack.brand_key, "formats": list(pack.formats), "risks": [r.id for r in chosen],
                     "left_out": [{"risk": r.id, "why": why_left_out(r, pack.client, bands)}
                                  for r in briefing.risks if r not in chosen],
                     "error": ""})
    rows += [{"client": f.client, "folder": f.slug, "briefing": f.briefing, "brand": "", "formats": [],
              "risks": [], "left_out": [], "error": f.error} for f in failed]
    pinned = {c.client: sorted(set(inputs.briefings) - set(c.briefings)) for c in inputs.clients if c.briefings}
    return {"rows": rows, "problems": [], "warnings": warnings + _unmatched(inputs),
            "pinned": {client: skipped for client, skipped in pinned.items() if skipped},
            "folders": client_slugs(inputs.clients)}


def _unmatched(inputs) -> list[dict[str, Any]]:
    """A client's sector or region that no risk in any briefing names: probably a spelling to fix."""
    named = {"sectors": set(), "regions": set()}
    for briefing in inputs.briefings.values():
        for risk in briefing.risks:
            named["sectors"] |= {" ".join(s.split()).casefold() for s in risk.sectors}
            named["regions"] |= {" ".join(r.split()).casefold() for r in risk.regions}
    out = []
    for client in inputs.clients:
        for kind in ("sectors", "regions"):
            for item in getattr(client, kind):
                folded = " ".join(item.split()).casefold()
                if folded != "all" and folded not in named[kind]:
                    out.append({"code": "unmatched", "severity": "warning", "location": client.client,
                                "message": f"{client.client}: the {kind[:-1]} {item!r} matches no risk in these "
                                           f"briefings", "hint": f"check its spelling against the Risks sheets' "
                                                                 f"{kind.capitalize()} column"})
    return out
