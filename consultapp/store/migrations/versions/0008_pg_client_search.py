"""Client search index on PostgreSQL: pg_trgm trigrams over the folded search text (SQLite has FTS5, 0006).

Revision ID: 0008_pg_client_search
Revises: 0007_contacts_and_billing
Create Date: 2026-11-26
"""

from __future__ import annotations

import logging

from alembic import op

from consultapp.store.search_index import create_pg_trigram_index, drop_pg_trigram_index

revision = "0008_pg_client_search"
down_revision = "0007_contacts_and_billing"
branch_labels = None
depends_on = None

log = logging.getLogger("consultapp.store.migrations")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and not create_pg_trigram_index(bind):
        log.warning("pg_trgm could not be installed on this server: client search will scan (slower, same results)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        drop_pg_trigram_index(bind)
