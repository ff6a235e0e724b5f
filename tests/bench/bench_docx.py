"""Word briefing: time per briefing in a warm process and memory over 500 builds, next to docxtpl,
pandoc and the zip floor built from the same content in the same run (issue 3's Speed section).

The baselines get the same content and the same brand template's styles; where matching a feature
would cost them more (clickable links, Word fields, bookmarks), they are left without it, so the
comparison flatters the baselines, never us.
"""
from __future__ import annotations

import io
import statistics
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from reporttool.brand.folder import Brand, load_brand
from reporttool.docx.parts import zip_parts
from reporttool.model import Briefing
from reporttool.docx.render import render_docx, split_timeline
from reporttool.values import IMPACT_WORDS, LIKELIHOOD_WORDS, band_for
from tests.bench.common import best_ms, peak_mib, row

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "briefing.xlsx"
TARGET_MS = 25.0
BUILDS = 500


def example_briefing() -> Briefing:
    """The shipped example workbook when it reads clean, else the test suite's sample of the same size."""
    from reporttool.workbook.load import read_briefing

    if EXAMPLE.is_file():
        result = read_briefing(EXAMPLE)
        if result.ok and result.value is not None:
            return result.value
    from tests.briefings import sample_briefing
    return sample_briefing()


def context(b: Briefing, brand: Brand) -> dict[str, Any]:
    """The briefing flattened for the template baselines (what our renderer derives as it goes)."""
    past, ahead = split_timeline(b)
    heat = {(r.likelihood, r.impact): [] for r in b.risks}
    for r in b.risks:
        heat[(r.likelihood, r.impact)].append(r.id)
    def event(e): return {"date": e.date.display(), "event": e.event, "actors": ", ".join(e.actors),
                          "location": e.location or "", "significance": e.significance or ""}
    return {
        "tlp": b.classification, "title": b.title, "subtitle": b.subtitle or "", "summary": b.summary or "",
        "reference": b.reference, "meta": f"By {', '.join(b.authors)} · Published {b.published:%d %B %Y}",
        "where": f"Region: {b.region} · Countries: {', '.join(b.countries)}",
        "takeaways": [{"text": t.text, "confidence": t.confidence or ""} for t in b.takeaways],
        "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in b.sections],
        "past": [event(e) for e in past], "ahead": [event(e) for e in ahead],
        "stances": [{"actor": s.actor, "stance": s.stance, "trend": s.trend or "", "drivers": s.drivers or "",
                     "evidence": "; ".join(s.evidence)} for s in b.stances],
        "heat": [{"label": LIKELIHOOD_WORDS[lk - 1], "cells": [
            {"ids": ", ".join(heat.get((lk, im), [])), "colour": band_for(lk * im, brand.bands).colour}
            for im in range(1, 6)]} for lk in range(5, 0, -1)],
        "impacts": list(IMPACT_WORDS),
        "risks": [{"id": r.id, "risk": r.risk, "category": r.category, "likelihood": r.likelihood,
                   "impact": r.impact, "score": r.score, "rating": band_for(r.score, brand.bands).name,
                   "colour": band_for(r.score, brand.bands).colour, "trend": r.trend or "",
                   "mitigation": r.mitigation or "", "indicators": "; ".join(r.indicators)}
                  for r in sorted(b.risks, key=lambda r: -r.score)],
        "sources": [{"n": n, "title": s.title, "publisher": s.publisher or "", "grade": s.grade or "",
                     "url": s.url or ""} for n, s in enumerate(b.sources, 1)],
        "scale": [{"n": n, "word": w} for n, w in enumerate(LIKELIHOOD_WORDS, 1)],
        "contact": list(brand.contact), "disclaimer": brand.disclaimer,
    }


def docxtpl_template(brand: Brand, folder: Path) -> Path:
    """A docxtpl template on the brand's own template.docx with loops equivalent to our document."""
    import docx

    document = docx.Document(str(brand.template))
    body = document.element.body
    for child in list(body)[:-1]:  # keep the page setup, drop the specimen text
        body.remove(child)
    add = document.add_paragraph
    for text, style in (("{{ tlp }}", None), ("{{ title }}", "Title"), ("{{ subtitle }}", "Subtitle"),
                        ("{{ meta }}", "Briefing Meta"), ("{{ where }}", "Briefing Meta"),
                        ("{{ summary }}", "Standfirst"), ("Key takeaways", "heading 1"),
                        ("{%p for t in takeaways %}", None), ("{{ t.text }} {{ t.confidence }}", "List Bullet"),
                        ("{%p endfor %}", None), ("{%p for s in sections %}", None), ("{{ s.heading }}", "heading 1"),
                        ("{%p for p in s.paragraphs %}", None), ("{{ p }}", "Body Text"), ("{%p endfor %}", None),
                        ("{%p endfor %}", None), ("Timeline", "heading 1")):
        add(text, style)
    event_cells = ["{{ e.date }}", "{{ e.event }}\n{{ e.location }}", "{{ e.actors }}", "{{ e.significance }}"]
    _loop_table(document, ["Date", "Event", "Actors", "Significance"], "e in past", event_cells)
    add("Key dates ahead", "heading 2")
    _loop_table(document, ["Date", "Event", "Actors", "Significance"], "e in ahead", event_cells)
    add("Engagement stances", "heading 1")
    _loop_table(document, ["Actor", "Stance", "Trend", "Drivers", "Evidence"], "s in stances",
                ["{{ s.actor }}", "{{ s.stance }}", "{{ s.trend }}", "{{ s.drivers }}", "{{ s.evidence }}"])
    add("Risk forecast", "heading 1")
    _loop_table(document, ["Likelihood", "1", "2", "3", "4", "5"], "h in heat",
                ["{{ h.label }}"] + [f"{{% cellbg h.cells[{i}].colour %}}{{{{ h.cells[{i}].ids }}}}" for i in range(5)])
    _loop_table(document, ["ID", "Risk", "Likelihood", "Impact", "Score", "Rating", "Trend"], "r in risks",
                ["{{ r.id }}", "{{ r.risk }}\n{{ r.category }}\nMitigation: {{ r.mitigation }}\n"
                 "Indicators: {{ r.indicators }}", "{{ r.likelihood }}", "{{ r.impact }}", "{{ r.score }}",
                 "{% cellbg r.colour %}{{ r.rating }}", "{{ r.trend }}"])
    for text, style in (("Sources", "heading 1"), ("{%p for s in sources %}", None),
                        ("{{ s.n }}. {{ s.title }}. {{ s.publisher }}. Grade {{ s.grade }}. {{ s.url }}", "Source Entry"),
                        ("{%p endfor %}", None), ("Methodology", "heading 1")):
        add(text, style)
    for _ in range(6):  # the appendix's six tables
        _loop_table(document, ["Level", "Label"], "x in scale", ["{{ x.n }}", "{{ x.word }}"])
    for text, style in (("{%p for line in contact %}", None), ("{{ line }}", "Contact Block"),
                        ("{%p endfor %}", None), ("{{ disclaimer }}", "Disclaimer")):
        add(text, style)
    document.sections[0].header.paragraphs[0].text = "{{ tlp }}"
    document.sections[0].footer.paragraphs[0].text = "{{ reference }}  {{ tlp }}"
    path = folder / "docxtpl-template.docx"
    document.save(str(path))
    return path


def _loop_table(document, headings: list[str], loop: str, cells: list[str]) -> None:
    table = document.add_table(rows=4, cols=len(headings), style="Briefing Table")
    for cell, text in zip(table.rows[0].cells, headings):
        cell.text = text
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def render_docxtpl(template: Path, ctx: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(ctx)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def markdown(b: Briefing, ctx: dict[str, Any]) -> str:
    """The same content as pandoc markdown (pipe tables, bullets, numbered sources with links)."""
    def table(head: list[str], rows: list[list[Any]]) -> str:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(str(c).replace("|", "/").replace("\n", " ") for c in r) + " |" for r in rows]
        return "\n".join(lines) + "\n\n"
    out = [f"---\ntitle: \"{b.title}\"\nsubtitle: \"{b.subtitle or ''}\"\nauthor: [{', '.join(b.authors)}]\n"
           f"date: {b.published}\n---\n\n{ctx['tlp']}\n\n{ctx['meta']}\n\n{ctx['where']}\n\n{ctx['summary']}\n\n"
           "# Key takeaways\n\n"]
    out += [f"- {t['text']} *{t['confidence']}*\n" for t in ctx["takeaways"]]
    for s in ctx["sections"]:
        out.append(f"\n# {s['heading']}\n\n" + "\n\n".join(s["paragraphs"]) + "\n")
    event_rows = [[e["date"], e["event"] + " " + e["location"], e["actors"], e["significance"]]
                  for e in ctx["past"]]
    out.append("\n# Timeline\n\n" + table(["Date", "Event", "Actors", "Significance"], event_rows))
    out.append("## Key dates ahead\n\n" + table(["Date", "Event", "Actors", "Significance"],
                                                [[e["date"], e["event"], e["actors"], e["significance"]]
                                                 for e in ctx["ahead"]]))
    out.append("# Engagement stances\n\n" + table(["Actor", "Stance", "Trend", "Drivers", "Evidence"],
                                                  [list(s.values()) for s in ctx["stances"]]))
    out.append("# Risk forecast\n\n" + table(["Likelihood", *ctx["impacts"]],
                                             [[h["label"], *(c["ids"] for c in h["cells"])] for h in ctx["heat"]]))
    out.append(table(["ID", "Risk", "Likelihood", "Impact", "Score", "Rating", "Trend"],
                     [[r["id"], f"{r['risk']} {r['category']} {r['mitigation']} {r['indicators']}", r["likelihood"],
                       r["impact"], r["score"], r["rating"], r["trend"]] for r in ctx["risks"]]))
    out.append("# Sources\n\n" + "".join(f"{s['n']}. **{s['title']}**. {s['publisher']}. Grade {s['grade']}. "
                                          f"<{s['url']}>\n" for s in ctx["sources"]))
    out.append("\n# Methodology\n\n" + table(["Level", "Label"], [[x["n"], x["word"]] for x in ctx["scale"]]) * 6)
    out.append("\n".join(ctx["contact"]) + "\n\n" + ctx["disclaimer"] + "\n")
    return "".join(out)


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def rows() -> list[dict[str, Any]]:
    brand, briefing = load_brand("meridian"), example_briefing()
    ours_ms = best_ms(lambda: render_docx(briefing, brand), repeat=7, number=10)
    ours_peak = peak_mib(lambda: render_docx(briefing, brand))
    ctx = context(briefing, brand)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        template = docxtpl_template(brand, folder)
        render_docxtpl(template, ctx)
        tpl_ms = best_ms(lambda: render_docxtpl(template, ctx), repeat=5, number=3)
        (folder / "briefing.md").write_text(markdown(briefing, ctx), encoding="utf-8")
        argv = ["pandoc", "-f", "markdown", "-t", "docx", f"--reference-doc={brand.template}",
                "-o", str(folder / "pandoc.docx"), str(folder / "briefing.md")]
        pandoc_ms = best_ms(lambda: subprocess.run(argv, check=True, capture_output=True), repeat=5)
    with zipfile.ZipFile(io.BytesIO(render_docx(briefing, brand))) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    floor_ms = best_ms(lambda: zip_parts(parts, briefing.published), repeat=7, number=10)
    measure = f"docx: example briefing, warm ({len(briefing.events)} events, {len(briefing.risks)} risks)"
    return [
        row(measure, ours_ms, "docxtpl, equivalent template", tpl_ms, f"<= {TARGET_MS:g} ms, >= 1.5x",
            ours_ms <= TARGET_MS and tpl_ms / ours_ms >= 1.5, ours_peak),
        row(measure, ours_ms, "pandoc md -> docx, reference doc", pandoc_ms, ">= 3x", pandoc_ms / ours_ms >= 3),
        row(measure, ours_ms, "floor: same parts written to a zip", floor_ms, "floor (reference)", True),
        memory_row(briefing, brand),
    ]


def memory_row(briefing: Briefing, brand: Brand) -> dict[str, Any]:
    """RSS after 50 builds against after 500: flat means no lxml trees kept alive between builds."""
    times = []
    for i in range(BUILDS):
        if i == 50:
            settled = rss_mib()
        start = time.perf_counter()
        render_docx(briefing, brand)
        times.append((time.perf_counter() - start) * 1000)
    growth = rss_mib() - settled
    return row(f"docx: {BUILDS} briefings in one process (peak = RSS growth)", statistics.mean(times[50:]),
               "mean of the first 50 builds", statistics.mean(times[:50]), "RSS growth < 5 MiB", growth < 5,
               growth)
