"""A person settles a conflict a sync kept (issue 17): keep the practice's value, or keep hers.

- ``keep="theirs"``: the copy already holds the server's value; the conflict is marked resolved.
- ``keep="mine"``: her value is written into the record through the copy's normal session, so the
  outbox records it, based on the server's version the copy now holds, and the next sync sends it as
  a change made on this side only. Written and marked resolved in one transaction.

Deleted records:

- "(deleted here)" (she deleted it, the server changed it; the copy got the server's record back):
  "theirs" keeps the record; "mine" deletes it again, and the next sync deletes it on the server
  (the deletion is now based on the server's latest version).
- "(deleted on the server)" (she changed it, the server deleted it; the copy kept hers): "theirs"
  removes it from the copy too; "mine" puts it back on the server at the next sync, as a new record.

A part of a record kept as one list (babies, care contacts, a visit's assessments...) cannot be put back
field by field: keeping hers there is refused with a message; she re-enters it in the record instead.
The resolution is audited by record id only (no values).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from consultapp.domain.text import fold
from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.errors import KnownError
from consultapp.store.mapping import search_text
from consultapp.store.models import BabyRow, ClientRow, IssuedDocumentRow, VisitRow
from consultapp.store.offline import rows
from consultapp.store.offline.tables import BaseRow, ConflictRow, OutboxRow
from consultapp.store.types import utcnow

Keep = Literal["mine", "theirs"]
DELETED_HERE = "(deleted here)"
DELETED_THERE = "(deleted on the server)"
_MODELS: dict[str, type[Any]] = {"client": ClientRow, "visit": VisitRow, "document": IssuedDocumentRow}


class ConflictNotFound(KnownError):
    """No open conflict with that id in this copy (resolved already, or never there)."""


class CannotKeepMine(KnownError):
    """Her version of this part cannot be put back automatically."""


def _value(column: Any, value: Any) -> Any:
    """A plain (JSON) value as the column holds it: the reverse of rows.plain."""
    if value is None:
        return None
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.time:
        return dt.time.fromisoformat(value)
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is bytes:
        return bytes.fromhex(value)
    return value


def _keep_field(session: Session, kind: str, record_id: uuid.UUID, name: str, value: Any) -> None:
    model = _MODELS[kind]
    row = session.get(model, record_id)
    if row is None:
        raise ConflictNotFound("The record is no longer in this copy.")
    column = model.__table__.c.get(name)
    if column is None:
        raise CannotKeepMine(f"Your version of “{name}” cannot be put back here; change it in the record instead.")
    setattr(row, name, _value(column, value))
    if kind == "client":
        babies = session.scalars(select(BabyRow).where(BabyRow.client_id == record_id)).all()
        names = [b.name for b in sorted(babies, key=lambda b: b.birth_order or 0)]
        row.search_text = search_text(row, names)
        row.sort_name = fold(f"{row.family_name} {row.given_name}")


def _keep_mine(session: Session, conflict: dict[str, Any]) -> None:
    kind, record_id, name = conflict["kind"], uuid.UUID(conflict["record_id"]), conflict["field"]
    if name == DELETED_HERE:
        row = session.get(_MODELS[kind], record_id)
        if row is not None:
            session.delete(row)  # recorded in the outbox, based on the server's version
        return
    if name == DELETED_THERE:
        # The copy kept her record without a base: send it as a new one at the next sync.
        session.execute(
            insert(OutboxRow).values(
                change_id=str(uuid.uuid4()),
                kind=kind,
                record_id=str(record_id),
                op="create",
                base_version=None,
                at=utcnow(),
            )
        )
        return
    if name in rows.GROUPS.get(kind, {}):
        raise CannotKeepMine(
            "Your version of this list cannot be put back automatically; keep the practice's and "
            "re-enter your changes in the record."
        )
    _keep_field(session, kind, record_id, name, conflict["mine"])


def _keep_theirs(session: Session, conflict: dict[str, Any]) -> None:
    if conflict["field"] != DELETED_THERE:
        return  # the copy already holds the server's value
    kind, record_id = conflict["kind"], conflict["record_id"]
    conn = session.connection()
    rows.remove(conn, kind, uuid.UUID(record_id))  # (Core: not a change of hers, nothing to send)
    conn.execute(delete(BaseRow).where(BaseRow.kind == kind, BaseRow.record_id == record_id))
    conn.execute(delete(OutboxRow).where(OutboxRow.kind == kind, OutboxRow.record_id == record_id))


def resolve(local: Database, conflict_id: str, keep: Keep) -> None:
    """Settle one open conflict of the copy ``local``; see the module's docstring."""
    if keep not in ("mine", "theirs"):
        raise ValueError(f"keep must be 'mine' or 'theirs', not {keep!r}")
    with local.session() as session:
        found = (
            session.execute(
                select(ConflictRow.__table__).where(ConflictRow.id == conflict_id, ConflictRow.resolved_at.is_(None))
            )
            .mappings()
            .first()
        )
        if found is None:
            raise ConflictNotFound("That conflict is not open in this copy (already resolved?).")
        conflict = dict(found)
        (_keep_mine if keep == "mine" else _keep_theirs)(session, conflict)
        session.execute(update(ConflictRow).where(ConflictRow.id == conflict_id).values(resolved_at=utcnow()))
        audit.record(
            session, "offline_conflict_resolved", conflict["kind"], conflict["record_id"], detail={"keep": keep}
        )
