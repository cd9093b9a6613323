"""Architecture guards: Qt stays in the UI layer; start-up imports stay lean."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import consultapp

PACKAGE = Path(consultapp.__file__).resolve().parent
QT_ALLOWED = {PACKAGE / "ui", PACKAGE / "app.py"}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_qt_is_imported_only_by_the_ui_and_the_entry_point() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if any(path == allowed or allowed in path.parents for allowed in QT_ALLOWED):
            continue
        if any(m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for m in _imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_guard_itself_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "leak.py"
    sample.write_text("def f():\n    from PySide6.QtCore import QSettings\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imported_modules(sample)


def test_core_layers_import_without_qt_and_cli_without_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "import consultapp.cli\n"
        "assert 'reportlab' not in sys.modules, 'cli imports reportlab at start'\n"
        "assert 'alembic' not in sys.modules, 'cli imports alembic at start'\n"
        "import consultapp.domain.careplan, consultapp.store.facade, consultapp.documents.careplan\n"
        "import consultapp.services, consultapp.demo\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
