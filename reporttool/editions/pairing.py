"""Pairing an edition with the one it updates, and refusing drafts: problems as Issues naming the cell."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..issues import Issue, Location, issue
from ..model import Briefing


class Read(Protocol):
    """What reading a briefing workbook gave (workbook.load.Result): the model and its cells."""

    value: Briefing | None

    def cell(self, attr: str) -> Location: ...


def _at(result: Read, attr: str, path: Path) -> Location:
    where = result.cell(attr)
    return Location(where.sheet, where.row, where.column, str(path))


def check_pair(current: Read, current_path: Path, previous: Read, previous_path: Path) -> list[Issue]:
    """The previous workbook is the edition the current one names, and was published before it.

    A blank Previous field accepts any earlier edition (the comparison is still meaningful)."""
    now, before = current.value, previous.value
    assert now is not None and before is not None
    problems = []
    if now.previous and now.previous != before.reference:
        problems.append(issue("previous-mismatch", _at(current, "previous", current_path),
                              f"Previous is {now.previous!r}, but {previous_path.name} is {before.reference!r}",
                              f"give the workbook of {now.previous} as the previous edition, or correct Previous",
                              column="Previous", found=before.reference, expected=now.previous))
    if before.published > now.published:
        problems.append(issue("previous-later", _at(previous, "published", previous_path),
                              f"{previous_path.name} ({before.reference}) was published on "
                              f"{before.published.isoformat()}, after {current_path.name} "
                              f"({now.reference}, {now.published.isoformat()})",
                              "the previous edition must come first: check the two Published dates, or swap the "
                              "files", column="Published", found=before.published.isoformat(),
                              expected=f"on or before {now.published.isoformat()}"))
    return problems


def pair_editions(currents: dict[Path, Read], previous: dict[Path, Read]) -> tuple[dict[str, Path], list[Issue]]:
    """For batch: each current briefing's Reference -> the previous workbook named by its Previous field.

    Briefings without Previous are built without changes, as is every briefing when no previous workbook
    is given (editions were not asked for); else a Previous that names none of the previous workbooks given
    is an error at its cell, as is a pair that fails check_pair.
    """
    by_reference = {r.value.reference: p for p, r in previous.items() if r.value is not None}
    pairs, problems = {}, []
    if not previous:
        return pairs, problems
    for path, result in currents.items():
        briefing = result.value
        if briefing is None or not briefing.previous:
            continue
        found = by_reference.get(briefing.previous)
        if found is None:
            given = ", ".join(sorted(by_reference)) or "none"
            problems.append(issue("previous-not-given", _at(result, "previous", path),
                                  f"Previous names {briefing.previous!r}, and no --previous workbook has that "
                                  f"Reference (given: {given})", f"add the workbook of {briefing.previous} with "
                                  "--previous, or correct Previous", column="Previous", found=briefing.previous))
            continue
        problems += check_pair(result, path, previous[found], found)
        pairs[briefing.reference] = found
    return pairs, problems


def unused_previous(previous: dict[Path, Read], pairs: dict[str, Path]) -> list[Issue]:
    """A --previous workbook that no briefing's Previous names: `build --previous` would use it, batch pairs
    editions by the Previous field only, so the packs would silently say nothing of what changed."""
    used = set(pairs.values())
    return [issue("previous-unused", Location(file=str(path)),
                  f"{path.name} ({result.value.reference}) is given with --previous, and no briefing names it in "
                  "its Previous field", f"type {result.value.reference} in the Previous field of the briefing that "
                  "updates it (batch pairs editions by that field), or leave the workbook out",
                  found=result.value.reference)
            for path, result in previous.items() if path not in used and result.value is not None]


def drafts(currents: dict[Path, Read]) -> list[Issue]:
    """Each Draft briefing, named with its Status cell: batch sends nothing marked Draft unless allowed."""
    return [issue("draft", _at(result, "status", path),
                  f"{path.name} ({result.value.reference}) is a Draft; batch sends only Final briefings",
                  "set Status to Final (or blank) when it is ready, or pass --allow-drafts to build packs marked "
                  "DRAFT", column="Status", found="Draft")
            for path, result in currents.items() if result.value is not None and result.value.is_draft]
