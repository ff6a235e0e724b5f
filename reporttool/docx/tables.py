"""The briefing's tables: timeline, stances, heat map and risk register, as native Word tables."""
from __future__ import annotations

from collections.abc import Sequence

from . import styles as S
from .inline import citation, rich_text
from .context import Context
from .wml import Xml, cell, para, row, run, split_widths, table
from ..editions.changes import Changes
from ..editions.report import change_label
from ..model import Event, Risk, Stance
from ..present import heat_cell_label, heat_map_cells, register_order, trend_label, uncited_sources
from ..text import join_fields
from ..values import IMPACT_WORDS, LIKELIHOOD_WORDS, band_for

Cell = str | Sequence[Xml]  # text, or ready-made paragraphs


def data_table(ctx: Context, fractions: Sequence[float], headings: Sequence[str],
               rows: Sequence[Sequence[Cell]], caption: str,
               fills: Sequence[Sequence[str | None]] | None = None) -> Xml:
    """A table in the brand's table style: a repeating header row, then one row per item."""
    widths = split_widths(ctx.template.text_width, fractions)
    fills = fills or [[None] * len(widths)] * len(rows)
    look = ctx.template.table_looks[S.TABLE.id]
    head = row([cell(w, [para(S.TABLE_HEADING, h)], borders=look.header_borders, shading=look.header_shading)
                for w, h in zip(widths, headings)], header=True)
    body = [row([cell(w, _paragraphs(c), fill=f) for w, c, f in zip(widths, cells, shades)])
            for cells, shades in zip(rows, fills)]
    return table(look, widths, [head, *body], caption=caption)


def _paragraphs(content: Cell) -> list[Xml]:
    return [para(S.TABLE_TEXT, content)] if isinstance(content, str) else list(content)


def timeline_table(events: Sequence[Event], ctx: Context) -> Xml:
    """Date, event (with its sources cited and its location), actors, significance."""
    w = ctx.words
    rows = [[e.date.display(), _event_cell(e, ctx), join_fields(", ", e.actors), _significance(e.significance, ctx)]
            for e in events]
    return data_table(ctx, (0.16, 0.52, 0.2, 0.12),
                      [w("date"), w("event"), w("actors"), w("significance")], rows, w("timeline"))


def _significance(level: str | None, ctx: Context) -> list[Xml]:
    """The level with a dot in the colour of the rating band of the same name, when there is one."""
    band = next((b for b in ctx.brand.bands if b.name == level), None)
    dot = [run("●", colour=band.colour, size=22), run(" ")] if band else []
    return [para(S.TABLE_TEXT, [*dot, run(level or "")])]


def _event_cell(event: Event, ctx: Context) -> list[Xml]:
    cited = citation(uncited_sources(event), ctx)
    runs = rich_text(event.event, ctx) + ([run(" "), cited] if cited is not None else [])
    note = [para(S.TABLE_NOTE, event.location)] if event.location else []
    return [para(S.TABLE_TEXT, runs), *note]


def stance_table(stances: Sequence[Stance], events: dict[str, Event], ctx: Context) -> Xml:
    """Actor, stance (shaded on the brand's stance scale), trend arrow, drivers, evidence as dates."""
    w = ctx.words
    rows = [[[para(S.TABLE_TEXT, [run(s.actor, S.STRONG)])], s.stance, trend_label(s.trend),
             [para(S.TABLE_TEXT, rich_text(s.drivers or "", ctx))], _evidence(s.evidence, events)]
            for s in stances]
    fills = [[None, ctx.brand.colours.get(f"stance_{s.stance.lower()}"), None, None, None] for s in stances]
    return data_table(ctx, (0.17, 0.13, 0.12, 0.38, 0.2),
                      [w("actor"), w("stance"), w("trend"), w("drivers"), w("evidence")], rows, w("stances"), fills)


def _evidence(ids: Sequence[str], events: dict[str, Event]) -> str:
    return join_fields("; ", (events[i].date.display() if i in events else i for i in ids))


HEAT_CELL_BUDGET = 40  # characters of IDs a heat-map cell shows before "+N more": the map stays one block


def heat_map(risks: Sequence[Risk], ctx: Context) -> Xml:
    """5x5 grid, likelihood down the side and impact across a header row, cells in band colours holding
    the risk IDs; its alt text reads the map in words (Word's accessibility checker asks for both)."""
    widths = split_widths(ctx.template.text_width, (0.22, 0.156, 0.156, 0.156, 0.156, 0.152))
    placed = heat_map_cells(risks)
    corner = [para(S.HEAT_AXIS, [run(f"{ctx.words('likelihood')} / {ctx.words('impact')}", S.STRONG)])]
    head = row([cell(widths[0], corner, valign="center")] +
               [cell(w, [para(S.HEAT_AXIS, f"{IMPACT_WORDS[i]} ({i + 1})")], valign="center")
                for i, w in enumerate(widths[1:])], header=True)
    rows = [_heat_row(likelihood, placed, widths, ctx) for likelihood in range(5, 0, -1)]
    return table(ctx.template.table_looks[S.HEAT_MAP.id], widths, [head, *rows], caption=ctx.words("heat_map"),
                 description=heat_map_in_words(placed, ctx))


def heat_map_in_words(placed: dict[tuple[int, int], list[str]], ctx: Context) -> str:
    """The map as a sentence per occupied cell, likeliest and most damaging first, for readers who cannot see it."""
    w = ctx.words
    cells = [w("heat_map_cell", likelihood=f"{LIKELIHOOD_WORDS[lk - 1]} ({lk})", impact=f"{IMPACT_WORDS[im - 1]} ({im})",
               band=band_for(lk * im, ctx.brand.bands).name, risks=", ".join(ids))
             for (lk, im), ids in sorted(placed.items(), reverse=True)]
    return " ".join([w("heat_map_caption"), *cells])


def _heat_row(likelihood: int, placed: dict[tuple[int, int], list[str]], widths: list[int],
              ctx: Context) -> Xml:
    label = [para(S.HEAT_AXIS, f"{LIKELIHOOD_WORDS[likelihood - 1]} ({likelihood})")]
    cells = [cell(widths[0], label, valign="center")]
    more = ctx.words("more")
    for impact, width in zip(range(1, 6), widths[1:]):
        band = band_for(likelihood * impact, ctx.brand.bands)
        ids = heat_cell_label(placed.get((likelihood, impact), []), more, HEAT_CELL_BUDGET)
        cells.append(cell(width, [para(S.HEAT_CELL, [run(ids, colour=band.text_colour)])],
                          fill=band.colour, valign="center"))
    return row(cells, height=720)


def register_table(risks: Sequence[Risk], ctx: Context, changes: Changes | None = None) -> Xml:
    """The risk register, highest score first: ratings as coloured bands, details under each risk;
    with a previous edition, a Change column (New, up from Medium, unchanged)."""
    w = ctx.words
    ordered = register_order(risks)
    bands = [band_for(r.score, ctx.brand.bands) for r in ordered]
    rows = [[[para(S.TABLE_TEXT, [run(r.id, S.STRONG)])], _risk_cell(r, ctx),
             _scale_cell(r.likelihood, LIKELIHOOD_WORDS), _scale_cell(r.impact, IMPACT_WORDS), str(r.score),
             [para(S.TABLE_TEXT, [run(b.name, S.STRONG, colour=b.text_colour)])], trend_label(r.trend)]
            for r, b in zip(ordered, bands)]
    fills = [[None] * 5 + [b.colour, None] for b in bands]
    fractions = (0.06, 0.42, 0.11, 0.1, 0.07, 0.11, 0.13)
    headings = [w("id"), w("risk"), w("likelihood"), w("impact"), w("score"), w("rating"), w("trend")]
    if changes is not None:
        for r, cells, shades in zip(ordered, rows, fills):
            cells.append(change_label(changes.change_of(r.id), w))
            shades.append(None)
        fractions, headings = (0.06, 0.33, 0.1, 0.09, 0.07, 0.1, 0.11, 0.14), headings + [w("change")]
    return data_table(ctx, fractions, headings, rows, w("risk_register"), fills)


def _scale_cell(value: int, words: Sequence[str]) -> list[Xml]:
    return [para(S.TABLE_TEXT, [run(str(value), S.STRONG)]), para(S.TABLE_NOTE, words[value - 1])]


def _risk_cell(risk: Risk, ctx: Context) -> list[Xml]:
    w = ctx.words
    note = " · ".join(x for x in (risk.category, f"{w('horizon')}: {risk.horizon}" if risk.horizon else "") if x)
    out = [para(S.TABLE_TEXT, rich_text(risk.risk, ctx)), para(S.TABLE_NOTE, note)]
    if risk.mitigation:
        out.append(_labelled(w("mitigation"), risk.mitigation, ctx))
    if risk.indicators:
        out.append(_labelled(w("indicators"), join_fields("; ", risk.indicators), ctx))
    return out


def _labelled(label: str, text: str, ctx: Context) -> Xml:
    return para(S.TABLE_NOTE, [run(f"{label}: ", S.STRONG), *rich_text(text, ctx)])
