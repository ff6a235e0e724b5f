"""The plan of a batch run: its inputs, one Pack per client and briefing, and each pack's result."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from ..brand.folder import Brand
from ..files import WINDOWS_RESERVED
from ..model import Briefing, Client


@dataclass(frozen=True)
class Pack:
    """One client's copy of one briefing, and everything that decides its content."""

    client: Client
    slug: str
    reference: str
    brand_key: str
    formats: tuple[str, ...]
    inputs: str  # hash of every input; a rerun with the same hash skips the pack


@dataclass
class PackResult:
    client: str
    slug: str
    briefing: str
    status: str  # built, skipped, failed, not in this run, stopped; "would build" in a dry run
    files: dict[str, str] = field(default_factory=dict)  # path relative to OUTDIR -> sha256
    risks: tuple[str, ...] = ()
    error: str = ""
    excluded: tuple[str, ...] = ()  # each risk left out, with why: "R3: sector Energy (the client's: Mining)"


NOT_IN_RUN = "not in this run"


@dataclass(frozen=True)
class Inputs:
    """What a batch run works from, read and checked before anything is written."""

    clients: tuple[Client, ...]
    briefings: dict[str, Briefing]  # by Reference
    briefing_hashes: dict[str, str]
    broken: dict[str, str]  # file name -> why it could not be used
    brands: dict[str, Brand]
    brand_hashes: dict[str, str]
    run_brand: str
    version: str
    previous: dict[str, Briefing] = field(default_factory=dict)  # Reference -> the edition it updates
    previous_hashes: dict[str, str] = field(default_factory=dict)




# `send` drafts every client's email into PACKS_DIR/outbox: a client called "Outbox" must not get that folder
# (its folder would hold every other client's messages and files)
OUTBOX = "outbox"


def slugify(name: str) -> str:
    """A folder name readable in any script: accents dropped (Société -> societe), other letters kept
    (Газпром stays), every run of anything else one hyphen; never a name Windows refuses."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", bare).casefold())
    slug = _bounded("-".join(words)[:64]).strip("-")
    return (slug + "-client" if slug in WINDOWS_RESERVED or slug == OUTBOX else slug) or "client"


SLUG_MAX_BYTES = 120  # file systems count bytes (255 a name): room for "-2" and the longest output name


def _bounded(slug: str) -> str:
    """Cut to SLUG_MAX_BYTES of UTF-8 at a character boundary: 64 letters of a 4-byte script are 256 bytes."""
    return slug.encode()[:SLUG_MAX_BYTES].decode(errors="ignore")


def client_slugs(clients: Iterable[Client]) -> dict[str, str]:
    """A folder name per client, unique even when two names slugify alike."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for client in clients:
        base = slug = slugify(client.client)
        counter = 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add(slug)
        slugs[client.client] = slug
    return slugs



def plan(inputs: Inputs) -> tuple[list[Pack], list[PackResult]]:
    """Every pack to make, and the rows settled up front: a broken briefing fails its packs; a briefing a
    client is pinned to that this run was not given is "not in this run" (a partial run is no failure)."""
    packs, settled = [], []
    slugs = client_slugs(inputs.clients)
    given = tuple(inputs.briefings) + tuple(inputs.broken)
    # a pin typed in another case ("rt-2025-014") names the same briefing: left "not in this run", the
    # client would silently get nothing (and the files would collide on a case-insensitive disk anyway)
    spelled = {reference.casefold(): reference for reference in given}
    for client in inputs.clients:
        wanted = tuple(spelled.get(pin.casefold(), pin) for pin in client.briefings) or given
        for reference in dict.fromkeys(wanted):
            if reference in inputs.broken:
                settled.append(PackResult(client.client, slugs[client.client], reference, "failed",
                                          error=inputs.broken[reference]))
            elif reference not in inputs.briefings:
                settled.append(PackResult(client.client, slugs[client.client], reference, NOT_IN_RUN))
            else:
                packs.append(_pack(inputs, client, slugs[client.client], reference))
    return packs, settled


def _pack(inputs: Inputs, client: Client, slug: str, reference: str) -> Pack:
    brand_key = client.brand or inputs.run_brand
    record = json.dumps({"client": dataclasses.asdict(client), "briefing": inputs.briefing_hashes[reference],
                         "brand": inputs.brand_hashes[brand_key], "version": inputs.version,
                         **({"previous": inputs.previous_hashes[reference]} if reference in inputs.previous else {})},
                        sort_keys=True)
    return Pack(client, slug, reference, brand_key, client.formats, hashlib.sha256(record.encode()).hexdigest())


