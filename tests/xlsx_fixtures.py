"""Briefings and brands for the risk-matrix tests and benchmark, built straight from the model."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from reporttool.brand.folder import TEMPLATES, Brand, load_brand
from reporttool.model import Briefing, Client, Event, Risk, Stance
from reporttool.values import DEFAULT_BANDS, Band, PartialDate

CATEGORIES = ("Security", "Political", "Regulatory", "Economic", "Operational", "Terrorism")


def default_brand() -> Brand:
    """The default brand, as templates/meridian/brand.toml has it today."""
    return load_brand("meridian")


def fixed_brand() -> Brand:
    """A brand built here, so that golden files change with the renderer only, never with a brand edit."""
    return Brand(name="fixed", folder=TEMPLATES / "fixed", template=Path("template.docx"), logo=Path("logo.png"),
                 bands=DEFAULT_BANDS, colours={"primary": "1F3A5F", "muted": "5B6B7B"},
                 fonts={"heading": "Cambria", "body": "Calibri"})


def other_brand() -> Brand:
    """A second brand: three bands with their own names, colours and thresholds, other fonts and words."""
    bands = (Band("Minor", 1, 5, "C6E0B4"), Band("Serious", 6, 14, "F8CBAD", "3A1F00"),
             Band("Severe", 15, 25, "7B1F2B", "FFFFFF"))
    return Brand(name="harbour", folder=TEMPLATES / "harbour", template=Path("template.docx"),
                 logo=Path("logo.png"), bands=bands,
                 colours={"primary": "0B6E4F", "muted": "44546A", "rule": "B4C7BD"},
                 fonts={"heading": "Liberation Serif", "body": "Liberation Sans"},
                 words={"prepared_for": "Prepared exclusively for {client}", "likelihood": "Probability"})


def _risk(rid: str, text: str, category: str, likelihood: int, impact: int, **more) -> Risk:
    return Risk(rid, text, category, likelihood, impact, **more)


def example_risks() -> tuple[Risk, ...]:
    """Risks to companies in Central Asia from a closer Russia-Taliban relationship."""
    return (
        _risk("R1", "Militant attacks on oil and gas infrastructure in Central Asia", "Terrorism", 3, 5,
              trend="Increasing", horizon="0-12 months", sectors=("Energy", "Oil and gas"),
              regions=("Central Asia",), mitigation="Review site security and business-continuity plans.",
              events=("E9", "E11"), indicators=("ISK claims against regional energy sites",)),
        _risk("R2", "Cross-border spillover of instability from Afghanistan", "Security", 3, 4,
              trend="Stable", horizon="0-12 months", regions=("Tajikistan", "Uzbekistan", "Turkmenistan"),
              mitigation="Monitor border districts; keep evacuation routes current.", events=("E4",),
              indicators=("Clashes on the Tajik border", "Refugee movements")),
        _risk("R3", "Russian pressure on local regulators to favour Russian interests", "Regulatory", 4, 3,
              trend="Increasing", horizon="6-24 months", sectors=("All",),
              mitigation="Map regulatory exposure; diversify local partners.", events=("E12",)),
        _risk("R4", "Exposure of US-origin firms to hostile targeting", "Security", 2, 4,
              trend="Stable", horizon="0-12 months", sectors=("Energy",), events=("E11",),
              indicators=("Threats naming US companies",)),
        _risk("R5", "Supply-chain disruption after an attack on energy assets", "Operational", 3, 3,
              trend="Increasing", horizon="0-6 months", sectors=("Logistics", "Manufacturing"),
              mitigation="Qualify alternative suppliers and routes."),
        _risk("R6", "Sanctions exposure through dealings with newly recognised authorities", "Regulatory",
              2, 3, trend="Stable", horizon="6-24 months", sectors=("Finance",)),
        _risk("R7", "Reputational harm from engagement with the Taliban", "Reputational", 2, 2,
              horizon="0-24 months"),
        _risk("R8", "Currency volatility in Central Asian markets", "Economic", 1, 2, trend="Decreasing"),
    )


def example_briefing(risks: tuple[Risk, ...] | None = None) -> Briefing:
    """A briefing shaped like the reference one: its events, stances and risks."""
    events = tuple(Event(f"E{i}", date, text, actors, location, significance) for i, (date, text, actors,
                   location, significance) in enumerate((
        (PartialDate(1994), "The Taliban forms from former mujahideen fighters", ("Taliban",), "Kandahar", "Medium"),
        (PartialDate(2003), "Russia lists the Taliban as a terrorist organisation", ("Russia",), "Moscow", "High"),
        (PartialDate(2021, 8), "The Taliban retakes Kabul as US forces withdraw", ("Taliban", "United States"),
         "Kabul", "High"),
        (PartialDate(2022, 3), "Clashes reported along the Tajik border", ("Taliban", "Tajikistan"), None, "Low"),
        (PartialDate(2025, 2), "The UN convenes envoys on engagement with Afghanistan", ("United Nations",),
         "Doha", "Medium"),
        (PartialDate(2025, 4, 17), "Russia's Supreme Court lifts the Taliban's terrorist designation",
         ("Russia", "Taliban"), "Moscow", "High"),
    ), start=1))
    stances = (
        Stance("Russia", "Engaging", "Warming", "Security cooperation and regional influence", ("E2", "E6")),
        Stance("China", "Engaging", "Stable", "Mineral and infrastructure interests"),
        Stance("Pakistan", "Engaging", "Cooling", "Border security and militancy"),
        Stance("United States", "Opposed", "Stable", "Human rights and counter-terrorism", ("E3",)),
        Stance("United Nations", "Neutral", "Stable", "Humanitarian access", ("E5",)),
    )
    return Briefing(
        reference="CA-2025-017", title="The Taliban: from international pariah to Russian ally?",
        subtitle="What Moscow's shift means for companies in Central Asia",
        authors=("A. Analyst", "B. Reviewer"), published=dt.date(2025, 5, 4),
        updated=dt.date(2025, 5, 9), region="Central Asia", countries=("Afghanistan", "Russia"),
        classification="TLP:AMBER", summary="Russia is normalising relations with the Taliban.",
        subject="the Taliban", events=events, stances=stances,
        risks=example_risks() if risks is None else risks)


# Text an analyst might type that must come out as the same text, never as a formula or broken XML.
HOSTILE = (
    "=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "<b>&amp; bold</b> & co",
    "tab\tbell\x07null\x00vt\x0b end", "تصاعد الهجمات على البنية التحتية", "Pipeline 🔥 risk 🛢️",
    "_x0041_ literal", "Sheet1!A1", "=1/0", "  padded  ",
)


def _hostile_id(i: int) -> str:
    """IDs that look like a formula, a mention, or a reference to another sheet's cell."""
    return (f"={i}", f"@R{i}", f"Ops!B{i}")[i % 3]


def hostile_briefing() -> Briefing:
    """Every text field a renderer writes holds something that could turn into a formula or markup."""
    risks = tuple(
        _risk(_hostile_id(i), text, CATEGORIES[i % len(CATEGORIES)], i % 5 + 1, (i * 2) % 5 + 1,
              trend="+Increasing", horizon="-6 months", sectors=(HOSTILE[(i + 1) % len(HOSTILE)], "=A1"),
              regions=("@region",), mitigation=HOSTILE[(i + 2) % len(HOSTILE)],
              events=("=E1",), indicators=(HOSTILE[(i + 3) % len(HOSTILE)],))
        for i, text in enumerate(HOSTILE))
    stances = tuple(Stance(f"{text} #{i}", "Neutral", None, text, ("=E1",)) for i, text in enumerate(HOSTILE))
    events = tuple(Event(f"=E{i}", PartialDate(2024, i % 12 + 1), text, (text,), text)
                   for i, text in enumerate(HOSTILE))
    risks = (dataclasses.replace(risks[0], mitigation="Too long. " * 4_000, horizon="   "),) + risks[1:]
    base = example_briefing()
    return Briefing(reference=base.reference, title="=Title & <co> " + HOSTILE[6], authors=("=cmd|' /C calc'!A0",),
                    published=base.published, region="@Region", classification="TLP:RED",
                    subtitle=HOSTILE[7], summary=HOSTILE[5], risks=risks, stances=stances, events=events)


def many_risks(count: int) -> Briefing:
    """The example briefing with a register of `count` generated risks spread over every cell."""
    risks = tuple(
        _risk(f"R{i}", f"Generated risk {i}: disruption to operations at site {i % 97}",
              CATEGORIES[i % len(CATEGORIES)], i % 5 + 1, (i // 5) % 5 + 1, trend="Stable",
              horizon="0-12 months", sectors=("Energy", "Logistics"), regions=("Central Asia",),
              mitigation="Review the site's continuity plan.", events=("E1",),
              indicators=("Local reporting of unrest",))
        for i in range(1, count + 1))
    return example_briefing(risks)


def client(name: str = "Caspian Freight Ltd") -> Client:
    return Client(client=name, sectors=("Logistics",), regions=("Central Asia",), minimum_rating="High")
