"""Rules every renderer shares (reporttool.present), tested once, and as the Word briefing prints them."""
from __future__ import annotations

import dataclasses
import datetime as dt

from reporttool.model import Event
from reporttool.present import split_timeline, uncited_sources
from reporttool.values import PartialDate as P

from .briefings import sample_briefing
from .docx_reading import after_heading, build, part, text, w


def events_on(published: dt.date, *dates: P) -> tuple[list[str], list[str]]:
    events = tuple(Event(f"E{i}", d, f"event {i}") for i, d in enumerate(dates))
    past, ahead = split_timeline(dataclasses.replace(sample_briefing(), events=events, published=published))
    return [e.id for e in past], [e.id for e in ahead]


def test_a_date_whose_period_has_not_ended_at_publication_is_ahead():
    published = dt.date(2025, 12, 12)
    assert events_on(published, P(2025, 12), P(2025), P(2025, 11), P(2025, 12, 12), P(2025, 12, 13), P(2024)) == (
        ["E5", "E2", "E3"], ["E1", "E0", "E4"])
    assert events_on(dt.date(2025, 12, 31), P(2025, 12), P(2025)) == (["E1", "E0"], [])  # ended that day


def test_month_dated_expected_event_is_listed_under_key_dates_ahead():
    base = sample_briefing()
    expected = Event("X1", P(2025, 5), "Expected: a Taliban delegation visits Moscow.")
    doc = part(build(dataclasses.replace(base, events=base.events + (expected,))))
    ahead = after_heading(doc, "Key dates ahead", "Heading2")
    assert "Expected: a Taliban delegation visits Moscow." in text(ahead[0])
    assert "Expected: a Taliban delegation" not in text(after_heading(doc, "Timeline")[0])


def test_an_event_citing_its_own_source_cites_it_once():
    event = Event("E1", P(2025, 4, 17), "Russia's Supreme Court lifts the designation [S1].", sources=("S1", "S3"))
    assert uncited_sources(event) == ("S3",)
    doc = part(build(dataclasses.replace(sample_briefing(), events=(event,))))
    row = next(r for r in doc.iter(w("tr")) if "Supreme Court lifts" in text(r))
    assert "lifts the designation [1]. [3]" in text(row) and "[1]. [1]" not in text(row)
    alone = dataclasses.replace(event, sources=("S1",))
    row = next(r for r in part(build(dataclasses.replace(sample_briefing(), events=(alone,)))).iter(w("tr"))
               if "Supreme Court lifts" in text(r))
    assert text(row).count("[1]") == 1


def test_a_link_never_opens_another_site_than_it_shows():
    # the workbook refuses these at their cell; a model built otherwise (the API, a future reader) still
    # never links them: trusted.example@evil.example opens evil.example
    from reporttool.present import safe_url

    assert safe_url("https://trusted.example@evil.example/") is None
    assert safe_url("https://user:pw@evil.example/") is None
    assert safe_url("https://example.com/a@b?c=@d") == "https://example.com/a@b?c=@d"
