"""The briefing as one typed, immutable model: readers build it, renderers only read it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .formats import DEFAULT as DEFAULT_FORMATS
from .values import PartialDate


@dataclass(frozen=True)
class Takeaway:
    text: str
    confidence: str | None = None
    number: int | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    event: str
    actors: tuple[str, ...] = ()
    location: str | None = None
    significance: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stance:
    actor: str
    stance: str
    trend: str | None = None
    drivers: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Risk:
    id: str
    risk: str
    category: str
    likelihood: int
    impact: int
    trend: str | None = None
    horizon: str | None = None
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    mitigation: str | None = None
    events: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    grade: str | None = None


@dataclass(frozen=True)
class Briefing:
    """One briefing workbook. Tuples keep it immutable; order is the analyst's row order."""

    reference: str
    title: str
    authors: tuple[str, ...]
    published: dt.date
    region: str
    classification: str
    subtitle: str | None = None
    updated: dt.date | None = None
    countries: tuple[str, ...] = ()
    summary: str | None = None
    subject: str | None = None
    previous: str | None = None  # the Reference of the edition this one updates
    status: str = "Final"  # or "Draft": marked on every output, refused by batch unless allowed
    takeaways: tuple[Takeaway, ...] = ()  # in reading order, whatever order they were given in
    sections: tuple[Section, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    risks: tuple[Risk, ...] = ()
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        """Numbered takeaways first, in number order, then the others in the order given: sorted once,
        here, so every reader of the model (each renderer, the web page, a diff) sees one order."""
        ordered = tuple(sorted(self.takeaways, key=lambda t: (t.number is None, t.number or 0)))
        object.__setattr__(self, "takeaways", ordered)

    @property
    def is_draft(self) -> bool:
        return self.status == "Draft"


@dataclass(frozen=True)
class Client:
    """One row of the clients manifest: who gets which briefings, risks and formats."""

    client: str
    contact: str | None = None
    email: str | None = None
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    briefings: tuple[str, ...] = ()
    minimum_rating: str | None = None
    brand: str | None = None
    formats: tuple[str, ...] = field(default=DEFAULT_FORMATS)
