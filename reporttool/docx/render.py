"""Briefing + Brand -> .docx bytes: the branded Word briefing a client receives.

The document XML is written directly on top of the brand template's parts (styles, numbering,
page setup), naming styles by id (reporttool.docx.styles). python-docx is not used here: looking
styles up by name and its object graph cost most of the time and memory (issue 3).
"""
from __future__ import annotations


from ..brand.folder import Brand
from ..brand.words import Words
from ..editions.changes import Changes
from ..model import Briefing, Client, Section
from ..present import reading_minutes, same_heading, split_timeline
from ..text import contain_bidi, join_fields
from ..values import PartialDate
from . import styles as S
from .appendix import contact, methodology, sources
from .changes import changes_section
from .context import Context
from .emoji import emoji_runs
from .inline import rich_text, tlp_label
from .parts import (EMU_PER_TWIP, PACKAGE_RELS, app_properties, content_types, core_properties, document_rels,
                    logo_drawing, read_logo, section_properties, story_part, story_rels, zip_parts)
from .tables import heat_map, register_table, stance_table, timeline_table
from .template import load_template
from .wml import Xml, field, keep_together, para, run

SEPARATOR = "  ·  "


def render_docx(briefing: Briefing, brand: Brand, *, client: Client | None = None,
                changes: Changes | None = None) -> bytes:
    """The whole .docx; the same inputs always give the same bytes (dates = publication date).
    `changes` since the previous edition add a section after the takeaways and a register column."""
    ctx = Context(brand, load_template(brand.template, brand.language, brand.font("east_asia")), Words(brand),
                  {s.id: n for n, s in enumerate(briefing.sources, 1)})
    body = document(briefing, ctx, client, changes)
    logo, template = read_logo(brand.logo), ctx.template
    parts = {
        "[Content_Types].xml": content_types(template),
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": _core(briefing, brand, ctx.words),
        "docProps/app.xml": app_properties(brand.name),
        "word/document.xml": body,
        "word/header1.xml": header(briefing, ctx, logo),
        "word/footer1.xml": footer(briefing, ctx),
        **story_rels(template),
        template.logo_part: logo,
        **template.parts,
    }
    parts["word/_rels/document.xml.rels"] = document_rels(ctx)  # after the body has collected links
    return zip_parts(parts, briefing.published)


def document(briefing: Briefing, ctx: Context, client: Client | None, changes: Changes | None = None) -> bytes:
    """word/document.xml: the briefing's parts in the order the issue sets, then the page setup."""
    parts = (title_block(briefing, ctx, client), takeaways(briefing, ctx), changes_section(changes, ctx),
             narrative(briefing, ctx), timeline(briefing, ctx), stances(briefing, ctx),
             risk_forecast(briefing, ctx, client, changes),
             sources(briefing.sources, ctx) if briefing.sources else [], methodology(ctx), contact(ctx))
    body = _finish("".join("".join(part) for part in parts), ctx)
    return story_part("document", ["<w:body>", body, section_properties(ctx.template), "</w:body>"])


def title_block(b: Briefing, ctx: Context, client: Client | None) -> list[Xml]:
    """TLP label, title, subtitle, who and when, where, reading time, then the standfirst."""
    w = ctx.words
    dates = [f"{w(key)} {PartialDate.from_date(day).display()}"
             for key, day in (("published", b.published), ("updated", b.updated)) if day]
    who = [f"{w('by')} {join_fields(', ', b.authors)}", *dates, w("min_read", minutes=str(reading_minutes(b)))]
    where = [f"{w('region')}: {contain_bidi(b.region)}"] + (
        [f"{w('countries')}: {join_fields(', ', b.countries)}"] if b.countries else [])
    out = [para(S.META, [tlp_label(b.classification)]), para(S.TITLE, b.title)]
    out += [para(S.SUBTITLE, b.subtitle)] if b.subtitle else []
    out += [para(S.META, SEPARATOR.join(who)), para(S.META, SEPARATOR.join(where))]
    out += [para(S.META, [run(join_fields(SEPARATOR, _client_lines(client, ctx)), S.STRONG)])] if client else []
    out += [para(S.STANDFIRST, rich_text(b.summary, ctx))] if b.summary else []
    return out


def _client_lines(client: Client, ctx: Context) -> list[str]:
    return [ctx.words("prepared_for", client=client.client)] + [x for x in (client.contact, client.email) if x]


def takeaways(b: Briefing, ctx: Context) -> list[Xml]:
    if not b.takeaways:
        return []
    return [para(S.HEADING_1, ctx.words("key_takeaways"))] + [
        para(S.TAKEAWAY, rich_text(t.text, ctx) + _confidence(t.confidence, ctx)) for t in b.takeaways]


def _confidence(level: str | None, ctx: Context) -> list[Xml]:
    return [run("  "), run(ctx.words("confidence", confidence=level), S.CONFIDENCE)] if level else []


def narrative(b: Briefing, ctx: Context) -> list[Xml]:
    out: list[Xml] = []
    for section in b.sections:
        if not _is_risk_forecast(section, ctx):
            out.append(para(S.HEADING_1, section.heading))
            out += _prose(section, ctx)
    return out


def _is_risk_forecast(section: Section, ctx: Context) -> bool:
    """The analyst's own section named as the generated one: the two become one (prose, then the map)."""
    return same_heading(section.heading, ctx.words("risk_forecast"))


def _prose(section: Section, ctx: Context) -> list[Xml]:
    return [para(S.BODY, rich_text(p, ctx)) for p in section.paragraphs]


def timeline(b: Briefing, ctx: Context) -> list[Xml]:
    if not b.events:
        return []
    past, ahead = split_timeline(b)
    out = [para(S.HEADING_1, ctx.words("timeline"))]
    out += [timeline_table(past, ctx)] if past else [para(S.BODY, ctx.words("no_past_events"))]
    if ahead:
        out += [_gap(), para(S.HEADING_2, ctx.words("key_dates_ahead")), timeline_table(ahead, ctx)]
    return out


def _gap() -> Xml:
    """An empty paragraph: Word needs one between a table and what follows to keep them apart."""
    return para(S.BODY)


def stances(b: Briefing, ctx: Context) -> list[Xml]:
    if not b.stances:
        return []
    out = [para(S.HEADING_1, ctx.words("stances"))]
    out += [para(S.BODY, ctx.words("stances_toward", subject=b.subject), keep_next=True)] if b.subject else []
    return out + [stance_table(b.stances, {e.id: e for e in b.events}, ctx), _gap()]


def risk_forecast(b: Briefing, ctx: Context, client: Client | None, changes: Changes | None = None) -> list[Xml]:
    w = ctx.words
    out = [para(S.HEADING_1, w("risk_forecast"))]
    out += [p for section in b.sections if _is_risk_forecast(section, ctx) for p in _prose(section, ctx)]
    if not b.risks:
        text = w("no_matching_risks", client=client.client) if client else w("no_risks")
        return out + [para(S.BODY, text)]
    grid = keep_together(ctx.template.text_width, [heat_map(b.risks, ctx), legend(ctx)])
    return out + [para(S.HEADING_2, w("heat_map")), grid,
                  para(S.HEADING_2, w("risk_register")), register_table(b.risks, ctx, changes), _gap()]


def legend(ctx: Context) -> Xml:
    """Band colours as squares with their score ranges, then what the heat map shows."""
    runs: list[Xml] = []
    for band in ctx.brand.bands:
        runs += [run("■", colour=band.colour, size=24), run(f" {band.name} {band.low}–{band.high}    ")]
    return para(S.CAPTION, [*runs, run("\n" + ctx.words("heat_map_caption"))])


def header(b: Briefing, ctx: Context, logo: bytes) -> bytes:
    """The logo on the left (with alt text), the TLP label on the right, above the designer's artwork."""
    width = ctx.template.text_width
    drawing = logo_drawing(logo, ctx.words("logo_alt", brand=ctx.brand.name), width * EMU_PER_TWIP * 4 // 10,
                           ctx.template.logo_drawing_id)
    draft = [run(ctx.words("draft"), S.STRONG), run("  ")] if b.is_draft else []
    line = para(S.HEADER, [drawing, run("\t"), *draft, tlp_label(b.classification)], tabs=[("right", width)],
                bidi=False)
    return ctx.template.header.part(_finish(line, ctx))


def footer(b: Briefing, ctx: Context) -> bytes:
    """Reference (and DRAFT), "Page X of Y" as PAGE and NUMPAGES fields, the TLP label, below the designer's
    artwork."""
    w, width = ctx.words, ctx.template.text_width
    draft = [run(f"  {w('draft')}", S.STRONG)] if b.is_draft else []
    runs = [run(b.reference), *draft, run(f"\t{w('page')} "), *field("PAGE", "1"), run(f" {w('of')} "),
            *field("NUMPAGES", "1"), run("\t"), tlp_label(b.classification)]
    tabs = [("center", width // 2), ("right", width)]
    return ctx.template.footer.part(_finish(para(S.FOOTER, runs, tabs=tabs, bidi=False), ctx))


def _finish(xml: Xml, ctx: Context) -> Xml:
    """Style ids as the template saved them, emoji in a font that has them."""
    return emoji_runs(ctx.template.restyle(xml), ctx.brand.font("emoji"))


def _core(b: Briefing, brand: Brand, words: Words) -> bytes:
    """The document properties; a draft's title starts with DRAFT and its status (contentStatus) says Draft."""
    title = f"{words('draft')}: {b.title}" if b.is_draft else b.title
    return core_properties(title=title, creator=join_fields("; ", b.authors), subject=b.region,
                           keywords=join_fields("; ", b.countries), description=b.summary or "",
                           language=brand.language, when=b.published, status=b.status if b.is_draft else "")
