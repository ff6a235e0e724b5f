"""The HTML briefing's "What changed since" section and the register's Change column (editions), as the
Word briefing shows them (reporttool.docx.changes): the same Changes, the same words."""
from __future__ import annotations

from collections.abc import Sequence

from ..editions.changes import Changes, RiskChange, StanceChange
from ..editions.report import ARROWS, change_label, heading
from .body import Page, _event_table, data_table, section
from .markup import Html, el
from .style import band_class


def changes_section(changes: Changes | None, page: Page) -> Html:
    """After the key takeaways: risers and fallers, new and retired risks, trend changes, stance shifts,
    new events by date, new sources; nothing without a previous edition."""
    if changes is None:
        return Html("")
    w = page.words
    if changes.is_empty:
        return section("changes", heading(changes, w), el("p", w("no_change")))
    parts: list[Html] = []
    if changes.moved:
        parts += [el("h3", w("risers_fallers")), _movers(changes.moved, page)]
    arrived, left = changes.of_kind("new"), changes.of_kind("retired")
    if arrived or left:
        client = changes.client is not None
        parts.append(el("h3", w("new_retired")))
        parts += [_risk_line(w("new_to_you" if client else "new_risk"), c, page) for c in arrived]
        parts += [_risk_line(w("leaving" if client else "retired_risk"), c, page) for c in left]
    trends = [c for c in changes.risks if c.trend_changed]
    if trends:
        parts.append(el("h3", w("trend_changes")))
        parts += [el("p", [el("strong", el("bdi", f"{c.id}")), f": {c.old.trend or '–'} → {c.new.trend or '–'}"])  # type: ignore[union-attr]
                  for c in trends]
    if changes.stances:
        parts.append(el("h3", w("stance_shifts")))
        parts += [el("p", [el("strong", el("bdi", s.actor)), ": " + _stance_move(s, page)]) for s in changes.stances]
    if changes.events:
        parts += [el("h3", w("new_events")), el("p", w("new_events_count", count=str(len(changes.events)))),
                  _event_table(changes.events, w("new_events"), page)]
    if changes.sources:
        parts += [el("h3", w("new_sources")), el("p", "; ".join(f"{s.id} {s.title}" for s in changes.sources))]
    return section("changes", heading(changes, w), parts)


def _stance_move(s: StanceChange, page: Page) -> str:
    w = page.words
    if s.old_stance is None or s.new_stance is None:
        return f"{s.old_stance or w('stance_new')} → {s.new_stance or w('stance_gone')}"
    stance = f"{s.old_stance} → {s.new_stance}" if s.shifted else s.new_stance
    trend = f" ({w('trend').lower()} {s.old_trend or '–'} → {s.new_trend or '–'})" if s.old_trend != s.new_trend else ""
    return stance + trend


def _movers(moved: Sequence[RiskChange], page: Page) -> Html:
    w = page.words
    rows = []
    for change in moved:
        old, new = change.old, change.new
        assert old is not None and new is not None
        note = [el("br"), el("small", w("band_changed"))] if change.band_changed else []  # in the band's text colour
        rows.append([el("th", el("bdi", change.id), scope="row", class_="nowrap"),
                     el("td", page.rich(change.risk.risk), dir="auto"),
                     el("td", [f"{ARROWS[change.kind]} {old.rating} → {new.rating}", *note],
                        class_=f"rating {band_class(new.band)}"),
                     *(el("td", f"{a} → {b}", class_="num nowrap") for a, b in
                       ((old.score, new.score), (old.likelihood, new.likelihood), (old.impact, new.impact)))])
    return data_table(w("risers_fallers"), [w("id"), w("risk"), w("rating"), w("score"), w("likelihood"),
                                            w("impact")], rows)


def _risk_line(label: str, change: RiskChange, page: Page) -> Html:
    rated = change.new if change.kind == "new" else change.old
    assert rated is not None
    return el("p", [el("strong", f"{label}: "), el("strong", el("bdi", change.id)),
                    f" ({change.note or rated.rating}): ", page.rich(change.risk.risk)], dir="auto")


def change_cell(changes: Changes, risk_id: str, page: Page) -> Html:
    """The register's Change column: New, up from Medium, down from High, unchanged."""
    return el("td", change_label(changes.change_of(risk_id), page.words), class_="nowrap")
