"""Source citations in analyst text: "[S1]", "[S1, S3]" or "[S1; S3]".

One reading for the validator and the renderer, so what passes validation is what gets linked. A
bracket is a citation when every name in it is a known source ID or looks like one (letters, then
digits: S1, SRC-12); "[sic]", "[ISK]" or "[2025]" are text and stay as typed.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterator

_MARKER = re.compile(r"\[([^\[\]\n]{1,200})\]")
_SPLIT = re.compile(r"\s*[;,]\s*")
_ID_LIKE = re.compile(r"[A-Za-z]{1,6}[-_.]?\d{1,6}[A-Za-z]?")


def citations(text: str, known: Container[str]) -> Iterator[tuple[re.Match[str], tuple[str, ...]]]:
    """Each citation in the text with the IDs it names, known or not."""
    for match in _MARKER.finditer(text):
        ids = tuple(i for i in _SPLIT.split(match[1].strip()) if i)
        if ids and all(i in known or _ID_LIKE.fullmatch(i) for i in ids):
            yield match, ids
