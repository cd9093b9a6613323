"""The one store facade the services and the UI hold: clients, visits, documents, drafts and the practice."""

from __future__ import annotations

import uuid

from consultapp.domain.records import VisitRecords
from consultapp.store.clients import Clients
from consultapp.store.db import Database, read_connection
from consultapp.store.documents import Documents
from consultapp.store.drafts import Drafts
from consultapp.store.photos import Photos
from consultapp.store.practice import PracticeRecords
from consultapp.store.timeline import Timelines
from consultapp.store.visit_read import visit_records_in
from consultapp.store.visits import Visits


class Store(Clients, Visits, Timelines, Documents, Drafts, PracticeRecords, Photos):
    """Every read and write of the records, on one database (``Store(db)``); one short session per call.

    Each part (store/clients.py, visits.py, timeline.py, documents.py, drafts.py, practice.py, photos.py) holds
    the methods about one kind of record; this class is the only one that is made.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def visit_records(self, visit_id: uuid.UUID) -> VisitRecords:
        """A visit with its client, the practice and each baby's earlier weighings, on one connection: what
        the visit's documents are made from, read together (one consistent view; store/visit_read.py)."""
        with read_connection(self.db.engine) as conn:
            return visit_records_in(conn, visit_id)
