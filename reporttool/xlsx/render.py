"""Briefing + Brand -> the risk-matrix workbook (.xlsx), written with xlsxwriter, a long Register streamed."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..brand.folder import Brand
from ..editions.changes import Changes
from ..model import Briefing, Client
from ..text import join_fields
from ..brand.words import Words
from .look import Build, Formats, inert, look_for


def render_xlsx(briefing: Briefing, brand: Brand, *, client: Client | None = None,
                changes: Changes | None = None) -> bytes:
    """The whole workbook as bytes; the same inputs always give the same bytes. `changes` since the
    previous edition add a Changes sheet and the Register's Change column."""
    import xlsxwriter  # heavy: imported only when a workbook is written, as are the sheet modules using it

    from .changes import add_changes
    from .matrix import add_chart, add_matrix
    from .tables import add_bands, add_register, add_sources, add_stances, add_timeline, streams

    look = look_for(brand)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {
        # in_memory: no temporary files, and xlsxwriter then stamps every zip entry 1980-01-01.
        # A streamed Register needs them (so do its parts, to be zipped from disk, not from
        # memory); xlsxwriter then stamps every entry 1980-01-31, as fixed.
        "in_memory": not streams(len(briefing.risks)),
        # Analyst text is data: never let a leading = + - @, a number-like or URL-like text convert.
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
        "default_format_properties": {"font_name": look.body_font, "font_size": look.body_size},
    })
    words = Words(brand)
    build = Build(workbook, Formats(workbook, look), look, words, briefing, brand, client, changes)
    for add in (add_matrix, add_register, add_changes, add_bands, add_chart, add_stances, add_timeline,
                add_sources):
        add(build)
    _set_properties(workbook, briefing, words)
    workbook.close()
    return output.getvalue()


def _set_properties(workbook: Any, briefing: Briefing, words: Words) -> None:
    """Document properties as the Word briefing sets them, created and modified on the publication date;
    a draft's title starts with DRAFT and its status says Draft."""
    draft = briefing.is_draft
    workbook.set_properties({
        "title": inert(f"{words('draft')}: {briefing.title}" if draft else briefing.title),
        **({"status": briefing.status} if draft else {}),
        "author": inert(join_fields("; ", briefing.authors)),
        "subject": inert(briefing.region),
        "keywords": inert(join_fields("; ", briefing.countries)),
        "comments": inert(briefing.summary or ""),
        "created": dt.datetime.combine(briefing.published, dt.time(), tzinfo=dt.timezone.utc),
    })
    workbook.set_custom_property("Reference", briefing.reference)
    workbook.set_custom_property("Classification", briefing.classification)
    if draft:
        workbook.set_custom_property("Status", briefing.status)
