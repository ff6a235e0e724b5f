"""What every renderer shows, computed once from the model: the order of risks, the timeline
split, reading time, heat-map cells, band counts, trend arrows and which links are safe.

Renderers (docx, xlsx, html) and the web page read these rather than deriving them on their own,
so the documents of one briefing always agree, and a new format is one module that reads the model.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from .citations import citations
from .model import Briefing, Event, Risk
from .text import clean
from .values import Band, band_for

WORDS_PER_MINUTE = 230
ARROWS = {"Warming": "↑", "Cooling": "↓", "Increasing": "↑", "Decreasing": "↓", "Stable": "→"}
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def reading_minutes(b: Briefing) -> int:
    """Minutes to read the prose (summary, takeaways, sections) at an unhurried pace."""
    texts = [b.summary or "", *(t.text for t in b.takeaways), *(p for s in b.sections for p in s.paragraphs)]
    return max(1, math.ceil(sum(len(t.split()) for t in texts) / WORDS_PER_MINUTE))


def same_heading(analyst: str, generated: str) -> bool:
    """An analyst's section headed like a generated one (say "Risk forecast") joins it: its prose first."""
    return analyst.strip().casefold() == generated.strip().casefold()


def split_timeline(b: Briefing) -> tuple[list[Event], list[Event]]:
    """Events in date order (partial dates at their precision), split at the publication date: an event
    is past once its period has ended ("Dec 2025" published on 12 December is still ahead)."""
    ordered = sorted(b.events, key=lambda e: e.date)
    past = [e for e in ordered if e.date.last_day() <= b.published]
    return past, [e for e in ordered if e.date.last_day() > b.published]


def uncited_sources(event: Event) -> tuple[str, ...]:
    """The event's Sources its text does not already cite, so a citation is not printed twice ("[1]. [1]")."""
    named = {i for _, ids in citations(event.event, event.sources) for i in ids}
    return tuple(s for s in event.sources if s not in named)


def register_order(risks: Iterable[Risk]) -> list[Risk]:
    """Highest score first; among equal scores the likelier, then the more damaging; else the analyst's order."""
    return sorted(risks, key=lambda r: (-r.score, -r.likelihood, -r.impact))


def heat_map_cells(risks: Iterable[Risk]) -> dict[tuple[int, int], list[str]]:
    """The IDs of the risks at each (likelihood, impact), in the analyst's order."""
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        cells.setdefault((risk.likelihood, risk.impact), []).append(risk.id)
    return cells


def heat_cell_label(ids: list[str], more: str, budget: int) -> str:
    """A heat-map cell's IDs separated by commas, cut short with "+N more" past `budget` characters, so the
    map keeps its size however many risks a briefing holds (the register lists them all)."""
    length = 0
    for shown, risk_id in enumerate(ids):
        length += len(risk_id) + 2
        if length > budget and shown:
            return ", ".join(ids[:shown]) + f" +{len(ids) - shown} {more}"
    return ", ".join(ids)


def band_counts(risks: Iterable[Risk], bands: tuple[Band, ...]) -> dict[str, int]:
    """How many risks fall in each band, every band listed."""
    counts = {band.name: 0 for band in bands}
    for risk in risks:
        counts[band_for(risk.score, bands).name] += 1
    return counts


def trend_label(word: str | None) -> str:
    """A trend with its arrow: "↑ Increasing"; blank stays blank."""
    return f"{ARROWS.get(word, '')} {word}".strip() if word else ""


def safe_url(url: str) -> str | None:
    """The URL when it is http(s) with a host, or mailto; anything else never becomes a link."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if clean(url) != url or any(ch.isspace() for ch in url):
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and "@" not in parts.netloc:  # no trusted@evil
        return url
    if parts.scheme.lower() == "mailto" and EMAIL.match(parts.path):
        return url
    return None
