"""Photos on a visit: the stripped image and its thumbnail, kept inside the database (encrypted with it).

Revision ID: 0014_photos
Revises: 0013_server_trust
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_photos"
down_revision = "0013_server_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photo",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("baby_id", sa.Uuid(), nullable=True),
        sa.Column("side", sa.String(length=10), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("on_plan", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["baby_id"], ["baby.id"], name=op.f("fk_photo_baby_id_baby"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_photo_client_id_client"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_photo_visit_id_visit"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photo")),
    )
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_photo_client_id"), ["client_id"], unique=False)
        batch_op.create_index("ix_photo_visit_ordinal", ["visit_id", "ordinal"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
