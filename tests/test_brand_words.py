"""A brand's language is its whole vocabulary: every fixed sentence comes from its words, in its spelling."""
from __future__ import annotations

import dataclasses
import re

import openpyxl

from reporttool.brand.folder import load_brand
from reporttool.brand.words import WORDS, Words, tlp_word
from reporttool.values import TLP_LABELS
from reporttool.xlsx.render import render_xlsx

from .briefings import sample_briefing
from .docx_reading import build, part, text

BRITISH = re.compile(r"organis|colour|recognis|favour|behaviour|centre|licence", re.I)


def fixed_text_only():
    """The sample briefing with no analyst prose, events or stances: what is left is ours."""
    base = sample_briefing()
    risks = tuple(dataclasses.replace(r, risk=f"Risk {r.id}", mitigation=None, indicators=()) for r in base.risks)
    return dataclasses.replace(base, summary=None, takeaways=(), sections=(), events=(), stances=(), sources=(),
                               title="Title", subtitle=None, risks=risks)


def test_every_tlp_meaning_and_validation_message_is_a_word_a_brand_can_replace():
    assert {tlp_word(t.label) for t in TLP_LABELS} == {"tlp_clear", "tlp_green", "tlp_amber", "tlp_amber_strict",
                                                       "tlp_red"} <= set(WORDS)
    assert "whole_number" in WORDS


def test_a_us_english_brand_prints_us_spelling_everywhere():
    docx = text(part(build(fixed_text_only(), "northgate")))
    assert "within their organization" in docx and "cell color shows" in docx
    assert not BRITISH.findall(docx), BRITISH.findall(docx)
    british = text(part(build(fixed_text_only(), "meridian")))
    assert "within their organisation" in british and "cell colour shows" in british


def test_the_workbook_speaks_the_brands_words_too(tmp_path):
    path = tmp_path / "m.xlsx"
    path.write_bytes(render_xlsx(sample_briefing(), load_brand("northgate")))
    register = openpyxl.load_workbook(path)["Register"]
    messages = {v.error for v in register.data_validations.dataValidation}
    assert messages == {Words(load_brand("northgate"))("whole_number", scale=s) for s in (
        "1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain",
        "1 Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Severe")}


def test_a_brands_own_words_win_over_its_languages_spelling():
    brand = dataclasses.replace(load_brand("northgate"), words={"tlp_red": "Red means red."})
    assert Words(brand)("tlp_red") == "Red means red." and "organization" in Words(brand)("tlp_amber")
