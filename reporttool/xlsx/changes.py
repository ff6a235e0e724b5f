"""The risk matrix's Changes sheet: every change since the previous edition, as one Excel table."""
from __future__ import annotations

from typing import Iterator

from ..editions.changes import Changes, RiskChange
from ..editions.report import change_label
from .look import Build
from .tables import Column, add_table, write_rows

CHANGES = (Column("Item", 10), Column("ID", 10, wrap=True), Column("Change", 16), Column("Description", 56, wrap=True),
           Column("Before", 12), Column("Now", 12), Column("Score before", 8, centred=True),
           Column("Score now", 8, centred=True), Column("Note", 40, wrap=True))


def add_changes(build: Build) -> None:
    """Risks that moved, arrived or left, stance shifts, new events, sources and takeaways; nothing
    without a previous edition."""
    if build.changes is None:
        return
    sheet = build.add_sheet("Changes")
    rows = list(change_rows(build.changes, build))
    add_table(build, sheet, "Changes", CHANGES, len(rows))
    write_rows(build, sheet, CHANGES, rows)


def change_rows(changes: Changes, build: Build) -> Iterator[tuple[str | int | None, ...]]:
    w = build.words
    for change in changes.risks:
        if change.kind != "unchanged" or change.trend_changed:
            yield _risk_row(change, build)
    for s in changes.stances:
        what = w("stance_shift") if s.shifted else w("trend_change")
        trend = f"{w('trend')}: {s.old_trend or '–'} → {s.new_trend or '–'}" if s.old_trend != s.new_trend else None
        yield (w("stance"), s.actor, what, None, s.old_stance, s.new_stance, None, None, trend)
    for e in changes.events:
        yield (w("event"), e.id, w("change_new"), e.event, None, e.date.iso(), None, None, None)
    for source in changes.sources:
        yield (w("source"), source.id, w("change_new"), source.title, None, None, None, None, None)
    for t in changes.takeaways:
        yield (w("takeaway"), None, w("change_new"), t.text, None, None, None, None, None)


def _risk_row(change: RiskChange, build: Build) -> tuple[str | int | None, ...]:
    w = build.words
    old, new = change.old, change.new
    notes = [change.note] if change.note else []
    if old is not None and new is not None:
        notes += [f"{w('likelihood')} {old.likelihood} → {new.likelihood}, {w('impact')} {old.impact} → {new.impact}"]
        notes += [w("band_changed")] if change.band_changed else []
        notes += [f"{w('trend')}: {old.trend or '–'} → {new.trend or '–'}"] if change.trend_changed else []
    label = change_label(change, w)
    return (w("risk"), change.id, label, change.risk.risk, old and old.rating, new and new.rating,
            old and old.score, new and new.score, "; ".join(notes) or None)
