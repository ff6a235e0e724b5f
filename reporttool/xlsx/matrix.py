"""The Matrix sheet (the 5x5 heat map a client reads first) and the Chart sheet (the same risks, charted)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..present import band_counts, heat_cell_label, heat_map_cells
from ..values import IMPACT_WORDS, LIKELIHOOD_WORDS, TLP_BACKGROUND, Band, PartialDate, band_for, tlp
from .look import Build, inert
from .tables import RATING, REGISTER, REGISTER_TABLE

SCALE = len(LIKELIHOOD_WORDS)
GRID_TOP, GRID_LEFT = 5, 2           # sheet row of likelihood 5, sheet column of impact 1 (0-based)
LEGEND_LEFT = GRID_LEFT + SCALE + 1  # the legend sits right of the grid, after a gap column
LAST_COLUMN = LEGEND_LEFT + 2
LABEL_BUDGET = 60                    # characters of IDs a grid cell shows before "+N more"
POINT_IDS, POINT_LABEL_CHARS = 3, 16  # a chart point names at most this many IDs, in this many characters
CHART_SHEET = "Chart"
CHART_DATA_TOP = 27                  # first row of the chart's data, below the chart itself
CHART_DATA = ("Likelihood", "Impact", "Score", "Rating", "Risks", "IDs")


def cell_label(ids: list[str], more: str) -> str:
    """IDs separated by commas, cut short with "+N more" when they would overflow the cell."""
    return heat_cell_label([inert(risk_id) for risk_id in ids], more, LABEL_BUDGET)


def grid_position(likelihood: int, impact: int) -> tuple[int, int]:
    """The sheet row and column (0-based) of a heat-map cell: likelihood up, impact across."""
    return GRID_TOP + SCALE - likelihood, GRID_LEFT + impact - 1


def add_matrix(build: Build) -> None:
    """Title block, heat map, scale words on both axes and the legend, on one landscape page."""
    sheet = build.add_sheet("Matrix")
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)
    sheet.center_horizontally()
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, 17)
    sheet.set_column(GRID_LEFT, GRID_LEFT + SCALE - 1, 17)
    sheet.set_column(LEGEND_LEFT - 1, LEGEND_LEFT - 1, 3)
    sheet.set_column(LEGEND_LEFT, LAST_COLUMN, 10)
    _write_title_block(build, sheet)
    _write_grid(build, sheet)
    _write_axes(build, sheet)
    _write_legend(build, sheet)


def _write_title_block(build: Build, sheet: Any) -> None:
    """Title, subtitle, reference and dates above the map, with the TLP label in FIRST's colours."""
    briefing, look, get = build.briefing, build.look, build.formats.get
    sheet.set_row(0, look.title_size * 1.7)
    sheet.merge_range(0, 0, 0, LAST_COLUMN, "", None)
    sheet.write_string(0, 0, inert(briefing.title), get(
        bold=True, font_name=look.heading_font, font_size=look.title_size, font_color=look.primary,
        valign="vcenter"))
    muted = get(font_color=look.muted, valign="vcenter")
    if briefing.subtitle:
        sheet.merge_range(1, 0, 1, LAST_COLUMN, "", None)
        sheet.write_string(1, 0, inert(briefing.subtitle), get(font_color=look.muted, italic=True))
    sheet.merge_range(2, 0, 2, LEGEND_LEFT - 2, "", None)
    sheet.write_string(2, 0, _meta_line(build), muted)
    label = tlp(briefing.classification)
    sheet.merge_range(2, LEGEND_LEFT, 2, LAST_COLUMN, "", None)
    sheet.write_string(2, LEGEND_LEFT, label.label, get(
        bold=True, align="center", valign="vcenter", font_color="#" + label.colour,
        bg_color="#" + TLP_BACKGROUND))
    _write_audience(build, sheet)


def _meta_line(build: Build) -> str:
    briefing, word = build.briefing, build.words
    parts = [f"{word('reference')} {briefing.reference}",
             f"{word('published')} {PartialDate.from_date(briefing.published).display()}"]
    if briefing.updated:
        parts.append(f"{word('updated')} {PartialDate.from_date(briefing.updated).display()}")
    parts.append(inert(briefing.region))
    return "   ·   ".join(parts)


def _write_audience(build: Build, sheet: Any) -> None:
    """Who the matrix was prepared for, and a plain sentence when no risk is left to show."""
    client, get, look = build.client, build.formats.get, build.look
    if client:
        sheet.merge_range(3, 0, 3, LAST_COLUMN, "", None)
        sheet.write_string(3, 0, build.words("prepared_for", client=inert(client.client)),
                           get(bold=True, font_color=look.text))
    if not build.briefing.risks:  # beside the legend's header row, so it stops short of it
        sheet.merge_range(4, 0, 4, GRID_LEFT + SCALE - 1, "", None)
        sheet.write_string(4, 0, _no_risks_sentence(build), get(italic=True, font_color=look.text))


def _no_risks_sentence(build: Build) -> str:
    if build.client is None:
        return build.words("no_risks")
    return build.words("no_matching_risks", client=inert(build.client.client))


def _write_grid(build: Build, sheet: Any) -> None:
    """Each cell coloured by its band, holding the IDs of the risks that fall in it."""
    cells = heat_map_cells(build.briefing.risks)
    more = build.words("more")
    for likelihood in range(SCALE, 0, -1):
        row, _ = grid_position(likelihood, 1)
        sheet.set_row(row, build.look.body_size * 5.5)
        for impact in range(1, SCALE + 1):
            band = band_for(likelihood * impact, build.brand.bands)
            ids = cells.get((likelihood, impact))
            if ids:
                sheet.write_string(*grid_position(likelihood, impact), cell_label(ids, more), _tile(build, band))
            else:
                sheet.write_blank(*grid_position(likelihood, impact), None, _tile(build, band))


def _tile(build: Build, band: Band) -> Any:
    """A heat-map or legend cell in its band's colours, set apart from its neighbours by a white rule."""
    return build.formats.get(
        bg_color="#" + band.colour, font_color="#" + band.text_colour, bold=True, text_wrap=True,
        align="center", valign="vcenter", border=2, border_color=build.look.background)


def _write_axes(build: Build, sheet: Any) -> None:
    """Scale words beside and below the grid, with the axis names in the brand's colour."""
    look, get, word = build.look, build.formats.get, build.words
    for likelihood, name in enumerate(LIKELIHOOD_WORDS, start=1):
        row, _ = grid_position(likelihood, 1)
        sheet.write_string(row, 1, f"{name} ({likelihood})", get(
            font_color=look.muted, text_wrap=True, valign="vcenter", align="right"))
    below = GRID_TOP + SCALE
    for impact, name in enumerate(IMPACT_WORDS, start=1):
        sheet.write_string(below, GRID_LEFT + impact - 1, f"{name} ({impact})", get(
            font_color=look.muted, text_wrap=True, align="center"))
    axis = {"bold": True, "font_color": look.primary, "align": "center", "valign": "vcenter"}
    sheet.merge_range(GRID_TOP, 0, below - 1, 0, "", None)
    sheet.write_string(GRID_TOP, 0, word("likelihood"), get(**axis, rotation=90))
    sheet.merge_range(below + 1, GRID_LEFT, below + 1, GRID_LEFT + SCALE - 1, "", None)
    sheet.write_string(below + 1, GRID_LEFT, word("impact"), get(**axis))
    sheet.merge_range(below + 3, 0, below + 3, LAST_COLUMN, "", None)
    sheet.write_string(below + 3, 0, word("matrix_note"), get(font_color=look.muted, text_wrap=True, valign="vcenter"))


def _write_legend(build: Build, sheet: Any) -> None:
    """The bands with their score ranges and how many risks each holds."""
    word, bands = build.words, build.brand.bands
    header = build.formats.header(centred=True)
    for col, text in enumerate((word("rating"), word("scores"), word("risks"))):
        sheet.write_string(GRID_TOP - 1, LEGEND_LEFT + col, text, header)
    counts = band_counts(build.briefing.risks, bands)
    plain = build.formats.get(align="center", valign="vcenter", bottom=1, bottom_color=build.look.rule)
    for row, band in enumerate(reversed(bands), start=GRID_TOP):
        sheet.write_string(row, LEGEND_LEFT, band.name, _tile(build, band))
        sheet.write_string(row, LEGEND_LEFT + 1, f"{band.low}–{band.high}", plain)
        sheet.write_formula(row, LEGEND_LEFT + 2, _count_formula(band), plain, counts[band.name])


def _count_formula(band: Band) -> str:
    """The Register's live count of a band's risks, so a risk a client adds or re-rates is counted."""
    return f'=COUNTIF({REGISTER_TABLE}[{REGISTER[RATING].header}],"{band.name.replace(chr(34), chr(34) * 2)}")'


def add_chart(build: Build) -> None:
    """A native scatter chart of the occupied heat-map cells, one series per band, labelled with IDs."""
    sheet = build.add_sheet(CHART_SHEET)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)
    spans = _write_chart_data(build, sheet)
    if not spans:
        sheet.write_string(0, 0, _no_risks_sentence(build), build.formats.get(italic=True))
        return
    chart = build.workbook.add_chart({"type": "scatter"})
    for span in spans:
        chart.add_series(_series(build, span))
    _style_chart(build, chart)
    sheet.insert_chart(0, 0, chart, {"x_offset": 8, "y_offset": 8})


@dataclass(frozen=True)
class Span:
    """The rows of the chart data that one band's series plots, with each point's label."""

    band: Band
    first: int
    labels: tuple[str, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.labels) - 1


def _write_chart_data(build: Build, sheet: Any) -> list[Span]:
    """One row per occupied cell, grouped by band so each series reads a contiguous range."""
    cells, bands = heat_map_cells(build.briefing.risks), build.brand.bands
    for col, text in enumerate(CHART_DATA):
        sheet.write_string(CHART_DATA_TOP, col, text, build.formats.header(centred=col < 5))
    sheet.set_column(0, 4, 11, build.formats.get(align="center"))
    sheet.set_column(5, 5, 60, build.formats.get(text_wrap=True))
    more, row, spans = build.words("more"), CHART_DATA_TOP, []
    occupied = sorted(cells.items(), reverse=True)
    for band in bands:
        labels = []
        for (likelihood, impact), ids in occupied:
            if band_for(likelihood * impact, bands) is band:
                labels.append(point_label(ids, build))
                sheet.write_row(row + len(labels), 0, (likelihood, impact, likelihood * impact))
                sheet.write_string(row + len(labels), 3, band.name)
                sheet.write_number(row + len(labels), 4, len(ids))
                sheet.write_string(row + len(labels), 5, cell_label(ids, more))
        if labels:
            spans.append(Span(band, row + 1, tuple(labels)))
            row += len(labels)
    return spans


def point_label(ids: list[str], build: Build) -> str:
    """A chart point's label: its risks' IDs while they stay short enough to read beside the point,
    else how many risks it holds ("16 risks"); the chart data and the Register list every ID."""
    text = ", ".join(ids)
    if len(ids) == 1 or (len(ids) <= POINT_IDS and len(text) <= POINT_LABEL_CHARS):
        return text
    return build.words("risk_count", count=str(len(ids)))


def _series(build: Build, span: Span) -> dict[str, Any]:
    """A band's points: impact across, likelihood up, each labelled with the IDs of its risks."""
    look, first, last = build.look, span.first, span.last
    return {
        "name": [CHART_SHEET, first, 3],
        "categories": [CHART_SHEET, first, 1, last, 1],
        "values": [CHART_SHEET, first, 0, last, 0],
        "marker": {"type": "circle", "size": 14, "fill": {"color": "#" + span.band.colour},
                   "border": {"color": look.text}},
        "data_labels": {"custom": [_label(text, row) for row, text in enumerate(span.labels, start=first)],
                        "value": True, "position": "right", "font": {"name": look.body_font, "color": look.text}},
    }


# xlsxwriter reads a custom label that looks like Sheet!A1 as a reference to that cell.
_READ_AS_REFERENCE = re.compile(r"^=?[^!]+!\$?[A-Z]+\$?\d+")


def _label(text: str, row: int) -> dict[str, str]:
    """A point's label as literal text (what LibreOffice shows), or, when xlsxwriter would take
    that text for a cell reference, a reference to the chart-data cell that holds the same text."""
    return {"value": f"={CHART_SHEET}!$F${row + 1}" if _READ_AS_REFERENCE.match(text) else text}


def _style_chart(build: Build, chart: Any) -> None:
    """Axes from 0 to 6 labelled 1-5 with their scale words, in the brand's fonts and colours."""
    look, word = build.look, build.words
    font = {"name": look.body_font, "color": look.muted}
    for axis, setter, scale in (("impact", chart.set_x_axis, IMPACT_WORDS),
                                ("likelihood", chart.set_y_axis, LIKELIHOOD_WORDS)):
        setter({"name": _chart_text(f"{word(axis)} (1 {scale[0]} – {SCALE} {scale[-1]})"),
                "name_font": {"name": look.body_font, "color": look.primary},
                "num_font": font, "min": 0, "max": SCALE + 1, "major_unit": 1,
                # Show 1-5 only: the 0 and 6 at the ends give the points room, not meaning.
                "num_format": f'[<1]"";[>{SCALE}]"";0',
                "major_gridlines": {"visible": True, "line": {"color": look.rule}},
                "line": {"color": look.rule}})
    chart.set_title({"name": _chart_text(word("chart_title")),
                     "name_font": {"name": look.heading_font, "color": look.primary}})
    chart.set_legend({"position": "bottom", "font": font})
    chart.set_chartarea({"border": {"none": True}})
    chart.set_size({"width": 860, "height": 520})


_REFERENCE_LIKE = re.compile(r"^=?[^!]+!\$?[A-Z]+\$?\d+")  # what xlsxwriter takes for a cell reference


def _chart_text(text: str) -> str:
    """A chart title or axis name as text, never a formula: xlsxwriter reads one shaped like "=..." or
    "Sheet!A1" as a reference, so such a (brand) word gets invisible zero-width characters that break the shape."""
    if text.startswith("=") or _REFERENCE_LIKE.match(text):
        return "\u200b" + text.replace("!", "!\u200b")
    return text
