"""The one store facade the services and the UI hold: clients, visits, documents, drafts and the practice."""

from __future__ import annotations

from consultapp.store.clients import Clients
from consultapp.store.db import Database
from consultapp.store.documents import Documents
from consultapp.store.drafts import Drafts
from consultapp.store.practice import PracticeRecords
from consultapp.store.visits import Visits


class Store(Clients, Visits, Documents, Drafts, PracticeRecords):
    """Every read and write of the records, on one database (``Store(db)``); one short session per call.

    Each part (store/clients.py, visits.py, documents.py, drafts.py, practice.py) holds the methods
    about one kind of record; this class is the only one that is made.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
