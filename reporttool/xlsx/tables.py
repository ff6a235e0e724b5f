"""The Register, Bands, Stances and Timeline sheets: Excel tables a client can sort, filter and paste from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from xlsxwriter.worksheet import Worksheet

from ..editions.report import change_label
from ..model import Event, Risk, Source, Stance
from ..present import band_counts, safe_url
from ..values import IMPACT_WORDS, LIKELIHOOD_WORDS, PartialDate, band_for
from .look import Build, inert, joined
from ..xlsx_sheet import TextSafeSheet

TABLE_STYLE = "Table Style Light 1"  # neutral grey banding; the brand colours the header row
MAX_ROW_HEIGHT = 409                 # points: Excel's limit for one row
BANDS_SHEET = "Bands"
BANDS_TABLE = "RatingBands"
REGISTER_TABLE = "RiskRegister"


@dataclass(frozen=True)
class Column:
    """One table column: its header (the contract's word), width in characters, alignment, and the value
    it holds for a record (None for a column of formulas, written apart)."""

    header: str
    width: float
    wrap: bool = False
    centred: bool = False
    value: Callable[[Any], str | int | None] | None = None

    def props(self) -> dict[str, Any]:
        return {"text_wrap": True} if self.wrap else {"align": "center"} if self.centred else {}


REGISTER: tuple[Column, ...] = (
    Column("ID", 8, value=lambda r: r.id), Column("Risk", 40, wrap=True, value=lambda r: r.risk),
    Column("Category", 12, value=lambda r: r.category),
    Column("Likelihood", 10, centred=True, value=lambda r: r.likelihood),
    Column("Impact", 8, centred=True, value=lambda r: r.impact),
    Column("Score", 7, centred=True), Column("Rating", 10, centred=True),
    Column("Trend", 11, value=lambda r: r.trend), Column("Horizon", 12, wrap=True, value=lambda r: r.horizon),
    Column("Sectors", 16, wrap=True, value=lambda r: joined(r.sectors)),
    Column("Regions", 16, wrap=True, value=lambda r: joined(r.regions)),
    Column("Mitigation", 34, wrap=True, value=lambda r: r.mitigation),
    Column("Indicators", 30, wrap=True, value=lambda r: joined(r.indicators)),
    Column("Events", 10, wrap=True, value=lambda r: joined(r.events)),
)


def position(columns: tuple[Column, ...], header: str) -> int:
    """A column's 0-based index, found by its header, so formulas follow the table's definition."""
    return next(i for i, column in enumerate(columns) if column.header == header)


CHANGE = Column("Change", 16)  # last, with a previous edition: the formulas' columns stay where they are
LIKELIHOOD, IMPACT, SCORE, RATING = (position(REGISTER, h) for h in ("Likelihood", "Impact", "Score", "Rating"))
BANDS = (Column("Band", 12), Column("Low", 7, centred=True), Column("High", 7, centred=True),
         Column("Colour", 10, centred=True), Column("Risks", 8, centred=True))
STANCES = (Column("Actor", 24, wrap=True), Column("Stance", 12), Column("Trend", 11),
           Column("Drivers", 64, wrap=True), Column("Evidence", 14, wrap=True))
TIMELINE = (Column("ID", 8), Column("Date", 18), Column("Event", 64, wrap=True),
            Column("Actors", 26, wrap=True), Column("Location", 18, wrap=True),
            Column("Significance", 13), Column("Sources", 14, wrap=True))
SOURCES = (Column("ID", 8), Column("Title", 48, wrap=True), Column("Publisher", 26, wrap=True),
           Column("Date", 18), Column("Grade", 7, centred=True), Column("Link", 48, wrap=True))
DATE_FORMATS = ("yyyy", "mmmm yyyy", "d mmmm yyyy")  # a date's number format at its precision


STREAM_ABOVE = 500  # risks: a longer Register is streamed (StreamedSheet), a shorter one kept in memory


def streams(risks: int) -> bool:
    """Whether a Register of this many risks is streamed, keeping memory flat at any length.

    Below the threshold the whole workbook stays in memory, which spares a dozen temporary files
    and is ~15 ms faster on the example; above it, memory no longer grows with the risks.
    """
    return risks > STREAM_ABOVE


class FormulaSheet(TextSafeSheet):
    """A worksheet whose formulas arrive already in the form Excel stores.

    xlsxwriter passes every formula through ~29 regular-expression rewrites that add the
    `_xlfn.` prefix to dynamic-array functions. Our formulas use none, and the one newer function
    they use (IFNA) is written prefixed, so those rewrites change nothing and cost ~0.5 s per
    10,000 risks. Should a later xlsxwriter rename this hook, the override is merely unused:
    slower, still correct (the golden-file test pins the formulas written).
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula[1:] if formula.startswith("=") else formula


class StreamedSheet(FormulaSheet):
    """A long Register's worksheet, streamed: each row goes out to a temporary file, its texts
    inline, as soon as a later row is written, so memory stays flat in the number of risks.

    This is xlsxwriter's constant_memory mode for this sheet alone (the Matrix and Chart sheets
    write out of row order, and a chart needs its data sheet in memory). Rows must come in order,
    and the table, which writes the header row, first. The overrides lean on xlsxwriter internals,
    each saying which; tests pin what comes out (table, cells, formulas, heights, ECMA schemas,
    LibreOffice), and `make bench` the memory.
    """

    def _initialize(self, init_data: dict[str, Any]) -> None:
        super()._initialize({**init_data, "constant_memory": True})

    def add_table(self, first_row: int, first_col: int, last_row: int, last_col: int,
                  options: dict[str, Any]) -> int:
        """A table declared before any row is written.

        xlsxwriter refuses tables in constant_memory mode because a table writes its header row,
        which would be lost were that row already written out; before the first row it is not, so
        the mode is off for this call. Meanwhile the header texts are stored as they are, not as
        shared-string indices, since the row is written out in streaming mode, texts inline.
        The map of table cells xlsxwriter keeps to refuse overlaps (one entry per cell: 140,000
        for 10,000 risks) is not kept: this sheet holds one table and no merged range.
        """
        if self.dim_rowmin is not None:
            raise ValueError("a streamed table must be declared before its rows are written")
        shared = self.str_table
        self.constant_memory, self.str_table, self.table_cells = False, _Verbatim(), _Unrecorded()
        try:
            return super().add_table(first_row, first_col, last_row, last_col, options)
        finally:
            self.constant_memory, self.str_table, self.table_cells = True, shared, {}

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """Write out the previous row, then forget its height too (kept otherwise for every row)."""
        written = self.previous_row
        super()._write_single_row(current_row_num)
        self.row_info.pop(written, None)
        self.row_sizes.pop(written, None)

    @staticmethod
    def _escape_control_characters(text: Any) -> Any:
        """Inline texts skip xlsxwriter's two escaping regexes when there is nothing to escape:
        no control character (all non-printable) and no _xHHHH_ look-alike."""
        if isinstance(text, str) and text.isprintable() and "_x" not in text:
            return text
        return Worksheet._escape_control_characters(text)


class _Verbatim:
    """A shared-string table that hands each text back as it came: see StreamedSheet.add_table."""

    @staticmethod
    def _get_shared_string_index(text: str) -> str:
        return text


class _Unrecorded(dict):
    """A cell map that records nothing: see StreamedSheet.add_table."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


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


def write_rows(build: Build, sheet: Any, columns: tuple[Column, ...], rows: Iterable[tuple]) -> None:
    """Table rows from the second sheet row on, each as tall as its text."""
    line_height = build.look.line_height
    for row, values in enumerate(rows, start=1):
        write_values(sheet, row, values)
        fit_row(sheet, row, values, columns, line_height)


def add_table(build: Build, sheet: Any, name: str, columns: tuple[Column, ...], rows: int) -> None:
    """Declare an Excel table over the rows about to be written (the header row written now),
    sized, frozen and printable; declared first, as the streamed Register needs."""
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width, build.formats.get(**column.props()))
    sheet.add_table(0, 0, max(rows, 1), len(columns) - 1, {  # a table needs one row, even blank
        "name": name, "style": TABLE_STYLE,
        "columns": [{"header": c.header, "header_format": build.formats.header(c.centred)} for c in columns]})
    sheet.freeze_panes(1, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def band_range(column: int) -> str:
    """A structured reference to one column of the Bands table, e.g. RatingBands[Low]: it follows
    rows a client adds, where a fixed range would not."""
    return f"{BANDS_TABLE}[{BANDS[column].header}]"


def add_register(build: Build) -> None:
    """Every risk with live Score and Rating formulas that follow a client's edits."""
    risks, bands, changes = build.briefing.risks, build.brand.bands, build.changes
    sheet = build.add_sheet("Register", StreamedSheet if streams(len(risks)) else FormulaSheet)
    columns = REGISTER if changes is None else REGISTER + (CHANGE,)  # how each risk moved since the last edition
    add_table(build, sheet, REGISTER_TABLE, columns, len(risks))
    score, rating = register_formulas()
    _calculated_columns(sheet, {SCORE: score, RATING: rating})
    line_height = build.look.line_height
    for row, risk in enumerate(risks, start=1):
        values = register_values(risk)
        if changes is not None:
            values += (change_label(changes.change_of(risk.id), build.words),)
        write_values(sheet, row, values)
        fit_row(sheet, row, values, columns, line_height)
        sheet.write_formula(row, SCORE, score, None, risk.score)
        sheet.write_formula(row, RATING, rating, None, band_for(risk.score, bands).name)
    if risks:
        _colour_ratings(build, sheet, len(risks))
        _validate_scale(build, sheet, LIKELIHOOD, len(risks), "likelihood", LIKELIHOOD_WORDS)
        _validate_scale(build, sheet, IMPACT, len(risks), "impact", IMPACT_WORDS)


def this_row(column: int) -> str:
    """A structured reference to a Register column in the formula's own row, as Excel stores it."""
    return f"{REGISTER_TABLE}[[#This Row],[{REGISTER[column].header}]]"


def register_formulas() -> tuple[str, str]:
    """The Score and Rating formulas, the same in every row: structured references, as Excel writes them.

    MATCH over the band lows finds the band a score falls in; IFNA puts a score below the first band
    (a cleared likelihood) in that band, as band_for does.
    """
    score = f"{this_row(LIKELIHOOD)}*{this_row(IMPACT)}"
    rating = f"INDEX({band_range(0)},_xlfn.IFNA(MATCH({this_row(SCORE)},{band_range(1)},1),1))"
    return score, rating


def _calculated_columns(sheet: Any, formulas: dict[int, str]) -> None:
    """Mark columns as the table's calculated columns, so Excel fills their formula into a row a client
    inserts. Set on xlsxwriter's table record (`tables[-1]["columns"]`) rather than through the `formula`
    option, which would also write the formula, without its value, into every row up front: the rows
    write it themselves, with the value, and a streamed sheet must not hold them all in memory."""
    columns = sheet.tables[-1]["columns"]
    for column, formula in formulas.items():
        columns[column]["formula"] = formula


def register_values(risk: Risk) -> tuple[str | int | None, ...]:
    """A risk as a Register row; Score and Rating are formulas, written apart."""
    return tuple(column.value(risk) if column.value else None for column in REGISTER)


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


def _validate_scale(build: Build, sheet: Any, column: int, rows: int, key: str, words: tuple[str, ...]) -> None:
    """A client editing a likelihood or impact is held to the 1-5 scale, told what each step means."""
    title = build.words(key)
    scale = ", ".join(f"{i} {word}" for i, word in enumerate(words, start=1))
    sheet.data_validation(1, column, rows, column, {
        "validate": "integer", "criteria": "between", "minimum": 1, "maximum": len(words),
        "input_title": title, "input_message": scale,
        "error_title": title, "error_message": build.words("whole_number", scale=scale)})


BAND_COUNT = f"COUNTIF({REGISTER_TABLE}[{REGISTER[RATING].header}],{BANDS_TABLE}[[#This Row],[{BANDS[0].header}]])"


def add_bands(build: Build) -> None:
    """The bands the Rating formulas look up, with a live count of the risks in each: structured
    references, so risks a client adds to the Register are counted."""
    sheet = build.add_sheet(BANDS_SHEET, FormulaSheet)
    bands = build.brand.bands
    counts = band_counts(build.briefing.risks, bands)
    add_table(build, sheet, BANDS_TABLE, BANDS, len(bands))
    _calculated_columns(sheet, {4: BAND_COUNT})
    for row, band in enumerate(bands, start=1):
        write_values(sheet, row, (band.name, band.low, band.high))
        swatch = build.formats.get(align="center", bg_color="#" + band.colour, font_color="#" + band.text_colour)
        sheet.write_string(row, 3, "#" + band.colour, swatch)
        sheet.write_formula(row, 4, BAND_COUNT, None, counts[band.name])


def add_stances(build: Build) -> None:
    """Each actor's stance toward the briefing's subject."""
    sheet = build.add_sheet("Stances")
    add_table(build, sheet, "ActorStances", STANCES, len(build.briefing.stances))
    write_rows(build, sheet, STANCES, map(stance_values, build.briefing.stances))


def stance_values(stance: Stance) -> tuple[str | None, ...]:
    return (stance.actor, stance.stance, stance.trend, stance.drivers, joined(stance.evidence))


def add_timeline(build: Build) -> None:
    """The events in date order, each date a real Excel date shown at its precision, so a client can
    sort and filter them."""
    sheet = build.add_sheet("Timeline")
    events = sorted(build.briefing.events, key=lambda event: event.date)
    add_table(build, sheet, "EventTimeline", TIMELINE, len(events))
    write_rows(build, sheet, TIMELINE, map(event_values, events))
    for row, event in enumerate(events, start=1):
        write_date(build, sheet, row, 1, event.date)


def event_values(event: Event) -> tuple[str | None, ...]:
    """An event as a Timeline row; its date is written apart (write_date)."""
    return (event.id, None, event.event, joined(event.actors), event.location,
            event.significance, joined(event.sources))


def write_date(build: Build, sheet: Any, row: int, col: int, date: PartialDate) -> None:
    """The first day of the date, formatted to show only what the analyst knew: 2025, May 2025, 4 May 2025."""
    precision = 2 if date.day else 1 if date.month else 0
    sheet.write_datetime(row, col, dt.datetime.combine(date.first_day(), dt.time()),
                         build.formats.get(num_format=DATE_FORMATS[precision], align="left"))


def add_sources(build: Build) -> None:
    """The sources the other sheets cite ([S1]), so a client holding only the workbook can look them up."""
    sheet = build.add_sheet("Sources")
    sources = build.briefing.sources
    add_table(build, sheet, "BriefingSources", SOURCES, len(sources))
    write_rows(build, sheet, SOURCES, map(source_values, sources))
    for row, source in enumerate(sources, start=1):
        if source.date:
            write_date(build, sheet, row, 3, source.date)
        if source.url and (url := safe_url(source.url)):  # anything else stays the inert text written above
            sheet.write_url(row, 5, url, build.formats.get(font_color="blue", underline=1, text_wrap=True), inert(url))


def source_values(source: Source) -> tuple[str | None, ...]:
    return (source.id, source.title, source.publisher, None, source.grade, source.url)
