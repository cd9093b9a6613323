"""Baseline schema: practice, client, baby, visit and per-baby assessment.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client',
    sa.Column('given_name', sa.String(length=300), nullable=False),
    sa.Column('family_name', sa.String(length=300), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('sort_name', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client'))
    )
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_sort_name'), ['sort_name'], unique=False)

    op.create_table('practice',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('consultant_name', sa.String(length=200), nullable=False),
    sa.Column('credentials', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice'))
    )
    op.create_table('baby',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('birth_weight_g', sa.Integer(), nullable=True),
    sa.Column('birth_order', sa.SmallInteger(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_baby_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baby'))
    )
    with op.batch_alter_table('baby', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baby_client_id'), ['client_id'], unique=False)

    op.create_table('visit',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('location', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('breast_concern', sa.String(length=30), nullable=True),
    sa.Column('breast_side', sa.String(length=10), nullable=True),
    sa.Column('breast_signs', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_visit_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_client_date', ['client_id', 'visit_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visit_date'), ['visit_date'], unique=False)

    op.create_table('baby_assessment',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('baby_id', sa.Uuid(), nullable=False),
    sa.Column('weight_g', sa.Integer(), nullable=True),
    sa.Column('positions', sa.JSON(), nullable=False),
    sa.Column('latch_latch', sa.SmallInteger(), nullable=True),
    sa.Column('latch_audible', sa.SmallInteger(), nullable=True),
    sa.Column('latch_nipple_type', sa.SmallInteger(), nullable=True),
    sa.Column('latch_comfort', sa.SmallInteger(), nullable=True),
    sa.Column('latch_hold', sa.SmallInteger(), nullable=True),
    sa.Column('btat_tip', sa.SmallInteger(), nullable=True),
    sa.Column('btat_frenulum', sa.SmallInteger(), nullable=True),
    sa.Column('btat_lift', sa.SmallInteger(), nullable=True),
    sa.Column('btat_protrusion', sa.SmallInteger(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['baby_id'], ['baby.id'], name=op.f('fk_baby_assessment_baby_id_baby'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_baby_assessment_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baby_assessment'))
    )
    with op.batch_alter_table('baby_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baby_assessment_baby_id'), ['baby_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_baby_assessment_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    for table in ("baby_assessment", "visit", "baby", "practice", "client"):
        op.drop_table(table)
