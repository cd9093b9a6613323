"""The local copy's own bookkeeping tables (only in a local copy, never on the server; not in Alembic).

- ``offline_copy``: one row - the server it came from, her login, this laptop's id, when it last reached
  the server, the practice's limit of days without contact;
- ``offline_base``: per record (client, visit, document), the server's version and content it was based on;
- ``offline_outbox``: every change made on the copy, in the transaction that made it, with that version;
- ``offline_conflict``: a field changed both here and on the server; kept until a person resolves it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Integer, MetaData, String, Text, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from consultapp.store.types import UTCDateTime


class LocalBase(DeclarativeBase):
    metadata = MetaData()


class CopyRow(LocalBase):
    __tablename__ = "offline_copy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    server_url: Mapped[str] = mapped_column(Text)
    login: Mapped[str] = mapped_column(String(63))
    consultant_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    days: Mapped[int] = mapped_column(Integer)
    picked: Mapped[list[str]] = mapped_column(JSON, default=list)
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_contact_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    max_days: Mapped[int] = mapped_column(Integer)


class BaseRow(LocalBase):
    __tablename__ = "offline_base"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class OutboxRow(LocalBase):
    __tablename__ = "offline_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    """client, visit, document or audit."""
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(10))
    """create, update or delete."""
    base_version: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ConflictRow(LocalBase):
    __tablename__ = "offline_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(80))
    mine: Mapped[object] = mapped_column(JSON)
    theirs: Mapped[object] = mapped_column(JSON)
    found_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


def create_tables(conn: Connection) -> None:
    LocalBase.metadata.create_all(conn)


def is_local_copy(conn: Connection) -> bool:
    return bool(inspect(conn).has_table("offline_copy"))
