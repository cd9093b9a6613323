"""The packaging files: desktop entry, AppStream metainfo, icon and PyInstaller spec agree and validate."""

from __future__ import annotations

import configparser
import shutil
import subprocess
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
