"""The mutable state of one Word build: the brand, its template and words, link and bookmark ids."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..brand.folder import Brand
from ..brand.words import Words
from .template import Template


@dataclass
class Context:
    """Mutable state of one build: links collected for the relationships part, bookmark ids."""

    brand: Brand
    template: Template
    words: Words
    source_numbers: dict[str, int] = field(default_factory=dict)  # source ID -> its number
    links: dict[str, str] = field(default_factory=dict)  # url -> relationship id
    next_bookmark: int = 1

    def link(self, url: str) -> str:
        return self.links.setdefault(url, f"rIdLink{len(self.links) + 1}")

    def bookmark_id(self) -> int:
        self.next_bookmark += 1
        return self.next_bookmark - 1


