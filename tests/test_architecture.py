"""The package layout is the pipeline: each stage imports only earlier stages and the shared modules.

Every import in src/narrator is read with ``ast`` (function-level imports included), so a
stage reaching forward, or any cycle between modules, fails here rather than in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "narrator"

# Lower rank = earlier. Shared modules (rank 0) may be imported by everyone and import only each other.
RANK = {
    "errors": 0, "resources": 0, "filehash": 0, "format": 0, "domain": 0, "model": 0, "markup": 0, "config": 0,
    "ingest": 1, "facts": 2, "draft": 3, "check": 4, "render": 5, "compose": 6,
    "progress": 7, "terminal": 7, "pipeline": 8, "edited": 9, "editor": 9, "cli": 10, "__init__": 11,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Modules of narrator that ``path`` imports, as dotted names relative to the package."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if name == "__init__":
        package = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("narrator"):
                target = node.module.removeprefix("narrator").lstrip(".")
            else:
                continue
            for alias in node.names:  # "from . import x" may name a submodule
                sub = f"{target}.{alias.name}" if target else alias.name
                found.add(sub if (SRC / sub.replace(".", "/")).with_suffix(".py").exists()
                          or (SRC / sub.replace(".", "/")).is_dir() else target)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("narrator.") for a in node.names if a.name.startswith("narrator.")}
    return {f for f in found if f}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in SRC.rglob("*.py")}


def stage(module: str) -> str:
    return module.split(".")[0]


def test_every_module_has_a_stage():
    assert {stage(m) for m in graph()} <= set(RANK), "add new top-level modules to RANK"


@pytest.mark.parametrize("module", sorted(graph()))
def test_imports_only_earlier_stages(module):
    here = RANK[stage(module)]
    for target in graph()[module]:
        there = RANK[stage(target)]
        assert there < here or stage(target) == stage(module) or (there == 0 and here == 0), (
            f"{module} (stage {stage(module)}) imports {target} (stage {stage(target)})")


def test_no_import_cycle():
    g = graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in g.get(node, ()):
            if nxt not in g:
                continue
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for module in g:
        if module not in state:
            visit(module, [module])


def test_the_checks_catch_a_forward_import(tmp_path, monkeypatch):
    """The rule above can fail: a check module importing the renderer is reported."""
    fake = tmp_path / "narrator"
    (fake / "check").mkdir(parents=True)
    (fake / "render").mkdir()
    (fake / "check" / "__init__.py").write_text("from ..render import to_html\n", encoding="utf-8")
    (fake / "render" / "__init__.py").write_text("from ..check import check_article\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "SRC", fake, raising=False)
    monkeypatch.setitem(globals(), "SRC", fake)
    g = graph()
    assert g["check"] == {"render"} and g["render"] == {"check"}
    with pytest.raises(AssertionError, match="imports render"):
        test_imports_only_earlier_stages("check")
    with pytest.raises(AssertionError, match="import cycle"):
        test_no_import_cycle()
