"""Pairs of editions for the editions tests: a model written to a workbook through the contract, and
a previous edition that differs from the sample in every way the diff knows."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from reporttool.model import Briefing, Event, Risk, Source, Stance
from reporttool.values import PartialDate
from reporttool.workbook.contract import BRIEFING_SHEETS
from reporttool.workbook.template import template_bytes


def _cell(value: Any) -> Any:
    if isinstance(value, tuple):
        return "; ".join(value) or None
    if isinstance(value, PartialDate):
        return value.iso()
    return value


def workbook_rows(briefing: Briefing) -> dict[str, list[dict[str, Any]]]:
    """The briefing as the template writer's rows: the contract says which attribute goes where."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for sheet in BRIEFING_SHEETS:
        if sheet.fields:
            rows[sheet.name] = [{"Field": c.name, "Value": _cell(getattr(briefing, c.attr))} for c in sheet.columns]
        elif sheet.name == "Sections":
            rows[sheet.name] = [{"Section": s.heading if i == 0 else None, "Paragraph": p}
                                for s in briefing.sections for i, p in enumerate(s.paragraphs)]
        else:
            items = getattr(briefing, sheet.name.lower())
            rows[sheet.name] = [{c.name: _cell(getattr(item, c.attr)) for c in sheet.columns} for item in items]
    return rows


def write_briefing(path: Path, briefing: Briefing) -> Path:
    path.write_bytes(template_bytes(BRIEFING_SHEETS, workbook_rows(briefing)))
    return path


def previous_of(current: Briefing) -> Briefing:
    """An earlier edition of `current` with every kind of change against it, published a week before:
    - R1 was lower (risen, band change: High 12 -> Critical 20), R2 was the same score with another trend,
      R3 was higher (fallen, 16 High -> 12 High: inside one band), R4 absent (new in current),
      RX only in the previous edition (retired), R5 the same (unchanged), R6 higher (fallen, band change);
    - the stance of Pakistan was Neutral/Stable (shift), United Nations' trend Warming (trend change),
      "Gone actor" is only here; China is absent (new actor);
    - events E14-E16 and source S6 are absent (added); the first takeaway is absent (new)."""
    risks = {r.id: r for r in current.risks}
    before = [
        dataclasses.replace(risks["R1"], likelihood=3, impact=4),
        dataclasses.replace(risks["R2"], trend="Stable"),
        dataclasses.replace(risks["R3"], likelihood=4, impact=4),
        risks["R5"],
        dataclasses.replace(risks["R6"], likelihood=3, impact=2),
        Risk("RX", "A risk that has since been retired", "Political", 2, 3, "Decreasing"),
    ]
    stances = [dataclasses.replace(s, stance="Neutral", trend="Stable") if s.actor == "Pakistan" else
               dataclasses.replace(s, trend="Warming") if s.actor == "United Nations" else s
               for s in current.stances if s.actor != "China"] + [Stance("Gone actor", "Hostile", "Stable")]
    return dataclasses.replace(
        current, reference="MRA-2025-016", published=current.published - dt.timedelta(days=7), updated=None,
        previous=None, status="Final", risks=tuple(before), stances=tuple(stances),
        events=tuple(e for e in current.events if e.id not in ("E14", "E15", "E16")),
        sources=tuple(s for s in current.sources if s.id != "S6"),
        takeaways=current.takeaways[1:],
    )


def current_edition(base: Briefing) -> Briefing:
    """The sample briefing as the edition after previous_of(), with an event E16 (dated before E14, so
    "by date" is not file order) and a source S6 that are new in it."""
    event = Event("E16", PartialDate(2025, 5, 2), "Talks on a trade corridor open in Tashkent.", ("Russia",),
                  "Tashkent", "Medium")
    source = Source("S6", "Corridor talks open", "Regional news agency", PartialDate(2025, 5, 2))
    return dataclasses.replace(base, previous="MRA-2025-016", events=base.events + (event,),
                               sources=base.sources + (source,))


def earlier_edition(current: Briefing) -> Briefing:
    """A generic previous edition of any briefing, for benchmarks: a fifth of its risks absent (new now),
    a fifth each one likelihood step lower and higher (risen and fallen), one retired risk, the stances'
    trends turned, the last tenth of its events not yet there."""
    def before(i: int, risk: Risk) -> Risk:
        step = {1: -1, 2: 1}.get(i % 5, 0)
        return dataclasses.replace(risk, likelihood=min(5, max(1, risk.likelihood + step)))

    kept = len(current.events) - len(current.events) // 10
    return dataclasses.replace(
        current, reference=current.reference + "-prev", published=current.published - dt.timedelta(days=7),
        updated=None, previous=None,
        risks=tuple(before(i, r) for i, r in enumerate(current.risks) if i % 5) + (
            Risk("R-RETIRED", "A risk since retired", "Political", 2, 3),),
        stances=tuple(dataclasses.replace(s, trend="Cooling" if s.trend != "Cooling" else "Warming")
                      for s in current.stances[::2]) + current.stances[1::2],
        events=current.events[:kept])
