"""One minimal workbook per rule of the contract: each breaks one rule and must be caught there."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from reporttool.workbook.load import read_briefing
from tests.workbooks import patch_text, set_cell, set_field, valid_sheets, write_workbook


def found(tmp_path, sheets):
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    return {(str(i.location), i.code) for i in result.issues}, result


def test_valid_workbook_reads_clean(tmp_path):
    issues, result = found(tmp_path, valid_sheets())
    assert issues == set()
    briefing = result.value
    assert briefing.reference == "RT-T-1"
    assert briefing.authors == ("A. Analyst", "B. Writer")
    assert briefing.classification == "TLP:AMBER"
    assert briefing.risks[0].score == 15
    assert briefing.sections[0].paragraphs == ("First paragraph [S1].", "Second.")


CASES = [
    # (what breaks, mutation, expected (location, code))
    ("likelihood out of range", lambda s: set_cell(s, "Risks", "Likelihood", 6), ("Risks!D2", "bad-number")),
    ("fractional impact", lambda s: set_cell(s, "Risks", "Impact", 2.5), ("Risks!E2", "bad-number")),
    ("likelihood word unknown", lambda s: set_cell(s, "Risks", "Likelihood", "Often"), ("Risks!D2", "bad-enum")),
    ("unknown category", lambda s: set_cell(s, "Risks", "Category", "Weather"), ("Risks!C2", "bad-enum")),
    ("unknown stance", lambda s: set_cell(s, "Stances", "Stance", "Friendly"), ("Stances!B2", "bad-enum")),
    ("unknown confidence", lambda s: set_cell(s, "Takeaways", "Confidence", "Sure"), ("Takeaways!B2", "bad-enum")),
    ("duplicate risk id", lambda s: set_cell(s, "Risks", "ID", "R1", row=2) and
     set_cell(s, "Risks", "Risk", "x", row=2) and set_cell(s, "Risks", "Category", "Other", row=2) and
     set_cell(s, "Risks", "Likelihood", 1, row=2) and set_cell(s, "Risks", "Impact", 1, row=2),
     ("Risks!A3", "duplicate-id")),
    ("dangling event reference", lambda s: set_cell(s, "Risks", "Events", "E1; E9"), ("Risks!F2", "unknown-reference")),
    ("dangling evidence", lambda s: set_cell(s, "Stances", "Evidence", "E7"), ("Stances!C2", "unknown-reference")),
    ("dangling source", lambda s: set_cell(s, "Events", "Source", "S4"), ("Events!D2", "unknown-reference")),
    ("dangling citation", lambda s: set_cell(s, "Sections", "Paragraph", "See [S8]."),
     ("Sections!B2", "unknown-reference")),
    ("one dangling ID in a citation list", lambda s: set_cell(s, "Sections", "Paragraph", "See [S1, S42]."),
     ("Sections!B2", "unknown-reference")),
    ("dangling citation in a takeaway", lambda s: set_cell(s, "Takeaways", "Takeaway", "Likely [S42]."),
     ("Takeaways!A2", "unknown-reference")),
    ("dangling citation in the summary", lambda s: set_field(s, "Summary", "In short [S9; S1]."),
     ("Briefing!B8", "unknown-reference")),
    ("dangling citation in a risk's indicators", lambda s: set_cell(s, "Risks", "Indicators", "Convoys; strikes [SRC-2]"),
     ("Risks!G2", "unknown-reference")),
    ("spoofing url", lambda s: set_cell(s, "Sources", "URL", "https://example.org/\u202egpj.exe"),
     ("Sources!C2", "bad-url")),
    ("url opening the site after an @", lambda s: set_cell(s, "Sources", "URL", "https://trusted.example@evil.example/"),
     ("Sources!C2", "bad-url")),
    ("ambiguous date", lambda s: set_cell(s, "Events", "Date", "04/05/2025"), ("Events!B2", "ambiguous-date")),
    ("nonsense date", lambda s: set_cell(s, "Events", "Date", "soon"), ("Events!B2", "bad-date")),
    ("impossible day", lambda s: set_cell(s, "Events", "Date", "2025-02-30"), ("Events!B2", "bad-date")),
    ("month typed as 00", lambda s: set_cell(s, "Events", "Date", "2025-00"), ("Events!B2", "bad-date")),
    ("day typed as 00", lambda s: set_cell(s, "Events", "Date", "2025-05-00"), ("Events!B2", "bad-date")),
    ("day 0 before a month name", lambda s: set_cell(s, "Events", "Date", "0 May 2025"), ("Events!B2", "bad-date")),
    ("year typed 0025", lambda s: set_field(s, "Published", "0025-05-04"), ("Briefing!B5", "bad-date")),
    ("partial published", lambda s: set_field(s, "Published", "2025-05"), ("Briefing!B5", "partial-date")),
    ("updated before published", lambda s: set_field(s, "Updated", dt.date(2025, 5, 1)),
     ("Briefing!B8", "updated-before-published")),
    ("unsafe reference", lambda s: set_field(s, "Reference", "../etc/passwd"), ("Briefing!B2", "bad-reference")),
    ("dot-dot reference", lambda s: set_field(s, "Reference", ".."), ("Briefing!B2", "bad-reference")),
    ("hidden-file reference", lambda s: set_field(s, "Reference", ".RT-1"), ("Briefing!B2", "bad-reference")),
    ("reference with space", lambda s: set_field(s, "Reference", "RT 1"), ("Briefing!B2", "bad-reference")),
    ("javascript url", lambda s: set_cell(s, "Sources", "URL", "javascript:alert(1)"), ("Sources!C2", "bad-url")),
    ("ftp url", lambda s: set_cell(s, "Sources", "URL", "ftp://example.org/x"), ("Sources!C2", "bad-url")),
    ("bad grade", lambda s: set_cell(s, "Sources", "Grade", "G7"), ("Sources!D2", "bad-grade")),
    ("missing required value", lambda s: set_cell(s, "Risks", "Risk", None), ("Risks!B2", "missing-value")),
    ("missing title field", lambda s: set_field(s, "Title", None), ("Briefing!B3", "missing-value")),
    ("tlp 1.0 label", lambda s: set_field(s, "Classification", "TLP:WHITE"), ("Briefing!B7", "bad-enum")),
    ("title too long", lambda s: set_field(s, "Title", "x" * 201), ("Briefing!B3", "too-long")),
    ("no heading first", lambda s: set_cell(s, "Sections", "Section", None), ("Sections!A2", "section-without-heading")),
    ("fractional number", lambda s: set_cell(s, "Takeaways", "No", 1.5), ("Takeaways!C2", "bad-number")),
]


@pytest.mark.parametrize("name,mutate,expected", CASES, ids=[c[0] for c in CASES])
def test_each_rule_is_caught_at_its_cell(tmp_path, name, mutate, expected):
    sheets = valid_sheets()
    mutate(sheets)
    issues, result = found(tmp_path, sheets)
    assert expected in issues
    assert result.value is None


def test_missing_sheet_and_missing_column(tmp_path):
    sheets = valid_sheets()
    del sheets["Risks"]
    sheets["Events"] = [["ID", "When", "Event"], ["E1", "2024", "x"]]
    sheets["Stances"] = [["Actor", "Stance"], ["Russia", "Supportive"]]
    issues, _ = found(tmp_path, sheets)
    codes = {code for _, code in issues}
    assert "missing-sheet" in codes
    assert ("Events!1", "missing-column") in issues


def test_names_are_matched_loosely_and_header_may_sit_lower(tmp_path):
    sheets = valid_sheets()
    sheets[" risks "] = [["Risk register (banner)"], [], [" likelihood", "IMPACT", "id", "risk", "category"],
                         ["4", "major", "R1", "r", " SECURITY "]]
    del sheets["Risks"]
    sheets["Events"][1][1] = "17 April 2025"
    issues, result = found(tmp_path, sheets)
    assert issues == set()
    risk = result.value.risks[0]
    assert (risk.likelihood, risk.impact, risk.category) == (4, 4, "Security")
    assert result.value.events[0].date.display() == "17 April 2025"


def test_all_problems_reported_in_one_pass(tmp_path):
    sheets = valid_sheets()
    set_cell(sheets, "Risks", "Likelihood", 9)
    set_cell(sheets, "Risks", "Impact", "Huge")
    set_cell(sheets, "Events", "Date", "31/12/2024")
    set_field(sheets, "Reference", "a/b")
    issues, _ = found(tmp_path, sheets)
    assert {("Risks!D2", "bad-number"), ("Risks!E2", "bad-enum"), ("Events!B2", "ambiguous-date"),
            ("Briefing!B2", "bad-reference")} <= issues


def test_issue_carries_found_expected_and_hint(tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 7)
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    (problem,) = [i for i in result.issues if i.code == "bad-number"]
    assert problem.column == "Likelihood"
    assert problem.found == "7"
    assert "1-5" in problem.expected
    assert "Almost certain" in problem.hint


def test_control_characters_are_stripped_with_a_warning(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Takeaways", "Takeaway", "Bell and escape"))
    patch_text(path, "Bell and escape", "Bell_x0007_ and_x001B_ escape")
    result = read_briefing(path)
    issues = {(str(i.location), i.code) for i in result.issues}
    assert ("Takeaways!A2", "control-characters") in issues
    assert result.value.takeaways[0].text == "Bell and escape"


def test_a_line_break_pasted_from_word_stays_a_line_break(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Takeaways", "Takeaway", "First line Second"))
    patch_text(path, "First line Second", "First line_x000B_Second")  # how Excel stores Word's Shift+Enter
    issues, result = {(str(i.location), i.code) for i in read_briefing(path).issues}, read_briefing(path)
    assert issues == set() and result.value.takeaways[0].text == "First line\nSecond"


def test_excels_text_limit_counts_an_emoji_as_two_and_a_list_as_the_joined_cell(tmp_path):
    sheets = set_cell(valid_sheets(), "Takeaways", "Takeaway", "EMOJI")
    set_cell(sheets, "Risks", "Indicators", "\n".join(["x" * 30] * 1100))  # 34,098 once joined with "; "
    path = patch_text(write_workbook(tmp_path / "b.xlsx", sheets), "EMOJI", "🛰" * 16_384)  # 32,768 UTF-16 units
    issues = {(str(i.location), i.code) for i in read_briefing(path).issues}
    assert issues == {("Takeaways!A2", "too-long"), ("Risks!G2", "too-long")}


def test_an_emoji_escaped_as_two_halves_is_kept_and_a_lone_half_removed_with_a_warning(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Takeaways", "Takeaway", "Bomb X and Y end"))
    patch_text(path, "Bomb X and Y end", "Bomb _xD83D__xDCA3_ and _xD800_ end")
    result = read_briefing(path)
    assert {(str(i.location), i.code) for i in result.issues} == {("Takeaways!A2", "control-characters")}
    assert result.value.takeaways[0].text == "Bomb 💣 and  end"


def test_untrusted_text_is_kept_intact(tmp_path):
    text = "=HYPERLINK(\"http://x\") <b>&amp; مرحبا بالعالم 🚀"
    sheets = set_cell(valid_sheets(), "Takeaways", "Takeaway", text)
    issues, result = found(tmp_path, sheets)
    assert issues == set()
    assert result.value.takeaways[0].text == text


def test_text_over_excels_limit_is_an_error(tmp_path):
    path = write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Takeaways", "Takeaway", "LONGTEXT"))
    patch_text(path, "LONGTEXT", "y" * 40000)
    result = read_briefing(path)
    assert ("Takeaways!A2", "too-long") in {(str(i.location), i.code) for i in result.issues}


def test_partial_dates_keep_their_precision(tmp_path):
    sheets = valid_sheets()
    for row, date in enumerate(["1994", 2003, "August 2021", "Apr 2025", dt.date(2025, 4, 17)], start=1):
        for column, value in (("ID", f"E{row}"), ("Date", date), ("Event", "x"), ("Source", None)):
            set_cell(sheets, "Events", column, value, row=row)
    _, result = found(tmp_path, sheets)
    shown = [e.date.display() for e in result.value.events]
    assert shown == ["1994", "2003", "August 2021", "April 2025", "17 April 2025"]


def test_takeaways_follow_their_numbers(tmp_path):
    sheets = valid_sheets()
    sheets["Takeaways"] = [["No", "Takeaway"], [2, "second"], ["1", "first"], [None, "last"]]
    _, result = found(tmp_path, sheets)
    assert [t.text for t in result.value.takeaways] == ["first", "second", "last"]


def test_empty_rows_and_unknown_sheets_are_ignored(tmp_path):
    sheets = valid_sheets()
    sheets["Risks"].insert(1, [None, " ", None])
    sheets["Lists"] = [["anything"]]
    issues, result = found(tmp_path, sheets)
    assert issues == set()
    assert len(result.value.risks) == 1


def test_warnings_alone_leave_the_workbook_valid(tmp_path):
    sheets = valid_sheets()
    sheets["Risks"][0].append("Owner")
    sheets["Risks"][1].append("Ops team")
    issues, result = found(tmp_path, sheets)
    assert issues == {("Risks!G1", "unknown-column")}
    assert result.ok and result.value is not None


@pytest.mark.parametrize("typed, iso", [("2025/05/04", "2025-05-04"), ("4-May-2025", "2025-05-04"),
                                         ("May-2025", "2025-05"), ("May 4 2025", "2025-05-04"),
                                         ("May 4, 2025", "2025-05-04"), ("2025-05-04T00:00:00", "2025-05-04"),
                                         ("2025-05-08 10:00", "2025-05-08"), ("17th April 2025", "2025-04-17")])
def test_dates_typed_the_ways_excel_and_people_write_them_are_read(tmp_path, typed, iso):
    issues, result = found(tmp_path, set_cell(valid_sheets(), "Events", "Date", typed))
    assert issues == set() and result.value.events[0].date.iso() == iso


@pytest.mark.parametrize("number_format, iso", [("mmm-yy", "2025-06"), ("[$-409]mmmm yyyy;@", "2025-06"),
                                                  ("yyyy-mm-dd", "2025-06-01"), ("d mmm yyyy", "2025-06-01")])
def test_a_month_excel_turned_into_a_date_keeps_the_precision_its_cell_shows(tmp_path, number_format, iso):
    import openpyxl

    sheets = set_cell(valid_sheets(), "Events", "Date", dt.date(2025, 6, 1))  # "Jun 2025" typed in Excel
    sheets["Events"].append(["E2", dt.date(2024, 1, 1), "Another.", "S1"])  # "2024" formatted as a year
    path = write_workbook(tmp_path / "b.xlsx", sheets)
    book = openpyxl.load_workbook(path)
    book["Events"]["B2"].number_format, book["Events"]["B3"].number_format = number_format, "yyyy"
    book.save(path)
    result = read_briefing(path)
    assert [e.date.iso() for e in result.value.events] == [iso, "2024"]


@pytest.mark.parametrize("typed", ["04/05/2025", "04.05.2025", "4-5-2025"])
def test_numeric_dates_with_the_year_last_are_ambiguous(tmp_path, typed):
    issues, _ = found(tmp_path, set_cell(valid_sheets(), "Events", "Date", typed))
    assert issues == {("Events!B2", "ambiguous-date")}


def test_lists_of_ids_and_formats_may_use_commas(tmp_path):
    from reporttool.workbook.load import read_clients

    issues, result = found(tmp_path, set_cell(valid_sheets(), "Stances", "Evidence", "E1, E9"))
    assert issues == {("Stances!C2", "unknown-reference")}
    clients = read_clients(write_workbook(tmp_path / "c.xlsx", {"Clients": [["Client", "Formats"], ["A", "DOCX, PDF"]]}))
    assert clients.value[0].formats == ("docx", "pdf")


def test_hidden_rows_and_a_hidden_sheet_are_read_with_a_warning(tmp_path):
    import openpyxl

    sheets = valid_sheets()
    sheets["Risks"].append(["R2", "A retired risk.", "Security", 2, 2, "E1"])
    path = write_workbook(tmp_path / "b.xlsx", sheets)
    book = openpyxl.load_workbook(path)
    book["Risks"].row_dimensions[3].hidden = True
    book["Sources"].sheet_state = "hidden"
    book.save(path)
    result = read_briefing(path)
    assert {(str(i.location), i.code) for i in result.issues} == {("Risks!3", "hidden-row"), ("Sources", "hidden-sheet")}
    assert [r.id for r in result.value.risks] == ["R1", "R2"]


def test_ids_lose_pasted_zero_width_spaces_and_grades_their_separator(tmp_path):
    sheets = set_cell(valid_sheets(), "Sources", "ID", "S1\u200b")
    set_cell(sheets, "Sources", "Grade", "b-2")
    issues, result = found(tmp_path, sheets)
    assert issues == set()
    assert (result.value.sources[0].id, result.value.sources[0].grade) == ("S1", "B2")


def test_a_sheet_without_its_header_is_reported_once_not_at_every_reference_into_it(tmp_path):
    sheets = valid_sheets()
    sheets["Events"][0][0] = "Event ID number"  # the ID column cannot be found
    sheets["Sources"] = [["Key", "Name"], ["S1", "A report"]]
    issues, _ = found(tmp_path, sheets)
    assert {code for _, code in issues} == {"missing-column"}
    assert {loc.split("!")[0] for loc, _ in issues} == {"Events", "Sources"}


def test_an_optional_sheet_left_empty_is_as_good_as_absent(tmp_path):
    sheets = valid_sheets()
    sheets["Stances"] = [[]]
    issues, result = found(tmp_path, sheets)
    assert issues == set() and result.value.stances == ()


def test_brackets_that_are_not_citations_are_text(tmp_path):
    sheets = set_cell(valid_sheets(), "Sections", "Paragraph", "He said it [sic] twice; [ISK] and [2025] too [S1].")
    issues, result = found(tmp_path, sheets)
    assert issues == set()


def test_decorated_headers_fields_and_sheet_names_are_recognised(tmp_path):
    sheets = valid_sheets()
    sheets["Risks"][0] = ["ID #", "Risk:", "category", "Likelihood (1-5)", "Impact 1–5", "Event(s)"]
    sheets["Sources"][0] = ["ID", "Title", "URL (http only)", "Grade"]
    sheets["Briefing"][0] = ["FIELD", "Value:"]
    sheets["Briefing"][4][0] = "Published (date)"
    sheets["Event"] = sheets.pop("Events")
    issues, result = found(tmp_path, sheets)
    assert issues == set()
    risk = result.value.risks[0]
    assert (risk.likelihood, risk.impact, risk.events) == (3, 5, ("E1",))
    assert result.value.sources[0].url == "https://example.org/r"
    assert result.value.published == dt.date(2025, 5, 4)


def test_look_alike_sheets_are_not_guessed_between(tmp_path):
    sheets = valid_sheets()
    sheets["Risk (old)"] = sheets.pop("Risks")
    sheets["Risk (new)"] = copy.deepcopy(sheets["Risk (old)"])
    issues, _ = found(tmp_path, sheets)
    assert ("b.xlsx", "missing-sheet") in {(loc.rsplit("/", 1)[-1], code) for loc, code in issues}


def test_a_misspelt_header_is_named_with_the_likely_column(tmp_path):
    sheets = valid_sheets()
    sheets["Risks"][0].append("Mitigaton")
    sheets["Risks"][1].append("Patrols")
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    [warned] = [i for i in result.issues if i.code == "unknown-column"]
    assert str(warned.location) == "Risks!G1" and "'Mitigation'" in warned.hint


def test_clients_manifest_rules(tmp_path):
    from reporttool.workbook.load import read_clients

    sheets = {"Clients": [["Client", "Email", "Formats", "Minimum rating"],
                          ["Acme", "ops@acme.example", "docx; pdf", "High"],
                          ["acme", "not-an-email", "odt", "Severe"]]}
    result = read_clients(write_workbook(tmp_path / "c.xlsx", sheets))
    issues = {(str(i.location), i.code) for i in result.issues}
    assert issues == {("Clients!A3", "duplicate-id"), ("Clients!B3", "bad-email"), ("Clients!C3", "bad-enum"),
                      ("Clients!D3", "bad-enum")}


def test_an_unknown_column_in_the_clients_manifest_is_an_error_naming_the_likely_one(tmp_path):
    from reporttool.workbook.load import read_clients

    sheets = {"Clients": [["Client", "Min. rating", "Briefing refs"], ["Acme", "High", "RT-1"]]}
    result = read_clients(write_workbook(tmp_path / "c.xlsx", sheets))
    unknown = {str(i.location): i for i in result.issues if i.code == "unknown-column"}
    assert set(unknown) == {"Clients!B1", "Clients!C1"} and all(i.is_error for i in unknown.values())
    assert "'Minimum rating'" in unknown["Clients!B1"].hint and "'Briefings'" in unknown["Clients!C1"].hint
    assert result.value is None


def test_a_missing_required_column_points_at_the_header_meant_as_it(tmp_path):
    from reporttool.workbook.load import read_clients

    sheets = {"Clients": [["Client name", "Formats"], ["Acme", "docx"]]}
    result = read_clients(write_workbook(tmp_path / "c.xlsx", sheets))
    [missing] = [i for i in result.issues if i.code == "missing-column"]
    assert str(missing.location) == "Clients!A1" and missing.hint == "rename 'Client name' to 'Client'"


def test_clients_default_formats(tmp_path):
    from reporttool.workbook.load import read_clients

    sheets = {"Clients": [["Client", "Formats"], ["Acme", None], ["Beta", "PDF"]]}
    result = read_clients(write_workbook(tmp_path / "c.xlsx", sheets))
    assert [c.formats for c in result.value] == [("docx", "xlsx"), ("pdf",)]


def test_near_miss_labels_suggest_the_right_one(tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Category", "Securty")
    set_cell(sheets, "Takeaways", "Confidence", "very high")
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    hints = {str(i.location): i.hint for i in result.issues}
    assert hints["Risks!C2"] == "did you mean 'Security'?"
    assert hints["Takeaways!B2"] == "did you mean 'High'?"


def test_issues_are_listed_sheet_by_sheet_in_row_order(tmp_path):
    sheets = set_cell(valid_sheets(), "Risks", "Likelihood", 9)
    set_cell(sheets, "Events", "Date", "13/13/2025")
    set_field(sheets, "Reference", "a b")
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    assert [str(i.location) for i in result.issues] == ["Briefing!B2", "Events!B2", "Risks!D2"]


def test_invisible_characters_copied_with_a_value_do_not_make_it_fail(tmp_path):
    # a zero-width space or a direction mark comes along when a label, date or address is copied from a web
    # page or a right-to-left document; the analyst sees "Political" and cannot find what is wrong
    sheets = set_cell(valid_sheets(), "Risks", "Category", "\u200bPolitical")
    set_cell(sheets, "Events", "Date", "\u200e2025-04-17")
    set_field(sheets, "Classification", "TLP:AMBER\ufeff")
    set_field(sheets, "Reference", "RT-2025-014\u200b")
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    assert result.ok, [str(i) for i in result.issues]
    assert result.value.risks[0].category == "Political" and result.value.reference == "RT-2025-014"
    assert result.value.events[0].date.iso() == "2025-04-17" and result.value.classification == "TLP:AMBER"


def test_a_renamed_tab_is_named_in_the_hint_and_references_into_it_are_not_repeated(tmp_path):
    # tabs renamed "Rsiks" and "Timeline" gave "add a sheet named 'Risks'" and an error for every Evidence ID
    sheets = valid_sheets()
    sheets["Rsiks"] = sheets.pop("Risks")
    sheets["Timeline"] = sheets.pop("Events")
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    errors = [i for i in result.issues if i.is_error]
    assert [i.code for i in errors] == ["missing-sheet", "missing-sheet"], [str(i) for i in errors]
    events, risks = errors
    assert "'Timeline'" in events.hint and "'Rsiks'" in events.hint
    assert risks.hint == "did you mean the sheet 'Rsiks'? rename its tab to 'Risks'"


def test_a_misspelt_briefing_field_gets_did_you_mean(tmp_path):
    sheets = valid_sheets()
    sheets["Briefing"][2][0] = "Titel"
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", sheets))
    (unknown,) = [i for i in result.issues if i.code == "unknown-field"]
    assert unknown.hint == "did you mean 'Title'? correct the field name"


def test_a_numeric_date_that_only_one_way_reads_is_refused_without_calling_it_ambiguous(tmp_path):
    # 17/04/2025 cannot be month 17, so "ambiguous (day/month or month/day?)" was untrue for it
    result = read_briefing(write_workbook(tmp_path / "b.xlsx", set_cell(valid_sheets(), "Events", "Date", "17/04/2025")))
    (problem,) = result.issues
    assert problem.code == "ambiguous-date" and "ambiguous" not in problem.message
    assert "17/04/2025 included" in problem.message and "2025-04-17" in problem.hint
