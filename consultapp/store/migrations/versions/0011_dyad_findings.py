"""The dyad's findings: a nipple exam per side (pain at latch and during the feed, damage, refer signs), jaundice
onset, dark urine and formula feeding per baby, the mother's conditions, and a care contact for several babies.

A contact's one ``baby_id`` becomes the list ``baby_ids`` (the baby it had is kept).

Revision ID: 0011_dyad_findings
Revises: 0010_feeding_plans
Create Date: 2026-12-02
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0011_dyad_findings"
down_revision = "0010_feeding_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nipple_exam",
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("pain_at_latch", sa.SmallInteger(), nullable=True),
        sa.Column("pain_during_feed", sa.SmallInteger(), nullable=True),
        sa.Column("signs", sa.JSON(), nullable=False),
        sa.Column("pain_days", sa.Integer(), nullable=True),
        sa.Column("pus", sa.Boolean(), nullable=False),
        sa.Column("not_healing", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_nipple_exam_visit_id_visit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nipple_exam")),
    )
    with op.batch_alter_table("nipple_exam", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nipple_exam_visit_id"), ["visit_id"], unique=False)

    with op.batch_alter_table("baby_assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("jaundice_onset_hours", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("dark_urine", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("formula_fed", sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.add_column(sa.Column("history_conditions", sa.JSON(), nullable=False, server_default="[]"))

    bind = op.get_bind()
    links = bind.execute(sa.text("SELECT id, baby_id FROM care_contact WHERE baby_id IS NOT NULL")).all()
    with op.batch_alter_table("care_contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baby_ids", sa.JSON(), nullable=False, server_default="[]"))
    set_ids = sa.text("UPDATE care_contact SET baby_ids = :ids WHERE id = :id").bindparams(
        sa.bindparam("ids", type_=sa.JSON()), sa.bindparam("id", type_=sa.Uuid())
    )
    for contact_id, baby_id in links:
        # SQLite hands back the UUID as 32 hex digits, PostgreSQL as a UUID: both read the same.
        bind.execute(set_ids, {"ids": [str(uuid.UUID(str(baby_id)))], "id": uuid.UUID(str(contact_id))})
    with op.batch_alter_table("care_contact", schema=None) as batch_op:
        batch_op.drop_constraint("fk_care_contact_baby_id_baby", type_="foreignkey")
        batch_op.drop_column("baby_id")


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
