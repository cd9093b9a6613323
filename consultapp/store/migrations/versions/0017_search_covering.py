"""Client search: an index that answers a short word in name order without reading the client rows.

A word of one or two letters is matched with LIKE on ``client.search_text``, walking the clients in
name order until the page is full (store/clients.py). Through ``ix_client_sort_name`` each client
looked at is read from the table; a rare pair of letters ("mu") walks half the practice that way.
``ix_client_search_cover`` holds the name order (``sort_name``, ``id``) with the search text beside
it, so the walk reads the index alone and only the page's own rows are read from the table.

SQLite only. On PostgreSQL an index entry must stay under about 2.7 kB, and a client's search text
(two names of up to 300 characters, folded, also without apostrophes and in both orders, and her
babies' names) can be longer: such a client could not be saved. There the short word keeps its scan.

Revision ID: 0017_search_covering
Revises: 0016_offline_limit_admin
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0017_search_covering"
down_revision = "0016_offline_limit_admin"
branch_labels = None
depends_on = None

INDEX = "ix_client_search_cover"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.create_index(INDEX, "client", ["sort_name", "id", "search_text"])


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
