"""Offline copies of a group practice's caseload (issue 17).

The client's assigned consultant (``client.assigned_to``, a consultant's id), the practice's limit of
days a laptop may stay out of contact (``practice.offline_max_days``), the laptops holding a copy
(``offline_device``, revoked by an admin) and the keys of the changes a sync has applied
(``offline_applied``: sending a change twice applies it once). On PostgreSQL also the server's device
functions (store/offline/server_sql.py).

Revision ID: 0015_offline_copies
Revises: 0014_photos
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from consultapp.store.offline.server_sql import install_statements

revision = "0015_offline_copies"
down_revision = "0014_photos"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_client_assigned_to"), ["assigned_to"], unique=False)
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offline_max_days", sa.Integer(), nullable=False, server_default="14"))
    op.create_table(
        "offline_device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("consultant_id", sa.Uuid(), nullable=True),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=200), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_device")),
    )
    op.create_table(
        "offline_applied",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_offline_applied")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        for statement in install_statements(str(schema)):
            bind.exec_driver_sql(statement.replace("%", "%%"))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
