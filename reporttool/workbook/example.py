"""The example briefing and clients manifest, as rows keyed by the contract's sheet and column names."""
from datetime import date

REFERENCE = "RT-2025-014"

EXAMPLE_BRIEFING: dict[str, list[dict[str, object]]] = {
    "Briefing": [
        {"Field": "Reference", "Value": REFERENCE},
        {"Field": "Title", "Value": "Afghanistan: The Taliban, from Global Outcast to Russian Ally?"},
        {
            "Field": "Subtitle",
            "Value": "What Moscow's lifting of the Taliban terrorist ban means for companies in Central Asia",
        },
        {"Field": "Author", "Value": "Miriam Castell"},
        {"Field": "Published", "Value": date(2025, 5, 4)},
        {"Field": "Updated", "Value": date(2025, 5, 8)},
        {"Field": "Region", "Value": "Central Asia"},
        {
            "Field": "Countries",
            "Value": "Afghanistan; Russia; Kazakhstan; Uzbekistan; Tajikistan; Turkmenistan; Kyrgyzstan",
        },
        {"Field": "Classification", "Value": "TLP:CLEAR"},
        {
            "Field": "Summary",
            "Value": (
                "On 17 April 2025 Russia's Supreme Court took the Taliban off the country's list of "
                "terrorist organisations, and Moscow says full diplomatic ties could follow. This briefing "
                "traces how relations reached this point, what a closer partnership would mean for the "
                "balance of power in Central Asia, and the risks it creates for companies in the region."
            ),
        },
        {"Field": "Subject", "Value": "the Taliban"},
    ],
    "Takeaways": [
        {
            "No": 1,
            "Takeaway": (
                "The court ruling is modest on its own, but it marks a wider change in how Moscow "
                "chooses to deal with the Taliban."
            ),
            "Confidence": "High",
        },
        {
            "No": 2,
            "Takeaway": (
                "The Taliban's human rights abuses keep broad international legitimacy out of reach, yet "
                "states with strategic stakes (Russia, China, Pakistan) are prepared to engage; both Moscow "
                "and Kabul are moving closer out of hard-headed self-interest."
            ),
            "Confidence": "High",
        },
        {
            "No": 3,
            "Takeaway": (
                "A deeper Russia-Taliban relationship could shift security and the balance of power in "
                "Central Asia, with consequences for companies operating across the region."
            ),
            "Confidence": "Moderate",
        },
    ],
    "Sections": [
        {
            "Section": "The Taliban's search for recognition",
            "Paragraph": (
                "Almost four years after US forces left Afghanistan in chaotic circumstances in August "
                "2021, the Taliban government still sits on the margins of international diplomacy [S1]. "
                "Most governments decline to recognise or openly deal with it, citing its refusal to share "
                "power beyond its own ranks, its treatment of women and minorities, and its continuing "
                "links with terrorist groups [S5]. In February 2025 UN Secretary-General António Guterres "
                "brought special and regional envoys on Afghanistan together for two days of talks, but "
                "the meeting produced no common view on how far to engage with Kabul [S9]."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "A few states have nonetheless kept their channels open. Russia, China, Iran and Pakistan "
                "all talk to the Taliban, though for different reasons: Afghanistan's neighbours deal with "
                "Kabul largely because they have to, to manage borders, refugees and security, while the "
                "larger powers see strategic openings. The clearest sign yet: on 17 April 2025 Russia's "
                "Supreme Court removed the Taliban from its list of terrorist organisations [S10]. Zamir "
                "Kabulov, Moscow's presidential envoy on Afghan affairs, said the ruling cleared the way "
                "for full diplomatic relations [S10]. Given the history between Moscow and the movement, "
                "it is a remarkable turn."
            ),
        },
        {
            "Section": "A brief history: Moscow's pragmatic turn",
            "Paragraph": (
                "The Taliban emerged in 1994, founded by former mujahideen, many of them veterans of the "
                "war against the Soviet occupation of the 1980s [S1]. Relations with Moscow stayed hostile "
                "through the 1990s: the movement recognised Chechnya's self-declared independence and backed "
                "militants fighting Russia. After the attacks of 11 September 2001, its shelter for Osama "
                "bin Laden and al-Qaeda made it an outcast worldwide, and Moscow endorsed the US-led "
                "intervention that drove it from power [S1]. In 2003 Russia's Supreme Court listed the "
                "Taliban as a terrorist organisation, pointing to the help it gave separatist fighters in "
                "Russia's North Caucasus [S10]."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "The rupture between Russia and the West changed Moscow's calculations. Re-engaging with "
                "the Taliban promised several gains: a firmer position in Central Asia, which Russia treats "
                "as part of its sphere of influence; a way to push back against NATO; and a partner against "
                "Islamic State Khorasan Province (ISK), the Islamic State affiliate active in Afghanistan "
                "and beyond [S5]. The fall of Bashar al-Assad in Syria in December 2024 cost Moscow a "
                "long-standing ally and added urgency to its search for new ones [S7]."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "The Taliban has its own motives. Warmer ties with a permanent member of the UN Security "
                "Council ease its isolation and hold out the prospect of trade and investment while the "
                "Afghan economy is squeezed by the suspension of US humanitarian funding, an unstable "
                "currency and disrupted trade. Finding more partners is close to a necessity for Kabul, "
                "and Moscow is willing to be one."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "The thaw has been years in the making. When the Islamic Republic collapsed in August 2021 "
                "and most foreign missions closed, Russia kept its embassy in Kabul running [S2]. It "
                "accepted a Taliban-appointed diplomat in March 2022 [S2], hosted a Taliban delegation at "
                "the St Petersburg International Economic Forum in June 2022 [S3], and agreed provisional "
                "deals in September 2022 to supply fuel and wheat [S3]. In October 2024 Foreign Minister "
                "Sergey Lavrov held talks with Amir Khan Muttaqi, who heads the Taliban's foreign ministry "
                "[S2]."
            ),
        },
        {
            "Section": "Wider implications",
            "Paragraph": (
                "The court decision is not formal recognition, but it matters as a symbol that attitudes "
                "towards the Taliban are moving. If it becomes the basis of a lasting working relationship, "
                "the geopolitical effects could be large. Washington is focused elsewhere for now, yet a "
                "bigger Russian presence in Central Asia would further complicate an already crowded "
                "contest among the major powers."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "The economic stakes are high. Better relations could open a trade route from Russia to "
                "South Asia through Afghanistan and give Moscow a path to the country's critical minerals, "
                "commonly valued at around US$1 trillion [S8]. In December 2024 a Russian business body in "
                "Kabul, the Russian Business Centre in Afghanistan, proposed a detailed survey of Afghan "
                "mineral deposits with a view to developing them [S8]. Kabul will find such offers "
                "attractive, but it risks entering the kind of one-sided bargain that Russia has struck "
                "with fragile governments in the Sahel."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "Nor would a reset with Moscow solve the Taliban's wider problems. Normal relations with "
                "Russia might encourage other states to follow, strengthening the case for recognition and "
                "sanctions relief. Without real change in how Afghanistan is governed, however, recognition "
                "beyond its immediate neighbours looks unlikely in the near term, and the ideological "
                "distance from Western governments appears too wide to close. Moscow and Kabul still see "
                "common ground, above all on counter-terrorism: in July 2024 President Vladimir Putin "
                "described the Taliban as allies against terrorism [S6]."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "The irony is plain, since the Taliban is itself widely regarded as a terrorist "
                "organisation, but both sides do face a common enemy in ISK. ISK has killed people in "
                "both Afghanistan and Russia, most notably the March 2024 assault on Crocus "
                "City Hall outside Moscow, in which 145 people died [S4]. Closer cooperation is unlikely to "
                "blunt that threat: ISK already uses Kabul's foreign outreach in its propaganda, and the "
                "rapprochement may hand it more material. Because the Taliban confronts ISK while "
                "continuing to host groups such as al-Qaeda, its counter-terrorism effort looks aimed at "
                "control rather than elimination [S5]."
            ),
        },
        {
            "Section": "Risk forecast",
            "Paragraph": (
                "Many companies active in the region will view any growth in Russian influence with "
                "concern. Terrorism remains a live threat to assets across Central Asia, and instability in "
                "Afghanistan, together with the Taliban's limited capacity to contain ISK, could readily "
                "spread into neighbouring states as militant violence or unrest [S5]."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "Oil and gas infrastructure is an obvious target: a successful attack would cause heavy "
                "economic losses and disrupt supply chains well beyond the site itself. US-headquartered "
                "energy companies are especially exposed because of their nationality. Rising Russian "
                "leverage may also lead local partners and regulators to favour Russian interests, putting "
                "other foreign businesses at a disadvantage."
            ),
        },
        {
            "Section": "",
            "Paragraph": (
                "Expanding Russian-Taliban trade and mining ventures add a compliance dimension: senior "
                "Taliban figures remain under UN sanctions [S5], so firms drawn into these deals face "
                "sanctions and reputational exposure. With the outlook so uncertain, companies should "
                "follow developments closely, watch the key dates ahead and the risk register below, and "
                "take country-specific advice before committing new capital or staff."
            ),
        },
    ],
    "Events": [
        {
            "ID": "E01",
            "Date": "1994",
            "Event": (
                "Former mujahideen, many of them veterans of the war against Soviet forces, found the "
                "Taliban."
            ),
            "Actors": "Taliban",
            "Location": "Kandahar, Afghanistan",
            "Significance": "Medium",
            "Source": "S1",
        },
        {
            "ID": "E02",
            "Date": "2001-10",
            "Event": "US-led intervention removes the Taliban from power, with Moscow's endorsement.",
            "Actors": "United States; Russia; Taliban",
            "Location": "Afghanistan",
            "Significance": "Medium",
            "Source": "S1",
        },
        {
            "ID": "E03",
            "Date": "2003",
            "Event": (
                "Russia's Supreme Court designates the Taliban a terrorist organisation, citing its support "
                "for North Caucasus separatists."
            ),
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "High",
            "Source": "S1; S10",
        },
        {
            "ID": "E04",
            "Date": "2021-08",
            "Event": (
                "The Islamic Republic collapses and the Taliban takes Kabul as US-led forces withdraw; "
                "Russia keeps its embassy open while most Western missions leave."
            ),
            "Actors": "Taliban; United States; Russia",
            "Location": "Kabul, Afghanistan",
            "Significance": "High",
            "Source": "S1; S2",
        },
        {
            "ID": "E05",
            "Date": "2022-03",
            "Event": "Russia accredits a Taliban-appointed diplomat in Moscow.",
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "Medium",
            "Source": "S2",
        },
        {
            "ID": "E06",
            "Date": "2022-06",
            "Event": "A Taliban delegation attends the St Petersburg International Economic Forum.",
            "Actors": "Taliban; Russia",
            "Location": "Saint Petersburg, Russia",
            "Significance": "Medium",
            "Source": "S3",
        },
        {
            "ID": "E07",
            "Date": "2022-09",
            "Event": "Russia and the Taliban sign provisional agreements to supply fuel, gas and wheat.",
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "Medium",
            "Source": "S3",
        },
        {
            "ID": "E08",
            "Date": "2024-03-22",
            "Event": "ISK gunmen attack Crocus City Hall concert venue near Moscow, killing 145 people.",
            "Actors": "ISK; Russia",
            "Location": "Krasnogorsk, Moscow region, Russia",
            "Significance": "High",
            "Source": "S4; S5",
        },
        {
            "ID": "E09",
            "Date": "2024-07-04",
            "Event": "President Putin describes the Taliban as allies against terrorism.",
            "Actors": "Russia; Taliban",
            "Location": "Astana, Kazakhstan",
            "Significance": "Medium",
            "Source": "S6",
        },
        {
            "ID": "E10",
            "Date": "2024-10-04",
            "Event": "Foreign Minister Lavrov meets Taliban foreign minister Amir Khan Muttaqi.",
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "Medium",
            "Source": "S2",
        },
        {
            "ID": "E11",
            "Date": "2024-12-08",
            "Event": "Bashar al-Assad, a long-standing Russian ally, is toppled in Syria.",
            "Actors": "Russia; Syria",
            "Location": "Damascus, Syria",
            "Significance": "Medium",
            "Source": "S7",
        },
        {
            "ID": "E12",
            "Date": "2024-12",
            "Event": (
                "The Russian Business Centre in Afghanistan offers to run a detailed survey of Afghan "
                "mineral resources as a first step towards mining them."
            ),
            "Actors": "Russia; Taliban",
            "Location": "Kabul, Afghanistan",
            "Significance": "Medium",
            "Source": "S8",
        },
        {
            "ID": "E13",
            "Date": "2025-02",
            "Event": (
                "UN Secretary-General hosts special and regional envoys on Afghanistan for two days "
                "of talks; no consensus on engagement emerges."
            ),
            "Actors": "United Nations; Western governments; China; Iran; Pakistan; Russia",
            "Location": "United Nations",
            "Significance": "Medium",
            "Source": "S9",
        },
        {
            "ID": "E14",
            "Date": "2025-04-17",
            "Event": (
                "Russia's Supreme Court removes the Taliban's terrorist designation; envoy Zamir Kabulov "
                "says the way is open to full diplomatic relations."
            ),
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "High",
            "Source": "S10",
        },
        {
            "ID": "E15",
            "Date": "2025-06",
            "Event": (
                "Expected: a Taliban delegation attends the St Petersburg International Economic Forum, "
                "with trade and transit deals likely on the agenda."
            ),
            "Actors": "Taliban; Russia",
            "Location": "Saint Petersburg, Russia",
            "Significance": "Medium",
            "Source": "S3; S10",
        },
        {
            "ID": "E16",
            "Date": "2025-07",
            "Event": (
                "Possible: Moscow accepts the credentials of a Taliban-appointed ambassador, the next step "
                "towards formal diplomatic relations."
            ),
            "Actors": "Russia; Taliban",
            "Location": "Moscow, Russia",
            "Significance": "High",
            "Source": "S10",
        },
        {
            "ID": "E17",
            "Date": "2025-10",
            "Event": (
                "Expected: next round of Moscow Format consultations on Afghanistan, with regional states "
                "and a Taliban delegation."
            ),
            "Actors": "Russia; Taliban; China; Iran; Pakistan",
            "Location": "Moscow, Russia",
            "Significance": "Medium",
            "Source": "S2",
        },
    ],
    "Stances": [
        {
            "Actor": "Russia",
            "Stance": "Supportive",
            "Trend": "Warming",
            "Drivers": (
                "A foothold in Central Asia, pushing back against NATO, a partner against ISK, access to "
                "trade routes and minerals, and the need for new allies after the fall of Assad."
            ),
            "Evidence": "E04; E05; E06; E07; E09; E10; E12; E14",
        },
        {
            "Actor": "China",
            "Stance": "Engaging",
            "Trend": "Stable",
            "Drivers": (
                "Strategic and commercial interests, including minerals, and security on its western "
                "border."
            ),
            "Evidence": "E13",
        },
        {
            "Actor": "Iran",
            "Stance": "Engaging",
            "Trend": "Stable",
            "Drivers": "A neighbour that must manage border security, refugees, water and trade with Kabul.",
            "Evidence": "E13",
        },
        {
            "Actor": "Pakistan",
            "Stance": "Engaging",
            "Trend": "Cooling",
            "Drivers": (
                "A neighbour with long ties to the movement, now strained by militant attacks it blames on "
                "groups sheltering in Afghanistan."
            ),
            "Evidence": "E13",
        },
        {
            "Actor": "United States",
            "Stance": "Opposed",
            "Trend": "Stable",
            "Drivers": (
                "No recognition since the 2021 withdrawal; humanitarian funding suspended; attention "
                "focused on other foreign policy priorities."
            ),
            "Evidence": "E02; E04",
        },
        {
            "Actor": "Western governments",
            "Stance": "Opposed",
            "Trend": "Stable",
            "Drivers": (
                "Exclusive government, abuses of women's and minority rights, and ties to terrorist groups; "
                "an ideological gap unlikely to close."
            ),
            "Evidence": "E04; E13",
        },
        {
            "Actor": "United Nations",
            "Stance": "Neutral",
            "Trend": "Stable",
            "Drivers": "Keeps dialogue going through envoys but members disagree on how far to engage.",
            "Evidence": "E13",
        },
    ],
    "Risks": [
        {
            "ID": "R01",
            "Risk": (
                "Terrorist attack on oil and gas infrastructure in Central Asia by ISK or affiliated "
                "militants"
            ),
            "Category": "Terrorism",
            "Likelihood": "Possible",
            "Impact": "Severe",
            "Trend": "Increasing",
            "Horizon": "0-12 months",
            "Sectors": "Energy; Logistics",
            "Regions": "Central Asia",
            "Mitigation": (
                "Review physical security and emergency plans at pipelines, terminals and field sites; "
                "share threat reporting with operators and host-government security services; test "
                "continuity plans for the loss of a key site."
            ),
            "Events": "E08; E14",
            "Indicators": (
                "ISK propaganda naming energy assets or foreign operators; arrests of ISK cells in Central "
                "Asian states; attacks on infrastructure in northern Afghanistan; raised national threat "
                "levels in Uzbekistan or Tajikistan"
            ),
        },
        {
            "ID": "R02",
            "Risk": (
                "Spillover of ISK violence and instability from Afghanistan into neighbouring Central Asian "
                "states through militant attacks or civil unrest"
            ),
            "Category": "Security",
            "Likelihood": "Likely",
            "Impact": 5,
            "Trend": "Increasing",
            "Horizon": "0-12 months",
            "Sectors": "All",
            "Regions": "Central Asia; South Asia; Russia",
            "Mitigation": (
                "Keep travel-risk and evacuation plans current for staff near the Afghan border; follow "
                "official security advisories; limit non-essential travel to border provinces."
            ),
            "Events": "E04; E08; E14",
            "Indicators": (
                "Incidents on Afghanistan's borders with Tajikistan, Uzbekistan or Turkmenistan; ISK "
                "recruitment or arrests of Central Asian nationals; Taliban losing control of northern "
                "districts; refugee movements towards the northern border"
            ),
        },
        {
            "ID": "R03",
            "Risk": (
                "Growing Russian leverage leads local regulators or partners to favour Russian interests in "
                "licensing, procurement and joint ventures, disadvantaging other foreign businesses"
            ),
            "Category": "Regulatory",
            "Likelihood": 3,
            "Impact": 3,
            "Trend": "Increasing",
            "Horizon": "6-24 months",
            "Sectors": "Energy; Mining; Technology; Financial services",
            "Regions": "Central Asia",
            "Mitigation": (
                "Diversify local partners; include international arbitration clauses; map counterparties' "
                "links to Russian state-owned firms; keep up regular contact with host-government regulators."
            ),
            "Events": "E07; E10; E12; E14",
            "Indicators": (
                "New intergovernmental agreements between Russia and Central Asian states; licences or "
                "tenders awarded to Russian firms without open competition; rule changes that raise costs "
                "for Western operators"
            ),
        },
        {
            "ID": "R04",
            "Risk": (
                "US-headquartered companies, notably energy majors, face heightened targeting and hostility "
                "because of their national origin"
            ),
            "Category": "Security",
            "Likelihood": 2,
            "Impact": 4,
            "Trend": "Stable",
            "Horizon": "0-12 months",
            "Sectors": "Energy; Mining",
            "Regions": "Central Asia; North America",
            "Mitigation": (
                "Keep branding and expatriate movements low-profile; review security at offices and staff "
                "housing; prepare crisis communications for incidents involving US staff."
            ),
            "Events": "E04; E08",
            "Indicators": (
                "Anti-US messaging in ISK or pro-Taliban channels; threats against US diplomatic or "
                "commercial sites in the region; worsening US relations with Central Asian governments"
            ),
        },
        {
            "ID": "R05",
            "Risk": (
                "Disruption to regional supply chains and energy flows after attacks or instability "
                "affecting transport corridors, pipelines and border crossings"
            ),
            "Category": "Operational",
            "Likelihood": 3,
            "Impact": 4,
            "Trend": "Increasing",
            "Horizon": "0-12 months",
            "Sectors": "Energy; Logistics; Agriculture; Construction",
            "Regions": "Central Asia; South Asia; Europe",
            "Mitigation": (
                "Find single points of failure in routes and suppliers; qualify alternatives; hold buffer "
                "stock of critical inputs; agree force-majeure terms with counterparties."
            ),
            "Events": "E07; E08; E12",
            "Indicators": (
                "Border closures or longer clearance times at Afghan crossings; attacks on rail, road or "
                "pipeline links; rising freight insurance premiums on regional routes; fuel or grain "
                "shortages in Afghanistan"
            ),
        },
        {
            "ID": "R06",
            "Risk": (
                "Sanctions and compliance exposure for firms drawn into expanding Russia-Taliban trade, "
                "transit or mining ventures"
            ),
            "Category": "Regulatory",
            "Likelihood": "Unlikely",
            "Impact": "Moderate",
            "Trend": "Increasing",
            "Horizon": "6-24 months",
            "Sectors": "Financial services; Mining; Logistics; Energy",
            "Regions": "Central Asia; Russia; Europe; North America",
            "Mitigation": (
                "Screen counterparties and beneficial owners against UN, US, EU and UK lists; apply enhanced "
                "due diligence to payments routed through Afghanistan or Russia; document end users."
            ),
            "Events": "E07; E12; E14",
            "Indicators": (
                "Signed Russia-Afghanistan mining or transit contracts; new Western sanctions on Russian "
                "entities active in Afghanistan; changes to the UN 1988 sanctions list; correspondent banks "
                "exiting Afghan-linked payments"
            ),
        },
        {
            "ID": "R07",
            "Risk": (
                "Reputational damage from association with Taliban-linked projects, given the regime's human "
                "rights record"
            ),
            "Category": "Reputational",
            "Likelihood": 2,
            "Impact": "Minor",
            "Trend": "Stable",
            "Horizon": "12-24 months",
            "Sectors": "Mining; Construction; Financial services",
            "Regions": "Central Asia; Europe; North America",
            "Mitigation": (
                "Run human-rights due diligence on Afghan-linked projects and partners; set board-level "
                "criteria for any engagement; prepare stakeholder messaging."
            ),
            "Events": "E12; E13; E14",
            "Indicators": (
                "NGO or media campaigns naming companies in Afghan projects; investor questions about "
                "Afghanistan exposure; further restrictions on women's work and education"
            ),
        },
    ],
    "Sources": [
        {
            "ID": "S1",
            "Title": "Afghanistan profile: timeline",
            "Publisher": "BBC News",
            "Date": "2024",
            "URL": "https://www.bbc.co.uk/news/world-south-asia-12024253",
            "Grade": "B2",
        },
        {
            "ID": "S2",
            "Title": "Russia-Afghanistan relations: Foreign Ministry statements and briefings",
            "Publisher": "Ministry of Foreign Affairs of the Russian Federation",
            "Date": "2024-10",
            "URL": "https://mid.ru/en/foreign_policy/bilateral_relations/afghanistan/",
            "Grade": "B3",
        },
        {
            "ID": "S3",
            "Title": "Russia agrees provisional deal to supply fuel and wheat to Taliban-run Afghanistan",
            "Publisher": "Reuters",
            "Date": date(2022, 9, 28),
            "URL": "https://www.reuters.com/world/asia-pacific/russia-afghanistan-fuel-wheat-deal/",
            "Grade": "B2",
        },
        {
            "ID": "S4",
            "Title": "Death toll in Moscow concert hall attack rises to 145",
            "Publisher": "Associated Press",
            "Date": "2024-03",
            "URL": "https://apnews.com/article/russia-moscow-concert-hall-attack",
            "Grade": "A2",
        },
        {
            "ID": "S5",
            "Title": "Report of the Analytical Support and Sanctions Monitoring Team (1988 Committee)",
            "Publisher": "United Nations Security Council",
            "Date": "2024-07",
            "URL": "https://www.un.org/securitycouncil/sanctions/1988/monitoring-team/reports",
            "Grade": "A2",
        },
        {
            "ID": "S6",
            "Title": "Answers to media questions following the SCO summit",
            "Publisher": "President of Russia",
            "Date": date(2024, 7, 4),
            "URL": "https://en.kremlin.ru/events/president/transcripts/",
            "Grade": "A1",
        },
        {
            "ID": "S7",
            "Title": "Syria's Assad falls as rebels take Damascus",
            "Publisher": "Associated Press",
            "Date": date(2024, 12, 8),
            "URL": "https://apnews.com/article/syria-assad-damascus-rebels",
            "Grade": "A1",
        },
        {
            "ID": "S8",
            "Title": "Russian Business Centre proposes survey of Afghan mineral deposits",
            "Publisher": "Interfax",
            "Date": "2024-12",
            "URL": "https://interfax.com/newsroom/top-stories/",
            "Grade": "C3",
        },
        {
            "ID": "S9",
            "Title": "Secretary-General convenes meeting of special envoys on Afghanistan",
            "Publisher": "United Nations",
            "Date": "2025-02",
            "URL": "https://www.un.org/sg/en/content/sg/note-correspondents",
            "Grade": "A2",
        },
        {
            "ID": "S10",
            "Title": "Russia's Supreme Court lifts Taliban terrorist designation",
            "Publisher": "Reuters",
            "Date": date(2025, 4, 17),
            "URL": "https://www.reuters.com/world/asia-pacific/russia-supreme-court-taliban-ban-2025-04-17/",
            "Grade": "B2",
        },
    ],
}

EXAMPLE_CLIENTS: list[dict[str, object]] = [
    {
        "Client": "Northwind Energy Partners", "Contact": "Laura Kessler",
        "Email": "l.kessler@northwind.example.com", "Sectors": "Energy", "Regions": "Central Asia",
        "Briefings": REFERENCE, "Minimum rating": "High", "Brand": "", "Formats": "docx; xlsx; pdf",
    },
    {
        "Client": "Steppe Minerals Ltd", "Contact": "Arman Sadykov",
        "Email": "arman.sadykov@steppe-minerals.example.com", "Sectors": "Mining",
        "Regions": "Central Asia; Russia", "Briefings": "", "Minimum rating": "Medium", "Brand": "",
        "Formats": "docx; xlsx",
    },
    {
        "Client": "Caravan Freight Group", "Contact": "Priya Nair", "Email": "priya.nair@caravan.example.org",
        "Sectors": "Logistics", "Regions": "Central Asia; South Asia", "Briefings": "", "Minimum rating": "",
        "Brand": "", "Formats": "docx",
    },
    {
        "Client": "Harbourline Bank", "Contact": "Thomas Reid", "Email": "t.reid@harbourline.example.com",
        "Sectors": "Financial services", "Regions": "Europe; North America", "Briefings": "",
        "Minimum rating": "Low", "Brand": "", "Formats": "xlsx",
    },
    {
        "Client": "Altai Agritrade", "Contact": "Dina Omarova", "Email": "d.omarova@altai-agri.example.net",
        "Sectors": "Agriculture", "Regions": "Central Asia", "Briefings": "", "Minimum rating": "Medium",
        "Brand": "", "Formats": "docx; xlsx",
    },
    {
        "Client": "Meridian Cloud Systems", "Contact": "Jordan Ellis",
        "Email": "jordan.ellis@meridian.example.com",
        "Sectors": "Technology", "Regions": "North America", "Briefings": "", "Minimum rating": "Critical",
        "Brand": "", "Formats": "docx; html",
    },
    {
        "Client": "Kestrel Construction International", "Contact": "Farid Haidari",
        "Email": "f.haidari@kestrel-build.example.com", "Sectors": "Construction",
        "Regions": "Central Asia; South Asia", "Briefings": "", "Minimum rating": "High", "Brand": "",
        "Formats": "docx; xlsx; pdf",
    },
    {
        "Client": "Bluewater Insurance Holdings", "Contact": "Sophie Laurent",
        "Email": "sophie.laurent@bluewater.example.org", "Sectors": "", "Regions": "", "Briefings": "",
        "Minimum rating": "", "Brand": "", "Formats": "docx; xlsx",
    },
    {
        "Client": "Orion Pipeline Services", "Contact": "Mikael Lindqvist",
        "Email": "m.lindqvist@orion-pipeline.example.com", "Sectors": "Energy; Logistics",
        "Regions": "Central Asia; Europe", "Briefings": REFERENCE, "Minimum rating": "Medium", "Brand": "",
        "Formats": "docx; xlsx; pdf",
    },
    {
        "Client": "Tamarisk Development Fund", "Contact": "Amina Qureshi",
        "Email": "aqureshi@tamarisk.example.org",
        "Sectors": "Financial services; Agriculture; Construction", "Regions": "South Asia; Central Asia",
        "Briefings": "", "Minimum rating": "Low", "Brand": "", "Formats": "docx",
    },
    {
        "Client": "Silverline Logistics GmbH", "Contact": "Katrin Vogel",
        "Email": "katrin.vogel@silverline.example.com", "Sectors": "Logistics", "Regions": "Europe; Russia",
        "Briefings": "", "Minimum rating": "High", "Brand": "", "Formats": "xlsx",
    },
    {
        "Client": "Granite Peak Resources", "Contact": "Daniel Brooks",
        "Email": "dbrooks@granitepeak.example.net",
        "Sectors": "Mining; Energy", "Regions": "North America; Central Asia", "Briefings": "",
        "Minimum rating": "Critical", "Brand": "", "Formats": "docx; xlsx",
    },
]
