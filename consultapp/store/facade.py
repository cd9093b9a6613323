"""The one store facade the services and the UI hold: clients, visits, documents, drafts and the practice."""

from __future__ import annotations

from consultapp.store.records_store import RecordsStore
from consultapp.store.repository import Repository


class Store(Repository, RecordsStore):
    """Every read and write of the records, on one database (``Store(db)``)."""
