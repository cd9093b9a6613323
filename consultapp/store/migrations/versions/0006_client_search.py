"""Client search index: SQLite FTS5 with trigrams over the folded search text, kept by triggers.

Revision ID: 0006_client_search
Revises: 0005_consultants
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

from consultapp.store.search_index import create_search_index, drop_search_index

revision = "0006_client_search"
down_revision = "0005_consultants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # PostgreSQL keeps LIKE (pg_trgm would be its equivalent)
        create_search_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        drop_search_index(bind)
