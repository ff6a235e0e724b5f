"""PDF through LibreOffice: the briefings convert, and the PDF text holds what the client must see.

LibreOffice takes seconds to start, so every document is converted in one soffice run, once per
test session.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from reporttool.pdf import libreoffice as pdf
from reporttool.pdf.libreoffice import convert_to_pdf

from .briefings import CLIENT, hostile_briefing, long_briefing, sample_briefing
from .docx_reading import build

CASES = {"sample": lambda: build(sample_briefing()), "long": lambda: build(long_briefing()),
         "northgate": lambda: build(sample_briefing(), "northgate", CLIENT),
         "hostile": lambda: build(hostile_briefing())}


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Path | str]:
    folder = tmp_path_factory.mktemp("pdf")
    inputs = {}
    for name, make in CASES.items():
        inputs[name] = folder / f"{name}.docx"
        inputs[name].write_bytes(make())
    inputs["missing"] = folder / "missing.docx"
    results = convert_to_pdf(list(inputs.values()), folder / "out", timeout=300)
    return {name: results[path] for name, path in inputs.items()}


def pdf_text(path: Path | str) -> str:
    assert isinstance(path, Path), path  # else it is the reason the conversion failed
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


@pytest.mark.parametrize("name, briefing", [("sample", sample_briefing()), ("long", long_briefing())])
def test_pdf_holds_the_title_and_every_risk_id(pdfs, name, briefing):
    words = pdf_text(pdfs[name])
    assert briefing.title in words
    found = set(re.findall(r"\bR\d+\b", words))
    assert {r.id for r in briefing.risks} <= found


def test_footer_fields_become_page_x_of_y(pdfs):
    pages = int(pdf_info(pdfs["long"])["Pages"])
    assert pages > 10
    words = pdf_text(pdfs["long"])
    assert f"MRA-LONG Page 1 of {pages}" in words and f"Page {pages} of {pages}" in words


def test_every_timeline_event_of_the_long_briefing_is_in_the_pdf(pdfs):
    words = pdf_text(pdfs["long"])
    assert all(f"event number {i} with" in words for i in range(200))


def test_brands_set_the_paper_size(pdfs):
    assert pdf_info(pdfs["sample"])["Page size"].endswith("(A4)")
    assert pdf_info(pdfs["northgate"])["Page size"].endswith("(letter)")
    assert "Prepared for Caspian Energy Partners" in pdf_text(pdfs["northgate"])


def test_hostile_text_survives_into_the_pdf(pdfs):
    words = pdf_text(pdfs["hostile"])
    assert "<script>alert(1)</script>" in words and "=cmd|' /C calc'!A0 <b>&amp;</b>" in words


def test_emoji_are_drawn_with_a_font_that_has_them(pdfs):
    # LibreOffice draws colour emoji fonts as nothing in PDFs; Symbola (installed by .ci/system-deps.sh)
    # gives them outlines, where without it they came out as empty boxes
    out = subprocess.run(["pdffonts", str(pdfs["hostile"])], capture_output=True, check=True, text=True).stdout
    assert "Symbola" in out and "🛰️🔥" in pdf_text(pdfs["hostile"])


def test_a_missing_input_is_reported_not_raised(pdfs):
    assert pdfs["missing"].endswith("missing.docx does not exist")


def test_without_libreoffice_the_message_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    result = convert_to_pdf([tmp_path / "a.docx"], tmp_path, timeout=5)
    assert "apt-get install libreoffice-writer-nogui" in result[tmp_path / "a.docx"]


def fake_soffice(tmp_path: Path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return str(path)


def test_a_hung_libreoffice_is_stopped_at_the_timeout(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice(tmp_path, "sleep 60 & sleep 60"))
    (tmp_path / "a.docx").write_bytes(b"x")
    started = time.monotonic()
    result = convert_to_pdf([tmp_path / "a.docx"], tmp_path / "out", timeout=1)
    assert time.monotonic() - started < 10
    assert result[tmp_path / "a.docx"] == "LibreOffice did not finish within 1 s"


def test_two_inputs_with_the_same_name_are_not_silently_overwritten(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice(tmp_path, "exit 0"))
    first, second = tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"
    for f in (first, second):
        f.parent.mkdir()
        f.write_bytes(b"x")
    result = convert_to_pdf([first, second], tmp_path / "out", timeout=5)
    assert "also named x" in result[second]
    assert "could not convert x.docx" in result[first]


def test_sigterm_during_a_pdf_build_ends_libreoffice_and_leaves_nothing_behind(tmp_path):
    import os
    import signal

    from .conftest import ROOT
    from .conftest import CLI

    out = tmp_path / "out"
    proc = subprocess.Popen([str(CLI), "build", str(ROOT / "examples" / "briefing.xlsx"), "-o", str(out),
                             "--format", "pdf"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".pdf-*/*.docx")):
        time.sleep(0.02)
    time.sleep(0.3)  # LibreOffice is starting
    os.kill(proc.pid, signal.SIGTERM)  # as a job scheduler stops a run: the tool alone, not its group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err
    assert list(out.iterdir()) == []
    still = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{os.path.realpath(out)}/"],
                           capture_output=True, text=True).stdout
    assert still == ""


def test_a_child_left_holding_libreoffices_output_does_not_escape_the_timeout(monkeypatch, tmp_path):
    import os
    import signal

    pid_file = tmp_path / "child.pid"  # a child in its own session, out of reach of the group kill
    monkeypatch.setattr(pdf, "find_soffice", lambda: fake_soffice(
        tmp_path, f"setsid sleep 30 & echo $! > {pid_file}; sleep 60"))
    (tmp_path / "a.docx").write_bytes(b"x")
    started = time.monotonic()
    try:
        result = convert_to_pdf([tmp_path / "a.docx"], tmp_path / "out", timeout=1)
        assert time.monotonic() - started < 10
        assert result[tmp_path / "a.docx"] == "LibreOffice did not finish within 1 s"
    finally:
        os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_a_killed_build_leaves_nothing_in_the_system_temporary_folder_and_the_next_build_cleans_up(tmp_path):
    import os
    import signal

    from .conftest import CLI, ROOT

    out, system_tmp = tmp_path / "out", tmp_path / "tmp"
    system_tmp.mkdir()
    args = [str(CLI), "build", str(ROOT / "examples" / "briefing.xlsx"), "-o", str(out), "--format", "pdf"]
    env = {**os.environ, "TMPDIR": str(system_tmp)}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".pdf-*/reporttool-soffice-*")):
        time.sleep(0.02)
    proc.kill()  # no chance to clean up
    proc.wait()
    orphans = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{os.path.realpath(out)}/"],
                             capture_output=True, text=True).stdout.split()
    for pid in orphans:  # the killed build's LibreOffice, which nobody is left to end
        os.kill(int(pid), signal.SIGKILL)
    assert list(out.glob(".pdf-*")) and list(system_tmp.iterdir()) == []
    rerun = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(p.name for p in out.iterdir()) == ["RT-2025-014.pdf"] and list(system_tmp.iterdir()) == []


def test_a_relative_output_folder_gets_its_pdf(tmp_path):
    """`reporttool build ... -o out --format pdf`, as make demo runs it, from the folder the user is in."""
    from .conftest import CLI, ROOT

    proc = subprocess.run([str(CLI), "build", str(ROOT / "examples" / "briefing.xlsx"), "-o", "out", "--format", "pdf"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "RT-2025-014.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "RT-2025-014" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
