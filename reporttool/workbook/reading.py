"""Read a workbook into cells with locations, then into the model, collecting every issue."""
from __future__ import annotations

import datetime as dt
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterator

from .contract import HEADER_SEARCH_ROWS, Column, Sheet
from .excel_dates import refine_month_dates
from ..issues import Issue, Location, issue, warning
from .labels import label_key, label_lookup
from .package import FileProblem, Limits, PackageInfo, inspect_package, refuse
from .parsing import PARSERS, KEEP_INVISIBLE, Problem, as_text, decode_escapes, has_control, strip_control, strip_invisible

Row = tuple[Any, ...]
# the sheets the blank template and the annotated copy add beside the contract's: never a renamed contract sheet
TOOL_SHEETS = ("instructions", "lists", "problems")


class Table:
    """One sheet read against its contract: parsed rows, where each came from, and the issues.

    A plain class, like the other reader internals: dataclasses cost start-up time on every command.
    """

    __slots__ = ("sheet", "title", "columns", "records", "rows", "complete", "keys", "issues", "month_dates")

    def __init__(self, sheet: Sheet, title: str, columns: dict[str, int] | None = None,
                 issues: list[Issue] | None = None):
        self.sheet = sheet
        self.title = title  # the sheet's name as spelt in the workbook
        self.columns = columns if columns is not None else {}  # contract name -> 1-based column
        self.records: list[dict[str, Any]] = []  # attr -> value (None where unreadable)
        self.rows: list[int] = []  # Excel row of each record
        self.complete: list[bool] = []  # whether every required value of a record read
        self.keys: list[tuple[str, int]] = []  # every key cell read, broken rows too
        self.issues = issues if issues is not None else []
        self.month_dates: list[tuple[int, Column]] = []  # Excel dates on the 1st in partial-date columns

    def at(self, row: int, column: str | None = None) -> Location:
        return Location(self.title, row, self.columns.get(column) if column else None)


class Workbook:
    """The contract sheets of one file, read; missing sheets are absent from `tables`."""

    __slots__ = ("path", "tables", "issues")

    def __init__(self, path: Path, tables: dict[str, Table], issues: list[Issue]):
        self.path, self.tables, self.issues = path, tables, issues


def norm(name: object) -> str:
    return " ".join(as_text(name).split()).casefold() if name is not None else ""


def sheet_titles(titles: list[str], sheets: tuple[Sheet, ...]) -> dict[str, str]:
    """Contract sheet name -> the workbook's sheet for it: the same name, else the only one named like it
    ("Risk", "risks (v2)"); two look-alikes and no exact one match neither, rather than guess."""
    exact = {norm(title): title for title in titles}
    lookup = label_lookup(sheet.name for sheet in sheets)
    loose: dict[str, list[str]] = {}
    for title in titles:
        if (name := lookup.get(label_key(title))) is not None:
            loose.setdefault(name, []).append(title)
    found = {}
    for sheet in sheets:
        candidates = loose.get(sheet.name, [])
        title = exact.get(norm(sheet.name)) or (candidates[0] if len(candidates) == 1 else None)
        if title is not None:
            found[sheet.name] = title
    return found


def read_sheets(path: Path, sheets: tuple[Sheet, ...], limits: Limits = Limits()) -> Workbook:
    """Open the file safely and read every contract sheet; raise FileProblem for unreadable files."""
    info = inspect_package(path, limits)
    issues = [warning("macros-ignored", Location(file=str(path)), f"{path.name} contains macros; they were not run",
                      "nothing to do: only the cell values are read")] if info.has_macros else []
    with ExitStack() as opened, warnings.catch_warnings():  # closes the workbooks and the handles openpyxl was given
        warnings.simplefilter("ignore")  # openpyxl's own warnings (odd date serials, styles) are not for users
        book = _open(path, True, opened)
        titles = sheet_titles([ws.title for ws in book.worksheets], sheets)  # chart sheets hold no cells
        if not titles and (wrong := _other_kind([ws.title for ws in book.worksheets], sheets, path)):
            return Workbook(path, {}, issues + [wrong])
        formulas = _formula_book(path, info, set(titles.values()), opened)
        tables = {}
        unclaimed = [ws.title for ws in book.worksheets
                     if ws.title not in titles.values() and norm(ws.title) not in TOOL_SHEETS]
        for sheet in sheets:
            title = titles.get(sheet.name)
            if title is None:
                if sheet.required:
                    issues.append(_missing_sheet(sheet, path, unclaimed))
                continue
            try:
                table = _read_sheet(sheet, book[title], formulas.get(title), info, limits, path)
            except FileProblem:
                raise
            except Exception as exc:  # openpyxl reports damaged sheet XML with many exception types
                raise refuse("corrupt", path, f"the {title} sheet of {path.name} is damaged and cannot be read "
                             f"({type(exc).__name__}: {str(exc)[:200]})",
                             "open the workbook in Excel and save a fresh copy as .xlsx") from None
            tables[sheet.name] = table
            issues += table.issues
    return Workbook(path, tables, issues)


def _open(path: Path, data_only: bool, opened: ExitStack) -> Any:
    """A read-only workbook; a file handle, not the name, so openpyxl does not judge by the extension."""
    import openpyxl  # heavy: imported only when a workbook is read

    handle = opened.enter_context(path.open("rb"))
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl signals damage with many exception types
        raise refuse("corrupt", path, f"{path.name} cannot be read as a workbook ({type(exc).__name__}: {exc})",
                     "open it in Excel and save a fresh copy as .xlsx") from None
    opened.callback(book.close)
    return book


def _formula_book(path: Path, info: PackageInfo, wanted: set[str], opened: ExitStack) -> dict[str, Any]:
    """Formula text by sheet title, only for the wanted sheets whose XML holds formulas at all."""
    titles = [t for t, part in info.sheet_parts.items() if part in info.formula_parts and t in wanted]
    if not titles:
        return {}
    formula_book = _open(path, False, opened)
    return {t: formula_book[t] for t in titles if t in formula_book.sheetnames}


def _other_kind(titles: list[str], sheets: tuple[Sheet, ...], path: Path) -> Issue | None:
    """A clients manifest given as a briefing, or a briefing given as the manifest (--clients, the first
    argument of batch or send): one error saying so, rather than every sheet of the other kind missing."""
    from .contract import BRIEFING_SHEETS, CLIENT_SHEETS

    other = CLIENT_SHEETS if sheets is BRIEFING_SHEETS else BRIEFING_SHEETS
    if not any(sheet_titles(titles, (sheet,)) for sheet in other if sheet.required):
        return None
    if other is CLIENT_SHEETS:
        message = f"{path.name} is a clients manifest, not a briefing workbook"
        hint = "check it with `reporttool validate --clients`; batch and send take it first, before the briefings"
    else:
        message = f"{path.name} is a briefing workbook, not a clients manifest"
        hint = "check it without --clients; batch and send take the clients manifest first, then the briefings"
    return issue("missing-sheet", Location(file=str(path)), message, hint, expected=sheets[0].name)


def _missing_sheet(sheet: Sheet, path: Path, unclaimed: list[str]) -> Issue:
    """The hint names a sheet that looks meant as this one ("Rsiks"), else the sheets no contract name took
    (a tab renamed "Timeline"), so the analyst renames a tab rather than adds an empty one."""
    near = _near_header(sheet.name, dict(enumerate(unclaimed)))
    if near is not None:
        hint = f"did you mean the sheet {unclaimed[near]!r}? rename its tab to {sheet.name!r}"
    elif unclaimed:
        hint = (f"rename the tab that holds it to {sheet.name!r} (the sheets not read: "
                f"{', '.join(repr(t) for t in unclaimed[:8])}), or add it (`reporttool init` has every sheet)")
    else:
        hint = f"add a sheet named {sheet.name!r} (start from `reporttool init`, which has every sheet)"
    return issue("missing-sheet", Location(file=str(path)), f"the workbook has no {sheet.name} sheet", hint,
                 expected=sheet.name)


def _rows(ws: Any, limits: Limits, path: Path) -> Iterator[Row]:
    """The sheet's rows; the cap counts rows that hold something, so a stray cell far down (or a declared
    size far beyond the data) is no reason to refuse it. The inflated-size cap already bounds the work."""
    ws.reset_dimensions()  # never trust a declared size: it would pad every row to it
    filled = 0
    for row in ws.iter_rows(values_only=True):
        if any(value is not None for value in row):
            filled += 1
            if filled > limits.max_rows:
                raise _too_many_rows(ws, limits, path)
        yield row


def _too_many_rows(ws: Any, limits: Limits, path: Path) -> Exception:
    return refuse("too-large", path, f"sheet {ws.title!r} has more than {limits.max_rows:,} rows",
                  "if the sheet is genuine, raise the cap with --max-rows")


def _read_sheet(sheet: Sheet, ws: Any, formula_ws: Any, info: PackageInfo, limits: Limits, path: Path) -> Table:
    table = Table(sheet, ws.title)
    rows = _rows(ws, limits, path)
    head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), rows)]
    header_row = _find_header(table, head)
    if header_row is None:
        return table
    formulas = _formula_cells(formula_ws, limits, path) if formula_ws is not None else set()
    body = _numbered(head[header_row:], header_row + 1, rows)
    (_read_fields if sheet.fields else _read_records)(table, body, formulas)
    if table.month_dates:
        refine_month_dates(table, ws)
    part = info.sheet_parts.get(ws.title, "")
    table.issues += _merge_warnings(table, sorted(info.merges.get(part, ())), header_row)
    table.issues += _hidden_row_warnings(table, info.hidden_rows.get(part, set()))
    if getattr(ws, "sheet_state", "visible") != "visible":
        table.issues.append(warning("hidden-sheet", Location(table.title), f"the {table.title} sheet is hidden in "
                                    "Excel; it is the one read", "unhide it (right-click a sheet tab > Unhide) to "
                                    "check it, or delete it if another sheet holds the current version"))
    return table


def _numbered(head_rest: list[Row], first: int, rest: Iterator[Row]) -> Iterator[tuple[int, Row]]:
    number = first - 1
    for number, row in enumerate(head_rest, start=first):
        yield number, row
    yield from enumerate(rest, start=number + 1)


def _find_header(table: Table, head: list[Row]) -> int | None:
    """The first row holding every required column name; issues against the best candidate if none."""
    if not table.sheet.required and not any(v is not None and as_text(v) for row in head for v in row):
        return None  # an optional sheet left empty is as good as absent
    lookup = _header_lookup(table.sheet)
    names = ("Field", "Value") if table.sheet.fields else tuple(c.name for c in table.sheet.columns if c.required)
    wanted = set(names)
    best, best_count = 0, -1
    for index, row in enumerate(head):
        found = {lookup.get(label_key(v)) for v in row}
        if wanted <= found:
            _map_columns(table, row, index + 1, lookup)
            return index + 1
        if len(wanted & found) > best_count:
            best, best_count = index, len(wanted & found)
    row = head[best] if head else ()
    found = {lookup.get(label_key(v)) for v in row}
    unmatched = {i: as_text(v) for i, v in enumerate(row, 1)
                 if v is not None and as_text(v) and lookup.get(label_key(v)) is None}
    for name in names:
        if name not in found:
            near = _near_header(name, unmatched)
            hint = (f"rename {unmatched[near]!r} to {name!r}" if near else
                    f"add a column headed {name!r} in the header row (within the first {HEADER_SEARCH_ROWS} rows)")
            table.issues.append(issue("missing-column", Location(table.title, best + 1, near),
                                      f"no {name!r} column in the header row", hint, column=name, expected=name))
    return None


def _near_header(name: str, headers: dict[int, str]) -> int | None:
    """The column of a header that looks meant as `name` ("Client name", "Clent"), if one does."""
    from difflib import SequenceMatcher  # only on the error path

    key = label_key(name)
    for column, header in headers.items():
        typed = label_key(header)
        if key in typed or SequenceMatcher(None, key, typed).ratio() >= 0.7:
            return column
    return None


def _header_lookup(sheet: Sheet) -> dict[str, str]:
    return label_lookup(("Field", "Value") if sheet.fields else (c.name for c in sheet.columns))


def _map_columns(table: Table, row: Row, row_number: int, lookup: dict[str, str]) -> None:
    for index, value in enumerate(row, start=1):
        if value is None or not as_text(value):
            continue
        name = lookup.get(label_key(value))
        where = Location(table.title, row_number, index)
        if name is None:
            table.issues.append(_unknown_column(table.sheet, where, as_text(value)))
        elif name in table.columns:
            table.issues.append(issue("duplicate-column", where, f"column {name!r} appears twice",
                                      "delete or rename one of them", column=name))
        else:
            table.columns[name] = index


def _unknown_column(sheet: Sheet, where: Location, header: str) -> Issue:
    """A warning, or in a sheet whose every column steers the output (the clients manifest), an error:
    a misspelt "Min. rating" would otherwise send a client every risk."""
    from difflib import get_close_matches  # only on this path

    names = {c.name.casefold(): c.name for c in sheet.columns}
    close = get_close_matches(header.casefold(), names, n=1, cutoff=0.7)
    hint = (f"did you mean {names[close[0]]!r}? rename the header to it" if close else
            "rename it to one of: " + ", ".join(c.name for c in sheet.columns))
    if sheet.strict_columns:
        return issue("unknown-column", where, f"column {header!r} is not in the contract", hint + "; or delete it",
                     found=header)
    return warning("unknown-column", where, f"column {header!r} is not in the contract; it is ignored",
                   hint if close else "rename it to a contract column if it was meant as one", found=header)


def _formula_cells(ws: Any, limits: Limits, path: Path) -> set[tuple[int, int]]:
    cells = set()
    for r, row in enumerate(_rows(ws, limits, path), start=1):
        cells.update((r, c) for c, v in enumerate(row, start=1) if isinstance(v, str) and v.startswith("="))
    return cells


def _merge_warnings(table: Table, merges: list[tuple[int, int, int, int]], header_row: int) -> list[Issue]:
    return [warning("merged-cells", Location(table.title, r1, c1),
                    f"cells are merged across rows {r1}-{r2}; only row {r1} holds the value",
                    "unmerge the cells (Home > Merge & Center > Unmerge) and fill each row")
            for r1, c1, r2, _ in merges if r2 > r1 and r2 > header_row]


def _hidden_row_warnings(table: Table, hidden: set[int]) -> list[Issue]:
    """Rows hidden in Excel that hold data: read like any other, which a user who hid them may not expect."""
    return [warning("hidden-row", Location(table.title, row), f"row {row} is hidden in Excel; it is read like "
                    "any other", "unhide it to check it (select the rows around it, right-click > Unhide), or "
                    "delete the row if it should not be used") for row in table.rows if row in hidden]


class _Cell:
    """Reads one row's cells against the contract, collecting issues with their locations."""

    __slots__ = ("table", "number", "row", "formulas", "ok")

    def __init__(self, table: Table, number: int, row: Row, formulas: set[tuple[int, int]]):
        self.table, self.number, self.row, self.formulas = table, number, row, formulas
        self.ok = True  # False once a required value failed

    def value(self, column: Column) -> Any:
        index = self.table.columns.get(column.name)
        raw = self.row[index - 1] if index and index <= len(self.row) else None
        if isinstance(raw, str):
            raw = self._clean(raw, column, index)
            if column.kind not in KEEP_INVISIBLE:
                raw = strip_invisible(raw).strip()
        if raw is None or raw == "":
            return self._missing(column, index)
        try:
            value = PARSERS[column.kind](raw, column)
        except Problem as p:
            self._report(issue(p.code, Location(self.table.title, self.number, index), p.message, p.hint,
                               column=column.name, found=as_text(raw), expected=p.expected), column)
            return None
        if isinstance(raw, dt.date) and raw.day == 1 and column.kind == "partial_date":
            self.table.month_dates.append((self.number, column))  # perhaps a month Excel made a date of
        return value

    def _clean(self, raw: str, column: Column, index: int | None) -> str:
        raw = decode_escapes(raw)
        if has_control(raw):
            self.table.issues.append(warning(
                "control-characters", Location(self.table.title, self.number, index),
                "the text holds invisible control characters; they were removed",
                "retype the text or paste it as plain text", column=column.name, found=repr(raw)))
            raw = strip_control(raw)
        return raw.strip()

    def _missing(self, column: Column, index: int | None) -> Any:
        where = Location(self.table.title, self.number, index)
        if index and (self.number, index) in self.formulas:
            self._report(issue("formula-without-value", where, "the formula's result was never calculated and saved",
                               "open the workbook in Excel, let it calculate, save; or type the value",
                               column=column.name), column)
        elif column.required:
            self._report(issue("missing-value", where, f"{column.name} is required", f"type the {column.name} in this cell",
                               column=column.name, expected=column.rule), column)
        return () if column.kind in ("list", "names", "refs", "formats") else None

    def _report(self, problem: Issue, column: Column) -> None:
        self.table.issues.append(problem)
        if column.required:
            self.ok = False


def _is_empty(row: Row) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _read_records(table: Table, body: Iterator[tuple[int, Row]], formulas: set[tuple[int, int]]) -> None:
    columns = [c for c in table.sheet.columns if c.name in table.columns]
    key = table.sheet.column(table.sheet.key) if table.sheet.key else None
    for number, row in body:
        if _is_empty(row):
            continue
        cells = _Cell(table, number, row, formulas)
        record = {c.attr: cells.value(c) for c in columns}
        if key is not None and record.get(key.attr):
            table.keys.append((record[key.attr], number))
        table.records.append(record)
        table.rows.append(number)
        table.complete.append(cells.ok)


def _read_fields(table: Table, body: Iterator[tuple[int, Row]], formulas: set[tuple[int, int]]) -> None:
    """The Briefing sheet: Field/Value pairs become one record, each value located at its own cell."""
    lookup = label_lookup(c.name for c in table.sheet.columns)
    fields = {c.name: c for c in table.sheet.columns}
    field_col, value_col = table.columns["Field"], table.columns["Value"]
    record: dict[str, Any] = {}
    last = 0
    for number, row in body:
        if _is_empty(row):
            continue
        last = number
        name = row[field_col - 1] if field_col <= len(row) else None
        column = fields.get(lookup.get(label_key(name), ""))
        if column is None:
            if name is not None and as_text(name):
                table.issues.append(warning("unknown-field", Location(table.title, number, field_col),
                                            f"field {as_text(name)!r} is not in the contract; it is ignored",
                                            _field_hint(as_text(name), table.sheet), found=as_text(name)))
            continue
        if column.attr in record:
            table.issues.append(issue("duplicate-field", Location(table.title, number, field_col),
                                      f"field {column.name!r} is listed twice", "delete one of the rows",
                                      column=column.name))
            continue
        record[column.attr] = _field_value(table, column, number, row, value_col, formulas)
        table.rows.append(number)
    _missing_fields(table, record, last + 1, field_col)
    table.records.append(record)
    table.complete.append(True)


def _field_hint(typed: str, sheet: Sheet) -> str:
    """"did you mean 'Title'?" for a misspelt field ("Titel"), else where the fields are listed."""
    from difflib import get_close_matches  # only on the warning path

    names = {label_key(c.name): c.name for c in sheet.columns}
    close = get_close_matches(label_key(typed), names, n=1, cutoff=0.7)
    return f"did you mean {names[close[0]]!r}? correct the field name" if close else \
        "check its spelling against the Instructions sheet"


def _field_value(table: Table, column: Column, number: int, row: Row, value_col: int,
                 formulas: set[tuple[int, int]]) -> Any:
    shifted = {column.name: value_col}
    view = Table(table.sheet, table.title, shifted, table.issues)
    return _Cell(view, number, row, formulas).value(column)


def _missing_fields(table: Table, record: dict[str, Any], next_row: int, field_col: int) -> None:
    for column in table.sheet.columns:
        if column.required and column.attr not in record:
            table.issues.append(issue("missing-field", Location(table.title, next_row, field_col),
                                      f"the Briefing field {column.name!r} is missing",
                                      f"add a row with Field {column.name!r} and its value ({column.rule})",
                                      column=column.name, expected=column.rule))
