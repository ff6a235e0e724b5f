"""The Register, Bands, Stances and Timeline sheets: Excel tables a client can sort, filter and paste from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from .model import Event, Risk, Stance
from .values import IMPACT_WORDS, LIKELIHOOD_WORDS, Band, band_for
from .xlsx_look import Build, band_counts, inert, joined

TABLE_STYLE = "Table Style Light 1"  # neutral grey banding; the brand colours the header row
MAX_ROW_HEIGHT = 409                 # points: Excel's limit for one row
BANDS_SHEET = "Bands"


@dataclass(frozen=True)
class Column:
    """One table column: its header (the contract's word), width in characters and alignment."""

    header: str
    width: float
    wrap: bool = False
    centred: bool = False

    def props(self) -> dict[str, Any]:
        return {"text_wrap": True} if self.wrap else {"align": "center"} if self.centred else {}


REGISTER = (
    Column("ID", 8), Column("Risk", 40, wrap=True), Column("Category", 12),
    Column("Likelihood", 10, centred=True), Column("Impact", 8, centred=True),
    Column("Score", 7, centred=True), Column("Rating", 10, centred=True), Column("Trend", 11),
    Column("Horizon", 12, wrap=True), Column("Sectors", 16, wrap=True), Column("Regions", 16, wrap=True),
    Column("Mitigation", 34, wrap=True), Column("Indicators", 30, wrap=True), Column("Events", 10, wrap=True),
)
LIKELIHOOD, IMPACT, SCORE, RATING = 3, 4, 5, 6  # where the formulas look (0-based columns)
BANDS = (Column("Band", 12), Column("Low", 7, centred=True), Column("High", 7, centred=True),
         Column("Colour", 10, centred=True), Column("Risks", 8, centred=True))
STANCES = (Column("Actor", 24, wrap=True), Column("Stance", 12), Column("Trend", 11),
           Column("Drivers", 64, wrap=True), Column("Evidence", 14, wrap=True))
TIMELINE = (Column("ID", 8), Column("Date", 12), Column("Event", 64, wrap=True),
            Column("Actors", 26, wrap=True), Column("Location", 18, wrap=True),
            Column("Significance", 13), Column("Sources", 14, wrap=True))


class FormulaSheet(Worksheet):
    """A worksheet whose formulas arrive already in the form Excel stores.

    xlsxwriter passes every formula through ~29 regular-expression rewrites that add the
    `_xlfn.` prefix to dynamic-array functions. Our formulas use none, and the one newer function
    they use (IFNA) is written prefixed, so those rewrites change nothing and cost ~0.5 s per
    10,000 risks. Should a later xlsxwriter rename this hook, the override is merely unused:
    slower, still correct (the golden-file test pins the formulas written).
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula[1:] if formula.startswith("=") else formula


def write_values(sheet: Any, row: int, values: tuple[str | int | None, ...]) -> None:
    """One table row: text always as text (never a formula), numbers as numbers, None left blank."""
    for col, value in enumerate(values):
        if isinstance(value, str):
            if text := inert(value):  # Excel itself cuts text at 32,767 characters, as xlsxwriter does
                sheet.write_string(row, col, text)
        elif value is not None:
            sheet.write_number(row, col, value)


def fit_row(sheet: Any, row: int, values: tuple[str | int | None, ...], columns: tuple[Column, ...],
            line_height: float) -> None:
    """Give a row the height its longest wrapped text needs; LibreOffice does not grow rows itself."""
    lines = 1
    for value, column in zip(values, columns):
        if column.wrap and isinstance(value, str) and len(value) > column.width:
            lines = max(lines, sum(wrapped_lines(len(part), column.width) for part in value.split("\n")))
    if lines > 1:
        sheet.set_row(row, min(lines * line_height, MAX_ROW_HEIGHT))


def wrapped_lines(length: int, width: float) -> int:
    """About how many lines a text of `length` characters wraps to in a column `width` digits wide.

    Text averages narrower than the digits a width counts, and each line break at a word
    boundary wastes about half a word: estimates that keep every line visible, without
    the cost of wrapping each text word by word.
    """
    per_line = int(width * 1.15)
    if length <= per_line:
        return 1
    return 1 + -(-(length - per_line) // max(per_line - 4, 4))


def write_rows(build: Build, sheet: Any, columns: tuple[Column, ...], rows: Iterable[tuple]) -> int:
    """Table rows from the second sheet row on, each as tall as its text; returns how many."""
    line_height, count = build.look.line_height, 0
    for count, values in enumerate(rows, start=1):
        write_values(sheet, count, values)
        fit_row(sheet, count, values, columns, line_height)
    return count


def add_table(build: Build, sheet: Any, name: str, columns: tuple[Column, ...], rows: int) -> None:
    """Declare an Excel table over rows already written, sized, frozen and printable."""
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width, build.formats.get(**column.props()))
    sheet.add_table(0, 0, max(rows, 1), len(columns) - 1, {  # a table needs one row, even blank
        "name": name, "style": TABLE_STYLE,
        "columns": [{"header": c.header, "header_format": build.formats.header(c.centred)} for c in columns]})
    sheet.freeze_panes(1, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def band_range(column: int, bands: tuple[Band, ...]) -> str:
    """An absolute reference to one column of the Bands table's data, e.g. Bands!$B$2:$B$5."""
    letter = xl_col_to_name(column)
    return f"{BANDS_SHEET}!${letter}$2:${letter}${len(bands) + 1}"


def add_register(build: Build) -> None:
    """Every risk with live Score and Rating formulas that follow a client's edits."""
    sheet = build.add_sheet("Register", FormulaSheet)
    risks, bands = build.briefing.risks, build.brand.bands
    likelihood, impact, score = (xl_col_to_name(c) for c in (LIKELIHOOD, IMPACT, SCORE))
    # MATCH over the band lows finds the band a score falls in; IFNA puts a score below the
    # first band (a cleared likelihood) in that band, as band_for does.
    rating = (f"=INDEX({band_range(0, bands)},_xlfn.IFNA(MATCH({score}{{row}},"
              f"{band_range(1, bands)},1),1))")
    line_height = build.look.line_height
    for row, risk in enumerate(risks, start=1):
        values = register_values(risk)
        write_values(sheet, row, values)
        fit_row(sheet, row, values, REGISTER, line_height)
        sheet.write_formula(row, SCORE, f"={likelihood}{row + 1}*{impact}{row + 1}", None, risk.score)
        sheet.write_formula(row, RATING, rating.format(row=row + 1), None, band_for(risk.score, bands).name)
    add_table(build, sheet, "RiskRegister", REGISTER, len(risks))
    if risks:
        _colour_ratings(build, sheet, len(risks))
        _validate_scale(sheet, LIKELIHOOD, len(risks), build.words("likelihood"), LIKELIHOOD_WORDS)
        _validate_scale(sheet, IMPACT, len(risks), build.words("impact"), IMPACT_WORDS)


def register_values(risk: Risk) -> tuple[str | int | None, ...]:
    """A risk as a Register row; Score and Rating are formulas, written apart."""
    return (risk.id, risk.risk, risk.category, risk.likelihood, risk.impact, None, None, risk.trend,
            risk.horizon, joined(risk.sectors), joined(risk.regions), risk.mitigation,
            joined(risk.indicators), joined(risk.events))


def _colour_ratings(build: Build, sheet: Any, rows: int) -> None:
    """Score and Rating cells take their band's colours, and keep them when a client edits."""
    for band in build.brand.bands:
        colours = build.workbook.add_format({"bg_color": "#" + band.colour, "font_color": "#" + band.text_colour})
        name = band.name.replace('"', '""')
        sheet.conditional_format(1, RATING, rows, RATING, {
            "type": "cell", "criteria": "==", "value": f'"{name}"', "format": colours})
        sheet.conditional_format(1, SCORE, rows, SCORE, {
            "type": "cell", "criteria": "between", "minimum": band.low, "maximum": band.high,
            "format": colours})


def _validate_scale(sheet: Any, column: int, rows: int, title: str, words: tuple[str, ...]) -> None:
    """A client editing a likelihood or impact is held to the 1-5 scale, told what each step means."""
    scale = ", ".join(f"{i} {word}" for i, word in enumerate(words, start=1))
    sheet.data_validation(1, column, rows, column, {
        "validate": "integer", "criteria": "between", "minimum": 1, "maximum": len(words),
        "input_title": title, "input_message": scale,
        "error_title": title, "error_message": f"Enter a whole number: {scale}."})


def add_bands(build: Build) -> None:
    """The bands the Rating formulas look up, with a live count of the risks in each."""
    sheet = build.add_sheet(BANDS_SHEET)
    bands, rows = build.brand.bands, max(len(build.briefing.risks), 1)
    ratings = f"Register!${xl_col_to_name(RATING)}$2:${xl_col_to_name(RATING)}${rows + 1}"
    counts = band_counts(build.briefing.risks, bands)
    for row, band in enumerate(bands, start=1):
        write_values(sheet, row, (band.name, band.low, band.high))
        swatch = build.formats.get(align="center", bg_color="#" + band.colour, font_color="#" + band.text_colour)
        sheet.write_string(row, 3, "#" + band.colour, swatch)
        sheet.write_formula(row, 4, f"=COUNTIF({ratings},A{row + 1})", None, counts[band.name])
    add_table(build, sheet, "RatingBands", BANDS, len(bands))


def add_stances(build: Build) -> None:
    """Each actor's stance toward the briefing's subject."""
    sheet = build.add_sheet("Stances")
    rows = write_rows(build, sheet, STANCES, map(stance_values, build.briefing.stances))
    add_table(build, sheet, "ActorStances", STANCES, rows)


def stance_values(stance: Stance) -> tuple[str | None, ...]:
    return (stance.actor, stance.stance, stance.trend, stance.drivers, joined(stance.evidence))


def add_timeline(build: Build) -> None:
    """The events in date order; dates as ISO text, which sorts right at any precision."""
    sheet = build.add_sheet("Timeline")
    events = sorted(build.briefing.events, key=lambda event: event.date)
    rows = write_rows(build, sheet, TIMELINE, map(event_values, events))
    add_table(build, sheet, "EventTimeline", TIMELINE, rows)


def event_values(event: Event) -> tuple[str | None, ...]:
    return (event.id, event.date.iso(), event.event, joined(event.actors), event.location,
            event.significance, joined(event.sources))
