"""The Word briefing's "What changed since" section and the register's Change column (editions)."""
from __future__ import annotations

from collections.abc import Sequence

from . import styles as S
from .inline import rich_text
from .context import Context
from .tables import data_table, timeline_table
from .wml import Xml, para, run
from ..brand.words import Words
from ..editions.changes import Changes, Rated, RiskChange, StanceChange
from ..editions.report import ARROWS, heading


def changes_section(changes: Changes | None, ctx: Context) -> list[Xml]:
    """After the key takeaways: risers and fallers, new and retired risks, stance shifts, new events."""
    if changes is None:
        return []
    w = ctx.words
    out = [para(S.HEADING_1, heading(changes, w))]
    if changes.is_empty:
        return out + [para(S.BODY, w("no_change"))]
    if changes.moved:
        out += [para(S.HEADING_2, w("risers_fallers")), _movers(changes.moved, ctx), para(S.BODY)]
    arrived, left = changes.of_kind("new"), changes.of_kind("retired")
    if arrived or left:
        client = changes.client is not None
        out.append(para(S.HEADING_2, w("new_retired")))
        out += [_risk_line(w("new_to_you" if client else "new_risk"), c, ctx) for c in arrived]
        out += [_risk_line(w("leaving" if client else "retired_risk"), c, ctx) for c in left]
    trends = [c for c in changes.risks if c.trend_changed]
    if trends:
        out.append(para(S.HEADING_2, w("trend_changes")))
        out += [para(S.BODY, [run(f"{c.id}: ", S.STRONG), run(_arrow(c.old.trend or "–", c.new.trend or "–"))])  # type: ignore[union-attr]
                for c in trends]
    if changes.stances:
        out.append(para(S.HEADING_2, w("stance_shifts")))
        out += [para(S.BODY, [run(f"{s.actor}: ", S.STRONG), run(_stance_move(s, w))]) for s in changes.stances]
    if changes.events:
        out += [para(S.HEADING_2, w("new_events")),
                para(S.BODY, w("new_events_count", count=str(len(changes.events)))),
                timeline_table(changes.events, ctx), para(S.BODY)]
    if changes.sources:
        out += [para(S.HEADING_2, w("new_sources")),
                para(S.BODY, "; ".join(f"{s.id} {s.title}" for s in changes.sources))]
    return out


def _stance_move(s: StanceChange, w: Words) -> str:
    """"Neutral → Engaging (trend Stable → Cooling)"; an unmoved stance is named once; an actor new to
    (or gone from) the briefing says so."""
    if s.old_stance is None or s.new_stance is None:
        return _arrow(s.old_stance or w("stance_new"), s.new_stance or w("stance_gone"))
    stance = _arrow(s.old_stance, s.new_stance) if s.shifted else s.new_stance
    trend = f" ({w('trend').lower()} {_arrow(s.old_trend or '–', s.new_trend or '–')})" if s.old_trend != s.new_trend else ""
    return stance + trend


def _arrow(old: str, new: str) -> str:
    return f"{old} → {new}"


def _movers(moved: Sequence[RiskChange], ctx: Context) -> Xml:
    """ID, risk, rating old -> new with an arrow (the new band's colour; a band change said so),
    then score, likelihood and impact, each old -> new."""
    w = ctx.words
    rows, fills = [], []
    for change in moved:
        old, new = change.old, change.new
        assert old is not None and new is not None
        band = ctx.brand.bands[new.band]
        rating = [para(S.TABLE_TEXT, [run(f"{ARROWS[change.kind]} {_arrow(old.rating, new.rating)}", S.STRONG,
                                          colour=band.text_colour)])]
        rating += [para(S.TABLE_NOTE, [run(w("band_changed"), colour=band.text_colour)])] if change.band_changed else []
        rows.append([[para(S.TABLE_TEXT, [run(change.id, S.STRONG)])],
                     [para(S.TABLE_TEXT, rich_text(change.risk.risk, ctx))], rating,
                     *(_arrow(str(a), str(b)) for a, b in _pairs(old, new))])
        fills.append([None, None, band.colour, None, None, None])
    return data_table(ctx, (0.07, 0.39, 0.18, 0.12, 0.12, 0.12),
                      [w("id"), w("risk"), w("rating"), w("score"), w("likelihood"), w("impact")], rows,
                      w("risers_fallers"), fills)


def _pairs(old: Rated, new: Rated) -> list[tuple[int, int]]:
    return [(old.score, new.score), (old.likelihood, new.likelihood), (old.impact, new.impact)]


def _risk_line(label: str, change: RiskChange, ctx: Context) -> Xml:
    """"New: R7 (High): the risk's text", with the client's note ("now High, was Medium") when there is one."""
    rated = change.new if change.kind == "new" else change.old
    assert rated is not None
    detail = f" ({change.note or rated.rating})"
    return para(S.BODY, [run(f"{label}: ", S.STRONG), run(change.id, S.STRONG), run(detail + ": "),
                         *rich_text(change.risk.risk, ctx)])

