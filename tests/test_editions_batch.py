"""Editions in batch: each briefing paired with its previous edition by the Previous field, each client
told what changed among its own risks; drafts refused unless allowed, then marked DRAFT in the packs."""
from __future__ import annotations

import dataclasses
import re

import openpyxl

from .briefings import sample_briefing
from .docx_reading import NS, after_heading, part, text
from .editions_fixtures import current_edition, previous_of, write_briefing
from .workbooks import write_workbook

HEADING = "What changed since MRA-2025-016, 27 April 2025"


def clients(tmp_path):
    return write_workbook(tmp_path / "clients.xlsx", {"Clients": [
        ["Client", "Minimum rating", "Formats"],
        ["High only", "High", "docx; xlsx"],
        ["Everyone", None, "docx"],
    ]})


def editions(tmp_path, **current_changes):
    """The fixture pair, R3 brought down to Medium (6) so that it leaves the High-only client."""
    current = current_edition(sample_briefing())
    previous = previous_of(current)
    current = dataclasses.replace(current, risks=tuple(dataclasses.replace(r, likelihood=2) if r.id == "R3" else r
                                                       for r in current.risks), **current_changes)
    return (write_briefing(tmp_path / "previous.xlsx", previous), write_briefing(tmp_path / "current.xlsx", current),
            current)


def section_lines(docx: bytes) -> list[str]:
    return [text(b) for b in after_heading(part(docx), HEADING) if b.tag.endswith("}p")]


def test_each_client_is_told_what_changed_among_its_risks(run_cli, tmp_path):
    previous, current, model = editions(tmp_path)
    code, out, err = run_cli("batch", clients(tmp_path), current, "--previous", previous, "-o", tmp_path / "packs",
                             "--jobs", "1")
    assert code == 0, out + err
    high = (tmp_path / "packs" / "high-only" / "MRA-2025-017.docx").read_bytes()
    lines = section_lines(high)
    r3 = next(r for r in model.risks if r.id == "R3")
    assert f"Leaving: R3 (now below your threshold): {r3.risk}" in lines
    assert not any(line.startswith("New to you: R4") for line in lines)  # R4 is Medium: never this client's
    everyone = section_lines((tmp_path / "packs" / "everyone" / "MRA-2025-017.docx").read_bytes())
    assert any(line.startswith("New to you: R4 (Medium): ") for line in everyone)
    assert "Leaving: RX (retired): A risk that has since been retired" in everyone
    book = openpyxl.load_workbook(tmp_path / "packs" / "high-only" / "MRA-2025-017-risk-matrix.xlsx")
    changes = {r[1].value: r[2].value for r in book["Changes"].iter_rows(min_row=2) if r[0].value == "Risk"}
    assert changes["R3"] == "Leaving" and "R4" not in changes


def test_a_previous_reference_not_given_stops_the_run_naming_the_cell(run_cli, tmp_path):
    _, current, _ = editions(tmp_path)
    other = write_briefing(tmp_path / "other.xlsx", dataclasses.replace(previous_of(current_edition(sample_briefing())),
                                                                        reference="MRA-2024-001"))
    code, out, err = run_cli("batch", clients(tmp_path), current, "--previous", other, "-o", tmp_path / "packs")
    assert code == 1
    assert re.search(r"Briefing!B\d+: error \(Previous\): Previous names 'MRA-2025-016', and no --previous workbook "
                     r"has that Reference \(given: MRA-2024-001\) \[previous-not-given\]", out), out
    assert not (tmp_path / "packs").exists() or not any((tmp_path / "packs").iterdir())


def test_batch_refuses_drafts_unless_allowed_and_then_marks_the_packs(run_cli, tmp_path):
    previous, current, _ = editions(tmp_path, status="Draft")
    code, out, err = run_cli("batch", clients(tmp_path), current, "--previous", previous, "-o", tmp_path / "packs")
    assert code == 1
    assert re.search(r"Briefing!B\d+: error \(Status\): current.xlsx \(MRA-2025-017\) is a Draft; batch sends only "
                     r"Final briefings \[draft\]", out), out
    assert "--allow-drafts" in out
    code, out, err = run_cli("batch", clients(tmp_path), current, "--previous", previous, "-o", tmp_path / "packs",
                             "--allow-drafts", "--jobs", "1")
    assert code == 0, out + err
    docx = (tmp_path / "packs" / "everyone" / "MRA-2025-017.docx").read_bytes()
    assert "DRAFT" in text(part(docx, "word/header1.xml")) and "DRAFT" in text(part(docx, "word/footer1.xml"))
    assert part(docx, "docProps/core.xml").findtext("cp:contentStatus", namespaces=NS) == "Draft"
    book = openpyxl.load_workbook(tmp_path / "packs" / "high-only" / "MRA-2025-017-risk-matrix.xlsx")
    assert book.properties.title.startswith("DRAFT: ") and "DRAFT" in book["Register"].oddHeader.center.text


def test_a_rerun_skips_unchanged_packs_and_rebuilds_when_the_previous_edition_changes(run_cli, tmp_path):
    previous, current, _ = editions(tmp_path)
    manifest = clients(tmp_path)
    args = ("batch", manifest, current, "--previous", previous, "-o", tmp_path / "packs", "--jobs", "1")
    assert run_cli(*args)[0] == 0
    code, out, err = run_cli(*args)
    assert code == 0 and "0 built, 2 unchanged" in out, out + err
    earlier = previous_of(current_edition(sample_briefing()))
    write_briefing(previous, dataclasses.replace(earlier, takeaways=()))  # the same Reference, other content
    code, out, err = run_cli(*args)
    assert code == 0 and "2 built, 0 unchanged" in out, out + err
    # without --previous the same briefings build with no changes section, and no error
    code, out, err = run_cli("batch", manifest, current, "-o", tmp_path / "plain", "--jobs", "1")
    assert code == 0, out + err
    assert "What changed" not in text(part((tmp_path / "plain" / "everyone" / "MRA-2025-017.docx").read_bytes()))


def test_a_previous_edition_no_briefing_names_stops_the_run_rather_than_going_unused(run_cli, tmp_path):
    # build --previous uses it; batch pairs by the Previous field, so its packs silently said nothing had changed
    previous, current, model = editions(tmp_path, previous=None)
    code, out, err = run_cli("batch", clients(tmp_path), current, "--previous", previous, "-o", tmp_path / "packs")
    assert code == 1, out + err
    assert ("previous.xlsx (MRA-2025-016) is given with --previous, and no briefing names it in its Previous field "
            "[previous-unused]") in out
    assert "type MRA-2025-016 in the Previous field" in out
