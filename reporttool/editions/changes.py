"""What changed from one edition of a briefing to the next: an immutable value computed from two models.

Format-neutral on purpose: the diff command, the Word section, the Changes sheet and the client packs
all read the same Changes, so they cannot disagree about what moved.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..model import Briefing, Event, Risk, Source, Takeaway
from ..values import DEFAULT_BANDS, Band, band_for

RISK_KINDS = ("new", "retired", "risen", "fallen", "unchanged")


@dataclass(frozen=True)
class Rated:
    """One edition's view of a risk: its likelihood, impact, score, rating band and trend."""

    likelihood: int
    impact: int
    score: int
    rating: str
    band: int  # the rating's position among the bands: compares ratings across renamed bands
    trend: str | None

    @classmethod
    def of(cls, risk: Risk, bands: tuple[Band, ...]) -> "Rated":
        band = band_for(risk.score, bands)
        return cls(risk.likelihood, risk.impact, risk.score, band.name, bands.index(band), risk.trend)


@dataclass(frozen=True)
class RiskChange:
    """A risk of either edition: new, retired, risen, fallen or unchanged (by score).

    `note` is set only in a client's view, where a risk can cross the client's threshold:
    "now High, was Medium" for one new to the client, "now below your threshold" or "retired" for
    one leaving it.
    """

    id: str
    kind: str  # one of RISK_KINDS
    risk: Risk  # the current text, or the previous one for a retired risk
    old: Rated | None
    new: Rated | None
    note: str | None = None

    @property
    def band_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.band != self.new.band

    @property
    def trend_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.trend != self.new.trend


@dataclass(frozen=True)
class StanceChange:
    """An actor whose stance or trend moved; a side is None when the actor is in one edition only."""

    actor: str
    old_stance: str | None
    new_stance: str | None
    old_trend: str | None
    new_trend: str | None

    @property
    def shifted(self) -> bool:
        return self.old_stance != self.new_stance


@dataclass(frozen=True)
class Changes:
    """Everything that changed since the previous edition, each list in the current edition's order."""

    previous: str  # the previous edition's Reference
    previous_published: dt.date
    risks: tuple[RiskChange, ...]  # every risk of either edition, exactly once
    stances: tuple[StanceChange, ...]
    events: tuple[Event, ...]  # added, by date
    sources: tuple[Source, ...]  # added
    takeaways: tuple[Takeaway, ...]  # whose text is new
    client: str | None = None  # set when narrowed to one client's risks (editions.clients)

    def of_kind(self, kind: str) -> tuple[RiskChange, ...]:
        return tuple(c for c in self.risks if c.kind == kind)

    @property
    def moved(self) -> tuple[RiskChange, ...]:
        """Risers then fallers, each by the size of the move, largest first."""
        risen = sorted(self.of_kind("risen"), key=lambda c: c.old.score - c.new.score)  # type: ignore[union-attr]
        fallen = sorted(self.of_kind("fallen"), key=lambda c: c.new.score - c.old.score)  # type: ignore[union-attr]
        return tuple(risen + fallen)

    @property
    def is_empty(self) -> bool:
        """Nothing moved: every risk unchanged (trend included), and nothing added."""
        return (all(c.kind == "unchanged" and not c.trend_changed for c in self.risks)
                and not (self.stances or self.events or self.sources or self.takeaways))

    def change_of(self, risk_id: str) -> RiskChange | None:
        return self._by_id.get(risk_id)

    @cached_property
    def _by_id(self) -> dict[str, RiskChange]:
        """Looked up once per register row: a dict, so a 400-risk register stays linear."""
        return {c.id: c for c in self.risks}


def compare(previous: Briefing, current: Briefing, bands: tuple[Band, ...] = DEFAULT_BANDS) -> Changes:
    """The changes from `previous` to `current`; ratings are read with the brand's bands."""
    return Changes(previous.reference, previous.published, _risks(previous, current, bands),
                   _stances(previous, current), _added(previous.events, current.events, "id", by_date=True),
                   _added(previous.sources, current.sources, "id"),
                   tuple(t for t in current.takeaways if _folded(t.text) not in
                         {_folded(p.text) for p in previous.takeaways}))


def _risks(previous: Briefing, current: Briefing, bands: tuple[Band, ...]) -> tuple[RiskChange, ...]:
    before = {r.id: r for r in previous.risks}
    now = {r.id for r in current.risks}
    out = []
    for risk in current.risks:
        old = before.get(risk.id)
        new = Rated.of(risk, bands)
        if old is None:
            out.append(RiskChange(risk.id, "new", risk, None, new))
            continue
        rated = Rated.of(old, bands)
        kind = "risen" if new.score > rated.score else "fallen" if new.score < rated.score else "unchanged"
        out.append(RiskChange(risk.id, kind, risk, rated, new))
    out += [RiskChange(r.id, "retired", r, Rated.of(r, bands), None) for r in previous.risks if r.id not in now]
    return tuple(out)


def _stances(previous: Briefing, current: Briefing) -> tuple[StanceChange, ...]:
    before = {_folded(s.actor): s for s in previous.stances}
    now = {_folded(s.actor) for s in current.stances}
    out = []
    for stance in current.stances:
        old = before.get(_folded(stance.actor))
        if old is None or (old.stance, old.trend) != (stance.stance, stance.trend):
            out.append(StanceChange(stance.actor, old and old.stance, stance.stance, old and old.trend, stance.trend))
    out += [StanceChange(s.actor, s.stance, None, s.trend, None) for s in previous.stances
            if _folded(s.actor) not in now]
    return tuple(out)


def _added(previous: tuple, current: tuple, key: str, by_date: bool = False) -> tuple:
    known = {getattr(item, key) for item in previous}
    added = [item for item in current if getattr(item, key) not in known]
    return tuple(sorted(added, key=lambda e: e.date) if by_date else added)


def _folded(text: str) -> str:
    """Actors and takeaways match whatever their spacing and case, as the reader matches IDs."""
    return " ".join(text.split()).casefold()
