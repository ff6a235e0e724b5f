"""Editions: the diff of two briefings (against an independent computation and as properties), a client's
view of it, the diff command's text and JSON, and the messages when two workbooks do not pair."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reporttool.editions.changes import RISK_KINDS, compare
from reporttool.editions.clients import client_changes
from reporttool.model import Briefing, Client, Event, Risk, Stance, Takeaway
from reporttool.values import DEFAULT_BANDS, PartialDate

from .briefings import sample_briefing
from .editions_fixtures import current_edition, previous_of, write_briefing

ROOT = Path(__file__).resolve().parent.parent
BANDS = ((1, 4, "Low"), (5, 9, "Medium"), (10, 16, "High"), (17, 25, "Critical"))  # written out, not imported


def rating(score: int) -> str:
    return next(name for low, high, name in BANDS if low <= score <= high)


def expected_risks(previous: Briefing, current: Briefing) -> dict[str, tuple[str, str | None, str | None]]:
    """Risk ID -> (kind, old rating, new rating), computed here from the scores alone."""
    before = {r.id: r.likelihood * r.impact for r in previous.risks}
    now = {r.id: r.likelihood * r.impact for r in current.risks}
    out = {}
    for rid in before.keys() | now.keys():
        old, new = before.get(rid), now.get(rid)
        kind = ("new" if old is None else "retired" if new is None else "risen" if new > old else
                "fallen" if new < old else "unchanged")
        out[rid] = (kind, old and rating(old), new and rating(new))
    return out


def pair() -> tuple[Briefing, Briefing]:
    current = current_edition(sample_briefing())
    return previous_of(current), current


def test_every_kind_of_change_matches_an_independent_computation():
    previous, current = pair()
    changes = compare(previous, current)
    got = {c.id: (c.kind, c.old and c.old.rating, c.new and c.new.rating) for c in changes.risks}
    assert got == expected_risks(previous, current)
    assert {kind for kind, _, _ in got.values()} == set(RISK_KINDS)  # the fixture has every kind
    assert [c.id for c in changes.risks if c.band_changed] == ["R1", "R6"]  # R3 fell inside High
    assert [c.id for c in changes.risks if c.trend_changed] == ["R2"]
    r1 = changes.change_of("R1")
    assert (r1.old.likelihood, r1.old.impact, r1.old.score, r1.new.likelihood, r1.new.impact, r1.new.score) == \
        (3, 4, 12, 4, 5, 20)
    assert [c.id for c in changes.moved] == ["R1", "R3", "R6"]  # risers, then fallers by the size of the fall
    stances = {s.actor: (s.old_stance, s.new_stance, s.old_trend, s.new_trend) for s in changes.stances}
    assert stances == {"China": (None, "Engaging", None, "Stable"), "Pakistan": ("Neutral", "Engaging", "Stable", "Cooling"),
                       "United Nations": ("Neutral", "Neutral", "Warming", "Stable"),
                       "Gone actor": ("Hostile", None, "Stable", None)}
    assert [e.id for e in changes.events] == ["E16", "E14", "E15"]  # by date, not by row
    assert [s.id for s in changes.sources] == ["S6"]
    assert [t.text for t in changes.takeaways] == [current.takeaways[0].text]
    assert not changes.is_empty


def test_takeaways_and_actors_match_whatever_their_spacing_and_case():
    previous, current = pair()
    moved = dataclasses.replace(previous, takeaways=tuple(Takeaway("  " + t.text.upper()) for t in current.takeaways),
                                stances=tuple(dataclasses.replace(s, actor=s.actor.lower()) for s in current.stances))
    changes = compare(moved, current)
    assert changes.takeaways == () and changes.stances == ()


# -- properties -------------------------------------------------------------------------------------------

IDS = [f"R{i}" for i in range(8)]
ACTORS = ["Russia", "China", "Iran", "Pakistan"]
risk_lists = st.lists(st.builds(lambda rid, l, i, t: Risk(rid, f"risk {rid}", "Security", l, i, t),
                                st.sampled_from(IDS), st.integers(1, 5), st.integers(1, 5),
                                st.sampled_from([None, "Increasing", "Stable", "Decreasing"])),
                      max_size=8, unique_by=lambda r: r.id)
stance_lists = st.lists(st.builds(Stance, st.sampled_from(ACTORS), st.sampled_from(["Hostile", "Neutral", "Engaging"]),
                                  st.sampled_from([None, "Warming", "Cooling"])), max_size=4, unique_by=lambda s: s.actor)
event_lists = st.lists(st.builds(lambda i, m: Event(f"E{i}", PartialDate(2025, m), "event"), st.integers(0, 6),
                                 st.integers(1, 12)), max_size=6, unique_by=lambda e: e.id)
editions = st.builds(lambda risks, stances, events, takeaways: dataclasses.replace(
    sample_briefing(), risks=tuple(risks), stances=tuple(stances), events=tuple(events),
    takeaways=tuple(Takeaway(t) for t in takeaways)),
    risk_lists, stance_lists, event_lists, st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True))


@settings(max_examples=150, deadline=None)
@given(editions)
def test_a_diff_with_itself_is_empty(edition):
    changes = compare(edition, edition)
    assert changes.is_empty
    assert all(c.kind == "unchanged" for c in changes.risks) and len(changes.risks) == len(edition.risks)


@settings(max_examples=150, deadline=None)
@given(editions, editions)
def test_risers_one_way_are_fallers_the_other(a, b):
    forward, backward = compare(a, b), compare(b, a)
    assert {c.id for c in forward.of_kind("risen")} == {c.id for c in backward.of_kind("fallen")}
    assert {c.id for c in forward.of_kind("fallen")} == {c.id for c in backward.of_kind("risen")}
    assert {c.id for c in forward.of_kind("new")} == {c.id for c in backward.of_kind("retired")}


@settings(max_examples=150, deadline=None)
@given(editions, editions)
def test_every_risk_of_either_edition_is_in_exactly_one_kind(a, b):
    changes = compare(a, b)
    ids = [c.id for kind in RISK_KINDS for c in changes.of_kind(kind)]
    assert sorted(ids) == sorted({r.id for r in a.risks} | {r.id for r in b.risks})
    assert {c.id: c.kind for c in changes.risks} == {k: v[0] for k, v in expected_risks(a, b).items()}


# -- one client's view --------------------------------------------------------------------------------------

def test_a_client_sees_risks_cross_its_threshold():
    """Minimum High: a risk rising from Medium to High is new to the client, one falling to Medium
    leaves it (below the threshold), a retired one leaves it (retired); a Low risk never shows."""
    base = sample_briefing()
    risk = lambda rid, l, i: Risk(rid, f"risk {rid}", "Security", l, i)  # noqa: E731
    previous = dataclasses.replace(base, risks=(risk("UP", 3, 3), risk("DOWN", 4, 4), risk("GONE", 4, 4),
                                                risk("STAY", 5, 5), risk("LOW", 1, 1)))
    current = dataclasses.replace(base, risks=(risk("UP", 3, 4), risk("DOWN", 3, 3), risk("STAY", 4, 5),
                                               risk("LOW", 2, 1), risk("FRESH", 5, 4)), previous=previous.reference)
    client = Client("Acme", minimum_rating="High")
    changes = client_changes(previous, current, client, DEFAULT_BANDS)
    got = {c.id: (c.kind, c.note) for c in changes.risks}
    assert got == {"UP": ("new", "now High, was Medium"), "DOWN": ("retired", "now below your threshold"),
                   "GONE": ("retired", "retired"), "STAY": ("fallen", None), "FRESH": ("new", None)}
    assert changes.client == "Acme"


def test_a_client_sees_only_its_sectors():
    previous, current = pair()
    mining = Client("Mining only", sectors=("Mining",))
    changes = client_changes(previous, current, mining, DEFAULT_BANDS)
    # R4 (Energy, Mining) is new; risks with no sector concern everyone; R1 (Energy), R5 (Logistics, Energy)
    # and R6 (Finance) concern other sectors
    assert {c.id: c.kind for c in changes.risks} == {"R2": "unchanged", "R3": "fallen", "R4": "new", "RX": "retired"}


# -- the diff command ------------------------------------------------------------------------------------

def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    previous, current = pair()
    return write_briefing(tmp_path / "previous.xlsx", previous), write_briefing(tmp_path / "current.xlsx", current)


def test_diff_prints_what_moved(run_cli, tmp_path):
    previous, current = write_pair(tmp_path)
    code, out, err = run_cli("diff", previous, current)
    assert code == 0, err
    assert out.startswith("What changed since MRA-2025-016, 27 April 2025 (MRA-2025-017, 4 May 2025)\n")
    assert "Risks: 1 new, 1 retired, 1 risen, 2 fallen, 2 unchanged" in out
    assert "R1  High -> Critical ▲  score 12 -> 20 (likelihood 3 -> 4, impact 4 -> 5)  [rating band changed]" in out
    assert "RX  Medium (score 6): A risk that has since been retired" in out
    assert re.search(r"New events \(3\):\n  2025-05-02  E16 .*\n  2025-06  E14 .*\n  2025-09-09  E15 ", out)
    code, out, _ = run_cli("diff", previous, previous)  # no Previous field: any earlier (or same) edition pairs
    assert code == 0 and out.endswith("No change.\n")


def test_diff_json_is_documented_key_by_key(run_cli, tmp_path):
    previous, current = write_pair(tmp_path)
    code, out, err = run_cli("diff", previous, current, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [r["id"] for r in data["risks"]["risen"]] == ["R1"]
    assert data["risks"]["risen"][0]["old"] == {"likelihood": 3, "impact": 4, "score": 12, "rating": "High",
                                                "trend": "Increasing"}
    assert data["risks"]["fallen"][1]["change"] == "down from Medium"
    assert data["risks"]["fallen"][0]["change"] == "down from score 16"
    assert [e["id"] for e in data["events"]] == ["E16", "E14", "E15"]
    doc = (ROOT / "docs" / "diff.md").read_text()
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(data)
    assert keys and all(f"`{key}`" in doc for key in keys), sorted(k for k in keys if f"`{k}`" not in doc)


def test_a_previous_edition_that_does_not_pair_is_refused_naming_the_cell(run_cli, tmp_path):
    previous, current = pair()
    other = write_briefing(tmp_path / "other.xlsx", dataclasses.replace(previous, reference="MRA-2025-001"))
    cur = write_briefing(tmp_path / "current.xlsx", current)
    code, out, err = run_cli("diff", other, cur)
    assert code == 1
    assert re.search(r"Briefing!B\d+: error \(Previous\): Previous is 'MRA-2025-016', but other.xlsx is "
                     r"'MRA-2025-001' \[previous-mismatch\]", out), out
    later = write_briefing(tmp_path / "later.xlsx", dataclasses.replace(previous, published=dt.date(2025, 6, 1)))
    code, out, err = run_cli("build", cur, "--previous", later, "-o", tmp_path / "out")
    assert code == 1 and not (tmp_path / "out").exists()
    assert re.search(r"Briefing!B6: error \(Published\): later.xlsx \(MRA-2025-016\) was published on 2025-06-01, "
                     r"after current.xlsx \(MRA-2025-017, 2025-05-04\) \[previous-later\]", out), out


def test_an_invalid_previous_edition_reports_its_own_problems(run_cli, tmp_path):
    previous, current = pair()
    broken = dataclasses.replace(previous, risks=(dataclasses.replace(previous.risks[0], events=("E99",)),))
    bad = write_briefing(tmp_path / "bad.xlsx", broken)
    cur = write_briefing(tmp_path / "current.xlsx", current)
    code, out, err = run_cli("build", cur, "--previous", bad, "-o", tmp_path / "out")
    assert code == 1
    assert "Risks!K2: error (Events): 'E99' is not an ID in the Events sheet [unknown-reference]" in out
    assert f"{bad}: not valid: 1 error(s)" in out
    assert "the previous edition" in err and "is not valid" in err
