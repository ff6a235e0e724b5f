"""The brand template as a designer sees it in Word, read with python-docx: style names as Word's
Styles pane shows them (built-in styles included, whatever ids a non-English Word saved them under),
the page size and margins, and what the header and footer hold.

The renderer never uses this (it copies the template's parts as they are, which is faster and keeps
bytes stable); `brand check` and the brand loader do, so what they report reads like Word.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS = {1: "paragraph", 2: "character", 3: "table", 4: "numbering"}
PAPER = {(210, 297): "A4", (216, 279): "Letter", (216, 356): "Legal", (148, 210): "A5"}


@dataclass(frozen=True)
class DesignerView:
    """What Word shows of a template: its styles, its last section's page, its header and footer."""

    styles: tuple[tuple[str, str, str], ...]  # (style id, kind, name as Word shows it)
    page_mm: tuple[int, int]                  # width, height
    margins_mm: tuple[int, int, int, int]     # top, right, bottom, left
    header: str
    footer: str

    def summary(self) -> str:
        width, height = self.page_mm
        paper = PAPER.get((min(width, height), max(width, height)), "custom size")
        shape = "landscape" if width > height else "portrait"
        top, right, bottom, left = self.margins_mm
        return (f"{paper} {shape} ({width} x {height} mm), margins {top}/{right}/{bottom}/{left} mm "
                f"(top/right/bottom/left); header: {self.header}; footer: {self.footer}")


def designer_view(path: Path) -> DesignerView:
    """The template as Word shows it, cached while the file is unchanged. Call it only on a template that
    load_template has accepted: that is where DTDs, sizes and encodings of untrusted parts are checked."""
    stat = path.stat()
    return _designer_view(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _designer_view(path: str, _size: int, _mtime: int) -> DesignerView:
    from docx import Document

    document = Document(path)
    section = document.sections[-1]
    styles = tuple((s.style_id, KINDS.get(int(s.type), "other"), s.name or "") for s in document.styles)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    return DesignerView(styles, (_mm(section.page_width), _mm(section.page_height)),
                        tuple(_mm(m) for m in margins), _story(section.header), _story(section.footer))


def _mm(length: object) -> int:
    return round(getattr(length, "mm", 0) or 0)


def _story(story: object) -> str:
    """What a header or footer holds, in a few words: pictures, text, or nothing."""
    if story.is_linked_to_previous:  # type: ignore[attr-defined]
        return "none in the template (ours only)"
    try:
        element = story._element  # type: ignore[attr-defined]
    except (AttributeError, KeyError):  # a part python-docx does not take for a header (a content type it lacks)
        return "artwork python-docx cannot read (the renderer keeps it as it is)"
    pictures = len(element.xpath(".//pic:pic")) + len(element.xpath(".//*[local-name()='imagedata']"))
    text = " ".join(" ".join(p.text.split()) for p in story.paragraphs if p.text.strip())  # type: ignore[attr-defined]
    held = [f"{pictures} picture(s)"] * bool(pictures) + [f"text {text[:60]!r}"] * bool(text)
    return ", ".join(held) or "empty (ours only)"
