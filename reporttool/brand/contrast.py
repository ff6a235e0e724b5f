"""WCAG 2 contrast of a brand's text colours on their backgrounds, and warnings for those under AA.

Text under 4.5:1 (WCAG 2.1 AA for body text) is hard to read for many clients, and PDF/UA checkers
flag it. brand.toml's colours are checked where the documents print them as text (the workbook's
text, header and band labels); the Word template's styles by docx.contrast.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..issues import Issue, Location, warning

AA = 4.5
WHITE = "FFFFFF"


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(text: str, background: str) -> float:
    """WCAG's contrast ratio of two RRGGBB colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def low_contrast(where: Location, pairs: Iterable[tuple[str, str, str]]) -> list[Issue]:
    """A warning for each (what, text colour, background) under AA, naming the style and the ratio."""
    out = []
    for what, text, background in pairs:
        ratio = contrast_ratio(text, background)
        if ratio < AA:
            out.append(warning("low-contrast", where,
                               f"{what}: text colour {text} on {background} has a contrast of {ratio:.2f}:1, "
                               f"under the {AA}:1 WCAG AA asks for", "darken the text colour (or lighten its "
                               "background) until the ratio reaches 4.5:1", found=f"{ratio:.2f}:1",
                               expected=f"{AA}:1 or more"))
    return out


def toml_pairs(data: dict) -> list[tuple[str, str, str]]:
    """brand.toml's text colours on the backgrounds the documents print them on."""
    colours = {k: v.upper() for k, v in data.get("colours", {}).items()}
    backgrounds = [colours.get("background", WHITE)] + [colours[k] for k in ("light",) if k in colours]
    pairs = [(f"colours.{key}", colours[key], bg) for key in ("text", "muted", "accent", "primary")
             if key in colours for bg in backgrounds]
    if "header_text" in colours:
        pairs.append(("colours.header_text on colours.primary", colours["header_text"], colours.get("primary", WHITE)))
    pairs += [(f"band {band['name']!s} (text_colour on colour)", band.get("text_colour", "000000").upper(),
               band["colour"].upper()) for band in data.get("bands", [])]
    return pairs
