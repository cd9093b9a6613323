"""Who made and who last changed each record: created_by / updated_by, stamped at every flush.

Beside the audit trail (store/audit.py), and installed with it on every session factory by
``open_database``; the name is the session's ``info["user"]`` (``Database.set_user``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from consultapp.store.models import RecordMixin


def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    user = str(session.info.get("user", ""))
    for obj in session.new:
        if isinstance(obj, RecordMixin):
            obj.created_by = obj.created_by or user
            obj.updated_by = user
    for obj in session.dirty:
        if isinstance(obj, RecordMixin) and session.is_modified(obj, include_collections=False):
            obj.updated_by = user


def install(sessions: Any) -> None:
    """Stamp created_by / updated_by on every record written through ``sessions`` (a sessionmaker)."""
    event.listen(sessions, "before_flush", _stamp)
