"""The workbook contract as data: sheets, columns, required flags and kinds of value.

This one definition drives the reader, the validator, the blank template, its Instructions sheet
and docs/workbook.md, so they cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..formats import DEFAULT as DEFAULT_FORMATS, NAMES as FORMAT_NAMES
from ..values import (CATEGORIES, CONFIDENCE, IMPACT_WORDS, LIKELIHOOD_WORDS, RATINGS,
                     RISK_TRENDS, SIGNIFICANCE, STANCE_TRENDS, STANCES, STATUSES, TLP_LABELS)

# 1.1 added the optional Briefing fields Previous and Status: every version-1 workbook stays valid.
CONTRACT_VERSION = "1.1"
EXCEL_TEXT_LIMIT = 32767
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    """One column of a table sheet, or one field of the Briefing sheet."""

    name: str
    attr: str
    kind: str  # a parser name in parsing.PARSERS
    required: bool = False
    rule: str = ""
    choices: tuple[str, ...] = ()
    refers_to: str | None = None  # the sheet whose IDs a reference list names
    max_length: int = EXCEL_TEXT_LIMIT
    width: int = 18
    example: str = ""
    cites: bool = False  # the text may cite sources as [S1]; each cited ID must be in Sources


@dataclass(frozen=True)
class Sheet:
    """A sheet of the contract: either Field/Value pairs or a table with a header row."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    required: bool = True
    fields: bool = False  # True for the two-column Field/Value Briefing sheet
    key: str | None = None  # the column whose values must be unique
    strict_columns: bool = False  # an unknown column is an error: it may be a filter that would be ignored

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _list(name: str, attr: str, rule: str, refers_to: str | None = None, width: int = 22) -> Column:
    return Column(name, attr, "refs" if refers_to else "list", rule=rule, refers_to=refers_to, width=width)


def _names(name: str, attr: str, rule: str, width: int = 22) -> Column:
    """A list of names, which batch matches between workbook and manifest: every separator counts."""
    return Column(name, attr, "names", rule=rule, width=width)


def _enum(name: str, attr: str, choices: tuple[str, ...], required: bool = False) -> Column:
    return Column(name, attr, "enum", required, rule="one of: " + ", ".join(choices), choices=choices, width=14)


LIST_RULE = 'list separated by ";" or line breaks'
NAMES_RULE = 'list separated by ",", ";" or line breaks (a name holding a comma goes in double quotes)'
ALL_RULE = NAMES_RULE + '; "All" or blank means every one'

BRIEFING = Sheet("Briefing", "The briefing's metadata: one field per row, its value beside it.", (
    Column("Reference", "reference", "reference", True,
           "letters, digits, . _ - (at most 64), starting with a letter or digit; names the output files",
           max_length=64, example="RT-2025-014"),
    Column("Title", "title", "text", True, "text, at most 200 characters", max_length=200),
    Column("Subtitle", "subtitle", "text", rule="text"),
    Column("Author", "authors", "list", True, "list of names"),
    Column("Published", "published", "date", True, "full date, e.g. 2025-05-04"),
    Column("Updated", "updated", "date", rule="full date, not before Published"),
    Column("Region", "region", "text", True, "text, e.g. Central Asia"),
    Column("Countries", "countries", "names", rule=NAMES_RULE),
    Column("Classification", "classification", "tlp", True, "TLP 2.0 label: " + ", ".join(t.label for t in TLP_LABELS),
           choices=tuple(t.label for t in TLP_LABELS)),
    Column("Summary", "summary", "text", rule="text: the standfirst under the title; may cite [S1]", cites=True),
    Column("Subject", "subject", "text", rule='who or what the Stances are toward, e.g. "the Taliban"'),
    Column("Previous", "previous", "reference",
           rule="the Reference of the edition this one updates (build --previous shows what changed since)",
           max_length=64, example="RT-2025-013"),
    Column("Status", "status", "enum", rule="Draft or Final; blank means Final. A Draft says DRAFT on every page "
           "and batch refuses it unless --allow-drafts", choices=STATUSES, width=14),
), fields=True)

TAKEAWAYS = Sheet("Takeaways", "The key takeaways, one per row, shown as bullets at the top.", (
    Column("No", "number", "int", rule="whole number; the order (else row order)", width=6),
    Column("Takeaway", "text", "text", True, "text; may cite [S1]", width=80, cites=True),
    _enum("Confidence", "confidence", CONFIDENCE),
))

SECTIONS = Sheet("Sections", "The narrative body: a heading, then its paragraphs, one per row.", (
    Column("Section", "heading", "text", rule="heading; blank continues the section above", width=30),
    Column("Paragraph", "paragraphs", "text", True,
           'text; a blank line inside the cell splits paragraphs; cite sources as [S1]', width=100, cites=True),
))

EVENTS = Sheet("Events", "The timeline: one dated event per row.", (
    Column("ID", "id", "id", True, "unique in the sheet, e.g. E01", width=8),
    Column("Date", "date", "partial_date", True, "full or partial date: 2025-04-17, 2025-04, 2025, 17 April 2025",
           width=14),
    Column("Event", "event", "text", True, "text; may cite [S1]", width=60, cites=True),
    _names("Actors", "actors", NAMES_RULE),
    Column("Location", "location", "text", rule="text"),
    _enum("Significance", "significance", SIGNIFICANCE),
    _list("Source", "sources", "list of Sources IDs", refers_to="Sources", width=12),
), key="ID")

STANCES_SHEET = Sheet("Stances", "Engagement stances of actors toward the briefing's Subject.", (
    Column("Actor", "actor", "id", True, "unique in the sheet", width=24),
    _enum("Stance", "stance", STANCES, required=True),
    _enum("Trend", "trend", STANCE_TRENDS),
    Column("Drivers", "drivers", "text", rule="text; may cite [S1]", width=60, cites=True),
    _list("Evidence", "evidence", "list of Events IDs", refers_to="Events", width=14),
), required=False, key="Actor")

RISKS = Sheet("Risks", "The risk register: one risk per row; Score = Likelihood x Impact.", (
    Column("ID", "id", "id", True, "unique in the sheet, e.g. R01", width=8),
    Column("Risk", "risk", "text", True, "text; may cite [S1]", width=50, cites=True),
    _enum("Category", "category", CATEGORIES, required=True),
    Column("Likelihood", "likelihood", "likelihood", True, "1-5 or " + ", ".join(LIKELIHOOD_WORDS),
           choices=LIKELIHOOD_WORDS, width=12),
    Column("Impact", "impact", "impact", True, "1-5 or " + ", ".join(IMPACT_WORDS), choices=IMPACT_WORDS, width=12),
    _enum("Trend", "trend", RISK_TRENDS),
    Column("Horizon", "horizon", "text", rule="text, e.g. 0-6 months", width=14),
    _names("Sectors", "sectors", ALL_RULE),
    _names("Regions", "regions", ALL_RULE),
    Column("Mitigation", "mitigation", "text", rule="text; may cite [S1]", width=50, cites=True),
    _list("Events", "events", "list of Events IDs", refers_to="Events", width=12),
    Column("Indicators", "indicators", "list", rule="list: signs to watch that would raise or lower the rating; "
           "may cite [S1]", width=40, cites=True),
), key="ID")

SOURCES = Sheet("Sources", "The sources the briefing cites, by ID.", (
    Column("ID", "id", "id", True, "unique, e.g. S1", width=8),
    Column("Title", "title", "text", True, "text", width=50),
    Column("Publisher", "publisher", "text", rule="text", width=24),
    Column("Date", "date", "partial_date", rule="full or partial date", width=14),
    Column("URL", "url", "url", rule="http or https only", width=40),
    Column("Grade", "grade", "grade", rule="Admiralty code: reliability A-F + credibility 1-6, e.g. B2", width=8),
), required=False, key="ID")

BRIEFING_SHEETS = (BRIEFING, TAKEAWAYS, SECTIONS, EVENTS, STANCES_SHEET, RISKS, SOURCES)

CLIENTS = Sheet("Clients", "The clients manifest for batch packs: one client per row.", (
    Column("Client", "client", "id", True, "unique; names the client's folder", width=28),
    Column("Contact", "contact", "text", rule="text", width=22),
    Column("Email", "email", "email", rule="an email address", width=28),
    _names("Sectors", "sectors", NAMES_RULE + "; blank = all"),
    _names("Regions", "regions", NAMES_RULE + "; blank = all"),
    _names("Briefings", "briefings", "list of briefing References; blank = every briefing given"),
    _enum("Minimum rating", "minimum_rating", RATINGS),
    Column("Brand", "brand", "text", rule="a brand name or folder; blank = the run's brand"),
    Column("Formats", "formats", "formats", choices=FORMAT_NAMES,
           rule=f"list of {', '.join(FORMAT_NAMES)}; blank = {'; '.join(DEFAULT_FORMATS)}"),
), key="Client", strict_columns=True)

CLIENT_SHEETS = (CLIENTS,)
