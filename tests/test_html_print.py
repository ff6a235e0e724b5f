"""The HTML briefing printed by a real browser (headless Chromium to PDF): every page marked, nothing lost."""
from __future__ import annotations

import shutil
import subprocess

from .briefings import CLIENT, sample_briefing
from .html_reading import build

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-gpu", "--no-pdf-header-footer"]


def chromium() -> str:
    """Chromium is installed by `make test` (.ci/system-deps.sh); its absence is a failure, not a skip."""
    path = shutil.which("chromium")
    assert path, "chromium is missing: run `make test`, which installs it"
    return path


def printed_pages(html: bytes, folder) -> list[str]:
    page, pdf = folder / "briefing.html", folder / "briefing.pdf"
    page.write_bytes(html)
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.rstrip("\f").split("\f")


def test_chromium_prints_every_page_with_tlp_reference_and_page_x_of_y_and_all_the_content(tmp_path):
    pages = printed_pages(build(sample_briefing(), client=CLIENT), tmp_path)
    total = len(pages)
    assert total >= 4
    for number, text in enumerate(pages, 1):
        assert text.count("TLP:AMBER") >= 2, number  # top and bottom margins (and the masthead on page 1)
        assert f"Page {number} of {total}" in text and "MRA-2025-017" in text
    methodology = next(t for t in pages if "How to read the ratings" in t)
    lines = [line.strip() for line in methodology.splitlines() if line.strip()]
    assert lines[:2] == ["TLP:AMBER", "Methodology"]  # the top margin's label, then the section opens the page
    everything = " ".join(" ".join(t.split()) for t in pages)
    b = sample_briefing()
    for expected in (b.title, "Prepared for Caspian Energy Partners", *(r.id for r in b.risks),
                     *(s.title for s in b.sources), "Contact", "This briefing is provided for information only"):
        assert expected in everything, expected
