"""One set of checks for a record, whoever wrote it: the forms, the command line and import (issue 14, point 12).

The forms show a problem beside its field; import refuses the whole file with one line naming the place.
Text is refused (never silently cleaned) when it holds a control character (a line break is allowed in
the free-text fields) or a lone surrogate, or when it is longer than its column holds; the parent's
first name and every baby's name are required; a document is one of the kinds the app issues and its
file name is a name, not a path.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

FIRST_NAME_REQUIRED = "Enter the parent's first name."
BABY_NAME_REQUIRED = "Enter the baby's name (or 'Baby' if not named yet)."

MAX_LINE = 1_000
"""Any one-line text without a tighter limit."""
MAX_TEXT = 20_000
"""A free-text field (notes, address, a plan step)."""
FIELD_LIMITS = {
    # as the store's columns hold them (store/models.py)
    "given_name": 300,
    "family_name": 300,
    "preferred_name": 300,
    "name": 300,
    "phone": 100,
    "fax": 100,
    "language": 100,
    "kind": 40,
    "key": 80,
    "author": 200,
    "issued_by": 200,
    "title": 300,
    "filename": 200,
}
MULTILINE = frozenset(
    {
        # the fields the forms edit over several lines (a line break is text there)
        "address",
        "breast_surgery",
        "previous_breastfeeding",
        "medications",
        "notes",
        "access_notes",
        "reason",
        "feeding_plan",
        "text",
        "lip_tie",
        "referral",
        "plan_text",
        "body",
    }
)
DOCUMENT_KINDS = ("careplan", "letter", "superbill", "handout")


@dataclass(frozen=True)
class Problem:
    """What is wrong and where (``client.babies[0].name``), in words."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def text_problem(text: str, *, max_len: int = MAX_LINE, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be kept as typed, or None."""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            return "holds an invalid character (a lone surrogate); retype it"
        if category == "Cc" and not (multiline and ch == "\n"):
            return f"holds a control character (U+{ord(ch):04X}) that cannot be kept; remove it"
    if len(text) > max_len:
        return f"is too long ({len(text):,} characters; at most {max_len:,})"
    return None


def field_text_problem(field: str, text: str) -> str | None:
    """``text_problem`` with the limits of the field named ``field`` (its last name: ``given_name``)."""
    multiline = field in MULTILINE
    return text_problem(text, max_len=FIELD_LIMITS.get(field, MAX_TEXT if multiline else MAX_LINE), multiline=multiline)


def record_problems(record: Any, where: str) -> list[Problem]:
    """Every text of a record (dataclasses, lists and mappings within it) checked by ``field_text_problem``."""
    problems: list[Problem] = []

    def walk(value: Any, at: str, field: str) -> None:
        if isinstance(value, Enum):
            return
        if isinstance(value, str):
            message = field_text_problem(field, value)
            if message:
                problems.append(Problem(at, message))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), f"{at}.{f.name}", f.name)
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                walk(item, f"{at}[{i}]", field)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(str(key), f"{at} (a key)", "key")
                walk(item, f"{at}.{key}", str(key))

    walk(record, where, where.rsplit(".", 1)[-1])
    return problems


def client_problems(client: Any, where: str = "client") -> list[Problem]:
    """What the client form would refuse in this client (a ``domain.records.Client``)."""
    problems = []
    if not client.given_name.strip():
        problems.append(Problem(f"{where}.given_name", FIRST_NAME_REQUIRED))
    for i, baby in enumerate(client.babies):
        if not baby.name.strip():
            problems.append(Problem(f"{where}.babies[{i}].name", BABY_NAME_REQUIRED))
    return problems + record_problems(client, where)


def document_kind_problem(kind: str) -> str | None:
    if kind not in DOCUMENT_KINDS:
        return f"is not a kind of document this app issues ({', '.join(DOCUMENT_KINDS)})"
    return None


def file_name_problem(name: str) -> str | None:
    """Why ``name`` is not a plain file name (a path, a parent folder, empty), or None."""
    message = field_text_problem("filename", name)
    if message:
        return message
    if safe_file_name(name) != name:
        return "must be a plain file name, not a path"
    return None


def safe_file_name(name: str, default: str = "document.pdf") -> str:
    """The base name of ``name`` (no folder on any system, no ``..``), or ``default`` when nothing is left."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cs")).strip()
    return default if base in ("", ".", "..") or base.startswith(".") else base
