"""Bulk inserts for the synthetic practice: rows as tuples, ``executemany`` on the driver, one transaction a batch.

SQLAlchemy's Core ``insert()`` with a list of dicts spends most of its time on per-value bind
processing (issue 15's profile: two thirds of the generation). Here each column's value is turned
into what the driver stores once per column kind: a default the row leaves out is processed once
for the whole table, a value the rows share (the timestamps) once per distinct value, and uuids and
dates by their own fast methods. The first row of every table is checked against SQLAlchemy's own
bind processors, so what is written is exactly what the ORM would have written.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any

Row = dict[str, Any]
Convert = Callable[[Any], Any]


def _leave(value: Any) -> Any:
    return value


def _json(value: Any) -> str:
    return json.dumps(value)


class TableWriter:
    """One table's INSERT statement and the conversion of its rows to driver values."""

    def __init__(self, table: Any, dialect: Any) -> None:
        self.table = table
        self.columns = list(table.columns)
        self.names = [c.name for c in self.columns]
        marks = ", ".join("?" for _ in self.names)
        self.sql = f'INSERT INTO "{table.name}" ({", ".join(self.names)}) VALUES ({marks})'
        self._processors = [c.type._cached_bind_processor(dialect) for c in self.columns]
        self._constants: list[Any] = [self._default(c, p) for c, p in zip(self.columns, self._processors, strict=True)]
        self._by_type: list[dict[type, Convert]] = [
            self._converters(c, p) for c, p in zip(self.columns, self._processors, strict=True)
        ]
        self._plan: list[tuple[int, str, Convert]] | None = None

    @staticmethod
    def _default(column: Any, processor: Convert | None) -> Any:
        default = column.default
        if default is None or not default.is_scalar and not callable(getattr(default, "arg", None)):
            return None
        value = default.arg
        if callable(value):
            if column.primary_key:
                return None  # every row names its id
            try:
                value = value()  # list, dict: the same empty value for every row
            except TypeError:
                value = value(None)  # SQLAlchemy wraps context-free callables with one argument
        return processor(value) if processor is not None else value

    @staticmethod
    def _converters(column: Any, processor: Convert | None) -> dict[type, Convert]:
        kinds: dict[type, Convert] = {str: _leave, int: _leave, float: _leave, bool: int, type(None): _leave}
        name = type(column.type).__name__
        if name == "Uuid":
            kinds[uuid.UUID] = lambda v: v.hex
        if name in ("Date", "DATE"):
            kinds[dt.date] = dt.date.isoformat
        if name == "StrEnumType":
            del kinds[str]  # (checked against the enum once per distinct value, below)
        if name == "JSON":
            kinds[list] = kinds[dict] = _json
        return kinds

    def values(self, row: Row) -> tuple[Any, ...]:
        """The row as the driver's values, in the table's column order (every row of a table names the same
        columns: the plan is made from the first)."""
        if self._plan is None:
            self._plan = [(i, name, self._converter(i)) for i, name in enumerate(self.names) if name in row]
            self._check(row, self._convert(row))
        if len(row) != len(self._plan):
            raise ValueError(f"{self.table.name}: every row must name the same columns")
        return tuple(self._convert(row))

    def _convert(self, row: Row) -> list[Any]:
        out = list(self._constants)
        for i, name, convert in self._plan or ():
            out[i] = convert(row[name])
        return out

    def _converter(self, i: int) -> Convert:
        kinds, processor = self._by_type[i], self._processors[i]
        shared: dict[Any, Any] = {}

        def convert(value: Any) -> Any:
            fast = kinds.get(type(value))
            if fast is not None:
                return fast(value)
            # e.g. the shared timestamps, enum values and lists: processed once per distinct value
            key = tuple(value) if isinstance(value, list) else value
            if key not in shared:
                shared[key] = processor(value) if processor is not None else value
            return shared[key]

        return convert

    def _check(self, row: Row, out: list[Any]) -> None:
        """The first row, converted as SQLAlchemy would: any difference is a bug in the fast paths above."""
        for i, (name, processor) in enumerate(zip(self.names, self._processors, strict=True)):
            if name not in row:
                continue
            value = row[name]
            expected = processor(value) if processor is not None else value
            if expected != out[i] and not (isinstance(value, bool) and int(value) == out[i]):
                raise AssertionError(f"{self.table.name}.{name}: {out[i]!r} written, SQLAlchemy writes {expected!r}")


class BulkWriter:
    """Rows gathered per table and written in batches, parents first, each batch one transaction."""

    def __init__(self, connection: Any, tables: Sequence[Any], dialect: Any) -> None:
        self.connection = connection
        self.writers = [TableWriter(t, dialect) for t in tables]
        self.pending: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in tables}
        self.written = 0

    def add(self, table: Any, rows: Sequence[Row]) -> None:
        writer = next(w for w in self.writers if w.table is table)
        self.pending[table.name].extend(writer.values(r) for r in rows)

    def flush(self) -> None:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN")
        for writer in self.writers:
            rows = self.pending[writer.table.name]
            if rows:
                cursor.executemany(writer.sql, rows)
                self.written += len(rows)
                rows.clear()
        cursor.execute("COMMIT")
        cursor.close()
