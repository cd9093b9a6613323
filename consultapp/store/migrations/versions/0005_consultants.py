"""Consultants as users, and who created and last changed every record.

Revision ID: 0005_consultants
Revises: 0004_audit_trail
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_consultants"
down_revision = "0004_audit_trail"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consultant',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('credentials', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('db_role', sa.String(length=63), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultant')),
    sa.UniqueConstraint('db_role', name=op.f('uq_consultant_db_role'))
    )
    with op.batch_alter_table('baby', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('baby_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('breast_map_finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('breast_side_exam', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('feeding_observation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('plan_step', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('practice_handout', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('visit_amendment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('visit_draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=200), nullable=False, server_default=''))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
