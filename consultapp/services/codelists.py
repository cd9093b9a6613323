"""Billing code lists in and out: the shipped one, the practice's own, and their TOML files.

The command line (``consultapp codes``, ``superbill --codes``) and the settings page read and write code
list files through these functions only, so both accept and refuse the same files.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.domain.billing import CodeList, code_list_from_mapping, code_list_to_mapping, newest_code_list
from consultapp.runtime.resources import resource_path
from consultapp.services.documents import DataFileError

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store


class CodeListFileError(DataFileError):
    """A code list that could not be read (``unreadable``) or is not a valid one."""

    WHAT = "code list"


def read_code_list(path: Path) -> CodeList:
    """Read a code list file (the shipped TOML form) and check it whole, before anything is kept.

    Raises:
        CodeListFileError: the file cannot be read, is not TOML, or is not a valid code list.
    """
    try:
        with path.expanduser().open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise CodeListFileError(path, str(exc.strerror or exc), unreadable=True) from None
    except ValueError as exc:  # not TOML (TOMLDecodeError), or not UTF-8 text
        raise CodeListFileError(path, str(exc), unreadable=False) from None
    try:
        return code_list_from_mapping(data)
    except ValueError as exc:
        raise CodeListFileError(path, str(exc), unreadable=False) from None


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def code_list_toml(data: Mapping[str, object]) -> str:
    """A code list (``code_list_to_mapping``) in the shipped TOML form (version, valid_from, [[icd10]],
    [[procedures]]), which ``read_code_list`` reads back."""
    lines = [f"version = {_toml_string(str(data['version']))}"]
    if data.get("valid_from"):
        lines.append(f"valid_from = {data['valid_from']}")
    for table in ("icd10", "procedures"):
        items = data.get(table) or []
        assert isinstance(items, list)  # (code_list_to_mapping gives a list of tables)
        for item in items:
            lines += ["", f"[[{table}]]"]
            for key, value in item.items():
                lines.append(f"{key} = {value if key == 'fee' else _toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def code_list_text(codes: CodeList) -> str:
    """``codes`` as the TOML text of a code list file (to edit and import again)."""
    return code_list_toml(code_list_to_mapping(codes))


def shipped_code_list() -> CodeList:
    """The newest code list shipped in resources/codes."""
    return newest_code_list(resource_path("codes").glob("*.toml"))


def current_code_list(store: Store) -> CodeList:
    """The practice's newest own code list (its fees), else the shipped one."""
    for data in store.practice_code_lists():
        try:
            return code_list_from_mapping(data)
        except ValueError:
            continue  # a damaged copy: fall back to an older one, or the shipped list
    return shipped_code_list()


def keep_code_list(store: Store, codes: CodeList) -> None:
    """Keep ``codes`` as the practice's own code list (the one ``current_code_list`` gives from now on)."""
    store.save_practice_code_list(code_list_to_mapping(codes))
