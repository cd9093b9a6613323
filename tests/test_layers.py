"""The architecture as a test: the layers point downward, nothing imports the command line but the entry points,
no import cycle anywhere, lazy imports say why, and no room grows too big.

Every import counts: module level, function-local and ``TYPE_CHECKING`` ones alike.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import consultapp

PACKAGE = Path(consultapp.__file__).resolve().parent
ROOT = "consultapp"
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
LAZY_MARK = "# lazy:"

# What each layer may import of the package (itself always). PRODUCT.md's "Architecture".
ALLOWED: dict[str, set[str]] = {
    "runtime": set(),
    "domain": {"runtime"},
    "documents": {"domain", "runtime"},
    "store": {"domain", "runtime"},
    "services": {"domain", "store", "documents", "runtime"},
    "ui": {"domain", "store", "documents", "services", "runtime"},
    # The benchmark and the command line start the app itself (``consultapp.app``) to measure or run it.
    "bench": {"domain", "store", "documents", "services", "ui", "runtime", "entry"},
    "cli": {"domain", "store", "documents", "services", "bench", "runtime", "entry"},
    "entry": {"domain", "store", "documents", "services", "ui", "cli", "bench", "runtime"},
    "package": set(),
}
ENTRY_POINTS = {"consultapp.app", "consultapp.__main__"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module, resolved (a package's ``__init__`` is the package's name)
    line: int
    lazy: bool  # inside a function
    type_only: bool  # under ``if TYPE_CHECKING:``
    reasoned: bool  # a ``# lazy: why`` comment on its line or the line above


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if module in ENTRY_POINTS:
        return "entry"
    if len(parts) == 1:
        return "package"
    return parts[1]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(path: Path, modules: dict[str, Path] | None = None, package: Path = PACKAGE) -> Iterator[Import]:
    """Every import ``path`` makes of the package (and of Qt, named as such), with where and how it is made."""
    modules = modules if modules is not None else package_modules(package)
    source = module_name(path, package)
    is_package = path.name == "__init__.py"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)

    def commented(lineno: int) -> bool:
        here = lines[lineno - 1]
        above = lines[lineno - 2].strip() if lineno >= 2 else ""
        return LAZY_MARK in here or above.startswith(LAZY_MARK)

    # A reason above the first of a run of imports covers the run (one comment for a block of them).
    covered: set[int] = set()
    for holder in ast.walk(tree):
        for field in ("body", "orelse", "finalbody", "handlers"):
            run_reasoned = False
            block = getattr(holder, field, None)
            for stmt in block if isinstance(block, list) else []:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    run_reasoned = run_reasoned or commented(stmt.lineno)
                    if run_reasoned:
                        covered.add(stmt.lineno)
                else:
                    run_reasoned = False

    def reasoned(lineno: int) -> bool:
        return lineno in covered or commented(lineno)

    def visit(node: ast.AST, lazy: bool, type_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            child_lazy = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for sub in child.body:
                    yield from visit(ast.Module(body=[sub], type_ignores=[]), lazy, True)
                for sub in child.orelse:
                    yield from visit(ast.Module(body=[sub], type_ignores=[]), lazy, type_only)
                continue
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(source, is_package, child)
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    targets.append(candidate if candidate in modules else base)
            for target in targets:
                top = target.split(".")[0]
                if top == ROOT or top in QT:
                    yield Import(source, target, child.lineno, lazy, type_only, reasoned(child.lineno))  # type: ignore[attr-defined]
            yield from visit(child, child_lazy, type_only)

    yield from visit(tree, False, False)


def all_imports(package: Path = PACKAGE) -> list[Import]:
    modules = package_modules(package)
    found: list[Import] = []
    for path in modules.values():
        found.extend(imports_of(path, modules, package))
    return found


def layer_violations(found: list[Import]) -> list[str]:
    bad = []
    for imp in found:
        if imp.target.split(".")[0] in QT:
            if layer(imp.source) not in {"ui", "entry"}:
                bad.append(f"{imp.source}:{imp.line} imports Qt ({imp.target})")
            continue
        src, dst = layer(imp.source), layer(imp.target)
        if src == dst or dst == "package":
            continue
        if dst == "cli" and src not in {"entry", "cli"}:
            bad.append(f"{imp.source}:{imp.line} imports the command line ({imp.target})")
        elif dst not in ALLOWED[src]:
            bad.append(f"{imp.source}:{imp.line} ({src}) imports {imp.target} ({dst})")
    return bad


def cycles(found: list[Import]) -> list[list[str]]:
    """Strongly connected groups of modules that import each other (Tarjan), smallest first."""
    graph: dict[str, set[str]] = {}
    for imp in found:
        if imp.target.split(".")[0] == ROOT and imp.target != imp.source:
            graph.setdefault(imp.source, set()).add(imp.target)
            graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strong(v: str) -> None:  # recursive: the package's graph is a few hundred modules deep at most
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(groups, key=len)


def unreasoned_lazy_imports(found: list[Import]) -> list[str]:
    return [
        f"{imp.source}:{imp.line} imports {imp.target} inside a function without a '{LAZY_MARK} <reason>' comment"
        for imp in found
        if imp.lazy and not imp.type_only and not imp.reasoned
    ]


def oversized(package: Path = PACKAGE) -> list[str]:
    big = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if "migrations" in rel.parts and "versions" in rel.parts:
            continue
        text = path.read_text(encoding="utf-8")
        count = len(text.splitlines())
        if count > MAX_MODULE_LINES:
            big.append(f"{rel}: {count} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    big.append(f"{rel}:{node.lineno} {node.name}(): {length} lines (at most {MAX_FUNCTION_LINES})")
    return big


# -- the rules, on the package ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def found() -> list[Import]:
    return all_imports()


def test_layers_point_downward_and_only_entry_points_import_the_command_line(found: list[Import]) -> None:
    assert layer_violations(found) == []


def test_no_import_cycle_anywhere_in_the_package(found: list[Import]) -> None:
    assert cycles(found) == []


def test_every_lazy_import_says_why(found: list[Import]) -> None:
    assert unreasoned_lazy_imports(found) == []


def test_no_module_over_500_lines_and_no_function_over_80(found: list[Import]) -> None:
    assert oversized() == []


def test_start_up_stays_lean_as_the_lazy_imports_promise() -> None:
    """What the lazy imports' reasons say: the command line and the core load no Qt, ReportLab or Alembic."""
    code = (
        "import sys\n"
        "import consultapp.cli\n"
        "assert 'reportlab' not in sys.modules, 'cli imports reportlab at start'\n"
        "assert 'alembic' not in sys.modules, 'cli imports alembic at start'\n"
        "import consultapp.domain.careplan, consultapp.store.facade, consultapp.documents.careplan\n"
        "import consultapp.services.visits, consultapp.domain.demo\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# -- the guard sees what it guards against ------------------------------------------------------------


def _sample_package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / ROOT
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return root


def test_the_guard_sees_every_kind_of_import(tmp_path: Path) -> None:
    root = _sample_package(tmp_path, {
        "domain/a.py": (
            "from __future__ import annotations\n"
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from consultapp.store import db\n"
            "def f():\n    from ..ui import window\n    import PySide6.QtCore\n"
            "def g():\n    # lazy: start-up\n    from consultapp.documents import careplan\n"
        ),
        "store/db.py": "", "ui/window.py": "", "documents/careplan.py": "",
    })
    found = all_imports(root)
    by_target = {imp.target: imp for imp in found}
    assert by_target["consultapp.store.db"].type_only
    assert by_target["consultapp.ui.window"].lazy and not by_target["consultapp.ui.window"].reasoned
    assert by_target["consultapp.documents.careplan"].reasoned
    problems = layer_violations(found)
    assert any("imports Qt" in p for p in problems)
    assert any("consultapp.store.db (store)" in p for p in problems)
    assert any("consultapp.ui.window (ui)" in p for p in problems)
    assert unreasoned_lazy_imports(found) == [
        f"consultapp.domain.a:{line} imports {target} inside a function without a '{LAZY_MARK} <reason>' comment"
        for line, target in ((6, "consultapp.ui.window"), (7, "PySide6.QtCore"))
    ]


def test_the_guard_sees_a_cycle_and_the_command_line_imported(tmp_path: Path) -> None:
    root = _sample_package(tmp_path, {
        "store/db.py": "from consultapp.store import users\n",
        "store/users.py": "def f():\n    # lazy: cycle\n    from consultapp.store.db import x\n",
        "ui/page.py": "from consultapp.cli import documents\n",
        "cli/documents.py": "",
    })
    found = all_imports(root)
    assert cycles(found) == [["consultapp.store.db", "consultapp.store.users"]]
    assert any("imports the command line" in p for p in layer_violations(found))


def test_the_guard_sees_a_big_module_and_a_long_function(tmp_path: Path) -> None:
    long_function = "def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES
    root = _sample_package(tmp_path, {"domain/big.py": long_function + "\n" * MAX_MODULE_LINES})
    problems = oversized(root)
    assert any("big.py:" in p and "f()" in p for p in problems)
    assert any(p.startswith("domain/big.py: ") for p in problems)
