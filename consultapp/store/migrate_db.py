"""Move a practice from one database to another (a consultant's SQLite file to the practice server).

Every table is copied in one transaction on the target, in foreign-key order, keeping ids, times,
versions, issued documents' bytes and the audit chain as they are; then each table is compared, row
count and a hash of every row, on both sides. The target must be empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, select

from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.models import AuditEntryRow, Base, ClientRow

BATCH = 500


@dataclass(frozen=True)
class TableCheck:
    table: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class CopyReport:
    tables: tuple[TableCheck, ...]

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _canonical(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    return value


def _order(table: Table) -> list[Any]:
    return list(table.primary_key.columns)


def table_check(db: Database, table: Table) -> TableCheck:
    """Row count and a hash over every row (canonical values, in primary-key order)."""
    digest = hashlib.sha256()
    count = 0
    with db.engine.connect() as conn:
        for row in conn.execute(select(table).order_by(*_order(table))).mappings():
            data = {k: _canonical(v) for k, v in sorted(row.items())}
            digest.update(json.dumps(data, sort_keys=True, default=str).encode("utf-8"))
            count += 1
    return TableCheck(table.name, count, digest.hexdigest())


def copy_database(source: Database, target: Database) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` and prove the copy equal."""
    with target.session() as s:
        if s.scalar(select(func.count()).select_from(ClientRow)) or s.scalar(
            select(func.count()).select_from(AuditEntryRow)
        ):
            raise KnownError("The target database is not empty; move into a new, empty database.")
    tables = [t for t in Base.metadata.sorted_tables]
    with target.engine.begin() as out, source.engine.connect() as src:
        out.execute(delete(Base.metadata.tables["audit_head"]))  # the source's head comes across
        out.execute(delete(Base.metadata.tables["audit_key"]))  # and its key: the chain goes on verifying
        for table in tables:
            batch: list[dict[str, Any]] = []
            for row in src.execute(select(table).order_by(*_order(table))).mappings():
                batch.append(dict(row))
                if len(batch) >= BATCH:
                    out.execute(table.insert(), batch)
                    batch = []
            if batch:
                out.execute(table.insert(), batch)
    checks = []
    for table in tables:
        mine, theirs = table_check(source, table), table_check(target, table)
        if mine != theirs:
            raise KnownError(
                f"The copy of {table.name} does not match ({mine.rows} rows in, {theirs.rows} rows out); "
                "the source database is unchanged."
            )
        checks.append(mine)
    return CopyReport(tuple(checks))
