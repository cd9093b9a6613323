"""Putting one consultant's changes on top of another's saved visit, field by field (no Qt)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from consultapp.domain.changes import change_label
from consultapp.domain.records import Visit
from consultapp.domain.serialize import from_data, to_data


def field_label(path: str, baby_names: Sequence[str] = ()) -> str:
    """A dotted path (``assessments.0.weight_g``) as the form names it (``Ava: weight``); see domain.changes."""
    return change_label(path, baby_names)


def show_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class Overlap:
    """A field both consultants changed, to different values."""

    field: str
    theirs: Any
    mine: Any


def _overlaps(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def overlaps(theirs: Sequence[Any], mine: Sequence[Any]) -> list[Overlap]:
    """Her changed fields that the other consultant changed too, to something else."""
    result = []
    for m in mine:
        for t in theirs:
            if _overlaps(m.field, t.field) and not (m.field == t.field and m.after == t.after):
                result.append(Overlap(m.field, t.after, m.after))
                break
    return result


def _set(data: Any, path: str, value: Any) -> None:
    parts = path.split(".")
    target = data
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


def apply_changes(theirs: Visit, mine: Sequence[Any], keep_theirs: set[str]) -> Visit:
    """``theirs`` with each of ``mine`` (FieldChange) applied, except fields named in ``keep_theirs``.

    Raises ``KeyError``/``IndexError`` when a field no longer exists in theirs (a baby removed).
    """
    if not mine:
        return copy.deepcopy(theirs)
    data = to_data(theirs)
    for change in mine:
        if change.field in keep_theirs:
            continue
        if change.field == "":
            raise KeyError("whole visit")
        _set(data, change.field, copy.deepcopy(change.after))
    merged = from_data(Visit, data)
    merged.id, merged.version, merged.status = theirs.id, theirs.version, theirs.status
    return merged
