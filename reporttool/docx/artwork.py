"""The brand template's own header and footer: the designer's artwork kept, our running lines added.

A designer may draw in the template's default header and footer (a band, a rule, a picture, a
line of text). Each is read once, when the template is loaded, into a `Story`: the part's XML cut
in two where our paragraphs go, its relationship ids renumbered so they cannot meet ours, and
the parts it refers to (pictures under word/media) copied with their content types under their
own names. A build only joins strings. Our line goes first in the header and last in the footer,
so it stays nearest the page edge with the designer's artwork between it and the body.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from .namespaces import PIC, A, R, W, WP

PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OUR_PREFIXES = {"w": W, "r": R, "wp": WP, "a": A, "pic": PIC}
NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in OUR_PREFIXES.items())
VML_RELID = "{urn:schemas-microsoft-com:office:office}relid"  # VML names relationships outside r:
_MARK = "reporttool: our paragraphs go here"

Rel = tuple[str, str, str, str]  # id, type, target, extra attributes


@dataclass(frozen=True)
class Story:
    """A header or footer part around our paragraphs: the template's own, or an empty one."""

    start: str               # the XML before our paragraphs
    end: str                 # the XML after them
    rels: tuple[Rel, ...] = ()  # the template's relationships of this part, ids renumbered

    def part(self, ours: str) -> bytes:
        return DECL + f"{self.start}{ours}{self.end}".encode()


def empty_story(tag: str) -> Story:
    return Story(f"<w:{tag} {NAMESPACES}>", f"</w:{tag}>")


@dataclass(frozen=True)
class Artwork:
    """The template's header and footer with what they refer to."""

    header: Story
    footer: Story
    parts: dict[str, bytes]          # part name -> bytes: pictures and whatever else they refer to
    content_types: dict[str, str]    # part name -> content type of those parts
    drawing_id: int                  # the first wp:docPr id no designer drawing uses


def load_artwork(files: dict[str, bytes], targets: dict[str, str], refs: dict[str, str]) -> Artwork:
    """The default header and footer the template's last section names (refs: "header" -> rel id)."""
    stories, parts, ids = {}, {}, [0]
    for tag, kind in (("hdr", "header"), ("ftr", "footer")):
        if kind not in refs:
            stories[kind] = empty_story(tag)
            continue
        name = _resolve("word/document.xml", targets[refs[kind]])
        root = etree.fromstring(files[name], PARSER)
        ids += [int(i) for i in root.xpath("//wp:docPr/@id", namespaces={"wp": WP}) if i.isdigit()]
        stories[kind], related = _story(root, files, name, ours_first=kind == "header")
        parts.update(related)
    types = _content_types(files, [n for n in parts if not n.endswith(".rels")])
    return Artwork(stories["header"], stories["footer"], parts, types, max(ids) + 1)


def _story(root: etree._Element, files: dict[str, bytes], name: str, *, ours_first: bool
           ) -> tuple[Story, dict[str, bytes]]:
    rels_name = _rels_name(name)
    rows = list(etree.fromstring(files[rels_name], PARSER)) if rels_name in files else []
    new_ids = {rel.get("Id"): f"rIdArt{n}" for n, rel in enumerate(rows, 1)}
    _renumber(root, new_ids)
    rels, related = [], {}
    for rel in rows:
        external = rel.get("TargetMode") == "External"
        target = _allowed(name, rel)
        if not external:
            related.update(_closure(files, target))
            target = posixpath.relpath(target, "word")  # our header and footer live in word/
        rels.append((new_ids[rel.get("Id")], rel.get("Type"), target, ' TargetMode="External"' if external else ""))
    start, end = _cut(root, ours_first)
    return Story(start, end, tuple(rels)), related


def _allowed(name: str, rel: etree._Element) -> str:
    """The target of a relationship the artwork may keep: a picture inside the package (word/media), or a
    web or mail link; anything else (the document body, its properties, a file on a network share that
    Word would fetch on opening) would let a template reach into every briefing, so it is refused."""
    target, kind = rel.get("Target") or "", (rel.get("Type") or "").rsplit("/", 1)[-1]
    if rel.get("TargetMode") == "External":
        if kind == "hyperlink" and target.lower().startswith(("https://", "http://", "mailto:")):
            return target
        raise ValueError(f"the template's {name} links to {target!r}; only http(s) and mailto links are kept")
    resolved = _resolve(name, target)
    if not resolved.startswith("word/media/"):
        raise ValueError(f"the template's {name} refers to {resolved}; only pictures under word/media are kept")
    return resolved


def _renumber(root: etree._Element, new_ids: dict[str, str]) -> None:
    """Relationship ids in the part's content follow their relationships to the new ids."""
    for node in root.iter(etree.Element):
        for key, value in node.attrib.items():
            if value in new_ids and (key.startswith(f"{{{R}}}") or key == VML_RELID):
                node.set(key, new_ids[value])


def _cut(root: etree._Element, ours_first: bool) -> tuple[str, str]:
    """The part's XML split where our paragraphs go, its root declaring our prefixes as well."""
    merged = etree.Element(root.tag, attrib=dict(root.attrib), nsmap={**root.nsmap, **OUR_PREFIXES})
    merged.extend(list(root))
    merged.insert(0 if ours_first else len(merged), etree.Comment(_MARK))
    start, _, end = etree.tostring(merged, encoding="unicode").partition(f"<!--{_MARK}-->")
    return start, end


def _closure(files: dict[str, bytes], name: str) -> dict[str, bytes]:
    """The part, the parts it refers to in turn, and their relationship parts, by their own names."""
    found: dict[str, bytes] = {}
    todo = [name]
    while todo:
        part = todo.pop()
        if part in found:
            continue
        if part not in files:
            raise ValueError(f"the template's header or footer refers to {part}, which it lacks")
        found[part] = files[part]
        rels_name = _rels_name(part)
        if rels_name in files:
            found[rels_name] = files[rels_name]
            todo += [_allowed(part, rel) for rel in etree.fromstring(files[rels_name], PARSER)
                     if rel.get("TargetMode") != "External"]
    return found


def _content_types(files: dict[str, bytes], names: list[str]) -> dict[str, str]:
    """Each copied part's content type, from its override or else from its extension's default."""
    if not names:
        return {}
    root = etree.fromstring(files["[Content_Types].xml"], PARSER)
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in root}
    defaults = {o.get("Extension", "").lower(): o.get("ContentType") for o in root}
    types = {n: overrides.get(n) or defaults.get(posixpath.splitext(n)[1][1:].lower()) for n in names}
    missing = sorted(n for n, kind in types.items() if not kind)
    if missing:
        raise ValueError(f"the template gives no content type for {missing[0]}")
    return types


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _resolve(source: str, target: str) -> str:
    """A relationship's target as a part name: absolute from the package root, else from the source."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
