"""The one store facade the services and the UI hold: clients, visits, documents, drafts and the practice."""

from __future__ import annotations

import uuid

from consultapp.domain.records import VisitRecords
from consultapp.store.clients import CLIENT_LOAD, Clients
from consultapp.store.db import Database
from consultapp.store.documents import Documents
from consultapp.store.drafts import Drafts
from consultapp.store.errors import NotFoundError
from consultapp.store.mapping import client_from_row, visit_from_row
from consultapp.store.models import ClientRow, VisitRow
from consultapp.store.photos import Photos, plan_photos_in
from consultapp.store.practice import PracticeRecords, practice_in
from consultapp.store.timeline import Timelines
from consultapp.store.visits import VISIT_LOAD, Visits, earlier_weighings_in


class Store(Clients, Visits, Timelines, Documents, Drafts, PracticeRecords, Photos):
    """Every read and write of the records, on one database (``Store(db)``); one short session per call.

    Each part (store/clients.py, visits.py, timeline.py, documents.py, drafts.py, practice.py, photos.py) holds
    the methods about one kind of record; this class is the only one that is made.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def visit_records(self, visit_id: uuid.UUID) -> VisitRecords:
        """A visit with its client, the practice and each baby's earlier weighings, in one session: what
        the visit's documents are made from, read together (one consistent view, one round trip's worth)."""
        with self.db.session() as s:
            visit_row = s.get(VisitRow, visit_id, options=VISIT_LOAD)
            if visit_row is None:
                raise NotFoundError(f"No visit with id {visit_id}.")
            client_row = s.get(ClientRow, visit_row.client_id, options=CLIENT_LOAD)
            if client_row is None:
                raise NotFoundError(f"No client with id {visit_row.client_id}.")
            visit, client = visit_from_row(visit_row), client_from_row(client_row)
            babies = [b.id for b in client.babies if b.id is not None]
            return VisitRecords(practice_in(s), client, visit, earlier_weighings_in(s, babies, visit.visit_date),
                                plan_photos_in(s, visit_id, {b.id: b.name for b in client.babies if b.id}))
