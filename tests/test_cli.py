"""The command line as a user meets it: messages, exit codes, JSON, --strict, --annotate."""
from __future__ import annotations

import hashlib
import json

from tests.workbooks import set_cell, valid_sheets, write_workbook


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_valid_workbook_exits_0(tmp_path, run_cli):
    path = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    code, out, err = run_cli("validate", path)
    assert code == 0, out + err
    assert "valid: 0 error(s), 0 warning(s)" in out


def test_errors_exit_1_with_cell_locations(tmp_path, run_cli):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 6))
    code, out, err = run_cli("validate", path)
    assert code == 1
    assert "Risks!D2: error (Likelihood): 6 is not a whole number from 1 to 5 [bad-number]" in out
    assert "Traceback" not in out + err


def test_unreadable_file_exits_3_without_traceback(tmp_path, run_cli):
    (tmp_path / "x.xlsx").write_text("a,b\n1,2\n")
    code, out, err = run_cli("validate", tmp_path / "x.xlsx")
    assert code == 3
    assert "CSV" in err and "Traceback" not in out + err


def test_usage_errors_exit_2(run_cli):
    assert run_cli("validate")[0] == 2
    assert run_cli("validate", "x.xlsx", "--format", "yaml")[0] == 2
    assert run_cli("frobnicate")[0] == 2


def test_strict_turns_warnings_into_errors(tmp_path, run_cli):
    sheets = valid_sheets()
    sheets["Risks"][0].append("Owner")
    sheets["Risks"][1].append("Ops")
    path = write_workbook(tmp_path / "b.xlsx", sheets)
    assert run_cli("validate", path)[0] == 0
    code, out, _ = run_cli("validate", "--strict", path)
    assert code == 1 and "Risks!G1: error" in out


def test_json_output(tmp_path, run_cli):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Events", "Date", "01/02/2025"))
    code, out, _ = run_cli("validate", "--format", "json", path)
    data = json.loads(out)
    assert code == 1 and data["valid"] is False and data["errors"] == 1
    (item,) = data["issues"]
    assert item["location"] == "Events!B2" and item["code"] == "ambiguous-date"
    assert item["column"] == "Date" and item["found"] == "01/02/2025" and "ISO" in item["hint"]


def test_json_output_for_a_file_that_cannot_be_read(tmp_path, run_cli):
    """Scripts parse stdout: a CSV renamed .xlsx is a JSON report too (as POST /api/validate answers), exit 3."""
    (tmp_path / "x.xlsx").write_text("a,b\n1,2\n")
    code, out, err = run_cli("validate", "--format", "json", tmp_path / "x.xlsx")
    data = json.loads(out)
    assert code == 3 and data["valid"] is False and data["errors"] == 1
    assert data["issues"][0]["code"] == "not-a-workbook" and "CSV" in err


def test_annotate_marks_cells_and_never_touches_the_input(tmp_path, run_cli):
    import openpyxl

    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 6)
    sheets["Risks"][0].append("Owner")
    sheets["Risks"][1].append("Ops")
    path = write_workbook(tmp_path / "b.xlsx", sheets)
    before = digest(path)
    code, _, _ = run_cli("validate", path, "--annotate", tmp_path / "checked.xlsx")
    assert code == 1 and digest(path) == before
    book = openpyxl.load_workbook(tmp_path / "checked.xlsx")
    error_cell, warning_cell = book["Risks"]["D2"], book["Risks"]["G1"]
    assert error_cell.fill.start_color.rgb.endswith("FFC7CE")
    assert "1 to 5" in error_cell.comment.text and "How to fix" in error_cell.comment.text
    assert warning_cell.fill.start_color.rgb.endswith("FFEB9C")
    assert book["Risks"]["A2"].comment is None


def test_annotate_marks_a_problem_inside_merged_cells_on_the_merged_range(tmp_path, run_cli):
    import openpyxl

    sheets = valid_sheets()
    sheets["Risks"].append(["R2", "Second risk.", "Security", 2, 2, "E1"])
    path = write_workbook(tmp_path / "b.xlsx", sheets)
    book = openpyxl.load_workbook(path)
    book["Risks"].merge_cells("C2:C3")  # the analyst merged the same Category of both risks: C3 is now blank
    book.save(path)
    code, out, err = run_cli("validate", path, "--annotate", tmp_path / "checked.xlsx")
    assert code == 1 and "Traceback" not in out + err
    assert "Risks!C3" in out
    checked = openpyxl.load_workbook(tmp_path / "checked.xlsx")["Risks"]
    assert "Category is required" in checked["C2"].comment.text


def test_a_chart_sheet_named_like_a_contract_sheet_is_not_read_as_one(tmp_path, run_cli):
    import openpyxl
    from openpyxl.chart import BarChart

    path = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    book = openpyxl.load_workbook(path)
    book.create_chartsheet("Sources (chart)").add_chart(BarChart())
    del book["Sources"]
    book.save(path)
    code, out, err = run_cli("validate", path)
    assert code == 1 and "Traceback" not in out + err and "Sources" in out


def test_annotate_onto_the_input_is_a_usage_error(tmp_path, run_cli):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Likelihood", 6))
    before = digest(path)
    code, out, err = run_cli("validate", path, "--annotate", path)
    assert code == 2 and "--annotate" in err and "Traceback" not in out + err
    assert digest(path) == before


def test_internal_error_apologises_and_exits_70(tmp_path, monkeypatch, capsys):
    import sys

    from reporttool import cli
    from reporttool.workbook import load

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(load, "read_briefing", broken)
    monkeypatch.setattr(sys, "argv", ["reporttool", "validate", str(tmp_path / "b.xlsx")])
    assert cli.run() == 70
    err = capsys.readouterr().err
    assert "internal error" in err and "--debug" in err and "boom" not in err


def test_validate_clients_manifest(tmp_path, run_cli):
    path = write_workbook(tmp_path / "c.xlsx", {"Clients": [["Client", "Formats"], ["Acme", "docx"], ["Acme", "pdf"]]})
    code, out, _ = run_cli("validate", "--clients", path)
    assert code == 1 and "Clients!A3" in out and "duplicate-id" in out


def test_init_refuses_to_overwrite(tmp_path, run_cli):
    target = tmp_path / "b.xlsx"
    assert run_cli("init", target)[0] == 0
    code, _, err = run_cli("init", target)
    assert code == 2 and "--force" in err


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path, run_cli):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = run_cli("init", blocker / "sub" / "b.xlsx")
    assert code == 4
    assert "cannot write" in err and "Traceback" not in out + err


def test_annotate_reads_a_workbook_whatever_its_extension(tmp_path, run_cli):
    import openpyxl

    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Risks", "Impact", 8))
    renamed = path.rename(tmp_path / "briefing.backup")
    code, out, err = run_cli("validate", renamed, "--annotate", tmp_path / "checked.xlsx")
    assert code == 1 and "Traceback" not in out + err
    assert openpyxl.load_workbook(tmp_path / "checked.xlsx")["Risks"]["E2"].comment is not None


def test_outputs_never_replace_a_device_or_pipe_and_failures_name_the_users_file(tmp_path, run_cli):
    # `init /dev/full --force` as root replaced the device with a workbook; a named pipe is someone's too
    import os
    import stat

    pipe = tmp_path / "briefing.xlsx"
    os.mkfifo(pipe)
    code, _, err = run_cli("init", pipe, "--force")
    assert code == 4 and "device, pipe or socket" in err and stat.S_ISFIFO(os.lstat(pipe).st_mode)
    os.mkfifo(tmp_path / "RT-2025-014.pdf")  # the PDF is renamed from LibreOffice's folder, not written
    example = tmp_path / "example.xlsx"
    assert run_cli("init", "--example", example)[0] == 0
    code, _, err = run_cli("build", example, "-o", tmp_path, "--format", "pdf")
    assert code == 4 and "device, pipe or socket" in err and stat.S_ISFIFO(os.lstat(tmp_path / "RT-2025-014.pdf").st_mode)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, _, err = run_cli("init", blocked / "new.xlsx")
    assert code == 4 and f"{blocked / 'new.xlsx'}" in err and ".part" not in err and "Traceback" not in err
    assert f"{blocked} is a file where a folder must be" in err


def test_workbooks_we_write_are_named_xlsx(tmp_path, run_cli):
    # Excel opens a file by its extension: notes.txt holding a workbook opens as garbage
    code, _, err = run_cli("init", tmp_path / "notes.txt")
    assert code == 2 and "name the workbook .xlsx" in err and not (tmp_path / "notes.txt").exists()
    path = write_workbook(tmp_path / "b.xlsx", valid_sheets())
    code, _, err = run_cli("validate", path, "--annotate", tmp_path / "checked.csv")
    assert code == 2 and "--annotate" in err and not (tmp_path / "checked.csv").exists()
    assert run_cli("init", tmp_path / "Briefing.XLSX")[0] == 0
