"""Reading the HTML briefing back for tests: a strict HTML5 parse, then plain element queries."""
from __future__ import annotations

import re
from typing import Any

import html5lib
from lxml import etree

from reporttool.brand.folder import load_brand
from reporttool.html.render import render_html
from reporttool.model import Briefing, Client


def build(briefing: Briefing, brand: str = "meridian", client: Client | None = None) -> bytes:
    return render_html(briefing, load_brand(brand), client=client)


def parse(data: bytes) -> etree._Element:
    """The page as parsed by html5lib in strict mode: any HTML5 parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"), namespaceHTMLElements=False)
    return parser.parse(data).getroot()


def text(node: Any) -> str:
    """An element's text as a reader sees it: <br> as a line break, runs of spaces as one."""
    return re.sub(r"[ \t]+", " ", "".join(_texts(node))).strip()


def _texts(node: Any) -> list[str]:
    out = [node.text or ""] if node.tag != "br" else ["\n"]
    for child in node:
        if isinstance(child.tag, str):
            out += _texts(child)
        out.append(child.tail or "")
    return out


def one(root: etree._Element, xpath: str) -> etree._Element:
    found = root.xpath(xpath)
    assert len(found) == 1, (xpath, len(found))
    return found[0]


def section(root: etree._Element, heading: str) -> etree._Element:
    """The <section> whose h2 reads `heading`."""
    return one(root, f"//section[h2[normalize-space(.)={_literal(heading)}]]")


def _literal(value: str) -> str:
    return f'"{value}"' if '"' not in value else f"'{value}'"


def css_rule(root: etree._Element, selector: str) -> str:
    """The declarations of a rule in the page's one <style> (the brand's rules are one line each)."""
    sheet = one(root, "//style").text
    found = re.findall(rf"(?m)^{re.escape(selector)} \{{([^}}]*)\}}", sheet)
    assert found, selector
    return found[-1].strip()


def colour_of(root: etree._Element, class_name: str, prop: str = "background") -> str:
    """The colour (RRGGBB, no #) that the page's sheet gives a class."""
    rule = css_rule(root, f".{class_name}")
    match = re.search(rf"(?:^|; ?){prop}: #([0-9A-F]{{6}})", rule)
    assert match, (class_name, rule)
    return match[1]


def classes(node: etree._Element) -> list[str]:
    return (node.get("class") or "").split()
