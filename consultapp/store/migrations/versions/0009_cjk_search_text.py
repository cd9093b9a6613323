"""Client search text: Chinese, Japanese and Korean names also kept whole, unspaced (store.mapping.search_text).

Only clients whose name is in those scripts change; on SQLite the FTS5 index follows by its trigger.

Revision ID: 0009_cjk_search_text
Revises: 0008_pg_client_search
Create Date: 2026-11-26
"""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from consultapp.store.mapping import search_text

revision = "0009_cjk_search_text"
down_revision = "0008_pg_client_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    babies: dict[str, list[str]] = {}
    for client_id, name in bind.execute(sa.text("SELECT client_id, name FROM baby ORDER BY client_id, birth_order")):
        babies.setdefault(str(client_id), []).append(name)
    rows = bind.execute(sa.text("SELECT id, given_name, family_name, phone, search_text FROM client")).all()
    update = sa.text("UPDATE client SET search_text = :text WHERE id = :id")
    for client_id, given, family, phone, stored in rows:
        row = SimpleNamespace(given_name=given, family_name=family, phone=phone)
        fresh = search_text(row, babies.get(str(client_id), []))
        if fresh != stored:
            bind.execute(update, {"text": fresh, "id": client_id})


def downgrade() -> None:
    pass  # the longer search text is harmless to the older code
