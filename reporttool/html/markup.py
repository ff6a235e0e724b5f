"""Building HTML as text where every string is escaped unless it is already Html: escaping by type.

Html is a str that this package made itself (tags, or text already escaped). Anything else reaching
`el` or `text` is analyst or brand text and is escaped, so forgetting to escape is impossible rather
than unlikely: the same guarantee a template engine's autoescape gives, without a template language.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html import escape

from ..text import clean, contain_bidi


class Html(str):
    """Markup made by this package: passed through as it is, never escaped again."""

    __slots__ = ()


Content = str | Iterable[str] | None  # text (escaped unless Html), a sequence of such, or nothing
EMPTY = Html("")
NL = Html("\n")  # between blocks, so the source reads line by line
# Void elements take no closing tag (WHATWG HTML, 13.1.2).
VOID = frozenset({"br", "img", "meta", "link", "hr", "col", "wbr"})


@cache
def _not_html() -> re.Pattern[str]:
    """Characters an HTML parser reports as errors that clean() keeps: C1 controls and noncharacters."""
    nonchars = "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))  # U+1FFFE ...
    return re.compile(f"[\x80-\x9f\ufdd0-\ufdef{nonchars}]")


def plain(value: str) -> str:
    """Text an HTML document can carry: CR as LF, invisible controls and noncharacters dropped."""
    if value.isascii() and value.isprintable():  # the common case, at C speed
        return value
    return _not_html().sub("", clean(value))


def text(value: str) -> Html:
    """Analyst text as HTML: escaped, its line breaks kept, its direction changes closed at its end."""
    value = plain(value)
    escaped = escape(value if value.isascii() else contain_bidi(value), quote=False)  # ASCII has no direction marks
    return Html(escaped.replace("\n", "<br>") if "\n" in escaped else escaped)


def attr_value(value: str) -> str:
    return escape(plain(value), quote=True)


def render(content: Content) -> Html:
    """Content of any accepted shape as one Html string (strings escaped, Html kept)."""
    if content is None:
        return EMPTY
    if isinstance(content, Html):
        return content
    if isinstance(content, str):
        return text(content)
    return Html("".join(render(part) for part in content))


def el(tag: str, content: Content = None, /, **attrs: str | bool | None) -> Html:
    """<tag attrs>content</tag>; attrs named with a trailing underscore lose it (class_ is class),
    other underscores become hyphens (aria_label is aria-label); None and False leave an attribute out."""
    pieces = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name[:-1] if name.endswith("_") else name.replace("_", "-")
        pieces.append(name if value is True else f'{name}="{attr_value(value)}"')
    opening = f"<{' '.join(pieces)}>"
    if tag in VOID:
        return Html(opening)
    return Html(f"{opening}{render(content)}</{tag}>")


def join(separator: str, parts: Iterable[Content]) -> Html:
    """Parts joined by a separator (escaped like any text), skipping empty ones."""
    rendered = [render(p) for p in parts]
    return Html(render(separator).join(p for p in rendered if p))
