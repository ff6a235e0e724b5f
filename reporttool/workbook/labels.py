"""How a label typed by hand (a sheet name, a column header, a field name) is matched to the contract.

Analysts decorate labels: "Likelihood (1-5)", "Impact 1–5", "ID #", "Date:", "Sector" for "Sectors",
"E-mail" for "Email". Matching on the letters and digits alone, singular or plural, and ignoring notes in
brackets accepts all of these, and still nothing that names another column.
"""
from __future__ import annotations

import re
from typing import Iterable

from .parsing import as_text

# A note in brackets, or a scale written after the name ("1-5", "1 to 5"): both say how to fill the column.
_DECORATION = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b\d+\s*(?:-|–|—|to)\s*\d+\b")
_WORD = re.compile(r"[^\W_]+")


def label_key(label: object) -> str:
    """The label's letters and digits, case-folded; "" for a blank or pure decoration."""
    if label is None:
        return ""
    return "".join(_WORD.findall(_DECORATION.sub(" ", as_text(label)).casefold()))


def label_lookup(names: Iterable[str]) -> dict[str, str]:
    """Key -> contract name, each name also under its singular or plural twin unless that is another name."""
    exact = {label_key(name): name for name in names}
    lookup = dict(exact)
    for key, name in exact.items():
        twin = key[:-1] if key.endswith("s") else key + "s"
        if twin not in exact:
            lookup.setdefault(twin, name)
    return lookup
