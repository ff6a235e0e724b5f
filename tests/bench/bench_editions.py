"""Editions: diffing two long editions against reading their workbooks; rendering the example with its
changes against without; and the whole build with a previous edition against one without, where reading
the previous workbook is a second read of the same cost as the first."""
from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Callable

from reporttool.brand.folder import load_brand
from reporttool.building import render_formats
from reporttool.editions.changes import compare
from reporttool.editions.pairing import check_pair
from reporttool.workbook.load import read_briefing
from tests.bench.common import best_ms, row
from tests.briefings import long_briefing
from tests.conftest import ROOT
from tests.editions_fixtures import earlier_edition, write_briefing

EXAMPLE = ROOT / "examples" / "briefing.xlsx"


def _build(current: Path, previous: Path | None, brand) -> None:
    """What `reporttool build` does in-process, short of writing files: read, (pair, compare,) render."""
    result = read_briefing(current)
    changes = None
    if previous is not None:
        before = read_briefing(previous)
        assert not check_pair(result, current, before, previous)
        changes = compare(before.value, result.value, brand.bands)
    render_formats(result.value, brand, ("docx", "xlsx", "html"), changes=changes)


def paired(ours: Callable[[], object], theirs: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Best times of two functions run in turns, so that load from elsewhere on a shared machine weighs
    on both alike rather than on whichever ran during it."""
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for i, fn in enumerate((ours, theirs)):
            best[i] = min(best[i], best_ms(fn, repeat=1))
    return best[0], best[1]


def rows() -> list[dict]:
    out = []
    brand = load_brand(None)
    with tempfile.TemporaryDirectory() as folder:
        long = long_briefing(events=2000, risks=400)  # its stances cite the sample's events: cite none
        current = dataclasses.replace(long, stances=tuple(dataclasses.replace(s, evidence=()) for s in long.stances))
        previous = earlier_edition(current)
        paths = write_briefing(Path(folder) / "cur.xlsx", current), write_briefing(Path(folder) / "prev.xlsx", previous)
        assert all(read_briefing(p).ok for p in paths)
        theirs = best_ms(lambda: [read_briefing(p) for p in paths], repeat=3)
        ours = best_ms(lambda: compare(previous, current, brand.bands), repeat=5, number=5)
        out.append(row("diff 400 risks / 2,000 events (two models)", ours, "reading both workbooks", theirs,
                       "< 10% of reading both", ours < 0.1 * theirs))
        example = read_briefing(EXAMPLE).value
        earlier = write_briefing(Path(folder) / "example-prev.xlsx", earlier_edition(example))
        changes = compare(read_briefing(earlier).value, example, brand.bands)
        formats = ("docx", "xlsx", "html")
        ours, theirs = paired(lambda: render_formats(example, brand, formats, changes=changes),
                              lambda: render_formats(example, brand, formats), rounds=15)
        out.append(row("render example with changes (docx, xlsx, html)", ours, "the same render without", theirs,
                       "<= 1.2x without", ours <= 1.2 * theirs))
        ours, theirs = paired(lambda: _build(EXAMPLE, earlier, brand), lambda: _build(EXAMPLE, None, brand), rounds=9)
        out.append(row("build example with --previous (read both, render)", ours, "the same build without", theirs,
                       "<= 1.2x without", ours <= 1.2 * theirs))
    return out
