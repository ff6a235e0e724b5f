"""reporttool: briefing workbooks in, branded Word briefings, risk matrices and client packs out.

The public API, listed in one place. Names resolve on first use, so that `reporttool --help` does
not pay for openpyxl, lxml or xlsxwriter.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "read_briefing": "load", "read_clients": "load", "Result": "load",
    "Briefing": "model", "Takeaway": "model", "Section": "model", "Event": "model", "Stance": "model",
    "Risk": "model", "Source": "model", "Client": "model",
    "Issue": "issues", "Location": "issues", "Severity": "issues",
    "Limits": "package", "FileProblem": "package",
    "Brand": "brand", "load_brand": "brand", "check_brand": "brand",
    "render_docx": "render_docx", "render_xlsx": "render_xlsx", "convert_to_pdf": "pdf",
    "briefing_for": "selection", "write_template": "template",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'reporttool' has no attribute {name!r}")
    return getattr(import_module(f".{_API[name]}", __name__), name)
