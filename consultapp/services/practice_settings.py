"""The practice's settings in and out as a TOML file (``consultapp settings``, Settings > Export/Import).

The command line and the settings page read and write settings files through these functions only, so both
accept and refuse the same files. A file is read, checked whole (``domain.settings_transfer``), its logo
opened as an image, and only then kept, through the one ``Store``.
"""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultapp.domain.records import Practice
from consultapp.domain.settings import SOURCES
from consultapp.domain.settings_transfer import (
    FORMAT,
    FORMAT_VERSION,
    SettingsFileError,
    allowed_values,
    practice_settings_from_mapping,
    practice_settings_to_mapping,
)
from consultapp.services.documents import DataFileError

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store

HEADER = (
    "# ConsultApp practice settings: wording, units, paper, clinical thresholds, billing identifiers, letterhead.",
    "# Keep it with `consultapp settings import --db X FILE` or Settings > Import settings…; the whole file is",
    "# checked before anything is kept. A key left out keeps the value it has where the file is imported.",
)
TABLE_NOTES = {
    "settings": "Units, paper, and the wording each topic of the care plan and handouts follows.",
    "thresholds": "Clinical thresholds; each default's source is written above it.",
    "billing": "Identifiers printed on superbills (remove a line to keep another laptop's own).",
    "letterhead": 'The practice\'s details; logo: the PNG or JPEG image as base64 (at most 512 KB), "" for none.',
}


class SettingsImportError(DataFileError):
    """A settings file that could not be read (``unreadable``) or is not a valid one."""

    WHAT = "settings file"


# -- out --------------------------------------------------------------------------------------------------


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string once DEL (which JSON leaves as it is) is escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _logo_lines(encoded: str) -> list[str]:
    if not encoded:
        return ['logo = ""']
    rows = [encoded[i:i + 76] for i in range(0, len(encoded), 76)]
    return ['logo = """', *rows, '"""']  # base64 has no quote or backslash: safe in a multi-line string


def settings_toml(data: dict[str, Any]) -> str:
    """The mapping of ``practice_settings_to_mapping`` as a TOML file, with a comment on what each key takes."""
    lines = [*HEADER, f"format = {_toml_value(data['format'])}", f"version = {_toml_value(data['version'])}"]
    for table in ("settings", "thresholds", "billing", "letterhead"):
        lines += ["", f"[{table}]", _comment(TABLE_NOTES[table])]
        for key, value in data[table].items():
            if table == "letterhead" and key == "logo":
                lines += _logo_lines(str(value))
                continue
            choices = allowed_values(table, key)
            if table == "thresholds" and key in SOURCES:
                lines.append(_comment(SOURCES[key]))
            if choices:
                lines.append(_comment(("any of: " if isinstance(value, list) else "one of: ") + ", ".join(choices)))
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def practice_settings_text(practice: Practice) -> str:
    """``practice``'s settings as the TOML text of a settings file (to copy, read, edit and import)."""
    return settings_toml(practice_settings_to_mapping(practice))


def current_settings_text(store: Store) -> str:
    """The settings kept in ``store``, as a settings file."""
    return practice_settings_text(store.get_practice())


# -- in ---------------------------------------------------------------------------------------------------


def _logo_problem(data: bytes | None) -> str:
    """Why the logo cannot be printed ("" when it can): ReportLab prints images through Pillow."""
    if data is None:
        return ""
    # lazy: Pillow (ReportLab's image reader) loads only when a file with a logo is imported
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return "letterhead.logo: this image could not be read; it may be damaged"
    return ""


def parse_settings(text: str, onto: Practice) -> Practice:
    """``onto`` with the settings of a settings file's ``text``; ``SettingsFileError`` for the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsFileError("", f"not TOML: {exc}") from None
    practice = practice_settings_from_mapping(data, onto)
    problem = _logo_problem(practice.logo) if practice.logo != onto.logo else ""
    if problem:
        raise SettingsFileError("", problem)
    return practice


def read_settings_file(path: Path, onto: Practice) -> Practice:
    """Read a settings file and check it whole: ``onto`` with its settings, nothing kept yet.

    Raises:
        SettingsImportError: the file cannot be read, is not UTF-8 TOML, or does not hold valid settings.
    """
    try:
        raw = path.expanduser().read_bytes()
    except OSError as exc:
        raise SettingsImportError(path, str(exc.strerror or exc), unreadable=True) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsImportError(path, "it is not UTF-8 text", unreadable=False) from None
    try:
        return parse_settings(text, onto)
    except SettingsFileError as exc:
        raise SettingsImportError(path, str(exc), unreadable=False) from None


def keep_settings(store: Store, practice: Practice) -> Practice:
    """Keep ``practice`` (read by ``read_settings_file`` onto the stored one) as the practice's settings."""
    return store.save_practice(practice)


def import_settings_file(store: Store, path: Path) -> Practice:
    """Read ``path`` onto the stored practice, check it whole, then keep it; the practice as now kept.

    Raises:
        SettingsImportError: as ``read_settings_file``; nothing is changed then.
    """
    return keep_settings(store, read_settings_file(path, store.get_practice()))


def summary(practice: Practice) -> str:
    """What a kept settings file set, in a few words (the one line the command and the page say)."""
    st = practice.settings
    variants = [f"{k.removesuffix('_variant').replace('_', ' ')}: {v}"
                for k, v in practice_settings_to_mapping(practice)["settings"].items() if k.endswith("variant")]
    name = practice.name or "(no practice name)"
    return f"{name}; wording {', '.join(variants) or 'as set'}; paper {st.paper}"


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SettingsFileError",
    "SettingsImportError",
    "current_settings_text",
    "import_settings_file",
    "keep_settings",
    "parse_settings",
    "practice_settings_text",
    "read_settings_file",
    "summary",
]
