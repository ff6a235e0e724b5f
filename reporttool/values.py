"""Small value types of the briefing domain that parse and print themselves."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# English on purpose: calendar.month_name follows the machine's locale, and briefings are read anywhere.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
MONTHS["sept"] = 9

LIKELIHOOD_WORDS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
IMPACT_WORDS = ("Negligible", "Minor", "Moderate", "Major", "Severe")
CONFIDENCE = ("Low", "Moderate", "High")
SIGNIFICANCE = ("Low", "Medium", "High")
STANCES = ("Hostile", "Opposed", "Neutral", "Engaging", "Supportive")
STANCE_TRENDS = ("Warming", "Stable", "Cooling")
RISK_TRENDS = ("Increasing", "Stable", "Decreasing")
CATEGORIES = ("Political", "Security", "Terrorism", "Economic", "Regulatory", "Operational",
              "Reputational", "Other")
RATINGS = ("Low", "Medium", "High", "Critical")
RELIABILITY = "ABCDEF"  # Admiralty code: the source's reliability, A (completely reliable) to F
CREDIBILITY = "123456"  # and the information's credibility, 1 (confirmed) to 6
STATUSES = ("Draft", "Final")


@dataclass(frozen=True)
class Tlp:
    """A FIRST TLP 2.0 label with the colours FIRST prescribes (text on a black ground)."""

    label: str
    colour: str
    meaning: str


TLP_LABELS = (
    Tlp("TLP:CLEAR", "FFFFFF", "Disclosure is not limited; the information may be shared freely."),
    Tlp("TLP:GREEN", "33FF00",
        "Limited disclosure: recipients may share it within their community, not publicly."),
    Tlp("TLP:AMBER", "FFC000",
        "Limited disclosure: recipients may share it within their organisation and its clients "
        "on a need-to-know basis."),
    Tlp("TLP:AMBER+STRICT", "FFC000",
        "Limited disclosure: recipients may share it within their organisation only."),
    Tlp("TLP:RED", "FF2B2B",
        "For the eyes and ears of individual recipients only; no further disclosure."),
)
TLP_BACKGROUND = "000000"


def tlp(label: str) -> Tlp:
    """The TLP record for a canonical label (as the reader produces it)."""
    return next(t for t in TLP_LABELS if t.label == label)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; sorts and prints at its own precision."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def is_full(self) -> bool:
        return self.day != 0

    def first_day(self) -> dt.date:
        """The earliest calendar day this date may mean (used to compare with full dates)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this date may mean: the day its period (year, month or day) ends."""
        if not self.month:
            return dt.date(self.year, 12, 31)
        if not self.day:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def display(self) -> str:
        """"1994", "August 2021" or "17 April 2025"."""
        if not self.month:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_date(cls, value: dt.date) -> "PartialDate":
        return cls(value.year, value.month, value.day)


class DateError(ValueError):
    """A date text that cannot be read; the message says why."""


_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")  # year first: never ambiguous
_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_HYPHENS = re.compile(r"^(?:\d{1,2}-)?[A-Za-z]+\.?-\d{4}$")  # 4-May-2025, May-2025: Excel's own display
_DMY = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMERIC = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


MIN_YEAR = 1000


class AmbiguousDate(DateError):
    """A date whose day and month could be read either way round."""


def parse_partial_date(text: str) -> PartialDate:
    """Read ISO (2025-04-17, 2025/04/17, 2025-04, 2025, with a time after it ignored) or dates with a month
    name (17 April 2025, 4-May-2025, May 4 2025, Apr 2025)."""
    text = " ".join(text.split())
    if _NUMERIC.match(text):
        raise AmbiguousDate("dates of numbers with the year last are not read: 04/05/2025 is 4 May or April 5 "
                            "depending on who typed it, so none is guessed (17/04/2025 included)")
    if m := _TIME.match(text):
        text = m[1]
    if _HYPHENS.match(text):
        text = text.replace("-", " ")
    if m := _ISO.match(text):
        year, month, day = (int(g) if g else None for g in m.groups())
    elif m := _DMY.match(text):
        day, month, year = int(m[1]) if m[1] else None, _month(m[2]), int(m[3])
    elif m := _MDY.match(text):
        month, day, year = _month(m[1]), int(m[2]), int(m[3])
    else:
        raise DateError("not a date this reader knows")
    return _checked(year, month, day)


def _month(word: str) -> int:
    try:
        return MONTHS[word.lower()]
    except KeyError:
        raise DateError(f"{word!r} is not a month name") from None


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    """A month or day typed as 0 ("2025-00") is an error, not a silently coarser date; a year before 1000
    ("0025-05-04") is a typo, and would put year 25 in the documents' dates."""
    if not MIN_YEAR <= year <= 9999:
        raise DateError(f"the year {year} is out of range ({MIN_YEAR}-9999): a typo?")
    if month is not None and not 1 <= month <= 12:
        raise DateError("the month is not between 1 and 12")
    if day is not None:
        try:
            dt.date(year, month or 0, day)
        except ValueError:
            raise DateError("that day does not exist in that month") from None
    return PartialDate(year, month or 0, day or 0)


@dataclass(frozen=True)
class Band:
    """A rating band: scores from low to high inclusive, drawn in colour (RRGGBB)."""

    name: str
    low: int
    high: int
    colour: str
    text_colour: str = "000000"


DEFAULT_BANDS = (
    Band("Low", 1, 4, "92D050"),
    Band("Medium", 5, 9, "FFE699"),
    Band("High", 10, 16, "F4B183"),
    Band("Critical", 17, 25, "E06666"),
)


def band_for(score: int, bands: tuple[Band, ...] = DEFAULT_BANDS) -> Band:
    """The band a score falls in; scores outside every band take the nearest end band."""
    for band in bands:
        if band.low <= score <= band.high:
            return band
    return bands[0] if score < bands[0].low else bands[-1]
