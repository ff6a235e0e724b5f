"""What a reader of the PDF gets: every script in the text layer, tags for screen readers, whole
keywords, and the same bytes for the same briefing. Every document converts in one LibreOffice run."""
from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from reporttool.building import write_pdfs
from reporttool.docx.namespaces import W

from reporttool.model import Briefing, Event, Section
from reporttool.values import PartialDate

from .briefings import CJK, long_briefing, mixed_script_briefing, sample_briefing
from .docx_reading import blocks, build, part, style_of, text
from .test_pdf import pdf_info, pdf_text

COUNTRIES = ("Côte d'Ivoire", "Korea, Republic of", "South Africa")
STRICT = dataclasses.replace(sample_briefing(), classification="TLP:AMBER+STRICT")
CASES = {
    "mixed": lambda: build(mixed_script_briefing()),
    "mixed-northgate": lambda: build(mixed_script_briefing(), "northgate"),
    "countries": lambda: build(dataclasses.replace(sample_briefing(), countries=COUNTRIES)),
    "strict-northgate": lambda: build(STRICT, "northgate"),
    "forecast": lambda: build(forecast_briefing()),
    # 400 risks: 16 to a heat-map cell made the map a page tall, leaving "Risk outlook" alone on a page (#11)
    "long-northgate": lambda: build(long_briefing(events=60, risks=400), "northgate"),
    # Timelines of several lengths move every heading and intro line through the page (8 and 36 extra
    # events put "Stances of key actors..." last on a page before #11, in one brand each).
    **{f"flow-{brand}-{n}": (lambda brand=brand, n=n: build(flow_briefing(n), brand))
       for brand in ("meridian", "northgate") for n in (4, 8, 16, 24, 36, 44)},
}


def flow_briefing(extra: int) -> Briefing:
    """The sample briefing with `extra` more events, of varied length, in its timeline."""
    base = sample_briefing()
    events = tuple(Event(f"X{i:02d}", PartialDate(2001, 1 + i % 12), f"Extra event {i} " + "word " * (i % 7 * 6),
                         ("Actor",)) for i in range(extra))
    return dataclasses.replace(base, events=base.events + events)


def forecast_briefing() -> Briefing:
    """An analyst's own section called "Risk forecast", first among the sections, as in the example."""
    base = sample_briefing()
    own = Section("Risk forecast", ("The analyst's own forecast comes before the heat map.",))
    return dataclasses.replace(base, sections=(own, *base.sections))


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("readers")
    jobs = {folder / f"{name}.pdf": make() for name, make in CASES.items()}
    jobs[folder / "same-run" / "mixed.pdf"] = CASES["mixed"]()  # converted after 17 others, in the same run
    write_pdfs(jobs)
    again = folder / "again" / "mixed.pdf"
    write_pdfs({again: CASES["mixed"]()})  # a second build: another LibreOffice run, another time of day
    return {**{path.stem: path for path in jobs if path.parent == folder}, "again": again,
            "same-run": folder / "same-run" / "mixed.pdf"}


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
    first = pages(pdfs[name])[0]
    assert first.count("🚀") == 2  # the title's, after Chinese, and the heading's (their font: test_docx_scripts)


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
    assert pdfs["mixed"].read_bytes() == pdfs["again"].read_bytes() == pdfs["same-run"].read_bytes()
    assert pdf_info(pdfs["mixed"])["CreationDate"].startswith("Sun May  4 00:00:00 2025")
    assert pdfs["mixed"].read_bytes() != pdfs["mixed-northgate"].read_bytes()


FOOTER_OR_HEADER = re.compile(r"^(?:TLP:\S+|\S+ Page \d+ of \d+(?: TLP:\S+)?)$")


def page_lines(path: Path) -> list[list[str]]:
    """Each page's lines of body text (the running header and footer left out)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    pages = out.stdout.split("\f")[:int(pdf_info(path)["Pages"])]
    return [[" ".join(line.split()) for line in page.splitlines()
             if line.strip() and not FOOTER_OR_HEADER.match(" ".join(line.split()))] for page in pages]


def kept_with_next(name: str) -> set[str]:
    """The texts of the headings and intro lines the docx keeps with what follows them."""
    doc = part(CASES[name]())
    return {" ".join(text(p).split()) for p in blocks(doc)
            if p.tag.endswith("}p") and p.xpath("./w:pPr/w:keepNext", namespaces={"w": W})} - {""}


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("flow-")] + ["mixed-northgate", "long-northgate"])
def test_no_page_ends_with_a_heading_or_an_intro_line(pdfs, name):
    kept = kept_with_next(name)
    assert {"Timeline", "Heat map", "Methodology"} & kept
    for number, lines in enumerate(page_lines(pdfs[name])[:-1], 1):
        assert lines and lines[-1] not in kept, f"page {number} ends with {lines[-1]!r}"


def test_back_matter_flows_on_without_forced_page_breaks(pdfs):
    for lines in page_lines(pdfs["flow-meridian-4"]):
        if "Methodology" in lines:
            assert lines.index("Methodology") > 0  # it follows the sources on their page


def test_the_analysts_risk_forecast_and_the_generated_one_are_one_section(pdfs):
    words = pdf_text(pdfs["forecast"])
    assert words.count("Risk forecast") == 1
    prose = words.index("The analyst's own forecast comes before the heat map.")
    assert words.index("Risk forecast") < prose < words.index("Heat map") < words.index("Risk register")
    assert words.index("Engagement stances") < words.index("Risk forecast")


def test_tlp_labels_never_break(pdfs):
    out = subprocess.run(["pdftotext", str(pdfs["strict-northgate"]), "-"], capture_output=True, text=True, check=True)
    lines = [line.strip() for line in out.stdout.splitlines()]
    labelled = [line for line in lines if "STRICT" in line]
    assert len(labelled) > 2 * int(pdf_info(pdfs["strict-northgate"])["Pages"])  # header, footer, methodology
    assert all("TLP:AMBER+STRICT" in line for line in labelled) and "TLP" not in lines


def test_the_heat_map_of_a_long_register_sits_on_one_page_with_its_headings(pdfs):
    page = next(lines for lines in page_lines(pdfs["long-northgate"]) if "Heat map" in lines)
    assert page.index("RISK OUTLOOK") < page.index("Heat map")
    assert "Rare (1)" in page and any("+10" in line for line in page)  # "+10 more": the IDs cut short
