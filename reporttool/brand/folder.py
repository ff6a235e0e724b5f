"""Load a brand folder (Word template, brand.toml, logo) and report what it lacks."""
from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..issues import Issue, Location, issue
from ..values import Band
from .png import png_problem

TEMPLATES = Path(os.environ.get("REPORTTOOL_TEMPLATES", Path(__file__).resolve().parents[2] / "templates"))
DEFAULT_BRAND = "meridian"
# The default brand's values (templates/meridian/brand.toml), for keys a brand leaves out: renderers
# without a Word template (the risk matrix, HTML) take every colour, font and size they use from here.
DEFAULT_COLOURS = {"primary": "1F3A5F", "header_text": "FFFFFF", "text": "1E2A36", "muted": "5B6B7B",
                   "rule": "C9D3DD", "background": "FFFFFF"}
# Fonts for what a brand's body and heading fonts lack (Chinese, Japanese, Korean; emoji): Debian's Noto CJK
# and Symbola, which .ci/system-deps.sh installs. LibreOffice draws colour emoji fonts as nothing in PDFs,
# so emoji need an outline font of their own.
DEFAULT_FONTS: dict[str, str | float] = {"heading": "Cambria", "body": "Calibri", "body_size": 10, "title_size": 18,
                                         "east_asia": "Noto Sans CJK SC", "emoji": "Symbola"}
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# The email a pack goes out with (`reporttool send`): [email] subject and body in brand.toml, filled by plain
# replacement of these placeholders (never str.format). The TLP label is added by the tool, not the brand.
EMAIL_PLACEHOLDERS = ("client", "contact", "title", "reference", "published")
EMAIL_SUBJECT = "{title} ({reference})"
EMAIL_BODY = """Dear {contact},

Please find attached {title} ({reference}), published {published}, prepared for {client}.
"""
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Brand:
    """Everything a renderer needs from a brand; the Word look itself stays in the template."""

    name: str
    folder: Path
    template: Path
    logo: Path
    bands: tuple[Band, ...]
    colours: dict[str, str] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)
    contact: tuple[str, ...] = ()
    disclaimer: str = ""
    language: str = "en-GB"
    words: dict[str, str] = field(default_factory=dict)  # the brand's [words]; read them through words.Words
    email_subject: str = EMAIL_SUBJECT
    email_body: str = EMAIL_BODY

    def colour(self, key: str) -> str:
        """A colour as RRGGBB: the brand's, else the default brand's."""
        return self.colours.get(key, DEFAULT_COLOURS[key])

    def font(self, key: str) -> str:
        """A font name or size from [fonts], else the default brand's (or the font for scripts it lacks)."""
        return str(self.fonts.get(key) or DEFAULT_FONTS[key])


class BrandError(Exception):
    """A brand that cannot be used; carries the issues that say why."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


def brand_folder(name_or_folder: str | Path | None) -> Path:
    """A bare name of a shipped brand is that brand, even when the current folder holds a folder of the
    same name (the `meridian/` copy a designer is editing); anything else is a folder path."""
    value = str(name_or_folder or DEFAULT_BRAND)
    shipped = _shipped_named(value)
    if shipped is not None:
        return shipped
    path = Path(value)
    if path.is_dir() or os.sep in value:
        return path
    return TEMPLATES / value


def _shipped_named(value: str) -> Path | None:
    """The shipped brand a bare name means ("Northgate" is northgate); None for a path or another name."""
    if os.sep in value or value.startswith("."):
        return None
    return _shipped().get(value.strip().casefold())


def brand_note(name_or_folder: str | Path | None) -> str | None:
    """A note for a bare name that is both a shipped brand and a folder here: which one is used, and how
    to ask for the other."""
    value = str(name_or_folder or "")
    if not value or _shipped_named(value) is None or not Path(value).is_dir():
        return None
    return (f"using the shipped brand {value!r} ({_shipped_named(value)}); for the folder {value}/ here, "
            f"write ./{value}")


def known_brands() -> list[str]:
    """The names of the brands in templates/, for messages that list what can be typed."""
    return [p.name for p in _shipped().values()]


def _shipped() -> dict[str, Path]:
    """The brand folders in templates/, by case-folded name."""
    return {p.name.casefold(): p for p in sorted(TEMPLATES.iterdir()) if (p / "brand.toml").is_file()}


def shipped_brands() -> list[str]:
    """The names of the brands in templates/, for pickers (the web page's brand list)."""
    return [p.name for p in _shipped().values()]


def load_brand(name_or_folder: str | Path | None = None) -> Brand:
    """Read and check a brand; raise BrandError with every problem at once."""
    folder = brand_folder(name_or_folder)
    issues = check_brand(folder)
    if any(i.is_error for i in issues):
        raise BrandError(issues)
    return _read_brand(folder)


TOML_MAX_BYTES = 1 << 20


def _read_toml(folder: Path) -> dict:
    """brand.toml, read only when it is a plain file of a sane size: a FIFO would hang the read and a link
    to /dev/zero would never end it."""
    path = folder / "brand.toml"
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise ValueError("brand.toml is not a plain file")
    with open(path, "rb") as fh:
        data = fh.read(TOML_MAX_BYTES + 1)
    if len(data) > TOML_MAX_BYTES:
        raise ValueError(f"brand.toml is over {TOML_MAX_BYTES >> 20} MB")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("brand.toml is not UTF-8 text; save it as UTF-8") from None


def _read_brand(folder: Path) -> Brand:
    data = _read_toml(folder)
    return Brand(
        name=data["name"], folder=folder,
        template=folder / data.get("template", "template.docx"),
        logo=folder / data.get("logo", "logo.png"),
        bands=tuple(Band(b["name"], int(b["low"]), int(b["high"]), b["colour"].upper(),
                         b.get("text_colour", "000000").upper()) for b in data["bands"]),
        colours={k: v.upper() for k, v in data.get("colours", {}).items()},
        fonts=dict(data.get("fonts", {})),
        contact=tuple(data.get("contact", {}).get("lines", ())),
        disclaimer=data.get("disclaimer", {}).get("text", ""),
        language=data.get("language", "en-GB"),
        words=dict(data.get("words", {})),
        email_subject=data.get("email", {}).get("subject", EMAIL_SUBJECT),
        email_body=data.get("email", {}).get("body", EMAIL_BODY),
    )


def check_brand(folder: Path) -> list[Issue]:
    """What a brand folder lacks, as Issues located at the file that needs fixing."""
    where = Location(file=str(folder / "brand.toml"))
    if not folder.is_dir():
        return [issue("bad-brand", Location(file=str(folder)), f"brand folder {folder} does not exist",
                      f"use a brand name ({', '.join(known_brands())}) or a folder that "
                      "holds brand.toml")]
    try:
        data = _read_toml(folder)
    except (OSError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        missing = isinstance(exc, FileNotFoundError)  # else it exists, and its text is what needs fixing
        return [issue("bad-brand", where, f"brand.toml cannot be read: {getattr(exc, 'strerror', None) or exc}",
                      "create brand.toml; see templates/meridian/brand.toml for the keys" if missing else
                      "correct brand.toml where the message says (TOML: quoted text, one key per line); compare "
                      "with templates/meridian/brand.toml")]
    problems = [issue("bad-brand", where, f"brand.toml lacks the key {key!r}", "add it")
                for key in ("name", "bands") if key not in data]
    problems += [issue("bad-brand", where, f"brand.toml's {key!r} must be a table, e.g. [{key}]",
                       "see templates/meridian/brand.toml for its shape")
                 for key in ("colours", "fonts", "contact", "disclaimer", "words", "email")
                 if not isinstance(data.get(key, {}), dict)]
    if problems:
        return problems
    problems += _check_values(where, data)
    if problems:
        return problems
    problems += _check_files(folder, data)
    problems += _check_bands(where, data.get("bands", []))
    problems += [issue("bad-brand", where, f"colour {name} = {value!r} is not RRGGBB hex",
                       "write colours as six hex digits, e.g. 1F3A5F")
                 for name, value in data.get("colours", {}).items() if not _is_hex(value)]
    if not problems:
        from ..docx.template import check_template_styles  # only when the files are known good
        problems += check_template_styles(folder / data.get("template", "template.docx"))
    if not any(p.is_error for p in problems):
        problems += _check_contrast(where, folder / data.get("template", "template.docx"), data)
    return problems


def _check_contrast(where: Location, template: Path, data: dict) -> list[Issue]:
    """Warnings for text colours under WCAG AA, in brand.toml and in the template's styles."""
    from ..docx.contrast import template_pairs
    from .contrast import low_contrast, toml_pairs

    return low_contrast(where, toml_pairs(data)) + low_contrast(Location(file=str(template)), template_pairs(template))


def _check_values(where: Location, data: dict) -> list[Issue]:
    """Every value the renderers read has the type and range they need, so a brand that passes builds."""
    def bad(message: str, hint: str = "see templates/meridian/brand.toml") -> Issue:
        return issue("bad-brand", where, message, hint)

    problems = [bad(f"{key} = {data.get(key)!r} must be text without control characters")
                for key in ("name", "template", "logo") if key in data and not _plain(data[key])]
    language = data.get("language", "en-GB")
    if not (isinstance(language, str) and _LANGUAGE.match(language)):
        problems.append(bad(f"language = {language!r} is not a language tag", "e.g. en-GB or fr-FR"))
    for key in ("template", "logo"):
        name = data.get(key)
        if isinstance(name, str) and (Path(name).is_absolute() or ".." in Path(name).parts):
            problems.append(bad(f"{key} = {name!r} must name a file inside the brand folder"))
    fonts = data.get("fonts", {})
    problems += [bad(f"fonts.{key} = {value!r} must be a size in points from 6 to 72")
                 for key, value in fonts.items() if key.endswith("_size")
                 and not (isinstance(value, (int, float)) and not isinstance(value, bool) and 6 <= value <= 72)]
    problems += [bad(f"fonts.{key} = {value!r} must be a font name") for key, value in fonts.items()
                 if not key.endswith("_size") and not (_plain(value) and len(value) <= 31)]
    texts = [("contact.lines", line) for line in _as_list(data.get("contact", {}).get("lines", []))]
    texts += [("disclaimer.text", data.get("disclaimer", {}).get("text", ""))]
    texts += [(f"words.{key}", value) for key, value in data.get("words", {}).items()]
    problems += [bad(f"{key} = {value!r} must be text") for key, value in texts if not isinstance(value, str)]
    if not isinstance(data.get("contact", {}).get("lines", []), list):
        problems.append(bad("contact.lines must be a list of lines"))
    return problems + _check_email(where, data.get("email", {}))


def _check_email(where: Location, email: dict) -> list[Issue]:
    """The email templates are text with known placeholders only, and the subject is one line: a typo such
    as {titel} would otherwise reach every client as it stands."""
    hint = "placeholders: " + ", ".join("{" + p + "}" for p in EMAIL_PLACEHOLDERS)
    problems = []
    for key in ("subject", "body"):
        value = email.get(key, "")
        if not isinstance(value, str) or (key == "subject" and value and not _plain(value)):
            what = "one line of text" if key == "subject" else "text"
            problems.append(issue("bad-brand", where, f"email.{key} = {value!r} must be {what}", hint))
            continue
        problems += [issue("bad-brand", where, f"email.{key} has an unknown placeholder {{{name}}}", hint, found=name)
                     for name in _PLACEHOLDER.findall(value) if name not in EMAIL_PLACEHOLDERS]
    return problems


def _plain(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not any(ord(c) < 32 or c == "\x7f" for c in value)


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else []


def _check_files(folder: Path, data: dict) -> list[Issue]:
    wanted = {"template": data.get("template", "template.docx"), "logo": data.get("logo", "logo.png")}
    problems = [issue("bad-brand", Location(file=str(folder / name)), f"the brand's {what} {name} is missing",
                      f"put the {what} file in {folder}")
                for what, name in wanted.items() if not (folder / name).is_file()]
    logo = folder / wanted["logo"]
    if not problems and (why := png_problem(logo)):
        problems.append(issue("bad-brand", Location(file=str(logo)), f"{logo.name} is not a usable PNG picture: {why}",
                              "save the logo as a PNG of a few hundred pixels (under 5 MB)"))
    return problems


def _check_bands(where: Location, bands: list) -> list[Issue]:
    """Bands must cover scores 1-25 in order, without gaps or overlaps, each with a colour."""
    try:  # every key _read_brand reads, so that a brand passing this check always loads
        spans = [(b["name"], b["low"], b["high"], (b["colour"], b.get("text_colour", "000000"))) for b in bands]
    except (KeyError, TypeError, ValueError, AttributeError):
        return [issue("bad-brand", where, "each [[bands]] entry needs name, low, high and colour",
                      "see templates/meridian/brand.toml")]
    if not spans:
        return [issue("bad-brand", where, "brand.toml has no [[bands]]", "add the rating bands, 1 to 25; see "
                      "templates/meridian/brand.toml")]
    odd = [f"{b!r}" for name, low, high, _ in spans for b in (low, high) if not _whole(b)]
    odd += [f"name {name!r}" for name, *_ in spans if not _plain(name)]
    if odd:  # "1" or 4.9 would be coerced to a band the designer never wrote
        return [issue("bad-brand", where, f"band bounds must be whole numbers and names text: {', '.join(odd)}",
                      "write bounds without quotes or decimals, e.g. low = 1, high = 4")]
    expected_low, problems = 1, []
    for _, low, high, colours in spans:
        if low != expected_low or high < low:
            problems.append(issue("bad-brand", where, f"band {low}-{high} leaves a gap or overlaps",
                                  "bands must run from 1 to 25 in order, each starting after the last"))
        problems += [issue("bad-brand", where, f"band colour {colour!r} is not RRGGBB hex",
                           "write colours as six hex digits") for colour in colours if not _is_hex(colour)]
        expected_low = high + 1
    if spans and expected_low != 26:
        problems.append(issue("bad-brand", where, "the bands do not end at 25", "make the last band end at 25"))
    return problems


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex(value: object) -> bool:
    return isinstance(value, str) and _HEX.match(value) is not None
