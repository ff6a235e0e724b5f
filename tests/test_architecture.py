"""The package's layout holds: no import cycle (imports inside functions count), and dependencies
point one way: renderers never import the workbook side, the workbook side never imports a renderer."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reporttool"
RENDERERS = ("reporttool.docx", "reporttool.xlsx", "reporttool.html", "reporttool.pdf")
WORKBOOK = ("reporttool.workbook",)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str) -> set[str]:
    """Every reporttool module `name` imports, at the top or inside a function (not those made for type
    checkers only, under `if TYPE_CHECKING:`, which never run)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found |= {t for t in targets if t in MODULES and t != name}
    return found


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


GRAPH = {name: imports(name) for name in MODULES}


def cycles() -> list[list[str]]:
    """Import cycles, each as the path that closes it (depth-first search over the graph)."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    return found


def test_the_graph_sees_imports_inside_functions():
    assert "reporttool.docx.template" in GRAPH["reporttool.brand.folder"]  # imported inside check_brand
    assert "reporttool.packs.run" in GRAPH["reporttool.cli"]


def test_no_import_cycle():
    assert cycles() == []


@pytest.mark.parametrize("side, forbidden", [(RENDERERS, WORKBOOK), (WORKBOOK, RENDERERS)])
def test_dependencies_point_one_way(side, forbidden):
    wrong = sorted((name, target) for name, targets in GRAPH.items() if within(name, side)
                   for target in targets if within(target, forbidden))
    assert wrong == []


@pytest.mark.parametrize("renderer", RENDERERS)
def test_renderers_do_not_import_each_other(renderer):
    """What two formats share lives beside the model (present.py, brand/), so a format is one new subpackage."""
    others = tuple(r for r in RENDERERS if r != renderer)
    wrong = sorted((name, target) for name, targets in GRAPH.items() if within(name, (renderer,))
                   for target in targets if within(target, others))
    assert wrong == []
