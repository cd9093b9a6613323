"""Shipped resources are found at run time and declared for the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

from consultapp.runtime.resources import resource_path, resources_dir


def test_fonts_and_licence_are_found() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert resource_path("fonts", name).is_file(), name


def test_wheel_ships_the_resources_folder_inside_the_package() -> None:
    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapping == {"resources": "consultapp/resources"}
    assert resources_dir().name == "resources"
