"""The kept LibreOffice of a cluster worker: one process for many files, a fresh one after it dies or hangs."""
from __future__ import annotations

import os
import signal
import subprocess

import pytest

from reporttool.pdf.office import Office, OfficeFailed

from .briefings import sample_briefing
from .docx_reading import build


def pdf_text(data: bytes, folder) -> str:
    (folder / "out.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", str(folder / "out.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def office():
    kept = Office(seconds_per_file=60)
    yield kept
    running = kept.pids()
    kept.close()
    assert running and not [pid for pid in running if _alive(pid)]


def _alive(pid: int) -> bool:
    """Running, and not merely a zombie awaiting its reaper."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_one_libreoffice_converts_many_files(office, tmp_path):
    docx = build(sample_briefing())
    for _ in range(3):
        assert sample_briefing().title in pdf_text(office.convert(docx), tmp_path)
    assert office.starts == 1


def test_a_libreoffice_that_died_is_restarted_and_the_file_still_converts(office, tmp_path):
    docx = build(sample_briefing())
    office.convert(docx)
    bridge = office._bridge.pid
    for pid in office.pids():
        if pid != bridge:  # LibreOffice itself, not the bridge: the bridge finds its desktop gone
            os.kill(pid, signal.SIGKILL)
    assert sample_briefing().title in pdf_text(office.convert(docx), tmp_path)
    assert office.starts == 2


def test_a_hung_conversion_is_bounded_and_the_next_file_gets_a_fresh_libreoffice(office, tmp_path):
    docx = build(sample_briefing())
    office.convert(docx)
    frozen = office.pids()
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    office.seconds_per_file = 2
    with pytest.raises(OfficeFailed, match="did not finish within 2 s"):
        office.convert(docx)
    assert not set(frozen) & set(office.pids())
    office.seconds_per_file = 60
    assert sample_briefing().title in pdf_text(office.convert(docx), tmp_path)
    assert office.starts == 2


def test_a_kept_libreoffice_gives_the_same_bytes_every_time(tmp_path):
    """PDFs made on a cluster worker are as stable as the batch way's: dates from the publication date."""
    docx, office = build(sample_briefing()), Office(seconds_per_file=60)
    try:
        first, second = office.convert(docx), office.convert(docx)
    finally:
        office.close()
    assert first == second
    (tmp_path / "a.pdf").write_bytes(first)
    info = subprocess.run(["pdfinfo", str(tmp_path / "a.pdf")], capture_output=True, text=True, check=True).stdout
    assert "2025" in next(line for line in info.splitlines() if line.startswith("CreationDate"))
