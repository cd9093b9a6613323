"""The rest of the dyad record: care contacts, preferred name, language, access notes, insurance, consents,
status; the practice's fax, logo and billing identifiers and its own code lists; a visit's billing codes.

Revision ID: 0007_contacts_and_billing
Revises: 0006_client_search
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_contacts_and_billing"
down_revision = "0006_client_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('practice_code_list',
    sa.Column('version_name', sa.String(length=100), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_code_list')),
    sa.UniqueConstraint('version_name', name=op.f('uq_practice_code_list_version_name'))
    )
    op.create_table('care_contact',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('baby_id', sa.Uuid(), nullable=True),
    sa.Column('ordinal', sa.SmallInteger(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('practice', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=100), nullable=False),
    sa.Column('fax', sa.String(length=100), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['baby_id'], ['baby.id'], name=op.f('fk_care_contact_baby_id_baby'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_care_contact_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_contact'))
    )
    with op.batch_alter_table('care_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_contact_client_id'), ['client_id'], unique=False)

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preferred_name', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('language', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('access_notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('insurance', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('consent_care', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('consent_photos', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='active'))

    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fax', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('logo', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('identifiers', sa.JSON(), nullable=False, server_default='{}'))

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('billing', sa.JSON(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
