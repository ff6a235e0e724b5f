"""The HTML briefing's back matter: numbered sources, the methodology, the contact block and disclaimer."""
from __future__ import annotations

from collections.abc import Sequence

from ..brand.words import tlp_word
from ..model import Briefing, Source
from ..values import CREDIBILITY, IMPACT_WORDS, LIKELIHOOD_WORDS, RELIABILITY, STANCES, TLP_LABELS
from .body import Page, data_table, section
from .inline import link, source_anchor, tlp_label
from .markup import Html, el, join, render
from .style import band_class, stance_class


def sources(items: Sequence[Source], page: Page) -> Html:
    """Numbered sources; each entry is the target of the citations that name it."""
    if not items:
        return Html("")
    entries = [el("li", _source(s, page), id=source_anchor(n), dir="auto") for n, s in enumerate(items, 1)]
    return section("sources", page.words("sources"), el("ol", entries, class_="sources"))


def _source(source: Source, page: Page) -> Html:
    w = page.words
    facts = [x for x in (source.publisher, source.date.display() if source.date else None) if x]
    out = [el("strong", source.title)] + ([". ", join(", ", (el("bdi", f) for f in facts))] if facts else [])
    if source.grade:
        out.append(f". {w('grade')} {source.grade} ({w.grade(source.grade)})")
    out.append(".")
    if source.url:
        out.append(el("span", link(source.url, source.url), class_="note url"))
    return render(out)


def methodology(page: Page) -> Html:
    """The scales, bands, stances, TLP and Admiralty grades, so a client can read every rating."""
    w = page.words
    parts = [el("p", w("methodology_intro")),
             *_scale(w("likelihood_scale"), LIKELIHOOD_WORDS, "likelihood", page),
             *_scale(w("impact_scale"), IMPACT_WORDS, "impact", page),
             *_bands(page), *_stances(page), *_tlp(page), *_admiralty(page)]
    return section("methodology", w("methodology"), parts, class_="methodology")


def _scale(title: str, labels: Sequence[str], key: str, page: Page) -> list[Html]:
    w = page.words
    rows = [[el("td", str(i), class_="num"), el("td", label), el("td", w(f"{key}_{i}"))]
            for i, label in enumerate(labels, 1)]
    return [el("h3", title), data_table(title, [w("level"), w("label"), w("meaning")], rows)]


def _bands(page: Page) -> list[Html]:
    w = page.words
    rows = [[el("td", band.name, class_=f"rating {band_class(i)}"), el("td", f"{band.low}–{band.high}")]
            for i, band in enumerate(page.brand.bands)]
    return [el("h3", w("rating_bands")), el("p", w("rating_bands_intro")),
            data_table(w("rating_bands"), [w("rating"), w("scores")], rows)]


def _stances(page: Page) -> list[Html]:
    w = page.words
    rows = [[el("td", stance, class_=stance_class(stance)), el("td", w(f"stance_{stance.lower()}"))]
            for stance in STANCES]
    return [el("h3", w("stance_scale")), data_table(w("stance_scale"), [w("stance"), w("meaning")], rows)]


def _tlp(page: Page) -> list[Html]:
    w = page.words
    rows = [[el("td", tlp_label(t.label)), el("td", w(tlp_word(t.label)))] for t in TLP_LABELS]
    return [el("h3", w("tlp")), data_table(w("tlp"), [w("label"), w("meaning")], rows)]


def _admiralty(page: Page) -> list[Html]:
    w = page.words
    rows = [[el("td", letter), el("td", w(f"reliability_{letter}")), el("td", digit), el("td", w(f"credibility_{digit}"))]
            for letter, digit in zip(RELIABILITY, CREDIBILITY)]
    return [el("h3", w("admiralty")), el("p", w("admiralty_intro")),
            data_table(w("admiralty"), [w("code"), w("reliability"), w("code"), w("credibility")], rows)]


def colophon(b: Briefing, page: Page) -> Html:
    """The brand's contact block and disclaimer, then the reference and TLP label, closing the page."""
    brand, w = page.brand, page.words
    out = [el("h2", w("contact"), id="contact-title")] if brand.contact else []
    out += [el("address", [el("span", _contact_line(line)) for line in brand.contact], class_="contact")] \
        if brand.contact else []
    out += [el("p", brand.disclaimer, class_="disclaimer")] if brand.disclaimer else []
    out.append(el("p", [el("span", [f"{w('reference')} ", el("bdi", b.reference)]), tlp_label(b.classification)],
                  class_="reference"))
    return el("footer", out, class_="colophon", aria_labelledby="contact-title" if brand.contact else None)


def _contact_line(line: str) -> Html:
    """A contact line; an e-mail address becomes a mailto link (anything else is no safe mailto URL)."""
    return link(line.strip(), "mailto:" + line.strip())
