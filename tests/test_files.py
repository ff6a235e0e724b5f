"""Files that are not what they claim, and hostile packages: a clear message, exit 3, bounded cost."""
from __future__ import annotations

import io
import zipfile

import pytest

from reporttool.workbook.load import read_briefing
from reporttool.workbook.package import FileProblem, Limits
from tests.workbooks import Formula, patch_text, set_cell, valid_sheets, write_workbook


def refused(path, limits=Limits()) -> str:
    with pytest.raises(FileProblem) as caught:
        read_briefing(path, limits)
    return caught.value.issue.code


def good(tmp_path):
    return write_workbook(tmp_path / "b.xlsx", valid_sheets())


def test_missing_file(tmp_path):
    assert refused(tmp_path / "nope.xlsx") == "not-found"


def test_empty_file(tmp_path):
    (tmp_path / "e.xlsx").write_bytes(b"")
    assert refused(tmp_path / "e.xlsx") == "empty-file"


def test_truncated_workbook(tmp_path):
    data = good(tmp_path).read_bytes()
    (tmp_path / "t.xlsx").write_bytes(data[: len(data) // 2])
    assert refused(tmp_path / "t.xlsx") == "corrupt"


def test_csv_renamed(tmp_path):
    (tmp_path / "c.xlsx").write_text("ID,Risk,Likelihood\nR1,Attack,3\n")
    with pytest.raises(FileProblem) as caught:
        read_briefing(tmp_path / "c.xlsx")
    assert caught.value.issue.code == "not-a-workbook"
    assert "CSV" in caught.value.issue.message and "Save As" in caught.value.issue.hint


def test_old_xls_renamed(tmp_path):
    (tmp_path / "o.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    assert refused(tmp_path / "o.xlsx") == "not-a-workbook"


def test_password_protected(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500
    (tmp_path / "p.xlsx").write_bytes(ole)
    with pytest.raises(FileProblem) as caught:
        read_briefing(tmp_path / "p.xlsx")
    assert caught.value.issue.code == "encrypted"
    assert "password" in caught.value.issue.hint.lower()


def test_zip_that_is_not_a_workbook(tmp_path):
    with zipfile.ZipFile(tmp_path / "d.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert refused(tmp_path / "d.xlsx") == "not-a-workbook"


def test_entity_expansion_is_refused(tmp_path):
    path = good(tmp_path)
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    patch_text(path, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst', bomb + "<sst")
    assert refused(path) == "unsafe-xml"


def test_external_entity_is_refused(tmp_path):
    path = good(tmp_path)
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    patch_text(path, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst', xxe + "<sst")
    assert refused(path) == "unsafe-xml"


def _zip_with(tmp_path, name: str, data: bytes):
    path = good(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return path


def test_zip_bomb_declared_size(tmp_path):
    path = _zip_with(tmp_path, "xl/media/blob.bin", b"\0" * (3 * 1024 * 1024))
    assert refused(path, Limits(max_inflated_mb=2)) == "too-large"
    assert read_briefing(path, Limits(max_inflated_mb=8)).ok  # the cap can be raised


def test_zip_bomb_lying_about_its_size(tmp_path):
    path = _zip_with(tmp_path, "xl/media/blob.bin", b"\0" * (3 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/media/blob.bin")
    # Rewrite the declared size in the central directory to 1 KB; inflation must still be capped.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/media/blob.bin"))
    data[central + 24: central + 28] = (1024).to_bytes(4, "little")
    local = info.header_offset
    data[local + 22: local + 26] = (1024).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert refused(path, Limits(max_inflated_mb=2)) in ("too-large", "corrupt")


def test_macro_workbook_is_read_with_a_warning(tmp_path):
    path = _zip_with(tmp_path, "xl/vbaProject.bin", b"macro bytes never run")
    result = read_briefing(path)
    assert result.ok
    assert [i.code for i in result.issues] == ["macros-ignored"]


def test_formula_without_cached_value(tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", Formula("=1+2"))
    path = write_workbook(tmp_path / "f.xlsx", sheets)
    patch_text(path, "<f>1+2</f><v>0</v>", "<f>1+2</f>")
    result = read_briefing(path)
    assert ("Risks!D2", "formula-without-value") in {(str(i.location), i.code) for i in result.issues}


def test_formula_with_cached_value_reads_its_value(tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", Formula("=1+2"))
    path = write_workbook(tmp_path / "f.xlsx", sheets)
    patch_text(path, "<f>1+2</f><v>0</v>", "<f>1+2</f><v>3</v>")
    result = read_briefing(path)
    assert result.ok and result.value.risks[0].likelihood == 3


def test_merged_cells_across_rows_warn(tmp_path):
    import openpyxl

    path = write_workbook(tmp_path / "g.xlsx", valid_sheets())
    book = openpyxl.load_workbook(path)
    book["Sections"].merge_cells("A2:A3")
    book.save(path)
    result = read_briefing(path)
    assert ("Sections!A2", "merged-cells") in {(str(i.location), i.code) for i in result.issues}


def test_more_filled_rows_than_the_cap_are_refused(tmp_path):
    sheets = valid_sheets()
    sheets["Sources"] += [[f"S{i}", "A report"] for i in range(2, 1100)]
    with pytest.raises(FileProblem) as caught:
        read_briefing(write_workbook(tmp_path / "m.xlsx", sheets), Limits(max_rows=1000))
    assert caught.value.issue.code == "too-large"


def test_a_declared_million_rows_or_a_stray_cell_far_down_is_read(tmp_path):
    import openpyxl

    path = write_workbook(tmp_path / "m.xlsx", valid_sheets())
    patch_text(path, '<dimension ref="A1:F2"/>', '<dimension ref="A1:F1048576"/>')
    book = openpyxl.load_workbook(path)
    book["Sources"]["F500000"] = "stray"
    book.save(path)
    result = read_briefing(path, Limits(max_rows=1000))  # not refused: the stray row is reported where it is
    assert result.issues and {i.location.row for i in result.issues} == {500000}


def test_an_opendocument_file_and_excels_lock_file_are_named_for_what_they_are(tmp_path):
    ods = tmp_path / "briefing.ods"
    with zipfile.ZipFile(ods, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    lock = tmp_path / "~$briefing.xlsx"
    lock.write_bytes(b"\x0cAnalyst" + b" " * 40)
    for path, words in ((ods, "OpenDocument"), (lock, "lock file")):
        with pytest.raises(FileProblem) as caught:
            read_briefing(path)
        assert words in caught.value.issue.message


def test_damaged_sheet_xml_is_a_file_problem_not_a_crash(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    patch_text(path, "<v>5</v>", "<v>five</v>")  # a number or shared-string cell holding text
    with pytest.raises(FileProblem) as caught:
        read_briefing(path)
    assert caught.value.issue.code == "corrupt" and "sheet of b.xlsx is damaged" in caught.value.issue.message


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.xlsx")
    with pytest.raises(FileProblem) as caught:
        read_briefing(tmp_path / "pipe.xlsx")
    assert "not a file" in caught.value.issue.message


def test_a_package_of_too_many_parts_is_refused_as_such(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    with zipfile.ZipFile(path, "a") as package:
        for i in range(30):
            package.writestr(f"xl/extra/part{i}.bin", b"x")
    with pytest.raises(FileProblem) as caught:
        read_briefing(path, Limits(max_parts=20))
    assert caught.value.issue.code == "too-large" and "more than 20 parts" in caught.value.issue.message


def test_a_workbook_saved_as_strict_open_xml_is_named_for_what_it_is(tmp_path):
    # Excel offers "Strict Open XML Spreadsheet" beside "Excel Workbook"; its sheets must not be called missing
    path = good(tmp_path)
    with zipfile.ZipFile(path) as package:
        files = {n: package.read(n) for n in package.namelist()}
    with zipfile.ZipFile(path, "w") as package:
        for name, data in files.items():
            package.writestr(name, data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                                b"http://purl.oclc.org/ooxml/spreadsheetml/main"))
    with pytest.raises(FileProblem) as caught:
        read_briefing(path)
    assert caught.value.issue.code == "not-a-workbook" and "Strict Open XML" in caught.value.issue.message
    assert "Save As > Excel Workbook" in caught.value.issue.hint
