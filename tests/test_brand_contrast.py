"""`brand check` warns on text colours under WCAG AA (4.5:1), with the ratio and the style; the shipped
brands pass."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from reporttool.brand.contrast import contrast_ratio
from reporttool.brand.folder import TEMPLATES, check_brand


def recoloured(tmp_path: Path, brand: str, old: str, new: str) -> Path:
    """A copy of a shipped brand with one colour replaced everywhere, in brand.toml and in the template."""
    folder = tmp_path / brand
    shutil.copytree(TEMPLATES / brand, folder)
    toml = folder / "brand.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    source, out = zipfile.ZipFile(folder / "template.docx"), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(old.encode(), new.encode()))
    (folder / "template.docx").write_bytes(out.getvalue())
    return folder


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert contrast_ratio("2A9D8F", "FFFFFF") == pytest.approx(3.32, abs=0.01)
    assert contrast_ratio("B08D3C", "FFFFFF") == pytest.approx(3.12, abs=0.01)


@pytest.mark.parametrize("brand", ["meridian", "northgate"])
def test_the_shipped_brands_text_colours_reach_aa(brand):
    assert [i for i in check_brand(TEMPLATES / brand) if i.code == "low-contrast"] == []


@pytest.mark.parametrize("brand, ours, before, panel", [("meridian", "1E766B", "2A9D8F", "EEF3F7"),
                                                         ("northgate", "806226", "B08D3C", "F6F1E7")])
def test_the_old_accent_colours_are_reported_with_ratio_and_style(tmp_path, brand, ours, before, panel):
    issues = [i for i in check_brand(recoloured(tmp_path, brand, ours, before)) if i.code == "low-contrast"]
    assert issues and all(not i.is_error for i in issues)
    messages = {i.message for i in issues}
    ratio = f"{contrast_ratio(before, 'FFFFFF'):.2f}:1"
    assert f"colours.accent: text colour {before} on FFFFFF has a contrast of {ratio}, under the 4.5:1 WCAG AA " \
           "asks for" in messages
    styles = {m.split(":")[0] for m in messages if m.startswith("style")}
    assert {"style 'heading 2'", "style 'Hyperlink'", "style 'Source Citation'", "style 'Confidence'"} <= styles
    assert any(f"on {panel}" in m and m.startswith("style 'Confidence'") for m in messages)  # the takeaway panel
    assert {i.location.file for i in issues} == {str(tmp_path / brand / "brand.toml"),
                                                 str(tmp_path / brand / "template.docx")}


def test_brand_check_prints_the_warnings_and_still_passes(tmp_path, run_cli):
    folder = recoloured(tmp_path, "meridian", "1E766B", "2A9D8F")
    code, out, _ = run_cli("brand", "check", folder)
    assert code == 0 and "low-contrast" in out and "3.32:1" in out and "'Subtitle'" in out
