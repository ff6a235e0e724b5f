"""`brand check` refuses every brand that would break a build, each with a one-line message, without hanging."""
from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

import pytest
from docx import Document

from tests.test_docx_styles import copy_brand
from tests.workbooks import valid_sheets, write_workbook


def _check(run_cli, folder: Path) -> str:
    code, out, err = run_cli("brand", "check", folder)
    assert code == 1 and "Traceback" not in out + err, out + err
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert len(errors) == 1, out
    return errors[0]


def _toml(folder: Path, old: str, new: str) -> None:
    path = folder / "brand.toml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_a_template_part_in_utf16_hiding_a_dtd_is_refused(tmp_path, run_cli):
    styles = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w [<!ENTITY x "boom">]>\n<w:styles/>'
    folder = copy_brand(tmp_path, parts={"word/styles.xml": styles.encode("utf-16")})
    assert "word/styles.xml is not UTF-8 XML" in _check(run_cli, folder)


def test_a_brand_without_bands_is_refused(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    text = (folder / "brand.toml").read_text()
    (folder / "brand.toml").write_text("bands = []\n" + re.sub(r"\[\[bands\]\][^\[]*", "", text))
    assert "no [[bands]]" in _check(run_cli, folder)


@pytest.mark.parametrize("old, new", [("low = 1\n", 'low = "1"\n'), ("high = 4\n", "high = 4.9\n")])
def test_band_bounds_that_would_be_coerced_are_refused(tmp_path, run_cli, old, new):
    folder = copy_brand(tmp_path)
    _toml(folder, old, new)
    assert "band bounds must be whole numbers" in _check(run_cli, folder)


def test_a_brand_toml_that_is_not_utf8_is_refused(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    (folder / "brand.toml").write_bytes((folder / "brand.toml").read_text().replace(
        "Meridian Risk Advisory", "Méridien").encode("latin-1"))
    assert "not UTF-8 text" in _check(run_cli, folder)


def test_a_brand_toml_that_is_a_fifo_is_refused_at_once(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    (folder / "brand.toml").unlink()
    os.mkfifo(folder / "brand.toml")  # run_cli's timeout fails the test if the read blocks
    assert "not a plain file" in _check(run_cli, folder)


def test_a_brand_toml_linked_to_an_endless_device_is_refused(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    (folder / "brand.toml").unlink()
    (folder / "brand.toml").symlink_to("/dev/zero")
    assert "not a plain file" in _check(run_cli, folder)


def test_a_logo_with_a_good_header_and_a_damaged_body_is_refused(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    data = bytearray((folder / "logo.png").read_bytes())
    data[60] ^= 0xFF  # past the 33-byte signature and header chunk: inside the picture data
    (folder / "logo.png").write_bytes(bytes(data))
    assert "logo.png is not a usable PNG picture" in _check(run_cli, folder)


def test_a_logo_whose_checksums_hold_but_whose_pixels_do_not_inflate_is_refused(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    data = (folder / "logo.png").read_bytes()
    at = data.index(b"IDAT") - 4
    length = int.from_bytes(data[at:at + 4], "big")
    body = bytes([0x78, 0x9C]) + b"\xff" * (length - 2)  # a zlib header, then no valid deflate stream
    chunk = length.to_bytes(4, "big") + b"IDAT" + body + zlib.crc32(b"IDAT" + body).to_bytes(4, "big")
    (folder / "logo.png").write_bytes(data[:at] + chunk + data[at + 12 + length:])
    assert "picture data is damaged" in _check(run_cli, folder)


def test_a_brand_that_passes_check_builds_a_document_that_opens(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    assert run_cli("brand", "check", folder)[0] == 0
    briefing = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    code, out, err = run_cli("build", briefing, "-o", tmp_path / "out", "--brand", folder, "--format", "docx")
    assert code == 0, out + err
    assert "A test briefing" in "\n".join(p.text for p in Document(tmp_path / "out" / "RT-T-1.docx").paragraphs)


def test_a_brand_toml_with_a_syntax_error_is_to_be_corrected_not_created(tmp_path, run_cli):
    folder = copy_brand(tmp_path)
    _toml(folder, 'name = "Meridian Risk Advisory"', 'name = "Meridian Risk Advisory')
    assert "brand.toml cannot be read" in _check(run_cli, folder)
    out = run_cli("brand", "check", folder)[1]
    assert "hint: correct brand.toml where the message says" in out and "create brand.toml" not in out
