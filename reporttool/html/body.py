"""The briefing's front and middle in HTML: title block, takeaways, the analyst's sections, timeline, stances."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..brand.folder import Brand
from ..brand.words import Words
from ..present import reading_minutes, same_heading, split_timeline, uncited_sources
from ..model import Briefing, Client, Event, Section, Stance
from ..values import PartialDate
from .inline import citation, rich_text, tlp_label, trend
from .markup import Html, el, join
from .style import band_class, stance_class


@dataclass(frozen=True)
class Page:
    """What every part of one HTML briefing reads: the brand, its words, the sources' numbers."""

    brand: Brand
    words: Words
    numbers: Mapping[str, int]  # source ID -> its number in the Sources list

    def rich(self, value: str) -> Html:
        return rich_text(value, self.numbers)


SEPARATOR = el("span", "·", class_="sep", aria_hidden="true")


def title_block(b: Briefing, page: Page, client: Client | None) -> Html:
    """TLP label, title, subtitle, who and when, where, reading time, who it is for, then the standfirst."""
    w = page.words
    who = [Html(w("by") + " " + join(", ", (_bdi(a) for a in b.authors))),
           *(Html(f"{w(key)} {_time(day)}") for key, day in (("published", b.published), ("updated", b.updated)) if day),
           w("min_read", minutes=str(reading_minutes(b)))]
    where = [Html(f"{w('region')}: {_bdi(b.region)}")]
    where += [Html(f"{w('countries')}: " + join(", ", (_bdi(c) for c in b.countries)))] if b.countries else []
    parts = [el("p", tlp_label(b.classification)), el("h1", b.title, id="briefing-title", dir="auto")]
    parts += [el("p", b.subtitle, class_="subtitle", dir="auto")] if b.subtitle else []
    parts += [_meta_line(who), _meta_line(where)]
    parts += [_meta_line([_bdi(w("prepared_for", client=client.client)),
                          *(_bdi(x) for x in (client.contact, client.email) if x)], "client")] if client else []
    parts += [el("p", page.rich(b.summary), class_="standfirst", dir="auto")] if b.summary else []
    return el("header", parts, class_="title-block")


def _meta_line(items: Sequence[str], extra: str = "") -> Html:
    return el("p", Html(f" {SEPARATOR} ".join(el("span", i) for i in items)), class_=f"meta {extra}".strip())


def _bdi(value: str) -> Html:
    """An analyst field inside our own words: isolated, so its direction cannot reorder them."""
    return el("bdi", value)


def _time(day: dt.date) -> Html:
    return el("time", PartialDate.from_date(day).display(), datetime=day.isoformat())


def takeaways(b: Briefing, page: Page) -> Html:
    if not b.takeaways:
        return Html("")
    entries = [el("li", [page.rich(t.text), _confidence(t.confidence, page)], dir="auto") for t in b.takeaways]
    return section("key-takeaways", page.words("key_takeaways"), el("ul", entries, class_="takeaways"))


def _confidence(level: str | None, page: Page) -> Html:
    return Html(" " + el("span", page.words("confidence", confidence=level), class_="confidence")) if level else Html("")


def narrative(b: Briefing, page: Page) -> Html:
    """The analyst's own sections, each a heading and its paragraphs, in the workbook's order; one headed
    like the risk forecast joins the generated one instead (risks.risk_forecast)."""
    forecast = page.words("risk_forecast")
    return Html("".join(section(f"section-{n}", s.heading, prose(s, page), heading_dir="auto")
                        for n, s in enumerate(b.sections, 1) if not same_heading(s.heading, forecast)))


def prose(s: Section, page: Page) -> list[Html]:
    return [el("p", page.rich(p), dir="auto") for p in s.paragraphs]


def section(ident: str, heading: str, content: object, *, heading_dir: str | None = None,
             class_: str | None = None) -> Html:
    """A section labelled by its h2, so assistive technology lists it by its heading."""
    return el("section", [el("h2", heading, id=f"{ident}-title", dir=heading_dir), content],
              id=ident, aria_labelledby=f"{ident}-title", class_=class_)


def timeline(b: Briefing, page: Page) -> Html:
    """Past events in date order, then the key dates ahead of the publication date."""
    if not b.events:
        return Html("")
    w = page.words
    past, ahead = split_timeline(b)
    parts = [_event_table(past, w("timeline"), page) if past else el("p", w("no_past_events"))]
    if ahead:
        parts += [el("h3", w("key_dates_ahead"), id="key-dates-ahead"), _event_table(ahead, w("key_dates_ahead"), page)]
    return section("timeline", w("timeline"), parts)


def _event_table(events: Sequence[Event], caption: str, page: Page) -> Html:
    w = page.words
    rows = [[el("td", _date(e.date), class_="nowrap"), el("td", _event_cell(e, page), dir="auto"),
             el("td", join(", ", (_bdi(a) for a in e.actors))), el("td", _significance(e.significance, page))]
            for e in events]
    return data_table(caption, [w("date"), w("event"), w("actors"), w("significance")], rows)


def _date(date: PartialDate) -> Html:
    return el("time", date.display(), datetime=date.iso())


def _event_cell(event: Event, page: Page) -> Html:
    """The event with its sources cited, and its location under it."""
    cited = citation(uncited_sources(event), page.numbers)
    place = el("span", event.location, class_="note", dir="auto") if event.location else ""
    return Html(page.rich(event.event) + (" " + cited if cited else "") + place)


def _significance(level: str | None, page: Page) -> Html:
    """The level with a dot in the colour of the rating band of the same name, when there is one."""
    index = next((i for i, band in enumerate(page.brand.bands) if band.name == level), None)
    dot = Html(el("span", "●", class_=f"dot dot-{band_class(index)}", aria_hidden="true") + " ") if index is not None else ""
    return Html(dot + el("span", level or ""))


def stances(b: Briefing, page: Page) -> Html:
    """Actor, stance (shaded on the brand's stance scale), trend, drivers, evidence as event dates."""
    if not b.stances:
        return Html("")
    w = page.words
    events = {e.id: e for e in b.events}
    rows = [[el("th", _bdi(s.actor), scope="row"), el("td", s.stance, class_=stance_class(s.stance) or None),
             el("td", trend(s.trend), class_="nowrap"), el("td", page.rich(s.drivers or ""), dir="auto"),
             el("td", _evidence(s, events))] for s in b.stances]
    intro = [el("p", w("stances_toward", subject=b.subject))] if b.subject else []
    table = data_table(w("stances"), [w("actor"), w("stance"), w("trend"), w("drivers"), w("evidence")], rows)
    return section("stances", w("stances"), [*intro, table])


def _evidence(stance: Stance, events: Mapping[str, Event]) -> Html:
    return join("; ", (_date(events[i].date) if i in events else _bdi(i) for i in stance.evidence))


def data_table(caption: str, headings: Sequence[str], rows: Sequence[Sequence[Html]]) -> Html:
    """A table named by its caption (for screen readers: a heading already shows it) whose header row
    repeats on every printed page."""
    head = el("thead", el("tr", [el("th", h, scope="col") for h in headings]))
    body = el("tbody", [el("tr", cells) for cells in rows])
    return scroll_region(caption, el("table", [el("caption", caption, class_="visually-hidden"), head, body]))


def scroll_region(name: str, table: Html) -> Html:
    """A wide table scrolls sideways on a narrow screen inside this box, which the keyboard can reach
    and a screen reader names, so nothing is out of reach for people who do not use a mouse."""
    return el("div", table, class_="table-wrap", role="region", tabindex="0", aria_label=name)
