"""The billing code list in and out of a TOML file, for the Billing tab: the one place the tab takes it from.

Interim until ``consultapp.services.codelists`` lands (another helper moves ``code_list_toml`` and the code-list
reader there from the command line): at the merge this module becomes a re-export of those functions.
The UI never imports ``consultapp.cli``.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from consultapp.domain.billing import code_list_from_mapping, code_list_to_mapping
from consultapp.services.codelists import current_code_list

if TYPE_CHECKING:
    from consultapp.domain.billing import CodeList

__all__ = ["code_list_to_mapping", "code_list_toml", "current_code_list", "read_code_list"]


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def code_list_toml(data: dict[str, object]) -> str:
    """A code list in the shipped TOML form (version, valid_from, [[icd10]], [[procedures]])."""
    lines = [f"version = {_toml_string(str(data['version']))}"]
    if data.get("valid_from"):
        lines.append(f"valid_from = {data['valid_from']}")
    for table in ("icd10", "procedures"):
        items = data.get(table, [])
        assert isinstance(items, list)
        for item in items:
            lines += ["", f"[[{table}]]"]
            for key, value in item.items():
                lines.append(f"{key} = {value if key == 'fee' else _toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def read_code_list(path: Path) -> CodeList:
    """The code list in the TOML file ``path``, checked whole; OSError, or ValueError when it is not one."""
    with path.open("rb") as f:
        return code_list_from_mapping(tomllib.load(f))  # tomllib.TOMLDecodeError is a ValueError
