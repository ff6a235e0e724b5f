"""Briefing + Brand -> one self-contained HTML5 page: the briefing to read in a browser, print or preview.

Everything the page needs is inside it: one <style> (allowed by its hash in the page's
Content-Security-Policy, which allows nothing else), the logo as a data: URI, no script, no font,
image or stylesheet fetched from anywhere. Links go out only to sources' safe URLs, and never send a
Referer. The same inputs give the same bytes.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..brand.folder import Brand
from ..brand.words import Words
from ..editions.changes import Changes
from ..model import Briefing, Client
from ..text import join_fields
from .appendix import colophon, methodology, sources
from .body import Page, narrative, stances, takeaways, timeline, title_block
from .changes import changes_section
from .inline import tlp_label
from .markup import NL, Html, el
from .risks import risk_forecast
from .style import PageFurniture, style_hash, stylesheet


@dataclass(frozen=True)
class RenderedPage:
    """The page and its Content-Security-Policy, for a server to send as a header too (the meta tag in
    the page holds the same policy, so a saved or mailed copy keeps it)."""

    data: bytes
    policy: str


def render_html(briefing: Briefing, brand: Brand, client: Client | None = None,
                changes: Changes | None = None) -> bytes:
    """The whole page as UTF-8 bytes; the same inputs always give the same bytes. `changes` since the
    previous edition add a section after the takeaways and a register column."""
    return render_page(briefing, brand, client, changes).data


def render_page(briefing: Briefing, brand: Brand, client: Client | None = None,
                changes: Changes | None = None) -> RenderedPage:
    words = Words(brand)
    page = Page(brand, words, {s.id: n for n, s in enumerate(briefing.sources, 1)})
    draft = words("draft") if briefing.is_draft else ""
    sheet = stylesheet(brand, PageFurniture(briefing.reference, briefing.classification, (words("page"), words("of")),
                                            draft))
    policy = (f"default-src 'none'; style-src {style_hash(sheet)}; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    body = el("body", el("div", [NL, masthead(briefing, page), NL, el("main", article(briefing, page, client, changes)), NL,
                                 colophon(briefing, page), NL], class_="page"))
    document = Html("<!DOCTYPE html>\n") + el("html", [head(briefing, sheet, policy, draft), NL, body, NL],
                                                 lang=brand.language)
    return RenderedPage((document + "\n").encode("utf-8"), policy)


def article(b: Briefing, page: Page, client: Client | None, changes: Changes | None = None) -> Html:
    """The briefing's parts in the Word briefing's order."""
    parts = [title_block(b, page, client), takeaways(b, page), changes_section(changes, page), narrative(b, page),
             timeline(b, page), stances(b, page), risk_forecast(b, page, client, changes), sources(b.sources, page),
             methodology(page)]
    return el("article", [NL, *(Html(p + NL) for p in parts if p)], aria_labelledby="briefing-title")


def head(b: Briefing, sheet: str, policy: str, draft: str = "") -> Html:
    """Character set first, then the policy that allows only this page's own sheet and data: images.
    A draft's title starts with DRAFT and a status meta says Draft."""
    metas = [el("meta", charset="utf-8"), el("meta", http_equiv="Content-Security-Policy", content=policy),
             el("meta", name="referrer", content="no-referrer"),
             el("meta", name="viewport", content="width=device-width, initial-scale=1"),
             el("meta", name="author", content=join_fields("; ", b.authors)),
             el("meta", name="generator", content="reporttool")]
    metas += [el("meta", name="description", content=b.summary)] if b.summary else []
    metas += [el("meta", name="status", content=b.status)] if draft else []
    title = el("title", f"{draft + ': ' if draft else ''}{b.title} ({b.reference})")
    return el("head", [NL, *(Html(m + NL) for m in metas), title, NL,
                       Html(f"<style>{_inert_css(sheet)}</style>\n")])


def masthead(b: Briefing, page: Page) -> Html:
    """The brand's logo and the TLP label, as the Word briefing's header shows them on every page."""
    logo = el("img", src=logo_uri(page.brand.logo), alt=page.words("logo_alt", brand=page.brand.name), class_="logo")
    draft = [el("strong", page.words("draft"), class_="draft")] if b.is_draft else []
    return el("header", [logo, *draft, tlp_label(b.classification)], class_="masthead")


def logo_uri(path: Path) -> str:
    """The logo as a data: URI (a PNG, as the brand check requires), read once while the file is unchanged."""
    stat = path.stat()
    return _logo_uri(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _logo_uri(path: str, _size: int, _mtime: int) -> str:
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def _inert_css(sheet: str) -> str:
    """The sheet as a <style> may hold it: no "</" can end the element early (brand values are
    escaped already; this keeps a future edit of briefing.css from breaking the page either)."""
    if "</" in sheet:
        raise ValueError("the stylesheet contains '</', which would end the <style> element")
    return sheet

