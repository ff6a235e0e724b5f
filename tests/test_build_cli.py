"""`reporttool build` and `reporttool brand check` as a user runs them."""
from __future__ import annotations

import hashlib
import shutil
import subprocess

from docx import Document

from tests.conftest import ROOT
from tests.workbooks import set_cell, valid_sheets, write_workbook

EXAMPLE = ROOT / "examples" / "briefing.xlsx"


def test_build_writes_the_briefing_and_the_matrix(tmp_path, run_cli):
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path)
    assert code == 0, out + err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RT-2025-014-risk-matrix.xlsx", "RT-2025-014.docx"]
    document = Document(tmp_path / "RT-2025-014.docx")
    assert document.core_properties.title.startswith("Afghanistan")


def test_build_is_byte_identical_across_runs(tmp_path, run_cli):
    for folder in ("a", "b"):
        assert run_cli("build", EXAMPLE, "-o", tmp_path / folder)[0] == 0
    for name in ("RT-2025-014.docx", "RT-2025-014-risk-matrix.xlsx"):
        digests = {hashlib.sha256((tmp_path / f / name).read_bytes()).hexdigest() for f in ("a", "b")}
        assert len(digests) == 1, name


def test_build_writes_nothing_when_the_workbook_has_errors(tmp_path, run_cli):
    bad = write_workbook(tmp_path / "bad.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 0))
    code, out, _ = run_cli("build", bad, "-o", tmp_path / "out")
    assert code == 1
    assert "Risks!D2" in out
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_replaced_is_named_and_nothing_is_left_behind(tmp_path, run_cli):
    (tmp_path / "RT-2025-014.docx").mkdir()  # a folder in the way: the message fits a folder, not an open file
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path, "--format", "docx")
    assert code == 4 and "Traceback" not in out + err
    assert str(tmp_path / "RT-2025-014.docx") in err and ".part" not in err
    assert "a folder is where this file must go" in err and "close it" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RT-2025-014.docx"]


def test_build_with_the_second_brand_and_pdf(tmp_path, run_cli):
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path, "--brand", "northgate", "--format", "pdf")
    assert code == 0, out + err
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["RT-2025-014.pdf"]
    text = subprocess.run(["pdftotext", str(tmp_path / "RT-2025-014.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Northgate" in text and "R01" in text


def test_unknown_format_and_unknown_brand_are_usage_errors(tmp_path, run_cli):
    assert run_cli("build", EXAMPLE, "-o", tmp_path, "--format", "odt")[0] == 2
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path, "--brand", "no-such-brand")
    assert code == 2 and "bad-brand" in out and "meridian, northgate" in out
    assert not any(tmp_path.iterdir())


def test_brand_names_ignore_case(tmp_path, run_cli):
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path, "--brand", "Northgate", "--format", "docx")
    assert code == 0, out + err
    text = "\n".join(p.text for p in Document(tmp_path / "RT-2025-014.docx").paragraphs)
    assert "Northgate Intelligence Group" in text


def test_brand_check_reports_what_a_brand_lacks(tmp_path, run_cli):
    assert run_cli("brand", "check", ROOT / "templates" / "meridian")[0] == 0
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "templates" / "meridian", broken)
    (broken / "logo.png").unlink()
    code, out, _ = run_cli("brand", "check", broken)
    assert code == 1 and "logo" in out and "bad-brand" in out


def test_an_input_named_like_an_output_is_never_overwritten(tmp_path, run_cli):
    source = tmp_path / "RT-2025-014-risk-matrix.xlsx"
    shutil.copy(EXAMPLE, source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    code, out, err = run_cli("build", source, "-o", tmp_path)
    assert code == 2 and "would overwrite the input" in err
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_formats_read_the_separators_the_manifest_reads_and_none_is_said_so():
    # the manifest's Formats takes "docx; xlsx": --format "docx; xlsx" was an unknown format "docx;xlsx"
    import pytest

    from reporttool.formats import parse_formats

    assert parse_formats("docx; XLSX") == parse_formats("docx,xlsx") == parse_formats(" docx  xlsx ") == ("docx", "xlsx")
    with pytest.raises(ValueError, match="no format given"):
        parse_formats(" , ")
    with pytest.raises(ValueError, match="unknown format odt"):
        parse_formats("docx;odt")
