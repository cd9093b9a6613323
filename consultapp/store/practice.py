"""The practice's own records: its details and settings, its handouts and its code lists."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from consultapp.domain.handouts import Handout, handout_from_mapping, handout_to_mapping
from consultapp.domain.records import Practice
from consultapp.store.conflicts import STALE_MESSAGE, guard
from consultapp.store.db import Database
from consultapp.store.errors import ConflictError, KnownError
from consultapp.store.mapping import practice_from_row, practice_to_row
from consultapp.store.models import PracticeCodeListRow, PracticeHandoutRow, PracticeRow
from consultapp.store.types import utcnow


class PracticeRecords:
    """The part of ``Store`` about the practice (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    # -- details and settings ---------------------------------------------------------------------
    def get_practice(self) -> Practice:
        with self.db.session() as s:
            return practice_in(s)

    def save_practice(self, practice: Practice) -> Practice:
        try:
            with self.db.session() as s:
                row = s.get(PracticeRow, practice.id) if practice.id else None
                if row is None:
                    row = s.scalars(select(PracticeRow).limit(1)).first() or PracticeRow()
                    s.add(row)
                elif row.version != practice.version:
                    raise ConflictError(STALE_MESSAGE)
                row.updated_at = utcnow()
                practice_to_row(practice, row)
                s.flush()
                practice.id, practice.version = row.id, row.version
        except Exception as exc:
            raise guard(exc) from exc
        return practice

    # -- handouts ---------------------------------------------------------------------------------
    def practice_handouts(self) -> dict[str, Handout]:
        with self.db.session() as s:
            return {
                r.slug: handout_from_mapping(r.data, shipped=False)
                for r in s.scalars(select(PracticeHandoutRow).order_by(PracticeHandoutRow.slug))
            }

    def save_practice_handout(self, handout: Handout) -> None:
        with self.db.session() as s:
            row = s.scalars(select(PracticeHandoutRow).where(PracticeHandoutRow.slug == handout.slug)).first()
            if row is None:
                row = PracticeHandoutRow(id=uuid.uuid4(), slug=handout.slug)
                s.add(row)
            row.updated_at = utcnow()
            row.data = handout_to_mapping(handout)

    def delete_practice_handout(self, slug: str) -> None:
        with self.db.session() as s:
            row = s.scalars(select(PracticeHandoutRow).where(PracticeHandoutRow.slug == slug)).first()
            if row is not None:
                s.delete(row)

    # -- code lists -------------------------------------------------------------------------------
    def practice_code_lists(self) -> list[dict[str, Any]]:
        """The practice's own code lists (their stored form), newest first."""
        with self.db.session() as s:
            rows = s.scalars(select(PracticeCodeListRow).order_by(PracticeCodeListRow.created_at.desc())).all()
            return [dict(r.data) for r in rows]

    def save_practice_code_list(self, data: dict[str, Any]) -> None:
        """Keep a code list (with its own version name); a version already kept is replaced."""
        version = str(data.get("version", "")).strip()
        if not version:
            raise KnownError("A code list needs a version name.")
        with self.db.session() as s:
            row = s.scalars(select(PracticeCodeListRow).where(PracticeCodeListRow.version_name == version)).first()
            if row is None:
                row = PracticeCodeListRow(id=uuid.uuid4(), version_name=version)
                s.add(row)
            row.updated_at = utcnow()
            row.data = data


def practice_in(s: Session | Connection) -> Practice:
    """The practice (its first record; a new, empty one before setup), read in the session or on the connection
    ``s`` (its columns only: what ``practice_from_row`` reads)."""
    table = PracticeRow.__table__
    row = s.execute(select(table).order_by(table.c.created_at).limit(1)).first()
    return Practice() if row is None else practice_from_row(cast(PracticeRow, row))
