"""The HTML alternative of a client's message: the same words as the plain text, in the brand's font and
colour, the TLP label in FIRST's colours; built with the HTML format's markup, which escapes by type."""
from __future__ import annotations

from ..brand.folder import Brand
from ..html.markup import Html, el
from ..values import TLP_BACKGROUND, Tlp


def html_body(label: Tlp, meaning: str, text: str, brand: Brand) -> str:
    """Inline styles only: mail programs drop style sheets. Paragraphs at blank lines, line breaks kept."""
    font = "".join(c for c in brand.font("body") if c.isalnum() or c in " -")
    look = f"font-family: '{font}', Arial, sans-serif; font-size: 11pt; color: #{brand.colour('text')}"
    badge = el("span", label.label, style=f"color: #{label.colour}; background: #{TLP_BACKGROUND}; "
                                            "font-weight: bold; padding: 1px 6px; white-space: nowrap")
    paragraphs = [el("p", [badge, Html(" "), meaning])]
    paragraphs += [el("p", chunk.strip("\n")) for chunk in text.split("\n\n") if chunk.strip()]
    document = el("html", [el("head", [el("meta", charset="utf-8")]), el("body", paragraphs, style=look)],
                  lang=brand.language)
    return "<!DOCTYPE html>\n" + document + "\n"
