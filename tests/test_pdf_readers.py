"""What a reader of the PDF gets: every script in the text layer, tags for screen readers, whole
keywords, and the same bytes for the same briefing. Every document converts in one LibreOffice run."""
from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from reporttool.building import write_pdfs

from .briefings import CJK, mixed_script_briefing, sample_briefing
from .docx_reading import build
from .test_pdf import pdf_info, pdf_text

COUNTRIES = ("Côte d'Ivoire", "Korea, Republic of", "South Africa")
CASES = {
    "mixed": lambda: build(mixed_script_briefing()),
    "mixed-northgate": lambda: build(mixed_script_briefing(), "northgate"),
    "countries": lambda: build(dataclasses.replace(sample_briefing(), countries=COUNTRIES)),
}


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("readers")
    jobs = {folder / f"{name}.pdf": make() for name, make in CASES.items()}
    write_pdfs(jobs)
    again = folder / "again" / "mixed.pdf"
    write_pdfs({again: CASES["mixed"]()})  # a second build: another LibreOffice run, another time of day
    return {**{path.stem: path for path in jobs}, "again": again}


def pages(path: Path) -> list[str]:
    """The text of each page, in reading order, one space between words."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f")][:int(pdf_info(path)["Pages"])]


@pytest.mark.parametrize("name", ["mixed", "mixed-northgate"])
def test_every_chinese_japanese_and_korean_string_is_in_the_text_layer(pdfs, name):
    words = pdf_text(pdfs[name])
    assert all(word in words for word in CJK), [w for w in CJK if w not in words]
    assert "Москва: Engagement Across" in words and "حركة طالبان" in words
    fonts = subprocess.run(["pdffonts", str(pdfs[name])], capture_output=True, check=True, text=True).stdout
    assert "CJK" in fonts and "Symbola" in fonts


def test_the_title_reads_left_to_right_with_its_arabic_word_first(pdfs):
    first = pages(pdfs["mixed"])[0]
    assert "کابل and Москва: Engagement Across" in first.replace("\u202b", "").replace("\u202c", "").replace("  ", " ") \
        or first.index("and Москва") < first.index("Engagement Across")


def test_pdfs_are_tagged_with_the_title_and_language(pdfs):
    info = pdf_info(pdfs["mixed"])
    assert info["Tagged"] == "yes"
    assert info["Title"] == mixed_script_briefing().title
    catalog = pdfs["mixed"].read_bytes()
    assert b"/Lang(en-GB)" in catalog and b"/DisplayDocTitle true" in catalog
    assert b"/Lang(en-US)" in pdfs["mixed-northgate"].read_bytes()


def test_keywords_keep_names_with_spaces_and_commas_whole(pdfs):
    assert pdf_info(pdfs["countries"])["Keywords"] == "; ".join(COUNTRIES)
    assert "Countries: Côte d'Ivoire, Korea, Republic of, South Africa" in pdf_text(pdfs["countries"])


def test_the_same_briefing_gives_the_same_pdf_bytes_dated_on_its_publication_date(pdfs):
    assert pdfs["mixed"].read_bytes() == pdfs["again"].read_bytes()
    assert pdf_info(pdfs["mixed"])["CreationDate"].startswith("Sun May  4 00:00:00 2025")
    assert pdfs["mixed"].read_bytes() != pdfs["mixed-northgate"].read_bytes()
