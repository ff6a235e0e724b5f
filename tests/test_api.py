"""The public API resolves every listed name, and importing the package stays light."""
from __future__ import annotations

import subprocess
import sys

import reporttool


def test_every_public_name_resolves():
    for name in reporttool.__all__:
        assert getattr(reporttool, name) is not None, name


def test_importing_the_cli_loads_no_heavy_library():
    code = ("import sys, reporttool, reporttool.cli; "
            "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'lxml', 'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
