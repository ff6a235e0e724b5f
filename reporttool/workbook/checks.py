"""Rules across rows and sheets, each a small generator of Issues over the tables read."""
from __future__ import annotations

from typing import Iterator

from ..citations import citations
from .contract import BRIEFING_SHEETS, Column
from ..issues import Issue, Location, issue, warning
from .reading import Table


def check_unique_keys(table: Table) -> Iterator[Issue]:
    """IDs (and actors, clients) are unique in their sheet, ignoring case and spaces."""
    first: dict[str, int] = {}
    for key, row in table.keys:
        folded = " ".join(key.split()).casefold()
        if folded in first:
            yield issue("duplicate-id", table.at(row, table.sheet.key), f"{key!r} is already used in row {first[folded]}",
                        f"give each row its own {table.sheet.key}", column=table.sheet.key, found=key)
        else:
            first[folded] = row


def check_references(table: Table, tables: dict[str, Table]) -> Iterator[Issue]:
    """Every ID a list names exists in the sheet it points to."""
    for column in table.sheet.columns:
        if column.refers_to is None or column.name not in table.columns:
            continue
        target = tables.get(column.refers_to)
        if _unreadable(target) or (target is None and _required_sheet(column.refers_to)):
            continue  # its missing sheet or header is reported once, where it is
        known = {key for key, _ in target.keys} if target else set()
        for record, row in zip(table.records, table.rows):
            for ref in record.get(column.attr) or ():
                if ref not in known:
                    yield issue("unknown-reference", table.at(row, column.name),
                                f"{ref!r} is not an ID in the {column.refers_to} sheet",
                                f"add {ref} to {column.refers_to}, or correct the ID", column=column.name,
                                found=ref, expected=f"an ID from {column.refers_to}")


def _required_sheet(name: str) -> bool:
    """A required sheet that is absent is already a missing-sheet error (often a renamed tab): every reference
    into it would repeat that error dozens of times."""
    return any(sheet.name == name and sheet.required for sheet in BRIEFING_SHEETS)


def _unreadable(target: Table | None) -> bool:
    """A sheet whose header row was not found: its problem is reported there, and every reference into it
    would only repeat it dozens of times elsewhere."""
    return target is not None and not target.columns and any(i.code == "missing-column" for i in target.issues)


def check_citations(table: Table, sources: Table | None) -> Iterator[Issue]:
    """Text in the columns that may cite sources ([S1], [S1, S3]) names only IDs of the Sources sheet."""
    if _unreadable(sources):
        return
    known = {key for key, _ in sources.keys} if sources else set()
    for column in table.sheet.columns:
        if not column.cites:
            continue
        for text, where in _texts(table, column):
            for match, ids in citations(text, known):
                for ref in ids:
                    if ref not in known:
                        yield issue("unknown-reference", where,
                                    f"the text cites {match[0]}, and {ref!r} is not an ID in the Sources sheet",
                                    f"add {ref} to Sources or correct the citation (text in [brackets] that is not "
                                    "a citation: use (parentheses))", column=column.name, found=match[0])


def _texts(table: Table, column: Column) -> Iterator[tuple[str, Location]]:
    """Each text of the column with its cell: one per row, or the field's value cell on the Briefing sheet."""
    if table.sheet.fields:
        record = table.records[0] if table.records else {}
        if record.get(column.attr):
            yield record[column.attr], table.at(_field_row(table, column.attr), "Value")
        return
    for record, row in zip(table.records, table.rows):
        value = record.get(column.attr)
        for text in (value,) if isinstance(value, str) else value or ():
            yield text, table.at(row, column.name)


def check_updated_not_before_published(briefing: Table) -> Iterator[Issue]:
    record = briefing.records[0] if briefing.records else {}
    published, updated = record.get("published"), record.get("updated")
    if published and updated and updated < published:
        row = _field_row(briefing, "updated")
        yield issue("updated-before-published", briefing.at(row, "Value"),
                    f"Updated {updated.isoformat()} is before Published {published.isoformat()}",
                    "correct one of the two dates", column="Updated", found=updated.isoformat(),
                    expected=f"on or after {published.isoformat()}")


def _field_row(briefing: Table, attr: str) -> int:
    attrs = list(briefing.records[0])
    return briefing.rows[attrs.index(attr)]


def check_first_section_has_heading(sections: Table) -> Iterator[Issue]:
    if sections.records and not sections.records[0].get("heading"):
        hint = ("type a heading in this cell" if "Section" in sections.columns else
                "add a Section column before Paragraph and type each section's heading in it")
        yield issue("section-without-heading", sections.at(sections.rows[0], "Section"),
                    "the first paragraph has no section heading above it", hint, column="Section")


def check_has_rows(table: Table) -> Iterator[Issue]:
    if not table.records and not any(i.is_error for i in table.issues) and table.columns:
        yield warning("no-rows", Location(table.title),
                      f"the {table.title} sheet holds no rows", f"add at least one row to {table.title}")


def check_brands(table: Table) -> Iterator[Issue]:
    """Each Brand a client names is a usable brand, reported at its cell: otherwise the batch would stop
    on it with no cell named, after the manifest had passed `validate --clients`."""
    if "Brand" not in table.columns:
        return
    from ..brand.folder import brand_folder, check_brand, known_brands  # only for manifests that name brands

    verdicts: dict[str, Issue | None] = {}
    for record, row in zip(table.records, table.rows):
        name = record.get("brand")
        if not name:
            continue
        if name not in verdicts:
            verdicts[name] = _brand_problem(name, brand_folder(name), check_brand, known_brands())
        if (found := verdicts[name]) is not None:
            yield issue(found.code, table.at(row, "Brand"), found.message, found.hint, column="Brand", found=name,
                        expected=found.expected)


def _brand_problem(name: str, folder, check_brand, known: list[str]) -> Issue | None:
    expected = "one of: " + ", ".join(known)
    if not (folder / "brand.toml").is_file():
        return issue("unknown-brand", Location(), f"no brand is named {name!r}",
                     f"type one of the known brands ({', '.join(known)}) or the path of a brand folder, or leave "
                     "the cell blank for the run's brand", expected=expected)
    errors = [i for i in check_brand(folder) if i.is_error]
    if errors:
        return issue("bad-brand", Location(), f"brand {name!r} cannot be used: {errors[0].message}",
                     f"run `reporttool brand check {folder}` for every problem", expected=expected)
    return None
