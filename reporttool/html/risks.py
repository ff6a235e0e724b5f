"""The risk forecast in HTML: the 5x5 heat map with its legend, then the register, highest score first."""
from __future__ import annotations

from collections.abc import Sequence

from ..editions.changes import Changes
from ..model import Briefing, Client, Risk
from ..present import heat_map_cells, register_order, same_heading
from ..values import IMPACT_WORDS, LIKELIHOOD_WORDS, band_for
from .body import Page, data_table, prose, scroll_region, section
from .changes import change_cell
from .inline import trend
from .markup import Html, el, join
from .style import band_class


def risk_forecast(b: Briefing, page: Page, client: Client | None, changes: Changes | None = None) -> Html:
    w = page.words
    analyst = [p for s in b.sections if same_heading(s.heading, w("risk_forecast")) for p in prose(s, page)]
    if not b.risks:
        none = w("no_matching_risks", client=client.client) if client else w("no_risks")
        return section("risk-forecast", w("risk_forecast"), [*analyst, el("p", none)])
    return section("risk-forecast", w("risk_forecast"), [
        *analyst, el("h3", w("heat_map"), id="heat-map-title"), heat_map(b.risks, page),
        el("h3", w("risk_register"), id="risk-register-title"), register(b.risks, page, changes)])


def _band_index(score: int, page: Page) -> int:
    return page.brand.bands.index(band_for(score, page.brand.bands))


def heat_map(risks: Sequence[Risk], page: Page) -> Html:
    """Likelihood up the side (5 at the top), impact along the bottom, each cell in its band's colour
    holding the IDs of the risks placed there; the legend names each band with its scores."""
    w = page.words
    placed = heat_map_cells(risks)
    rows = [el("tr", [_likelihood_axis(w("likelihood")) if likelihood == 5 else "",
                      el("th", f"{LIKELIHOOD_WORDS[likelihood - 1]} ({likelihood})", scope="row"),
                      *(_heat_cell(likelihood, impact, placed.get((likelihood, impact), ()), page)
                        for impact in range(1, 6))])
            for likelihood in range(5, 0, -1)]
    impacts = el("tr", [el("td", "", colspan="2"),
                        *(el("th", f"{word} ({n})", scope="col") for n, word in enumerate(IMPACT_WORDS, 1))])
    axis = el("tr", [el("td", "", colspan="2"), el("th", f"{w('impact')} →", colspan="5", class_="axis")])
    table = el("table", [el("caption", w("heat_map"), class_="visually-hidden"), el("tbody", rows),
                         el("tfoot", [impacts, axis])], class_="heat-map")
    return el("figure", [scroll_region(w("heat_map"), table), legend(page)], aria_labelledby="heat-map-title")


def _likelihood_axis(label: str) -> Html:
    return el("th", el("span", f"{label} →"), rowspan="5", class_="axis axis-y")


def _heat_cell(likelihood: int, impact: int, ids: Sequence[str], page: Page) -> Html:
    content = el("ul", [el("li", i) for i in ids], class_="risk-ids") if ids else ""
    return el("td", content, class_=band_class(_band_index(likelihood * impact, page)),
              data_likelihood=str(likelihood), data_impact=str(impact))


def legend(page: Page) -> Html:
    """Band colours as swatches with their score ranges, then what the heat map shows."""
    items = [el("li", [el("span", "", class_=f"swatch {band_class(i)}", aria_hidden="true"),
                       f"{band.name} {band.low}–{band.high}"]) for i, band in enumerate(page.brand.bands)]
    return el("figcaption", [el("ul", items, class_="legend"), page.words("heat_map_caption")])


def register(risks: Sequence[Risk], page: Page, changes: Changes | None = None) -> Html:
    """ID, the risk with its details, likelihood and impact with their words, score, rating in its band, trend;
    with a previous edition, how each risk changed since."""
    w = page.words
    rows = []
    for r in register_order(risks):
        index = _band_index(r.score, page)
        rows.append([el("th", el("bdi", r.id), scope="row", class_="nowrap"), el("td", _risk_cell(r, page), dir="auto"),
                     _scale_cell(r.likelihood, LIKELIHOOD_WORDS), _scale_cell(r.impact, IMPACT_WORDS),
                     el("td", str(r.score), class_="num"),
                     el("td", page.brand.bands[index].name, class_=f"rating {band_class(index)}"),
                     el("td", trend(r.trend), class_="nowrap"), *([change_cell(changes, r.id, page)] if changes else [])])
    headings = [w("id"), w("risk"), w("likelihood"), w("impact"), w("score"), w("rating"), w("trend")]
    headings += [w("change")] if changes else []
    return data_table(w("risk_register"), headings, rows)


def _scale_cell(value: int, words: Sequence[str]) -> Html:
    return el("td", [el("span", str(value), class_="label"), el("span", words[value - 1], class_="note")])


def _risk_cell(risk: Risk, page: Page) -> Html:
    w = page.words
    note = join(" · ", [risk.category, f"{w('horizon')}: {risk.horizon}" if risk.horizon else ""])
    out = [page.rich(risk.risk), el("span", note, class_="note")]
    if risk.mitigation:
        out.append(_labelled(w("mitigation"), page.rich(risk.mitigation)))
    if risk.indicators:
        out.append(_labelled(w("indicators"), join("; ", (el("bdi", i) for i in risk.indicators))))
    return Html("".join(out))


def _labelled(label: str, content: Html) -> Html:
    return el("span", [el("span", f"{label}: ", class_="label"), content], class_="note")
