"""Client search on PostgreSQL: each client's words in name order (``client_word``, ``search_word``), kept by triggers.

A common word's clients are read in name order until the page is full instead of all of them being
found and sorted: the search no longer slows with the practice's size (store/pg_search.py). Built
from the clients already stored. Needs pg_trgm, as 0008 does: without it nothing is made and the
search keeps LIKE on the client table. pg_trgm's index on the client table (0008) is made again where
it is missing; and ``ix_baby_client_names`` gives each listed client's babies from the index alone (a
page of 100 clients read 100 baby rows from the table besides). SQLite has its FTS5 index (0006) and
nothing changes there.

Revision ID: 0018_pg_search
Revises: 0017_search_covering
Create Date: 2026-12-02
"""

from __future__ import annotations

import logging

from alembic import op

from consultapp.store.pg_search import create_pg_word_index
from consultapp.store.search_index import create_pg_trigram_index

revision = "0018_pg_search"
down_revision = "0017_search_covering"
branch_labels = None
depends_on = None

log = logging.getLogger("consultapp.store.migrations")

BABY_NAMES = "ix_baby_client_names"
"""The babies' names of a page of clients read from the index alone (each client's row is not read)."""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    create_pg_trigram_index(bind)  # (where 0008's is missing: a copy loaded without it; else nothing)
    op.execute(f"CREATE INDEX IF NOT EXISTS {BABY_NAMES} ON baby (client_id) INCLUDE (birth_order, name)")
    if not create_pg_word_index(bind):
        log.warning("pg_trgm could not be installed on this server: client search will scan (slower, same results)")


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
