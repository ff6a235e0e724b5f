"""Problems as data: a location in Excel's notation, a severity, and the catalogue of codes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: Excel's column names."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, a sheet, a row and a column (1-based), each optional."""

    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        if self.sheet is None:
            return self.file or ""
        sheet = self.sheet if _PLAIN_SHEET.match(self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        cell = (column_letter(self.column) if self.column else "") + (str(self.row) if self.row else "")
        return f"{sheet}!{cell}" if cell else sheet


@dataclass(frozen=True)
class Issue:
    """One problem found in a file, with everything the user needs to fix it."""

    code: str
    severity: Severity
    location: Location
    message: str
    hint: str = ""
    column: str | None = None
    found: str | None = None
    expected: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code, "severity": self.severity.value, "location": str(self.location),
            "column": self.column, "found": self.found, "expected": self.expected,
            "message": self.message, "hint": self.hint,
        }

    def __str__(self) -> str:
        """The issue as the CLI prints it: where, severity, column, message and code, then what was expected
        and the hint on lines of their own."""
        where = f"{self.location}: " if str(self.location) else ""
        column = f" ({self.column})" if self.column else ""
        lines = [f"{where}{self.severity.value}{column}: {self.message} [{self.code}]"]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


CATALOGUE: dict[str, str] = {
    # file-level problems (exit code 3)
    "not-found": "The file does not exist or cannot be opened.",
    "empty-file": "The file is empty.",
    "not-a-workbook": "The file is not an Excel .xlsx workbook (a CSV, an old .xls, or something else).",
    "encrypted": "The workbook is protected with a password.",
    "corrupt": "The workbook is damaged or truncated and cannot be read.",
    "unsafe-xml": "A part of the workbook declares XML entities or a DOCTYPE, which is never legitimate.",
    "too-large": "The workbook inflates beyond the size limit, or a sheet has too many rows.",
    # workbook structure
    "missing-sheet": "A required sheet is missing.",
    "missing-column": "A required column is missing from a sheet's header row.",
    "hidden-row": "A row hidden in Excel holds data; it is read like any other.",
    "hidden-sheet": "The sheet read is hidden in Excel.",
    "unknown-column": "A column the contract does not know: ignored in a briefing, an error in the clients manifest.",
    "duplicate-column": "Two columns in the header row have the same name.",
    "missing-field": "A required field of the Briefing sheet is missing or empty.",
    "unknown-field": "A field name in the Briefing sheet the contract does not know; it is ignored.",
    "duplicate-field": "A Briefing field is listed twice.",
    "macros-ignored": "The workbook contains macros; they are never run, only the data is read.",
    # cell values
    "missing-value": "A required cell is empty.",
    "bad-enum": "A value that is not one of the allowed labels.",
    "bad-number": "A value that is not a whole number in the allowed range.",
    "bad-date": "A value that is not a date this reader understands.",
    "ambiguous-date": "A slash date such as 04/05/2025, which could be read two ways.",
    "partial-date": "A partial date where a full date is required.",
    "bad-reference": "A Reference that cannot safely name a file.",
    "bad-url": "A URL that is not an http or https address.",
    "bad-email": "A value that is not an email address.",
    "bad-grade": "A source grade that is not an Admiralty code such as B2.",
    "too-long": "Text longer than the allowed length.",
    "control-characters": "Text holding control characters; they are removed.",
    "formula-without-value": "A formula whose result was never calculated and saved.",
    "merged-cells": "Cells merged across rows; only the first row holds the value.",
    "wrong-type": "A value of the wrong kind for its column.",
    # cross-sheet rules
    "duplicate-id": "An ID, actor or client used twice in the same sheet.",
    "unknown-reference": "A reference to an ID that does not exist in the sheet it points to.",
    "updated-before-published": "The Updated date is earlier than the Published date.",
    "section-without-heading": "The first Sections row has no heading.",
    "no-rows": "A sheet that should hold rows holds none.",
    "bad-brand": "A brand folder lacks something the renderers need.",
    "low-contrast": "A brand's text colour reads under WCAG AA's 4.5:1 contrast on its background.",
    "unknown-brand": "A Brand in the clients manifest that names no brand.",
    "unmatched-name": "A client's sector or region that no risk uses, or a risk's that no client names.",
    "input-in-output": "A workbook given to batch sits inside its output folder, where the run would replace it.",
    # editions (build/diff --previous, batch --previous) and drafts
    "previous-not-given": "The briefing's Previous names a Reference that none of the previous workbooks given has.",
    "previous-mismatch": "The previous workbook's Reference differs from the briefing's Previous field.",
    "previous-later": "The previous edition was published after the current one.",
    "previous-unused": "batch was given a --previous workbook that no briefing's Previous field names.",
    "draft": "batch refuses a briefing whose Status is Draft unless --allow-drafts is given.",
}


def issue(code: str, location: Location, message: str, hint: str = "", *,
          severity: Severity = Severity.ERROR, column: str | None = None,
          found: object = None, expected: str | None = None) -> Issue:
    """Build an Issue for a catalogued code (unknown codes fail loudly: they are bugs)."""
    if code not in CATALOGUE:
        raise KeyError(f"issue code {code!r} is not in the catalogue")
    shown = None if found is None else _show(found)
    return Issue(code, severity, location, message, hint, column, shown, expected)


def _show(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def warning(code: str, location: Location, message: str, hint: str = "", **kw: object) -> Issue:
    return issue(code, location, message, hint, severity=Severity.WARNING, **kw)  # type: ignore[arg-type]


def has_errors(issues: list[Issue] | tuple[Issue, ...]) -> bool:
    return any(i.is_error for i in issues)


def report_dict(file: str, issues: tuple[Issue, ...] | list[Issue]) -> dict[str, object]:
    """The validation report as `validate --format json` prints it and `POST /api/validate` answers it."""
    errors = sum(i.is_error for i in issues)
    return {"file": file, "valid": errors == 0, "errors": errors, "warnings": len(issues) - errors,
            "issues": [i.as_dict() for i in issues]}
