"""The packaging files: desktop entry, AppStream metainfo, icon and PyInstaller spec agree and validate."""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from consultapp import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "org.consultapp.ConsultApp"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICON = PACKAGING / "icons" / "consultapp.svg"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_app_with_its_icon_and_window_class() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == entry["TryExec"] == "consultapp"
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "ConsultApp"  # Qt's X11 class: the application name set in app.py


def test_icon_is_a_square_svg() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == root.get("height")


def test_metainfo_names_the_desktop_file_the_binary_and_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "consultapp"
    assert __version__ in [r.get("version") for r in root.iter("release")]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_spec_bundles_every_run_time_file() -> None:
    spec = (PACKAGING / "consultapp.spec").read_text(encoding="utf-8")
    for needed in (
        '(str(ROOT / "resources"), "resources")',
        '"consultapp/store/migrations"',
        '"resources/icons"',
        'collect_data_files("reportlab")',
        'collect_dynamic_libs("pypdfium2_raw")',
        'collect_dynamic_libs("sqlcipher3")',
        '"PySide6.QtPrintSupport"',
        f'APP_ID = "{APP_ID}"',
        "name=EXE_NAME",
    ):
        assert needed in spec, needed
    assert (PACKAGING / "launcher.py").is_file()
    # what the spec ships is where the app looks for it
    assert (ROOT / "consultapp" / "store" / "migrations" / "script.py.mako").is_file()
    assert all((ROOT / "resources" / d).is_dir() for d in ("fonts", "handouts", "codes"))


@pytest.mark.parametrize("script", ["build.sh", "ci-check.sh", "self-test-frozen.sh"])
def test_shell_scripts_are_strict_and_parse(script: str) -> None:
    path = PACKAGING / script
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    assert path.stat().st_mode & 0o111, "not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)


def _spec_names() -> dict[str, object]:
    """The spec's exclusion lists (issue 15), evaluated from its source without running PyInstaller."""
    tree = ast.parse((PACKAGING / "consultapp.spec").read_text(encoding="utf-8"))
    names: dict[str, object] = {"os": os, "sys": sys}
    wanted = {"excludes", "QT", "DROP_PREFIXES", "DROP_QT_LIBS", "DROP_DATA_PREFIXES", "SYSTEM_LIBS"}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in wanted for t in node.targets):
            exec(compile(ast.Module([node], []), "consultapp.spec", "exec"), names)  # noqa: S102 - our own spec
    return names


def test_the_spec_leaves_out_nothing_the_app_loads() -> None:
    names = _spec_names()
    excludes = set(names["excludes"])  # type: ignore[arg-type]
    for module in (
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtSvg",
        "PySide6.QtPrintSupport",
        "reportlab",
        "pypdfium2",
        "sqlcipher3",
        "argon2",
        "alembic",
        "sqlalchemy",
        "psycopg",
        "psycopg_binary",
        "platformdirs",
        "PIL",
        "PIL._imaging",
    ):
        assert module not in excludes, module
    qt = "PySide6/Qt/"
    kept = [
        qt + "plugins/platforms/libqxcb.so",
        qt + "plugins/platforms/libqwayland.so",
        qt + "plugins/platforms/libqoffscreen.so",
        qt + "plugins/imageformats/libqjpeg.so",
        qt + "plugins/imageformats/libqsvg.so",
        qt + "plugins/imageformats/libqico.so",
        qt + "plugins/iconengines/libqsvgicon.so",
        qt + "plugins/printsupport/libcupsprintersupport.so",
        qt + "plugins/wayland-shell-integration/libxdg-shell.so",
        qt + "lib/libQt6Gui.so.6",
        qt + "lib/libQt6Svg.so.6",
        qt + "lib/libQt6PrintSupport.so.6",
        qt + "lib/libicudata.so.73",
        "resources/fonts/DejaVuSans.ttf",
        "reportlab/fonts/Vera.ttf",
    ]
    for dest in kept:
        assert not dest.startswith(names["DROP_PREFIXES"] + names["DROP_DATA_PREFIXES"]), dest  # type: ignore[operator]
        assert not os.path.basename(dest).startswith(names["DROP_QT_LIBS"]), dest  # type: ignore[arg-type]
    # the Qt-specific X11 helpers a desktop often lacks stay bundled
    assert (
        not {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0", "libstdc++.so.6"}
        & names["SYSTEM_LIBS"]
    )  # type: ignore[operator]


def _top_level_imports(package: Path) -> set[str]:
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_neither_the_package_nor_the_frozen_app_carries_numpy_or_pyqtgraph() -> None:
    """The charts are QPainter-drawn (consultapp/ui/chart_canvas.py): no dependency, no import, not in the bundle."""
    imported = _top_level_imports(ROOT / "consultapp")
    assert "PySide6" in imported  # the scan sees the package's imports
    assert "numpy" not in imported and "pyqtgraph" not in imported
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "numpy" not in pyproject and "pyqtgraph" not in pyproject
    excludes = set(_spec_names()["excludes"])  # type: ignore[arg-type]
    assert {"numpy", "pyqtgraph", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"} <= excludes
    spec = (PACKAGING / "consultapp.spec").read_text(encoding="utf-8")
    assert "runtime_hooks=[]" in spec and not (PACKAGING / "hooks").exists()
