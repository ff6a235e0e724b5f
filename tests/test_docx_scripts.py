"""Every script in the Word briefing: fonts that have Chinese, Japanese, Korean and emoji, and
paragraph direction that follows the majority of a paragraph's letters."""
from __future__ import annotations

import re

from reporttool.brand.folder import load_brand
from reporttool.docx.emoji import emoji_runs

from .briefings import mixed_script_briefing
from .docx_reading import NS, blocks, build, part, style_of, text, w


def test_each_brand_names_an_east_asian_font_as_the_documents_default():
    for brand, font in (("meridian", "Noto Sans CJK SC"), ("northgate", "Noto Serif CJK SC")):
        styles = part(build(mixed_script_briefing(), brand), "word/styles.xml")
        fonts = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
        assert fonts.get(w("eastAsia")) == font == load_brand(brand).font("east_asia")
        assert fonts.get(w("ascii"))  # the template's Latin font is kept


def test_a_mostly_english_title_starting_in_arabic_stays_left_to_right():
    doc = part(build(mixed_script_briefing()))
    title = next(p for p in blocks(doc) if style_of(p) == "Title")
    assert text(title).startswith("کابل and Москва")
    assert title.find(f"{w('pPr')}/{w('bidi')}") is None
    assert all(r.find(f"{w('rPr')}/{w('rtl')}") is None for r in title.iter(w("r")))


def test_every_emoji_sits_in_a_run_of_its_own_in_the_brands_emoji_font():
    for brand in ("meridian", "northgate"):
        doc = part(build(mixed_script_briefing(), brand))
        emoji_runs_found = [r for r in doc.iter(w("r")) if "🚀" in text(r)]
        assert len(emoji_runs_found) == 2  # the title's and the heading's
        for r in emoji_runs_found:
            assert text(r) == "🚀"
            fonts = r.find(f"{w('rPr')}/{w('rFonts')}")
            assert {fonts.get(w(k)) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Symbola"}
        heading = next(p for p in blocks(doc) if style_of(p) == "Heading1" and "🚀" in text(p))
        assert text(heading) == "Beijing's view 🚀"


def test_emoji_runs_keep_the_runs_style_and_properties_in_schema_order():
    xml = ('<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t xml:space="preserve">a 🔥 b</w:t><w:br/>'
           '<w:t>🛰️🔥</w:t></w:r>')
    out = emoji_runs(xml, "Symbola")
    runs = re.findall(r"<w:r>.*?</w:r>", out)
    fonts = '<w:rFonts w:ascii="Symbola" w:hAnsi="Symbola" w:eastAsia="Symbola" w:cs="Symbola"/>'
    assert runs == ['<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t xml:space="preserve">a </w:t></w:r>',
                    f'<w:r><w:rPr><w:rStyle w:val="Strong"/>{fonts}<w:b/></w:rPr><w:t>🔥</w:t></w:r>',
                    '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t xml:space="preserve"> b</w:t></w:r>',
                    '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:br/></w:r>',
                    f'<w:r><w:rPr><w:rStyle w:val="Strong"/>{fonts}<w:b/></w:rPr><w:t>🛰️🔥</w:t></w:r>']
    assert emoji_runs("<w:r><w:t>■ → ● plain</w:t></w:r>", "Symbola") == "<w:r><w:t>■ → ● plain</w:t></w:r>"


def test_arabic_runs_inside_an_english_paragraph_keep_their_own_direction():
    doc = part(build(mixed_script_briefing()))
    prose = next(p for p in blocks(doc) if text(p).startswith("Prose about"))
    assert prose.find(f"{w('pPr')}/{w('bidi')}") is None
    assert "حركة طالبان" in text(prose)
    assert not prose.xpath(".//w:rtl", namespaces=NS)
