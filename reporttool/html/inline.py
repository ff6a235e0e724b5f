"""Inline pieces of the HTML briefing: analyst text with linked citations, safe links, the TLP label."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..citations import citations
from ..present import ARROWS, safe_url
from ..values import tlp
from .markup import Html, el, join, text
from .style import tlp_class


def source_anchor(number: int) -> str:
    return f"source-{number}"


def citation(ids: Iterable[str], numbers: Mapping[str, int]) -> Html:
    """'[1, 3]', each number a link to its source's entry; empty when no ID is a known source."""
    cited = sorted({numbers[i] for i in ids if i in numbers})
    if not cited:
        return Html("")
    links = join(", ", (el("a", str(n), href=f"#{source_anchor(n)}") for n in cited))
    return el("span", ["[", links, "]"], class_="cite")


def rich_text(value: str, numbers: Mapping[str, int]) -> Html:
    """Analyst text, escaped, whose source markers ([S1], [S1; S3]) become numbered citation links.

    A marker naming an ID that is not a source stays as typed (validation reports it)."""
    out: list[str] = []
    start = 0
    for match, ids in citations(value, numbers):
        if not all(i in numbers for i in ids):
            continue
        out += [text(value[start:match.start()]), citation(ids, numbers)]
        start = match.end()
    out.append(text(value[start:]))
    return Html("".join(out))


def link(label: str, url: str) -> Html:
    """A link when the URL is safe (http(s) with a host, or mailto), else the label as plain text."""
    target = safe_url(url)
    if target is None:
        return text(label)
    return el("a", label, href=target, rel="noopener noreferrer")


def tlp_label(label: str) -> Html:
    """The TLP label in FIRST's colours (coloured text on black), as a span any part can place."""
    record = tlp(label)
    return el("span", record.label, class_=f"tlp {tlp_class(record.label)}")


def trend(word: str | None) -> Html:
    """'↑ Increasing': the arrow is decoration for sighted readers; the word says it for everyone."""
    if not word:
        return Html("")
    arrow = ARROWS.get(word)
    return Html(el("span", arrow, aria_hidden="true") + " " + text(word)) if arrow else text(word)
