"""Drafts: the unsaved typing of an open visit, kept so a crash loses only seconds of work."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy import select

from consultapp.domain.records import Draft, Visit
from consultapp.domain.serialize import FormatError, from_data, to_data
from consultapp.store.db import Database
from consultapp.store.models import DraftRow
from consultapp.store.types import utcnow

UNPARSED_KEY = "_unparsed"
"""In a draft's payload beside the visit: text typed where it did not parse (see ``save_draft``)."""


class Drafts:
    """The part of ``Store`` about drafts (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    def save_draft(self, key: uuid.UUID, visit: Visit, unparsed: Mapping[str, str] | None = None) -> None:
        """Keep (or replace) the draft ``key`` of an open visit; one short transaction.

        ``unparsed``: text typed where it did not parse yet ("3,5 kgg"), kept as typed beside the visit."""
        with self.db.session() as s:
            row = s.get(DraftRow, key)
            if row is None:
                row = DraftRow(id=key, client_id=visit.client_id)
                s.add(row)
            row.visit_id = visit.id
            row.saved_at = utcnow()
            row.payload = {**to_data(visit), UNPARSED_KEY: dict(unparsed)} if unparsed else to_data(visit)

    def drafts(self) -> list[Draft]:
        """Every kept draft, newest first; a draft that no longer reads is skipped, not fatal."""
        with self.db.session() as s:
            rows = s.scalars(select(DraftRow).order_by(DraftRow.saved_at.desc())).all()
            out = []
            for r in rows:
                data = dict(r.payload)
                unparsed = data.pop(UNPARSED_KEY, None)
                try:
                    visit = from_data(Visit, data)
                except FormatError:
                    continue
                texts = {str(k): str(v) for k, v in unparsed.items()} if isinstance(unparsed, dict) else {}
                out.append(Draft(r.id, r.client_id, r.visit_id, r.saved_at, visit, texts))
            return out

    def discard_draft(self, key: uuid.UUID) -> None:
        with self.db.session() as s:
            row = s.get(DraftRow, key)
            if row is not None:
                s.delete(row)
