"""Trust on the server: the audit chain keyed with a secret (HMAC), and what the PostgreSQL server enforces.

Both: ``audit_entry.alg`` (``sha256`` for the entries made before, ``hmac-sha256`` from now on) and
``audit_key``, one random 32-byte key. On PostgreSQL also the practice's functions and triggers
(store/server_sql.py): created_by / updated_by and the audit entries of a consultant's writes made by
the server itself; ``consultapp practice upgrade`` then gives the practice its own roles.

Revision ID: 0013_server_trust
Revises: 0011_dyad_findings
Create Date: 2026-12-02
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import op

from consultapp.store.server_sql import install_statements

revision = "0013_server_trust"
down_revision = "0011_dyad_findings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alg", sa.String(length=20), nullable=False, server_default="sha256"))
    op.create_table(
        "audit_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_key")),
    )
    key = sa.table("audit_key", sa.column("id", sa.Integer()), sa.column("key", sa.LargeBinary()))
    op.bulk_insert(key, [{"id": 1, "key": os.urandom(32)}])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("REVOKE ALL ON audit_key FROM PUBLIC")
        schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        for statement in install_statements(str(schema)):
            bind.exec_driver_sql(statement.replace("%", "%%"))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
