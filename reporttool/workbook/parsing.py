"""Cell parsers: each turns one raw cell value into a typed value or raises Problem."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .contract import Column
from ..files import WINDOWS_RESERVED
from ..text import CONTROL
from ..values import (IMPACT_WORDS, LIKELIHOOD_WORDS, TLP_LABELS, AmbiguousDate, DateError, PartialDate,
                     parse_partial_date)

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LIST_SPLIT = re.compile(r"[;\n]")
_ID_LIST_SPLIT = re.compile(r"[;,\n]")  # IDs and format names hold no comma, so "E08, E14" is two
# A list of names (sectors, regions, countries, actors): commas, semicolons and line breaks all separate, as in
# IDs and Formats; a name that holds a comma is typed in double quotes ("Korea, Republic of").
_NAME_ITEM = re.compile(r'\s*(?:"([^"]*)"|([^;,\n]*))\s*(?:[;,\n]|$)')
# Zero-width characters pasted with an ID ("S1\u200b") would make it a different, invisible-looking ID.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")  # not ZWJ/ZWNJ: scripts and emoji need them
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # no ".", "..", hidden or option-like names
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"^https?://[^\s/?#@]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
# https://trusted.example@evil.example/ shows one site and opens the other (and a password has no place in a
# briefing): an @ before the path.
_URL_LOGIN = re.compile(r"^https?://([^/?#\s]*)@([^/?#\s@]*)", re.IGNORECASE)
# Invisible or direction-changing characters would let a link show one address and open another.
_URL_SPOOF = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_GRADE = re.compile(r"^([A-F])\s*[-/.]?\s*([1-6])$", re.IGNORECASE)  # B2, B-2, B/2
ISO_HINT = "type the date as ISO text (2025-04-17, or 2025-04 / 2025 when only the month or year is known)"


class Problem(Exception):
    """Why a cell's value cannot be used, in the user's terms."""

    def __init__(self, code: str, message: str, expected: str = "", hint: str = ""):
        super().__init__(message)
        self.code, self.message, self.expected, self.hint = code, message, expected, hint


def decode_escapes(text: str) -> str:
    """Excel stores characters XML cannot hold as _xHHHH_ (ECMA-376 ST_Xstring); openpyxl leaves them.

    A vertical tab is Word's line break (Shift+Enter) pasted into a cell: it becomes the line break it was.
    """
    if "_x" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
        # an emoji escaped as its two UTF-16 halves (_xD83D__xDCA3_) becomes the one character again
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text.replace("\x0b", "\n") if "\x0b" in text else text


def has_control(text: str) -> bool:
    return CONTROL.search(text) is not None


def strip_control(text: str) -> str:
    """Remove the invisible control characters (text.CONTROL); tabs and line breaks stay."""
    return CONTROL.sub("", text)


# Invisible characters that ride along with text copied from web pages, Word or right-to-left documents
# (zero-width space, word joiner, byte-order mark, direction marks and embeddings). In an ID, a label, a
# date, an address or a Reference they can only be accidents, and they make a value the analyst sees as
# "Political" or "2025-04-17" fail with no visible cause. Prose keeps them (they can matter there), and a
# web address holding them is refused as a spoofing attempt (parse_url), not quietly repaired.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
KEEP_INVISIBLE = ("text", "list", "names", "url")


def strip_invisible(text: str) -> str:
    """The value without the invisible characters of _INVISIBLE."""
    return _INVISIBLE.sub("", text)


def as_text(raw: object) -> str:
    """Any cell value as the text the analyst sees: 5.0 -> "5", dates -> ISO."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    return str(raw).strip()


def parse_text(raw: object, column: Column) -> str:
    return _within_limit(as_text(raw), column)


def _within_limit(text: str, column: Column) -> str:
    """Text no longer than the column allows, counted as Excel counts (UTF-16 units: an emoji is two),
    so that nothing is cut when the text is written back into a workbook."""
    if len(text) * 2 > column.max_length:  # only long text can be over: count the astral characters then
        length = len(text) + sum(1 for c in text if ord(c) > 0xFFFF)
        if length > column.max_length:
            raise Problem("too-long", f"{length:,} characters, more than the {column.max_length:,} allowed",
                          f"at most {column.max_length:,} characters (an emoji counts as two)", "shorten the text")
    return text


def parse_list(raw: object, column: Column) -> tuple[str, ...]:
    items = _split(raw, _LIST_SPLIT)
    _within_limit("; ".join(items), column)  # the outputs write the list in one cell, items joined by "; "
    return items


def parse_names(raw: object, column: Column) -> tuple[str, ...]:
    """A list of names split by commas too: "Energy, Insurance" typed as a list must never be one sector
    that matches nothing (a client would silently lose risks)."""
    text = as_text(raw)
    items = tuple(item for m in _NAME_ITEM.finditer(text) if (item := (m[1] if m[1] is not None else m[2]).strip()))
    _within_limit("; ".join(items), column)
    return items


def _split(raw: object, separators: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(item for part in separators.split(as_text(raw)) if (item := part.strip()))


def _choice(text: str, choices: tuple[str, ...], column: Column) -> str:
    key = " ".join(text.split()).casefold()
    for choice in choices:
        if choice.casefold() == key:
            return choice
    raise Problem("bad-enum", f"{text!r} is not an allowed {column.name}", "one of: " + ", ".join(choices),
                  _suggest(key, choices))


def _suggest(key: str, choices: tuple[str, ...]) -> str:
    """A near miss ("Hihg", "very high") gets a "did you mean"; anything else, the way to the list."""
    from difflib import get_close_matches  # only on the error path

    folded = {c.casefold(): c for c in choices}
    close = get_close_matches(key, folded, n=1, cutoff=0.6) or [c for c in folded if c in key.split()]
    if close:
        return f"did you mean {folded[close[0]]!r}?"
    return "type one of the expected values (the template's cell offers them in a dropdown)"


def parse_enum(raw: object, column: Column) -> str:
    return _choice(as_text(raw), column.choices, column)


def parse_formats(raw: object, column: Column) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_choice(item, column.choices, column) for item in parse_id_list(raw, column)))


def parse_tlp(raw: object, column: Column) -> str:
    text = "".join(as_text(raw).split()).upper()
    label = text if text.startswith("TLP:") else "TLP:" + text
    if label == "TLP:WHITE":
        raise Problem("bad-enum", "TLP:WHITE is a TLP 1.0 label", "a TLP 2.0 label", "TLP 2.0 renamed WHITE to CLEAR")
    if label in {t.label for t in TLP_LABELS}:
        return label
    return _choice(as_text(raw), column.choices, column)


def parse_int(raw: object, column: Column) -> int:
    value = _number(raw, column)
    if not float(value).is_integer():
        raise Problem("bad-number", f"{as_text(raw)} is not a whole number", "a whole number",
                      "remove the decimals")
    return int(value)


def _number(raw: object, column: Column) -> float:
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.time)):
        raise Problem("wrong-type", f"{as_text(raw)!r} is not a number", "a number", "type a plain number")
    if isinstance(raw, (int, float)):
        return raw
    try:
        return float(as_text(raw))
    except ValueError:
        raise Problem("bad-number", f"{as_text(raw)!r} is not a number", "a number",
                      "type a plain number") from None


def _scale(raw: object, column: Column, words: tuple[str, ...]) -> int:
    text = as_text(raw)
    if not isinstance(raw, (int, float)) and not text.replace(".", "", 1).isdigit():
        return words.index(_choice(text, words, column)) + 1
    value = _number(raw, column)
    if not float(value).is_integer() or not 1 <= value <= 5:
        expected = "a whole number 1-5 or " + ", ".join(words)
        raise Problem("bad-number", f"{text} is not a whole number from 1 to 5", expected,
                      f"use 1 ({words[0]}) to 5 ({words[-1]})")
    return int(value)


def parse_likelihood(raw: object, column: Column) -> int:
    return _scale(raw, column, LIKELIHOOD_WORDS)


def parse_impact(raw: object, column: Column) -> int:
    return _scale(raw, column, IMPACT_WORDS)


def _date_from_text(text: str) -> PartialDate:
    try:
        return parse_partial_date(text)
    except DateError as exc:
        code = "ambiguous-date" if isinstance(exc, AmbiguousDate) else "bad-date"
        raise Problem(code, f"{text!r}: {exc}", "a date such as 2025-04-17", ISO_HINT) from None


def parse_partial_date_cell(raw: object, column: Column) -> PartialDate:
    if isinstance(raw, dt.datetime):
        return PartialDate.from_date(raw.date())
    if isinstance(raw, dt.date):
        return PartialDate.from_date(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer() \
            and 1000 <= raw <= 9999:
        return PartialDate(int(raw))
    if isinstance(raw, (int, float)):
        raise Problem("bad-date", f"the number {as_text(raw)} is not a date", "a date",
                      "format the cell as a date, or " + ISO_HINT)
    return _date_from_text(as_text(raw))


def parse_date(raw: object, column: Column) -> dt.date:
    value = parse_partial_date_cell(raw, column)
    if not value.is_full:
        raise Problem("partial-date", f"{value.iso()} gives no day", "a full date (year, month and day)",
                      "type the full date, e.g. 2025-05-04")
    return value.first_day()


def parse_id(raw: object, column: Column) -> str:
    return _INVISIBLE.sub("", parse_text(raw, column))


def parse_id_list(raw: object, column: Column) -> tuple[str, ...]:
    return tuple(item for part in _split(raw, _ID_LIST_SPLIT) if (item := _INVISIBLE.sub("", part)))


def _matched(pattern: re.Pattern[str], problem: Problem) -> Callable[[object, Column], str]:
    """A parser for text that must match a pattern; `problem.message` is formatted with the text."""

    def parse(raw: object, column: Column) -> str:
        text = as_text(raw)
        if not pattern.match(text):
            raise Problem(problem.code, problem.message.format(text=text), problem.expected, problem.hint)
        return text

    return parse


_parse_reference_text = _matched(_REFERENCE, Problem(
    "bad-reference", "{text!r} cannot name a file",
    "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    "remove spaces, slashes and other symbols, e.g. RT-2025-014"))
_parse_url_text = _matched(_URL, Problem(
    "bad-url", "{text!r} is not an http(s) address", "a URL starting with https:// or http://",
    "copy the full address from the browser's address bar"))
parse_email = _matched(_EMAIL, Problem(
    "bad-email", "{text!r} is not an email address", "name@example.com", "type one address, without the display name"))
_parse_grade_text = _matched(_GRADE, Problem(
    "bad-grade", "{text!r} is not an Admiralty grade", "A-F then 1-6, e.g. B2",
    "A = completely reliable ... F = cannot be judged; 1 = confirmed ... 6 = cannot be judged"))


def parse_reference(raw: object, column: Column) -> str:
    reference = _parse_reference_text(raw, column)
    if reference.split(".")[0].casefold() in WINDOWS_RESERVED:
        raise Problem("bad-reference", f"{reference!r} names a device on Windows: files such as {reference}.docx "
                      "cannot be saved or opened there", "a Reference that is not CON, PRN, AUX, NUL, COM1-9 or "
                      "LPT1-9", "add the series or year, e.g. CON-2025-01")
    return reference


def parse_url(raw: object, column: Column) -> str:
    if (login := _URL_LOGIN.match(as_text(raw))) is not None:
        raise Problem("bad-url", f"{as_text(raw)!r} opens {login[2]!r}, not {login[1]!r}: what comes before an @ in "
                      "an address is a user name", "a web address without a user name or password",
                      "copy the address from the browser's address bar")
    url = _parse_url_text(raw, column)
    if _URL_SPOOF.search(url):
        raise Problem("bad-url", f"{url!r} holds invisible or direction-changing characters",
                      "a plain web address", "retype the address, or copy it from the browser's address bar")
    return url


def parse_grade(raw: object, column: Column) -> str:
    match = _GRADE.match(_parse_grade_text(raw, column))
    return f"{match[1]}{match[2]}".upper()  # type: ignore[index]


PARSERS: dict[str, Callable[[object, Column], object]] = {
    "text": parse_text, "list": parse_list, "names": parse_names, "refs": parse_id_list, "enum": parse_enum, "tlp": parse_tlp,
    "int": parse_int, "likelihood": parse_likelihood, "impact": parse_impact, "date": parse_date,
    "partial_date": parse_partial_date_cell, "id": parse_id, "reference": parse_reference, "url": parse_url,
    "email": parse_email, "grade": parse_grade, "formats": parse_formats,
}
