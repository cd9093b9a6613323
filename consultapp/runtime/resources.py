"""Locate the shipped resources folder: wheel, editable checkout or frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding fonts, content and icons.

    Installed from a wheel it sits inside the package (``consultapp/resources``);
    in an editable install or a source checkout it is the top-level ``resources/``;
    in a PyInstaller bundle it is ``resources`` under the bundle's data folder.
    """
    package = Path(__file__).resolve().parent.parent  # consultapp/ (this file is consultapp/runtime/resources.py)
    candidates = [package / "resources", package.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "resources")
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("ConsultApp resources folder not found; the installation is incomplete.")


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped resource file."""
    return resources_dir().joinpath(*parts)
