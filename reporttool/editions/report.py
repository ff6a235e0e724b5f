"""The diff command's output: Changes as plain text for people, or as JSON (documented in docs/diff.md)."""
from __future__ import annotations

import json
from typing import Any

from ..brand.words import Words
from ..model import Briefing
from ..values import PartialDate
from .changes import RISK_KINDS, Changes, Rated, RiskChange

ARROWS = {"risen": "▲", "fallen": "▼"}
JSON_VERSION = 1


ENGLISH = Words()


def heading(changes: Changes, words: Words = ENGLISH) -> str:
    """"What changed since RT-2025-013, 27 April 2025": the title every format gives the changes."""
    return words("what_changed", previous=changes.previous,
                 date=PartialDate.from_date(changes.previous_published).display())


def change_label(change: RiskChange | None, words: Words = ENGLISH) -> str:
    """The register's Change column: New, up from Medium, down from High, unchanged.

    A move inside one rating band names the old score instead, since the rating did not change."""
    if change is None or change.kind == "unchanged":
        return words("change_unchanged")
    if change.kind in ("new", "retired"):  # a note: a client's view, where a risk crossed its threshold
        return words({"new": "new_to_you", "retired": "leaving"}[change.kind] if change.note else
                     f"change_{change.kind}")
    old = change.old
    assert old is not None
    was = old.rating if change.band_changed else words("score_was", score=str(old.score))
    return words("change_up" if change.kind == "risen" else "change_down", was=was)


def as_json(changes: Changes, current: Briefing) -> str:
    return json.dumps(as_dict(changes, current), indent=2, ensure_ascii=False)


def as_dict(changes: Changes, current: Briefing) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "previous": {"reference": changes.previous, "published": changes.previous_published.isoformat()},
        "current": {"reference": current.reference, "published": current.published.isoformat()},
        "client": changes.client,
        "empty": changes.is_empty,
        "risks": {kind: [_risk(c) for c in changes.of_kind(kind)] for kind in RISK_KINDS},
        "stances": [{"actor": s.actor, "old_stance": s.old_stance, "new_stance": s.new_stance,
                     "old_trend": s.old_trend, "new_trend": s.new_trend} for s in changes.stances],
        "events": [{"id": e.id, "date": e.date.iso(), "event": e.event} for e in changes.events],
        "sources": [{"id": s.id, "title": s.title} for s in changes.sources],
        "takeaways": [t.text for t in changes.takeaways],
    }


def _risk(change: RiskChange) -> dict[str, Any]:
    return {"id": change.id, "risk": change.risk.risk, "change": change_label(change),
            "old": _rated(change.old), "new": _rated(change.new),
            "band_changed": change.band_changed, "trend_changed": change.trend_changed, "note": change.note}


def _rated(rated: Rated | None) -> dict[str, Any] | None:
    if rated is None:
        return None
    return {"likelihood": rated.likelihood, "impact": rated.impact, "score": rated.score, "rating": rated.rating,
            "trend": rated.trend}


def as_text(changes: Changes, current: Briefing) -> str:
    lines = [f"{heading(changes)} ({current.reference}, {PartialDate.from_date(current.published).display()})"]
    if changes.is_empty:
        return "\n".join(lines + ["No change."]) + "\n"
    counts = ", ".join(f"{len(changes.of_kind(k))} {k}" for k in RISK_KINDS)
    lines.append(f"Risks: {counts}")
    for kind in ("risen", "fallen"):
        moved = [c for c in changes.moved if c.kind == kind]
        lines += [f"{kind.capitalize()}:"] + [f"  {c.id}  {_move(c)}" for c in moved] if moved else []
    for kind in ("new", "retired"):
        listed = changes.of_kind(kind)
        lines += [f"{kind.capitalize()}:"] + [f"  {c.id}  {_rating(c)}: {c.risk.risk}" for c in listed] if listed else []
    trends = [c for c in changes.risks if c.trend_changed]
    lines += ["Trend changes:"] + [f"  {c.id}  {c.old.trend or '-'} -> {c.new.trend or '-'}"  # type: ignore[union-attr]
                                   for c in trends] if trends else []
    lines += ["Stances:"] + [f"  {s.actor}: {s.old_stance or '(new)'} -> {s.new_stance or '(gone)'}; trend "
                             f"{s.old_trend or '-'} -> {s.new_trend or '-'}" for s in changes.stances] \
        if changes.stances else []
    lines += [f"New events ({len(changes.events)}):"] + [f"  {e.date.iso()}  {e.id}  {e.event}"
                                                         for e in changes.events] if changes.events else []
    lines += [f"New sources ({len(changes.sources)}):"] + [f"  {s.id}  {s.title}" for s in changes.sources] \
        if changes.sources else []
    lines += [f"New takeaways ({len(changes.takeaways)}):"] + [f"  - {t.text}" for t in changes.takeaways] \
        if changes.takeaways else []
    return "\n".join(lines) + "\n"


def _move(change: RiskChange) -> str:
    old, new = change.old, change.new
    assert old is not None and new is not None
    band = "  [rating band changed]" if change.band_changed else ""
    return (f"{old.rating} -> {new.rating} {ARROWS[change.kind]}  score {old.score} -> {new.score} "
            f"(likelihood {old.likelihood} -> {new.likelihood}, impact {old.impact} -> {new.impact}){band}")


def _rating(change: RiskChange) -> str:
    rated = change.new or change.old
    assert rated is not None
    note = f"; {change.note}" if change.note else ""
    return f"{rated.rating} (score {rated.score}{note})"
