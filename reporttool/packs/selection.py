"""Which risks concern a client: its sectors, its regions and its minimum rating, and why each other is left out."""
from __future__ import annotations

import dataclasses

from ..model import Briefing, Client, Risk
from ..values import RATINGS, Band, band_for


def _folded(items: tuple[str, ...]) -> set[str]:
    return {" ".join(i.split()).casefold() for i in items}


def _concerns(risk_items: tuple[str, ...], client_items: tuple[str, ...]) -> bool:
    """Blank or "All" on either side concerns everyone; otherwise the lists must share an item."""
    risk_set, client_set = _folded(risk_items), _folded(client_items)
    if not risk_set or "all" in risk_set or not client_set or "all" in client_set:
        return True
    return bool(risk_set & client_set)


def meets_rating(risk: Risk, minimum: str | None, bands: tuple[Band, ...]) -> bool:
    """At or above the client's minimum rating, comparing band positions (brands may rename bands)."""
    if not minimum:
        return True
    band = band_for(risk.score, bands)
    return bands.index(band) >= min(RATINGS.index(minimum), len(bands) - 1)


def _listed(items: tuple[str, ...]) -> str:
    """Names as they are typed in a cell: one holding a comma in double quotes, so the list reads back the same."""
    return ", ".join(f'"{i}"' if "," in i else i for i in items)


def why_left_out(risk: Risk, client: Client, bands: tuple[Band, ...]) -> str:
    """Why the risk does not reach the client ("" when it does): the first rule it fails, in the user's words."""
    if not _concerns(risk.sectors, client.sectors):
        return f"sector {_listed(risk.sectors)} (the client's: {_listed(client.sectors)})"
    if not _concerns(risk.regions, client.regions):
        return f"region {_listed(risk.regions)} (the client's: {_listed(client.regions)})"
    if not meets_rating(risk, client.minimum_rating, bands):
        band = band_for(risk.score, bands)
        return f"below the minimum rating: {band.name}, score {risk.score} (the client's minimum: {client.minimum_rating})"
    return ""


def explain(briefing: Briefing, client: Client, bands: tuple[Band, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the IDs of the risks included, "ID: why" for each risk left out), in register order."""
    reasons = [(r.id, why_left_out(r, client, bands)) for r in briefing.risks]
    return tuple(i for i, why in reasons if not why), tuple(f"{i}: {why}" for i, why in reasons if why)


def risks_for(briefing: Briefing, client: Client, bands: tuple[Band, ...]) -> tuple[Risk, ...]:
    return tuple(r for r in briefing.risks if not why_left_out(r, client, bands))


def briefing_for(briefing: Briefing, client: Client, bands: tuple[Band, ...]) -> Briefing:
    """The briefing as this client receives it: everything kept but the risks that do not concern it."""
    return dataclasses.replace(briefing, risks=risks_for(briefing, client, bands))
