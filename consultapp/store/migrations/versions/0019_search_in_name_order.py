"""Client search on SQLite: the trigram index in name order, so a common word stops at the page.

The FTS5 index's row ids were the client table's: a common word's matches were all read and sorted to
find the first page of names, and the search slowed with the practice's size. Its row ids are now
each client's rank in name order (``client_search_order``), and the trigrams the texts hold are
listed, so a word of one or two letters is found through the index too (store/search_index.py). This
drops the old index and its triggers; ``migrate()`` then makes the new one, ranks every client and
fills it, as after every upgrade.
PostgreSQL has its word index (0018) and nothing changes there.

Revision ID: 0019_search_in_name_order
Revises: 0018_pg_search
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from consultapp.store.search_index import drop_search_index

revision = "0019_search_in_name_order"
down_revision = "0018_pg_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        drop_search_index(bind)


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
