"""Inline content shared by the briefing's parts: citations, links, contact lines, the TLP label."""
from __future__ import annotations

from collections.abc import Iterable

from . import styles as S
from ..citations import citations
from .context import Context
from .wml import Xml, hyperlink_external, hyperlink_internal, run
from ..present import EMAIL, safe_url
from ..values import TLP_BACKGROUND, tlp



def source_anchor(number: int) -> str:
    return f"source_{number}"


def citation(ids: Iterable[str], ctx: Context) -> Xml | None:
    """'[1, 3]' linked to the first cited source's entry; None when no ID is a known source."""
    numbers = sorted({ctx.source_numbers[i] for i in ids if i in ctx.source_numbers})
    if not numbers:
        return None
    label = "[" + ", ".join(str(n) for n in numbers) + "]"
    return hyperlink_internal(source_anchor(numbers[0]), [run(label, S.CITATION)])


def rich_text(text: str, ctx: Context, style: S.StyleRef | None = None) -> list[Xml]:
    """Runs for analyst text whose source markers ([S1]) become numbered citations."""
    out: list[Xml] = []
    start = 0
    for match, ids in citations(text, ctx.source_numbers):
        if not all(i in ctx.source_numbers for i in ids):  # validation reports these; shown as typed
            continue
        if match.start() > start:
            out.append(run(text[start:match.start()], style))
        out.append(citation(ids, ctx))
        start = match.end()
    if start < len(text) or not out:
        out.append(run(text[start:], style))
    return out


def link(text: str, url: str, ctx: Context) -> Xml:
    """A clickable link when the URL is safe, else the text as plain, inert text."""
    target = safe_url(url)
    if target is None:
        return run(text)
    return hyperlink_external(ctx.link(target), [run(text, S.HYPERLINK)])


def contact_line(text: str, ctx: Context) -> list[Xml]:
    """A contact line; an e-mail address becomes a mailto link."""
    value = text.strip()
    return [link(value, "mailto:" + value, ctx)] if EMAIL.match(value) else [run(text)]


def tlp_label(label: str) -> Xml:
    """The TLP label in FIRST's colours: coloured text on black, padded with no-break spaces."""
    record = tlp(label)
    return run(f"\u00a0{record.label}\u00a0", S.TLP_LABEL, colour=record.colour, fill=TLP_BACKGROUND)
