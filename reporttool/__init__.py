"""reporttool: briefing workbooks in, branded Word briefings, risk matrices and client packs out.

The public API, listed in one place. Names resolve on first use, so that `reporttool --help` does
not pay for openpyxl, lxml or xlsxwriter.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "read_briefing": "workbook.load", "read_clients": "workbook.load", "Result": "workbook.load",
    "Briefing": "model", "Takeaway": "model", "Section": "model", "Event": "model", "Stance": "model",
    "Risk": "model", "Source": "model", "Client": "model",
    "Issue": "issues", "Location": "issues", "Severity": "issues",
    "Limits": "workbook.package", "FileProblem": "workbook.package",
    "Brand": "brand.folder", "load_brand": "brand.folder", "check_brand": "brand.folder",
    "render_docx": "docx.render", "render_xlsx": "xlsx.render", "convert_to_pdf": "pdf.libreoffice",
    "briefing_for": "packs.selection", "write_template": "workbook.template",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'reporttool' has no attribute {name!r}")
    return getattr(import_module(f".{_API[name]}", __name__), name)
