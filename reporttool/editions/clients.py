"""One client's view of the changes: only its risks, and risks that cross its threshold said so.

A client sees the risks that concern its sectors and regions at or above its minimum rating. A risk
can therefore arrive in a client's pack without being new (it rose to the minimum) or leave it
without being retired (it fell below); the notes say which, so no risk silently vanishes.
"""
from __future__ import annotations

import dataclasses

from ..model import Briefing, Client
from ..packs.selection import briefing_for
from ..values import Band
from .changes import Changes, RiskChange, compare


def client_changes(previous: Briefing, current: Briefing, client: Client, bands: tuple[Band, ...]) -> Changes:
    """compare() of the two editions as this client receives them, with notes on threshold crossings."""
    mine = compare(briefing_for(previous, client, bands), briefing_for(current, client, bands), bands)
    everything = compare(previous, current, bands)
    risks = tuple(_noted(change, everything.change_of(change.id)) for change in mine.risks)
    return dataclasses.replace(mine, risks=risks, client=client.client)


def _noted(mine: RiskChange, overall: RiskChange | None) -> RiskChange:
    """A risk new to the client that was in the previous edition rose to it; one leaving the client
    that is still in the briefing fell below its threshold (or moved out of its sectors or regions)."""
    if overall is None:
        return mine
    if mine.kind == "new" and overall.old is not None:
        old, new = overall.old, overall.new
        note = f"now {new.rating}, was {old.rating}" if new.band != old.band else "now in your sectors or regions"  # type: ignore[union-attr]
        return dataclasses.replace(mine, old=old, note=note)
    if mine.kind == "retired":
        if overall.new is None:
            return dataclasses.replace(mine, note="retired")
        below = overall.new.band < overall.old.band  # type: ignore[union-attr]
        return dataclasses.replace(mine, new=overall.new, note="now below your threshold" if below else
                                   "no longer in your sectors or regions")
    return mine
