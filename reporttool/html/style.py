"""The page's one stylesheet: briefing.css, then the brand's colours, fonts and band classes.

Brand values are checked when the brand loads (hex colours, plain font names); they are checked again
here because they are written into CSS, where a stray quote or `</style>` would end the sheet.
Everything is class-based (no style attributes), so the page's Content-Security-Policy can allow
exactly this sheet by its hash and nothing else.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..brand.folder import Brand
from ..values import STANCES, TLP_BACKGROUND, TLP_LABELS, Band, tlp
from .markup import plain

# Custom properties briefing.css uses; its :root holds the default brand's value for any a brand leaves out.
_COLOUR_KEYS = ("primary", "accent", "header_text", "text", "muted", "light", "rule")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@cache
def base_sheet() -> str:
    """briefing.css as shipped, read once per process."""
    return files(__package__).joinpath("briefing.css").read_text(encoding="utf-8")


def stylesheet(brand: Brand, furniture: PageFurniture) -> str:
    """The shared sheet, the brand's variables and classes, then what every printed page carries."""
    return base_sheet() + _brand_rules(brand) + _page_rules(brand, furniture)


@dataclass(frozen=True)
class PageFurniture:
    """What the Word briefing's header and footer repeat on every page, for the printed page's margins."""

    reference: str
    tlp: str        # a canonical TLP label
    page_of: tuple[str, str]  # the words around the page number: "Page", "of"
    draft: str = ""  # "DRAFT" on a draft: top centre and beside the reference on every printed page


def _page_rules(brand: Brand, furniture: PageFurniture) -> str:
    """The TLP label top right and bottom right of every printed page, the reference and "Page X of Y"
    at the bottom (CSS page-margin boxes: browsers without them print the page without)."""
    record = tlp(furniture.tlp)
    label = (f"content: {_string(record.label)}; color: #{record.colour}; background: #{TLP_BACKGROUND}; "
             "font: 700 8pt sans-serif; padding: 0 2mm; width: fit-content; height: 5mm; vertical-align: middle;")
    muted, body = _colour(brand.colours.get("muted")), brand.fonts.get("body")
    small = f"font: 8pt {_string(body) + ', ' if body else ''}sans-serif;" + (f" color: {muted};" if muted else "")
    page, of = furniture.page_of
    draft = furniture.draft
    reference = furniture.reference + (f"  {draft}" if draft else "")
    return ("@page {\n"
            f"  @top-right {{ {label} }}\n"
            + (f"  @top-center {{ content: {_string(draft)}; font: 700 10pt sans-serif; }}\n" if draft else "")
            + f"  @bottom-left {{ content: {_string(reference)}; {small} }}\n"
            f"  @bottom-center {{ content: {_string(page + ' ')} counter(page) {_string(' ' + of + ' ')} counter(pages); "
            f"{small} }}\n"
            f"  @bottom-right {{ {label} }}\n"
            "}\n")


def style_hash(sheet: str) -> str:
    """The CSP source that allows exactly this sheet ('sha256-...')."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(sheet.encode()).digest()).decode() + "'"


def band_class(index: int) -> str:
    """The class of the brand's band at this index (band-1 is the lowest band)."""
    return f"band-{index + 1}"


def stance_class(stance: str) -> str:
    return "stance-" + stance.lower() if stance in STANCES else ""


def tlp_class(label: str) -> str:
    return "tlp-" + label.removeprefix("TLP:").lower().replace("+", "-")


def _brand_rules(brand: Brand) -> str:
    colours = {key: _colour(brand.colours.get(key)) for key in _COLOUR_KEYS if _colour(brand.colours.get(key))}
    cjk = _string(brand.font("east_asia"))  # the brand's choice for Chinese, Japanese and Korean, as in its PDFs
    variables = [f"--{key.replace('_', '-')}: {value};" for key, value in colours.items()]
    variables += [f"--font-body: {_string(brand.font('body'))}, {cjk}, sans-serif;",
                  f"--font-heading: {_string(brand.font('heading'))}, {cjk}, serif;"]
    rules = [":root { " + " ".join(variables) + " }"]
    rules += [_band_rule(i, band) for i, band in enumerate(brand.bands)]
    rules += [f".{stance_class(s)} {{ background: {_colour(brand.colours.get('stance_' + s.lower()))}; }}"
              for s in STANCES if _colour(brand.colours.get("stance_" + s.lower()))]
    rules += [f".{tlp_class(t.label)} {{ color: #{t.colour}; }}" for t in TLP_LABELS]
    return "\n".join(rules) + "\n"


def _band_rule(index: int, band: Band) -> str:
    return (f".{band_class(index)} {{ background: {_colour(band.colour) or '#FFFFFF'}; "
            f"color: {_colour(band.text_colour) or '#000000'}; }}\n"
            f".dot-{band_class(index)} {{ color: {_colour(band.colour) or '#000000'}; }}")


def _colour(value: str | None) -> str:
    """#RRGGBB, or "" for anything that is not six hex digits."""
    return f"#{value.upper()}" if isinstance(value, str) and _HEX.match(value) else ""


def _string(value: str) -> str:
    """Any text as a CSS string; anything but ASCII letters, digits, spaces and hyphens is escaped, so
    neither a quote nor "</style>" in a brand value or a Reference can end the string or the sheet."""
    escaped = "".join(c if c.isalnum() and c.isascii() or c in " -" else f"\\{ord(c):x} " for c in plain(value))
    return f'"{escaped}"'

