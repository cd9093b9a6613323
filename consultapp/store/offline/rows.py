"""A record with everything under it, read and written as plain rows (SQLAlchemy Core), on either side.

A *record* here is what a sync moves as one: a client (her babies and care contacts), a visit (its
assessments and feeds, findings, exams, plan steps, amendments) or an issued document (its exact bytes).
Rows keep their ids and versions; Core statements leave the ORM's hooks (audit, stamps, outbox) out, so
what a sync writes locally is not taken for a change of hers, and on the server it is audited by the
entries the sync appends itself (sync.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from consultapp.domain.text import fold
from consultapp.store.mapping import search_text
from consultapp.store.models import Base

TABLES: dict[str, tuple[str, ...]] = {
    "client": ("client", "baby", "care_contact"),
    "visit": (
        "visit",
        "baby_assessment",
        "feeding_observation",
        "breast_map_finding",
        "breast_side_exam",
        "nipple_exam",
        "plan_step",
        "visit_amendment",
    ),
    "document": ("issued_document",),
}
"""Each kind's tables, parent first (inserts go in this order, deletes in the reverse)."""
GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "client": {"babies": ("baby",), "contacts": ("care_contact",)},
    "visit": {
        "assessments": ("baby_assessment", "feeding_observation"),
        "map_findings": ("breast_map_finding",),
        "breast_sides": ("breast_side_exam",),
        "nipples": ("nipple_exam",),
        "plan_steps": ("plan_step",),
        "amendments": ("visit_amendment",),
    },
    "document": {},
}
"""The parts of a record merged as one field each: changed on one side only, the change is taken."""
META = frozenset({"id", "version", "created_at", "updated_at", "created_by", "updated_by"})
DERIVED = frozenset({"search_text", "sort_name"})
LINKS = frozenset({"client_id", "visit_id", "assessment_id"})

Rows = dict[str, list[dict[str, Any]]]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def read(conn: Connection, kind: str, record_id: uuid.UUID) -> Rows | None:
    """The record and its parts, or None when it is not there."""
    root = table(TABLES[kind][0])
    found = conn.execute(select(root).where(root.c.id == record_id)).mappings().first()
    if found is None:
        return None
    out: Rows = {root.name: [dict(found)]}
    for name in TABLES[kind][1:]:
        t = table(name)
        if name == "feeding_observation":
            parents = [r["id"] for r in out["baby_assessment"]]
            stmt = select(t).where(t.c.assessment_id.in_(parents))
        else:
            stmt = select(t).where((t.c.client_id if kind == "client" else t.c.visit_id) == record_id)
        out[name] = [dict(r) for r in conn.execute(stmt.order_by(t.c.id)).mappings()]
    return out


def read_many(conn: Connection, kind: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, Rows]:
    """The records ``ids`` of one kind, each as ``read`` gives it, in one query a table (a copy's take)."""
    root = table(TABLES[kind][0])
    found: dict[uuid.UUID, Rows] = {}
    for r in conn.execute(select(root).where(root.c.id.in_(ids))).mappings():
        found[r["id"]] = {name: [] for name in TABLES[kind][1:]} | {root.name: [dict(r)]}
    owner: dict[Any, uuid.UUID] = {}
    for name in TABLES[kind][1:]:
        t = table(name)
        if name == "feeding_observation":
            link, parents = t.c.assessment_id, list(owner)
        else:
            link, parents = (t.c.client_id if kind == "client" else t.c.visit_id), list(found)
        if not parents:
            continue
        for r in conn.execute(select(t).where(link.in_(parents)).order_by(t.c.id)).mappings():
            record = owner[r["assessment_id"]] if name == "feeding_observation" else r[link.name]
            found[record][name].append(dict(r))
            if name == "baby_assessment":
                owner[r["id"]] = record
    return found


def plain(value: Any) -> Any:
    """A value as JSON can hold it, for comparing and keeping (an enum by its value, bytes in hex)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.time):  # (datetime is a date)
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in row.items() if k not in META and k not in LINKS}


def snapshot(kind: str, rows: Rows) -> dict[str, Any]:
    """What the merge compares: the record's own fields, and each part as one sorted list."""
    root = rows[TABLES[kind][0]][0]
    fields = {k: plain(v) for k, v in root.items() if k not in META and k not in DERIVED}
    groups = {
        name: sorted(json.dumps(_content(r), sort_keys=True) for t in tables for r in rows.get(t, []))
        for name, tables in GROUPS[kind].items()
    }
    return {"fields": fields, "groups": groups}


@dataclass
class Merge:
    """What to send (her fields and parts) and what both sides changed differently (conflicts)."""

    fields: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    """(field or part, hers, theirs), as plain values."""

    @property
    def sends(self) -> bool:
        return bool(self.fields or self.groups)


_MISSING = object()


def merge(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any]) -> Merge:
    """Three-way, per field and per part: changed on one side only, that side's value; on both, a conflict."""
    out = Merge()
    for section, target in (("fields", out.fields), ("groups", out.groups)):
        base_part = (base or {}).get(section, {})
        for name in sorted(set(mine[section]) | set(theirs[section])):
            m, t = mine[section].get(name), theirs[section].get(name)
            b = base_part.get(name, _MISSING)
            if m == t or (b is not _MISSING and m == b):
                continue
            if b is not _MISSING and t == b:
                target.append(name)
            else:
                out.conflicts.append((name, m, t))
    return out


def put(conn: Connection, kind: str, rows: Rows, have: Rows | None, only: Iterable[str] | None = None) -> None:
    """Make the record on ``conn`` hold ``rows`` (those of the tables in ``only``, else all), keeping ids.

    A row ``have`` holds and ``rows`` does not is deleted; rows in both are updated in place.
    """
    names = [n for n in TABLES[kind] if only is None or n in set(only)]
    current = have or {}
    for name in names:
        t = table(name)
        known = {r["id"] for r in current.get(name, [])}
        for r in rows.get(name, []):
            if r["id"] in known:
                conn.execute(update(t).where(t.c.id == r["id"]).values(**r))
            else:
                conn.execute(insert(t).values(**r))
    for name in reversed(names):
        t = table(name)
        wanted = {r["id"] for r in rows.get(name, [])}
        gone = [r["id"] for r in current.get(name, []) if r["id"] not in wanted]
        if gone:
            conn.execute(delete(t).where(t.c.id.in_(gone)))


def remove(conn: Connection, kind: str, record_id: uuid.UUID) -> None:
    """Delete the record (its parts go with it: the foreign keys cascade)."""
    t = table(TABLES[kind][0])
    conn.execute(delete(t).where(t.c.id == record_id))


def merged_root(kind: str, mine: Rows, theirs: Rows, result: Merge) -> dict[str, Any]:
    """The server's root row with her fields taken, derived fields recomputed, and the version moved on."""
    root = dict(theirs[TABLES[kind][0]][0])
    own = mine[TABLES[kind][0]][0]
    for name in result.fields:
        root[name] = own[name]
    if kind == "client":
        babies = mine["baby"] if "babies" in result.groups else theirs["baby"]
        names = [b["name"] for b in sorted(babies, key=lambda b: b["birth_order"] or 0)]
        root["search_text"] = search_text(SimpleNamespace(**root), names)
        root["sort_name"] = fold(f"{root['family_name']} {root['given_name']}")
    root["version"] = int(root["version"]) + 1
    root["updated_at"] = dt.datetime.now(dt.UTC)
    return root


def group_tables(kind: str, groups: Iterable[str]) -> list[str]:
    return [t for g in groups for t in GROUPS[kind][g]]
