"""The one table of output formats: name, file name, renderer, and whether LibreOffice makes it.

The CLI's --format, the manifest's Formats rule and dropdown, the builders and the docs all read this
table, so a new format is one row here and one renderer module that reads the model.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .brand.folder import Brand
    from .editions.changes import Changes
    from .model import Briefing, Client


@dataclass(frozen=True)
class Format:
    """One output format. A renderer is named, not imported, so `reporttool --help` stays fast."""

    name: str
    title: str          # what a reader gets, for help texts and docs
    suffix: str         # the file name after the briefing's Reference
    media_type: str
    renderer: str = ""  # "module:function" taking (briefing, brand, client=..., changes=...) and returning bytes
    converted_from: str = ""  # made from another format's bytes by LibreOffice

    @property
    def needs_libreoffice(self) -> bool:
        return bool(self.converted_from)

    def file_name(self, reference: str) -> str:
        return reference + self.suffix

    def render(self, briefing: Briefing, brand: Brand, client: Client | None = None,
               changes: Changes | None = None) -> bytes:
        """`changes` since a previous edition reach only renderers that show them (passed only when set)."""
        module, function = self.renderer.split(":")
        extra = {"changes": changes} if changes is not None else {}
        return getattr(import_module(module), function)(briefing, brand, client=client, **extra)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("docx", "the Word briefing", ".docx",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           renderer="reporttool.docx.render:render_docx"),
    Format("xlsx", "the risk-matrix workbook", "-risk-matrix.xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           renderer="reporttool.xlsx.render:render_xlsx"),
    Format("pdf", "the Word briefing as PDF", ".pdf", "application/pdf", converted_from="docx"),
    Format("html", "the briefing as one self-contained web page", ".html", "text/html; charset=utf-8",
           renderer="reporttool.html.render:render_html"),
)}
NAMES = tuple(FORMATS)
DEFAULT = ("docx", "xlsx")


def output_name(reference: str, fmt: str) -> str:
    """The file a format writes for a briefing: RT-2025-014.docx, RT-2025-014-risk-matrix.xlsx."""
    return FORMATS[fmt].file_name(reference)


def parse_formats(text: str) -> tuple[str, ...]:
    """Names separated by commas (or semicolons and spaces, as the manifest's Formats column reads them), in
    the order given, each once; ValueError names what is unknown."""
    wanted = tuple(dict.fromkeys(f.lower() for f in re.split(r"[,;\s]+", text) if f))
    unknown = [f for f in wanted if f not in FORMATS]
    if not wanted:
        raise ValueError(f"no format given; use one or more of {', '.join(NAMES)}, e.g. docx,pdf")
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; use {', '.join(NAMES)}")
    return wanted


def rendered_for(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to render for those wanted: each rendered one, and the source of each converted one."""
    needed = {FORMATS[f].converted_from or f for f in wanted}
    return tuple(name for name, fmt in FORMATS.items() if name in needed and not fmt.converted_from)


def converted(wanted: tuple[str, ...]) -> tuple[Format, ...]:
    """The wanted formats LibreOffice makes."""
    return tuple(FORMATS[f] for f in wanted if FORMATS[f].converted_from)


def describe() -> str:
    """One line per format, for help texts and the docs."""
    return "; ".join(f"{f.name}: {f.title}" for f in FORMATS.values())
