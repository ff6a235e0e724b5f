"""From a file to a validated model: read the sheets, build the model, run the cross-sheet checks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from . import checks
from .contract import BRIEFING_SHEETS, CLIENT_SHEETS
from ..issues import Issue, Location, has_errors
from ..model import Briefing, Client, Event, Risk, Section, Source, Stance, Takeaway
from .package import Limits
from .reading import Table, read_sheets

T = TypeVar("T")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Result(Generic[T]):
    """What reading a file gave: the model (None when there are errors) and every issue found."""

    value: T | None
    issues: tuple[Issue, ...]
    reference: str | None = None  # a briefing's Reference when that cell read, even if others did not
    cells: tuple[dict[str, Location], ...] = ()  # per item of a manifest's value: attr -> the cell it came from
    fields: dict[str, Location] = field(default_factory=dict)  # a briefing's field attr -> its Value cell

    def cell(self, attr: str) -> Location:
        """Where a Briefing field's value is, for messages that name it (the sheet when it is not filled)."""
        return self.fields.get(attr, Location("Briefing"))

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)


def read_briefing(path: str | Path, limits: Limits = Limits()) -> Result[Briefing]:
    """Read and validate a briefing workbook; raises FileProblem only for unreadable files."""
    book = read_sheets(Path(path), BRIEFING_SHEETS, limits)
    tables = book.tables
    issues = sort_issues(list(book.issues) + list(_briefing_checks(tables)), BRIEFING_SHEETS)
    fields = tables["Briefing"].records if "Briefing" in tables else []
    reference = fields[0].get("reference") if fields else None
    cells = _field_cells(tables["Briefing"]) if fields else {}
    if has_errors(issues):
        return Result(None, tuple(issues), reference, fields=cells)
    return Result(build_briefing(tables), tuple(issues), reference, fields=cells)


def _field_cells(briefing: Table) -> dict[str, Location]:
    """Each filled Briefing field's Value cell: the fields record holds them in row order."""
    record = briefing.records[0]
    return {attr: briefing.at(row, "Value") for (attr, value), row in zip(record.items(), briefing.rows)
            if value not in (None, ())}


def sort_issues(issues: list[Issue], sheets) -> list[Issue]:
    """File-level problems first, then sheet by sheet in contract order, row by row, column by column."""
    order = {s.name.casefold(): i for i, s in enumerate(sheets)}

    def key(item: Issue) -> tuple:
        loc = item.location
        sheet = (loc.sheet or "").strip().casefold()
        return (loc.sheet is not None, order.get(sheet, len(order)), sheet, loc.row or 0, loc.column or 0)

    return sorted(issues, key=key)


def _briefing_checks(tables: dict[str, Table]):
    for table in tables.values():
        yield from checks.check_unique_keys(table)
        yield from checks.check_references(table, tables)
        yield from checks.check_citations(table, tables.get("Sources"))
    if "Briefing" in tables:
        yield from checks.check_updated_not_before_published(tables["Briefing"])
    if "Sections" in tables:
        yield from checks.check_first_section_has_heading(tables["Sections"])
    for name in ("Takeaways", "Sections", "Risks"):
        if name in tables:
            yield from checks.check_has_rows(tables[name])


def build_briefing(tables: dict[str, Table]) -> Briefing:
    """Assemble the immutable model from tables that passed validation."""
    records = {name: _complete(tables[name]) if name in tables else [] for name in
               ("Takeaways", "Sections", "Events", "Stances", "Risks", "Sources")}
    meta = {k: v for k, v in tables["Briefing"].records[0].items() if v not in (None, ())}
    return Briefing(
        **meta,
        takeaways=tuple(Takeaway(**r) for r in _present(records["Takeaways"])),
        sections=_sections(records["Sections"]),
        events=tuple(Event(**r) for r in _present(records["Events"])),
        stances=tuple(Stance(**r) for r in _present(records["Stances"])),
        risks=tuple(Risk(**r) for r in _present(records["Risks"])),
        sources=tuple(Source(**r) for r in _present(records["Sources"])),
    )


def _complete(table: Table) -> list[dict]:
    return [r for r, ok in zip(table.records, table.complete) if ok]


def _present(records: list[dict]) -> list[dict]:
    """Drop empty optional values so the dataclass defaults apply."""
    return [{k: v for k, v in r.items() if v is not None} for r in records]


def _sections(records: list[dict]) -> tuple[Section, ...]:
    grouped: list[tuple[str, list[str]]] = []
    for record in records:
        if record["heading"] or not grouped:
            grouped.append((record["heading"] or "", []))
        grouped[-1][1].extend(p.strip() for p in _PARAGRAPH_BREAK.split(record["paragraphs"]) if p.strip())
    return tuple(Section(heading, tuple(paragraphs)) for heading, paragraphs in grouped)


def read_clients(path: str | Path, limits: Limits = Limits()) -> Result[tuple[Client, ...]]:
    """Read and validate a clients manifest."""
    book = read_sheets(Path(path), CLIENT_SHEETS, limits)
    issues = list(book.issues)
    table = book.tables.get("Clients")
    if table is not None:
        issues = sort_issues(issues + list(checks.check_unique_keys(table)) + list(checks.check_has_rows(table))
                             + list(checks.check_brands(table)), CLIENT_SHEETS)
    if has_errors(issues) or table is None:
        return Result(None, tuple(issues))
    rows = [row for row, ok in zip(table.rows, table.complete) if ok]
    cells = tuple({c.attr: table.at(row, c.name) for c in table.sheet.columns} for row in rows)
    return Result(tuple(_client(r) for r in _present(_complete(table))), tuple(issues), cells=cells)


def _client(record: dict) -> Client:
    if not record.get("formats"):
        record.pop("formats", None)
    return Client(**record)
