"""What the risk-matrix workbook looks like: brand values, cell formats, inert text, print furniture."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..brand.folder import DEFAULT_COLOURS, DEFAULT_FONTS, Brand
from ..editions.changes import Changes
from ..model import Briefing, Client
from ..text import CJK, FORMULA_START, clean, has_rtl, is_rtl, join_fields
from ..brand.words import Words

_A4, _LETTER = 9, 1


@dataclass(frozen=True)
class Look:
    """The brand's choices as the workbook needs them, fallbacks applied."""

    heading_font: str
    body_font: str
    body_size: float
    title_size: float
    primary: str
    text: str
    muted: str
    rule: str
    header_text: str
    background: str
    paper: int
    east_asia_font: str = DEFAULT_FONTS["east_asia"]

    @property
    def line_height(self) -> float:
        """Points per line of body text, with the leading Excel and LibreOffice give it."""
        return self.body_size * 1.32


def look_for(brand: Brand) -> Look:
    """Read the brand's colours and fonts, taking the default brand's value for any missing key."""
    colour = {k: "#" + brand.colour(k) for k in DEFAULT_COLOURS}
    font = {k: brand.font(k) for k in DEFAULT_FONTS}
    return Look(heading_font=str(font["heading"]), body_font=str(font["body"]),
                body_size=float(font["body_size"]), title_size=float(font["title_size"]),
                paper=_LETTER if brand.language == "en-US" else _A4, east_asia_font=str(font["east_asia"]), **colour)


def inert(text: str) -> str:
    """Analyst text as a cell can hold it: characters XML 1.0 forbids dropped, surrounding space trimmed.

    Trimming matters beyond looks: a cell text with outer spaces needs xml:space="preserve",
    which the ECMA-376 schema does not allow on a shared string (Excel writes it regardless).
    """
    if not (text.isascii() and text.isprintable()):  # the common case skips the regex, at C speed
        text = clean(text)
    return text.strip()


def joined(values: tuple[str, ...]) -> str | None:
    """A list as the contract writes it in one cell: items separated by "; "."""
    return join_fields("; ", values) if values else None


class Formats:
    """xlsxwriter formats made once per distinct set of properties (Excel caps a file's styles)."""

    def __init__(self, workbook: Any, look: Look):
        self.workbook, self.look = workbook, look
        self._made: dict[tuple, Any] = {}
        self._props: dict[int, dict[str, Any]] = {}  # id of a format made here -> its properties

    def get(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self.workbook.add_format({"valign": "top", **props})
            self._props[id(self._made[key])] = props
        return self._made[key]

    def for_text(self, text: str, cell_format: Any) -> Any:
        """The cell's look fitted to its text: Excel's quote prefix on a text that starts like a formula
        (without it, F2 then Enter in Excel turns "=HYPERLINK(...)" into a live formula), and the brand's
        East Asian font on text holding Chinese, Japanese or Korean, which its Latin fonts lack (a cell has
        one font; LibreOffice prints the CJK of a Latin-font cell as nothing when no fallback has them), and
        a reading order set by the majority of its letters, not the first (an Arabic first word)."""
        props = self._props.get(id(cell_format), {}) if cell_format is not None else {}
        wanted = {**props}
        if text[:1] in FORMULA_START:
            wanted["quote_prefix"] = True
        if not text.isascii() and CJK.search(text):
            wanted["font_name"] = self.look.east_asia_font
        if has_rtl(text):  # as in the Word briefing: right to left only when most letters are
            wanted["reading_order"] = 2 if is_rtl(text) else 1
        return cell_format if wanted == props else self.get(**wanted)

    def header(self, centred: bool = False) -> Any:
        """Table header cells: the brand's primary colour, bold, wrapped."""
        look = self.look
        return self.get(bold=True, font_color=look.header_text, bg_color=look.primary, text_wrap=True,
                        border=1, border_color=look.primary, valign="vcenter",
                        align="center" if centred else "left")


def header_code(text: str) -> str:
    """Text placed in a page header or footer, where & starts a control code."""
    return text.replace("&", "&&")


def set_print_furniture(sheet: Any, briefing: Briefing, look: Look, draft_word: str = "DRAFT") -> None:
    """Title and TLP label in the page header, reference, page number and TLP label in the footer;
    a draft says DRAFT in the middle of both."""
    title = header_code(inert(briefing.title)[:80])
    label = header_code(briefing.classification)
    draft = f"&B{header_code(draft_word)}&B" if briefing.is_draft else ""
    sheet.set_header(f"&L{title}{'&C' + draft if draft else ''}&R&B{label}", {"margin": 0.3})
    sheet.set_footer(f"&L{header_code(briefing.reference)}&C{draft + '  ' if draft else ''}&P / &N&R&B{label}",
                     {"margin": 0.3})
    sheet.set_paper(look.paper)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)


@dataclass(frozen=True)
class Build:
    """One workbook being built: where sheets go, how they look, and what they show."""

    workbook: Any
    formats: Formats
    look: Look
    words: Words
    briefing: Briefing
    brand: Brand
    client: Client | None = None
    changes: Changes | None = None  # since the previous edition: a Changes sheet and a Register column

    def add_sheet(self, name: str, worksheet_class: type | None = None) -> Any:
        """A new sheet carrying the page header and footer every sheet shares."""
        from ..xlsx_sheet import TextSafeSheet  # xlsxwriter: loaded only once a workbook is written

        sheet = self.workbook.add_worksheet(name, worksheet_class or TextSafeSheet)
        sheet.fitted = self.formats.for_text
        set_print_furniture(sheet, self.briefing, self.look, self.words("draft"))
        return sheet
