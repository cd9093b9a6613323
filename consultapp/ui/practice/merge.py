"""Putting one consultant's changes on top of another's saved visit, field by field (no Qt)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from consultapp.domain.records import Visit
from consultapp.domain.serialize import from_data, to_data

_WORDS = {
    "assessments": "baby", "weight_g": "weight (g)", "feeds_per_24h": "feeds in 24 hours",
    "wet_diapers": "wet diapers", "dirty_diapers": "dirty diapers", "visit_date": "visit date",
    "breast_sides": "breast exam", "map_findings": "breast map", "breast_finding": "breast finding",
    "parent": "parent", "plan": "care plan", "billing": "billing", "temperature_c": "temperature (°C)",
}


def field_label(path: str, baby_names: Sequence[str] = ()) -> str:
    """A dotted path (``assessments.0.weight_g``) in plain words (``Baby Ava: weight (g)``)."""
    parts = path.split(".") if path else ["visit"]
    words: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if part == "assessments" and i + 1 < len(parts) and parts[i + 1].isdigit():
            index = int(parts[i + 1])
            name = baby_names[index] if index < len(baby_names) else f"{index + 1}"
            words.append(f"Baby {name}")
            i += 2
            continue
        if part.isdigit():
            words.append(f"#{int(part) + 1}")
        else:
            words.append(_WORDS.get(part, part.replace("_", " ")))
        i += 1
    text = ": ".join(words)
    return text[:1].upper() + text[1:]


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
