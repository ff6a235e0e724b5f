"""Every word the documents print that is not the analyst's: English defaults a brand may replace.

One vocabulary for the Word briefing and the risk-matrix workbook, so the two documents of one
briefing say the same thing in the same words. A brand's brand.toml [words] table overrides any key
(for example to translate both documents). Placeholders in braces ({client}, {minutes}, {subject})
are filled by plain replacement, never by str.format, so a brand file cannot reach into Python objects.
"""
from __future__ import annotations

import re

from ..values import CREDIBILITY, RELIABILITY
from ..values import TLP_LABELS
from .folder import Brand


def tlp_word(label: str) -> str:
    """The words key of a TLP label's meaning: TLP:AMBER+STRICT -> tlp_amber_strict."""
    return "tlp_" + label.removeprefix("TLP:").lower().replace("+", "_")

WORDS: dict[str, str] = {
    # title block
    "by": "By",
    "published": "Published",
    "updated": "Updated",
    "region": "Region",
    "countries": "Countries",
    "min_read": "{minutes} min read",
    "prepared_for": "Prepared for {client}",
    "reference": "Reference",
    # body headings
    "key_takeaways": "Key takeaways",
    "confidence": "{confidence} confidence",
    "timeline": "Timeline",
    "key_dates_ahead": "Key dates ahead",
    "no_past_events": "No events before the publication date are listed.",
    "stances": "Engagement stances",
    "stances_toward": "Stances of key actors toward {subject}.",
    "risk_forecast": "Risk forecast",
    "heat_map": "Heat map",
    "heat_map_caption": "Risks placed by likelihood and impact; cell colour shows the rating band.",
    "heat_map_cell": "{likelihood} likelihood, {impact} impact, {band}: {risks}.",
    "risk_register": "Risk register",
    "no_risks": "No risks are listed in this briefing.",
    "no_matching_risks": "No listed risk meets the criteria agreed with {client}.",
    "sources": "Sources",
    "methodology": "Methodology",
    "methodology_intro": "How to read the ratings and labels used in this briefing.",
    "contact": "Contact",
    "disclaimer": "Disclaimer",
    "page": "Page",
    "of": "of",
    "logo_alt": "{brand} logo",
    # table column headings
    "date": "Date", "event": "Event", "actors": "Actors", "location": "Location",
    "significance": "Significance", "actor": "Actor", "stance": "Stance", "trend": "Trend",
    "drivers": "Drivers", "evidence": "Evidence", "id": "ID", "risk": "Risk", "category": "Category",
    "likelihood": "Likelihood", "impact": "Impact", "score": "Score", "rating": "Rating",
    "horizon": "Horizon", "mitigation": "Mitigation", "indicators": "Indicators", "grade": "Grade",
    "level": "Level", "meaning": "Meaning", "scores": "Scores", "label": "Label", "code": "Code",
    "risks": "Risks",
    # risk-matrix workbook
    "more": "more",
    "matrix_note": "Each cell lists the IDs of the risks with that likelihood and impact; "
                   "score = likelihood × impact. The Register sheet describes every risk.",
    "chart_title": "Risks by likelihood and impact",
    "risk_count": "{count} risks",
    # methodology headings and texts
    "likelihood_scale": "Likelihood scale",
    "impact_scale": "Impact scale",
    "rating_bands": "Rating bands",
    "rating_bands_intro": "Score = likelihood × impact; the score's band gives the rating.",
    "stance_scale": "Stance scale",
    "tlp": "Traffic Light Protocol (TLP 2.0)",
    "admiralty": "Source grading (Admiralty code)",
    "admiralty_intro": "A letter rates the source's reliability, a digit the information's credibility: "
                       "B2 is a usually reliable source reporting information that is probably true.",
    "reliability": "Source reliability", "credibility": "Information credibility",
    "likelihood_1": "May occur only in exceptional circumstances (under 10%).",
    "likelihood_2": "Could occur but is not expected (10-35%).",
    "likelihood_3": "Might occur; a realistic possibility (35-60%).",
    "likelihood_4": "Will probably occur (60-85%).",
    "likelihood_5": "Is expected to occur (over 85%).",
    "impact_1": "Negligible effect on people, assets or operations.",
    "impact_2": "Limited, short-lived disruption with contained costs.",
    "impact_3": "Noticeable disruption to operations or reputation; recovery within weeks.",
    "impact_4": "Serious harm to people, assets, revenue or reputation; months to recover.",
    "impact_5": "Threat to life, business continuity or the licence to operate.",
    "stance_hostile": "Acts against the subject's interests.",
    "stance_opposed": "Objects to the subject without acting against it.",
    "stance_neutral": "Takes no clear position.",
    "stance_engaging": "Open to dialogue and limited, pragmatic cooperation.",
    "stance_supportive": "Actively backs the subject.",
    "reliability_A": "Completely reliable", "reliability_B": "Usually reliable",
    "reliability_C": "Fairly reliable", "reliability_D": "Not usually reliable",
    "reliability_E": "Unreliable", "reliability_F": "Reliability cannot be judged",
    "credibility_1": "Confirmed by other sources", "credibility_2": "Probably true",
    "credibility_3": "Possibly true", "credibility_4": "Doubtful", "credibility_5": "Improbable",
    "credibility_6": "Truth cannot be judged",
    "whole_number": "Enter a whole number: {scale}.",
    # TLP 2.0's meanings, keyed tlp_clear, tlp_green, tlp_amber, tlp_amber_strict, tlp_red
    **{tlp_word(t.label): t.meaning for t in TLP_LABELS},
    # editions: what changed since the previous edition (reporttool.editions), and drafts
    "what_changed": "What changed since {previous}, {date}",
    "no_change": "Nothing in the risks, stances, events, sources or takeaways changed.",
    "risers_fallers": "Risers and fallers",
    "new_retired": "New and retired risks",
    "new_risk": "New",
    "retired_risk": "Retired",
    "new_to_you": "New to you",
    "leaving": "Leaving",
    "trend_changes": "Trend changes",
    "stance_shifts": "Stance shifts",
    "stance_new": "new",
    "stance_gone": "no longer listed",
    "new_events": "New events",
    "new_events_count": "{count} new event(s) since the previous edition, by date:",
    "new_sources": "New sources",
    "change": "Change",
    "change_new": "New",
    "change_retired": "Retired",
    "change_up": "up from {was}",
    "change_down": "down from {was}",
    "change_unchanged": "unchanged",
    "score_was": "score {score}",
    "band_changed": "rating band changed",
    "note": "Note",
    "source": "Source",
    "takeaway": "Takeaway",
    "stance_shift": "Stance shift",
    "trend_change": "Trend change",
    "draft": "DRAFT",
}

# The defaults are British English. A brand in another English gets its spelling for every default it
# does not set itself, so its language is its whole vocabulary (northgate, en-US, prints "organization").
_SPELLINGS = {"en-US": (("organisation", "organization"), ("colour", "color"), ("recognis", "recogniz"),
                        ("analys", "analyz"), ("favour", "favor"), ("behaviour", "behavior"), ("centre", "center"),
                        ("licence", "license"))}


class Words:
    """The words of one brand: its overrides first, then the English defaults."""

    def __init__(self, brand: Brand | None = None):
        """A brand's words; without a brand, the English defaults (the diff command prints those)."""
        self._words = {**regional(brand.language), **brand.words} if brand else dict(WORDS)

    def __call__(self, key: str, **fill: str) -> str:
        return fill_placeholders(self._words.get(key) or key.replace("_", " ").capitalize(), fill)

    def grade(self, grade: str) -> str:
        """An Admiralty grade in words: "B2" is "usually reliable; probably true"."""
        letter, digit = grade[:1].upper(), grade[1:2]
        keys = [f"reliability_{letter}"] if letter and letter in RELIABILITY else []
        keys += [f"credibility_{digit}"] if digit and digit in CREDIBILITY else []
        return "; ".join(self(key).lower() for key in keys)


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Each {name} replaced by its value, in one pass: a value holding "{title}" stays as typed."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), text)


def regional(language: str) -> dict[str, str]:
    """The default words in the spelling of the brand's language (British English unless it says otherwise)."""
    spellings = _SPELLINGS.get(language, ())
    return {key: _respell(text, spellings) for key, text in WORDS.items()}


def _respell(text: str, spellings: tuple[tuple[str, str], ...]) -> str:
    for british, other in spellings:
        text = text.replace(british, other).replace(british.capitalize(), other.capitalize())
    return text
