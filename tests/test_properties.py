"""Property tests: whatever an analyst types in any cell, the reader and validator never crash."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporttool.workbook.contract import BRIEFING_SHEETS
from reporttool.workbook.load import read_briefing
from reporttool.workbook.parsing import PARSERS, Problem
from tests.workbooks import valid_sheets, write_workbook

cell_values = st.one_of(
    st.none(), st.text(max_size=40), st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["=1+1", "04/05/2025", "2025-13-01", "TLP:red", "Almost certain", "E1; E2", "[S1]", "_x0007_",
                     " ", "\n\n", "All", "https://x.org", "javascript:x", "B2", "2025", "Apr 2025"]),
)
columns = [(sheet, column) for sheet in BRIEFING_SHEETS for column in sheet.columns]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(columns), cell_values)
def test_every_parser_returns_a_value_or_a_problem(target, value):
    _, column = target
    try:
        PARSERS[column.kind](value, column)
    except Problem as problem:
        assert problem.code and problem.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(sorted(valid_sheets())), st.integers(0, 4), st.integers(0, 7),
                          cell_values), min_size=1, max_size=12))
def test_random_cells_never_crash_the_reader(changes):
    sheets = valid_sheets()
    for name, row, col, value in changes:
        rows = sheets[name]
        while len(rows) <= row:
            rows.append([])
        while len(rows[row]) <= col:
            rows[row].append(None)
        rows[row][col] = value
    with tempfile.TemporaryDirectory() as folder:
        result = read_briefing(write_workbook(Path(folder) / "r.xlsx", sheets))
    assert (result.value is None) == (not result.ok)
    for item in result.issues:
        assert item.code and item.message and str(item.location)
