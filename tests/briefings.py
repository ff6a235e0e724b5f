"""Briefings built straight from the model, for renderer tests and benchmarks (no workbook involved)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import os
import subprocess
import sys
from pathlib import Path

from reporttool.model import Briefing, Client, Event, Risk, Section, Source, Stance, Takeaway
from reporttool.values import CATEGORIES, PartialDate

P = PartialDate

SECTIONS = (
    Section("The search for recognition", (
        "Since the chaotic withdrawal of United States forces in August 2021, the Taliban has stayed "
        "largely shut out of the international system. Its refusal to form an inclusive government, its "
        "treatment of women and minorities and its ties to militant groups have kept most governments "
        "from recognising or openly engaging it. A United Nations meeting of special envoys in February "
        "2025 showed again how far apart states remain on how to deal with Kabul [S2].",
        "A handful of states have nonetheless kept channels open. Neighbours such as Iran and Pakistan "
        "treat contact as a necessary cost of managing borders, refugees and militancy, while larger "
        "powers weigh strategic gain. The clearest signal came on 17 April 2025, when Russia's Supreme "
        "Court lifted the Taliban's designation as a terrorist organisation [S1]. Moscow's envoy for "
        "Afghanistan presented the ruling as a step towards full diplomatic relations [S1, S3].",
    )),
    Section("From enemy to partner: Moscow's realpolitik", (
        "The Taliban emerged in 1994 from veterans of the war against the Soviet occupation. Relations "
        "with Moscow were hostile through the 1990s, not least because the movement recognised "
        "Chechnya's independence. Russia backed the US-led intervention after 2001 and listed the "
        "Taliban as a terrorist organisation in 2003, citing its support for separatists in the North "
        "Caucasus.",
        "The breakdown of Russia's relations with the West changed that calculus. Closer ties promise "
        "Moscow a firmer foothold in Central Asia, a counterweight to Western influence and a partner "
        "against Islamic State Khorasan Province (ISK). The fall of Bashar al-Assad in December 2024 "
        "added urgency to the search for new partners. For the Taliban, Moscow offers relief from "
        "isolation and a hedge against an economy hit by aid cuts, a fragile currency and disrupted "
        "trade [S4].",
        "Russia kept its embassy in Kabul open in 2021, accredited a Taliban envoy in March 2022, hosted "
        "a Taliban delegation at its economic forum in June 2022 and signed provisional trade deals in "
        "September 2022. Foreign ministers Sergey Lavrov and Amir Khan Muttaqi met in October 2024 [S3].",
    )),
    Section("Wider implications", (
        "The ruling is not formal recognition, but it matters as a signal. If it anchors a working "
        "relationship, Russia's growing weight in Central Asia will add another layer to great-power "
        "competition in the region, at a time when Washington's attention is elsewhere.",
        "Economically, closer ties could open a trade corridor towards South Asia and access to "
        "Afghanistan's mineral wealth, often estimated at around one trillion US dollars. A Russian "
        "business centre offered in December 2024 to survey those deposits [S4]. The Taliban will be "
        "tempted, yet wary of the lopsided arrangements Moscow has struck in parts of the Sahel.",
        "Both sides frame cooperation as counter-terrorism. In July 2024 President Putin called the "
        "Taliban allies in the fight against terrorism, and both face ISK, which killed 145 people at a "
        "concert hall near Moscow in March 2024 [S5]. Analysts doubt that a closer partnership will "
        "reduce that threat: ISK already uses Kabul's outreach in its propaganda, and the Taliban "
        "tolerates other groups such as al-Qaeda.",
    )),
)

EVENTS = (
    Event("E01", P(1994), "The Taliban movement forms from veterans of the anti-Soviet war.", ("Taliban",),
          "Kandahar", "Medium"),
    Event("E02", P(2003), "Russia lists the Taliban as a terrorist organisation.", ("Russia",), "Moscow",
          "High", ("S1",)),
    Event("E03", P(2021, 8), "Kabul falls as US-led forces withdraw; the Taliban takes power.",
          ("Taliban", "United States"), "Kabul", "High"),
    Event("E04", P(2022, 3), "Russia accredits a Taliban diplomat.", ("Russia", "Taliban"), "Moscow", "Medium",
          ("S3",)),
    Event("E05", P(2022, 6), "A Taliban delegation attends the St Petersburg economic forum.",
          ("Russia", "Taliban"), "St Petersburg", "Low"),
    Event("E06", P(2022, 9), "Russia and the Taliban sign provisional trade agreements.", ("Russia", "Taliban"),
          None, "Medium", ("S4",)),
    Event("E07", P(2024, 3), "ISK attack on a concert hall near Moscow kills 145 people.", ("ISK",),
          "Krasnogorsk", "High", ("S5",)),
    Event("E08", P(2024, 7), "President Putin calls the Taliban allies against terrorism.", ("Russia",),
          None, "Medium"),
    Event("E09", P(2024, 10), "Lavrov meets the Taliban's foreign minister, Amir Khan Muttaqi.",
          ("Russia", "Taliban"), None, "Medium", ("S3",)),
    Event("E10", P(2024, 12), "Bashar al-Assad's government falls in Syria.", ("Syria", "Russia"),
          "Damascus", "Medium"),
    Event("E11", P(2024, 12), "A Russian business centre offers to survey Afghanistan's minerals.",
          ("Russia",), "Kabul", "Low", ("S4",)),
    Event("E12", P(2025, 2), "UN Secretary-General convenes special envoys on Afghanistan.", ("United Nations",),
          "Doha", "Medium", ("S2",)),
    Event("E13", P(2025, 4, 17), "Russia's Supreme Court lifts the Taliban's terrorist designation.",
          ("Russia", "Taliban"), "Moscow", "High", ("S1",)),
    Event("E14", P(2025, 6), "St Petersburg International Economic Forum; a Taliban delegation is expected.",
          ("Russia", "Taliban"), "St Petersburg", "Medium"),
    Event("E15", P(2025, 9, 9), "UN General Assembly opens; Afghanistan's seat remains contested.",
          ("United Nations",), "New York", "Low"),
)

STANCES = (
    Stance("Russia", "Engaging", "Warming", "Foothold in Central Asia, counter-terrorism, new partners [S1].",
           ("E04", "E09", "E13")),
    Stance("China", "Engaging", "Stable", "Mining and infrastructure interests; border security.", ()),
    Stance("Iran", "Engaging", "Stable", "Border, water and refugee management.", ()),
    Stance("Pakistan", "Engaging", "Cooling", "Cross-border militancy strains a pragmatic relationship.", ()),
    Stance("United States", "Opposed", "Stable", "Human rights, counter-terrorism, aid conditionality.", ("E03",)),
    Stance("Western governments", "Opposed", "Stable", "No recognition without an inclusive government.", ()),
    Stance("United Nations", "Neutral", "Stable", "Seeks a common position among member states [S2].", ("E12",)),
)

RISKS = (
    Risk("R1", "Terrorist attacks on oil and gas infrastructure in Central Asia", "Terrorism", 4, 5, "Increasing",
         "0-12 months", ("Energy",), ("Central Asia",), "Review site security; test crisis plans.",
         ("E07",), ("ISK claims of attacks in the region", "Arrests of ISK cells in Central Asia")),
    Risk("R2", "Cross-border spillover of militancy or unrest from Afghanistan", "Security", 3, 4, "Increasing",
         "0-12 months", (), ("Central Asia",), "Monitor border provinces; travel risk assessments.",
         (), ("Clashes on the Tajik and Uzbek borders",)),
    Risk("R3", "Russian pressure on local partners and regulators to favour Russian interests", "Regulatory",
         4, 3, "Increasing", "6-24 months", (), ("Central Asia",), "Map exposure to licensing decisions.",
         ("E13",), ("New Russian-Taliban trade agreements",)),
    Risk("R4", "Heightened exposure of US-headquartered firms", "Reputational", 3, 3, "Stable", "0-12 months",
         ("Energy", "Mining"), (), "Keep a low profile; brief local staff.", (), ()),
    Risk("R5", "Disruption of regional supply chains after an attack", "Operational", 2, 4, "Stable",
         "0-12 months", ("Logistics", "Energy"), (), "Identify alternative routes and suppliers.", (), ()),
    Risk("R6", "Secondary sanctions on trade with Afghanistan", "Economic", 2, 2, "Decreasing", "12-24 months",
         ("Finance",), (), "Screen counterparties.", (), ()),
)

SOURCES = (
    Source("S1", "Supreme Court suspends the ban on the Taliban movement", "Supreme Court of Russia (report)",
           P(2025, 4, 17), "https://example.org/news/supreme-court-taliban", "B2"),
    Source("S2", "Meeting of special envoys on Afghanistan: chair's summary", "United Nations",
           P(2025, 2), "https://example.org/un/afghanistan-envoys", "A1"),
    Source("S3", "Russia's Afghan envoy on relations with Kabul", "Regional news agency", P(2025, 4),
           "https://example.org/agency/kabulov-interview", "C3"),
    Source("S4", "Afghanistan economic monitor", "World Bank", P(2024, 12),
           "https://example.org/worldbank/afghanistan-monitor", "A2"),
    Source("S5", "Crocus City Hall attack: what we know", "Meridian open-source desk", P(2024, 3), None, "B1"),
)


def sample_briefing() -> Briefing:
    """A briefing the size of the reference one: the example the golden file and the benchmark use."""
    return Briefing(
        reference="MRA-2025-017", title="The Taliban: from international pariah to Russian ally?",
        subtitle="Moscow's reset with Kabul and what it means for business in Central Asia",
        authors=("Amira Haddad", "Tom Keller"), published=dt.date(2025, 5, 4), updated=dt.date(2025, 5, 9),
        region="Central Asia", countries=("Afghanistan", "Russia", "Kazakhstan", "Uzbekistan", "Tajikistan"),
        classification="TLP:AMBER", subject="the Taliban",
        summary="Russia's decision to lift the Taliban's terrorist designation is less a turning point than a "
                "sign of a wider shift: pragmatic engagement by regional powers with consequences for "
                "security and business across Central Asia.",
        takeaways=(
            Takeaway("The Supreme Court ruling alone will not transform relations, but it confirms a broader "
                     "shift in Moscow's engagement with the Taliban [S1].", "High", 1),
            Takeaway("Despite the Taliban's human rights record, states with strategic interests (Russia, China, "
                     "Pakistan) are willing to engage; realpolitik drives both sides.", "Moderate", 2),
            Takeaway("Closer Russian-Taliban ties could reshape Central Asia's security and balance of power, "
                     "with knock-on effects for companies operating there.", None, 3),
        ),
        sections=SECTIONS, events=EVENTS, stances=STANCES, risks=RISKS, sources=SOURCES,
    )


ARABIC = "حركة طالبان تسعى إلى الاعتراف الدولي"
HOSTILE = "=cmd|' /C calc'!A0 <b>&amp;</b> \x01ctrl\x0b 🛰️🔥 \u202eevil"


def hostile_briefing() -> Briefing:
    """Everything an analyst might paste: formulas, markup, control characters, RTL, emoji, bad links."""
    base = sample_briefing()
    return dataclasses.replace(
        base, title="=HYPERLINK(\"http://evil\") <b>&amp;</b> \x01 🚨", subtitle=ARABIC,
        summary=HOSTILE, authors=("O'Brien & <Sons>", "محمد"),
        takeaways=(Takeaway(HOSTILE, "Low", 1), Takeaway(ARABIC, None, 2)),
        sections=(Section("<script>alert(1)</script>", (ARABIC, HOSTILE, "Line one\nline two\tafter tab")),),
        stances=(Stance("<Actor & Co>", "Hostile", "Cooling", HOSTILE, ("E13",)),),
        risks=(Risk("R<1>&", HOSTILE, "Other", 5, 5),),
        sources=(Source("S1", HOSTILE, url="javascript:alert(1)"), Source("S2", "file", url="file:///etc/passwd"),
                 Source("S3", "mail", url="mailto:desk@example.org"), Source("S4", "ok", url="https://example.org/a?b=1&c=2")),
    )


def long_briefing(events: int = 200, risks: int = 60) -> Briefing:
    """Many events and risks, spread over every date precision and every heat-map cell."""
    base = sample_briefing()
    made_events = tuple(
        Event(f"L{i:03d}", _long_date(i), f"Long-timeline event number {i} with enough words to wrap a line "
              f"in the event column of the table.", ("Actor A", "Actor B"), "Somewhere", ("Low", "Medium", "High")[i % 3],
              (f"S{i % 5 + 1}",))
        for i in range(events))
    made_risks = tuple(
        Risk(f"R{i:03d}", f"Long-register risk {i}: a description of a risk to operations in the region.",
             CATEGORIES[i % len(CATEGORIES)], i % 5 + 1, (i // 5) % 5 + 1, "Stable", "0-12 months",
             mitigation="Mitigation text for this risk.", indicators=("Indicator one", "Indicator two"))
        for i in range(risks))
    return dataclasses.replace(base, reference="MRA-LONG", events=made_events, risks=made_risks)


def _long_date(i: int) -> PartialDate:
    year = 1990 + i % 40
    return (P(year), P(year, i % 12 + 1), P(year, i % 12 + 1, i % 28 + 1))[i % 3]


CLIENT = Client("Caspian Energy Partners", "Dana Whitfield", "dana.whitfield@caspian.example",
                sectors=("Energy",), regions=("Central Asia",))


CJK = ("中国", "塔利班", "稀土", "日本語", "한국어")


def mixed_script_briefing() -> Briefing:
    """Arabic, Cyrillic, Chinese, Japanese, Korean and emoji in the places a client reads first."""
    base = sample_briefing()
    first = Section("Beijing's view 🚀", (f"Prose about {CJK[0]} and {CJK[1]} with {ARABIC} inside an English "
                                         f"line, then {CJK[2]}, {CJK[3]} and {CJK[4]}.",))
    return dataclasses.replace(
        base, title=f"کابل and Москва: Engagement Across {CJK[1]} {CJK[2]} 🚀", subtitle=f"{CJK[0]} and {CJK[3]} and {CJK[4]}",
        sections=(first, *base.sections))


def expected_minutes(b: Briefing) -> int:
    """Reading time counted apart from the renderers: prose words at an unhurried 230 a minute."""
    words = sum(len(t.split()) for t in [b.summary or "", *(t.text for t in b.takeaways),
                                         *(p for s in b.sections for p in s.paragraphs)])
    return math.ceil(words / 230)


def sha_from_another_process(reading_module: str) -> str:
    """SHA-256 of the sample built by `tests.<reading_module>.build` in a fresh process with another hash
    seed: nothing may depend on hash seeds, the clock or the order a cache was filled in."""
    code = (f"import hashlib, sys; from tests.briefings import sample_briefing; "
            f"from tests.{reading_module} import build; "
            "sys.stdout.write(hashlib.sha256(build(sample_briefing())).hexdigest())")
    root = Path(__file__).resolve().parent.parent
    other = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    return other.stdout


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
