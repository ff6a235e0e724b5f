"""Which risks concern a client: its sectors, its regions and its minimum rating."""
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


def risks_for(briefing: Briefing, client: Client, bands: tuple[Band, ...]) -> tuple[Risk, ...]:
    return tuple(r for r in briefing.risks if _concerns(r.sectors, client.sectors)
                 and _concerns(r.regions, client.regions) and meets_rating(r, client.minimum_rating, bands))


def briefing_for(briefing: Briefing, client: Client, bands: tuple[Band, ...]) -> Briefing:
    """The briefing as this client receives it: everything kept but the risks that do not concern it."""
    return dataclasses.replace(briefing, risks=risks_for(briefing, client, bands))
