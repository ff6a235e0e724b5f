"""HTML briefing: time per page of the example in a warm process, next to the Word renderer's time for
the same briefing and brand measured in the same run (issue 12's Speed section: within 2x of docx)."""
from __future__ import annotations

from typing import Any

from reporttool.brand.folder import load_brand
from reporttool.docx.render import render_docx
from reporttool.html.render import render_html
from tests.bench.bench_docx import example_briefing
from tests.bench.common import best_ms, peak_mib, row

MAX_RATIO = 2.0


def rows() -> list[dict[str, Any]]:
    brand, briefing = load_brand("meridian"), example_briefing()
    render_html(briefing, brand), render_docx(briefing, brand)  # warm: caches filled, modules imported
    html_ms = best_ms(lambda: render_html(briefing, brand), repeat=7, number=10)
    docx_ms = best_ms(lambda: render_docx(briefing, brand), repeat=7, number=10)
    peak = peak_mib(lambda: render_html(briefing, brand))
    measure = f"html: example briefing, warm ({len(briefing.events)} events, {len(briefing.risks)} risks)"
    return [row(measure, html_ms, "docx renderer, same briefing", docx_ms, f"<= {MAX_RATIO:g}x docx's time",
                html_ms <= MAX_RATIO * docx_ms, peak)]
