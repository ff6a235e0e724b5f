"""The back matter: numbered sources, the methodology appendix, the contact block and disclaimer."""
from __future__ import annotations

from collections.abc import Sequence

from . import styles as S
from .inline import contact_line, link, source_anchor
from ..brand.words import tlp_word
from .context import Context
from .tables import data_table
from .wml import Xml, bookmark, para, run
from ..model import Source
from ..values import CREDIBILITY, IMPACT_WORDS, LIKELIHOOD_WORDS, RELIABILITY, STANCES, TLP_BACKGROUND, TLP_LABELS


def sources(items: Sequence[Source], ctx: Context) -> list[Xml]:
    """Numbered sources, each a bookmark that the text's citations link to."""
    out = [para(S.HEADING_1, ctx.words("sources"))]
    for number, source in enumerate(items, 1):
        runs = [run(f"{number}.\t"), run(source.title, S.STRONG), *_source_details(source, ctx)]
        out.append(para(S.SOURCE, bookmark(ctx.bookmark_id(), source_anchor(number), runs)))
    return out


def _source_details(source: Source, ctx: Context) -> list[Xml]:
    facts = [x for x in (source.publisher, source.date.display() if source.date else None) if x]
    runs = [run(". " + ", ".join(facts) if facts else "")]
    if source.grade:
        runs.append(run(f". {ctx.words('grade')} {source.grade} ({ctx.words.grade(source.grade)})"))
    runs.append(run("."))
    if source.url:
        runs += [run("\n"), link(source.url, source.url, ctx)]
    return runs


def methodology(ctx: Context) -> list[Xml]:
    """The scales, bands, stances, TLP and Admiralty grades, so a client can read every rating."""
    w = ctx.words
    return [para(S.HEADING_1, w("methodology")), para(S.BODY, w("methodology_intro"), keep_next=True),
            *_scale(w("likelihood_scale"), LIKELIHOOD_WORDS, "likelihood", ctx),
            *_scale(w("impact_scale"), IMPACT_WORDS, "impact", ctx),
            *_bands(ctx), *_stances(ctx), *_tlp(ctx), *_admiralty(ctx)]


def _scale(title: str, labels: Sequence[str], key: str, ctx: Context) -> list[Xml]:
    w = ctx.words
    rows = [[str(i), label, w(f"{key}_{i}")] for i, label in enumerate(labels, 1)]
    return [para(S.HEADING_2, title),
            data_table(ctx, (0.1, 0.22, 0.68), [w("level"), w("label"), w("meaning")], rows, title)]


def _bands(ctx: Context) -> list[Xml]:
    w = ctx.words
    bands = ctx.brand.bands
    rows = [[[para(S.TABLE_TEXT, [run(b.name, S.STRONG, colour=b.text_colour)])], f"{b.low}–{b.high}"]
            for b in bands]
    fills = [[b.colour, None] for b in bands]
    return [para(S.HEADING_2, w("rating_bands")), para(S.BODY, w("rating_bands_intro"), keep_next=True),
            data_table(ctx, (0.3, 0.7), [w("rating"), w("scores")], rows, w("rating_bands"), fills)]


def _stances(ctx: Context) -> list[Xml]:
    w = ctx.words
    rows = [[stance, w(f"stance_{stance.lower()}")] for stance in STANCES]
    fills = [[ctx.brand.colours.get(f"stance_{stance.lower()}"), None] for stance in STANCES]
    return [para(S.HEADING_2, w("stance_scale")),
            data_table(ctx, (0.22, 0.78), [w("stance"), w("meaning")], rows, w("stance_scale"), fills)]


def _tlp(ctx: Context) -> list[Xml]:
    """The TLP labels, in a column wide enough for the longest, TLP:AMBER+STRICT, in the shipped brands' type:
    a label is one word without spaces, so a narrower column can only break it inside."""
    w = ctx.words
    rows = [[[para(S.TABLE_TEXT, [run(t.label, S.TLP_LABEL, colour=t.colour)])], w(tlp_word(t.label))]
            for t in TLP_LABELS]
    fills = [[TLP_BACKGROUND, None] for _ in TLP_LABELS]
    return [para(S.HEADING_2, w("tlp")),
            data_table(ctx, (0.3, 0.7), [w("label"), w("meaning")], rows, w("tlp"), fills)]


def _admiralty(ctx: Context) -> list[Xml]:
    w = ctx.words
    rows = [[letter, w(f"reliability_{letter}"), digit, w(f"credibility_{digit}")]
            for letter, digit in zip(RELIABILITY, CREDIBILITY)]
    return [para(S.HEADING_2, w("admiralty")), para(S.BODY, w("admiralty_intro"), keep_next=True),
            data_table(ctx, (0.1, 0.4, 0.1, 0.4), [w("code"), w("reliability"), w("code"), w("credibility")],
                       rows, w("admiralty"))]


def contact(ctx: Context) -> list[Xml]:
    """The brand's contact block and disclaimer, kept together at the end."""
    brand = ctx.brand
    out = [para(S.HEADING_2, ctx.words("contact"))] if brand.contact else []
    out += [para(S.CONTACT, contact_line(line, ctx), keep_next=True) for line in brand.contact]
    if brand.disclaimer:
        out.append(para(S.DISCLAIMER, brand.disclaimer))
    return out
