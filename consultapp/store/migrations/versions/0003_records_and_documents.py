"""Trust in what was recorded: final visits and amendments, drafts of open visits, issued documents, practice handouts.

Revision ID: 0003_records_and_documents
Revises: 0002_clinical_core
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_records_and_documents"
down_revision = "0002_clinical_core"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('practice_handout',
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_handout')),
    sa.UniqueConstraint('slug', name=op.f('uq_practice_handout_slug'))
    )
    op.create_table('visit_draft',
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_visit_draft_client_id_client'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_draft'))
    )
    with op.batch_alter_table('visit_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_draft_client_id'), ['client_id'], unique=False)

    op.create_table('issued_document',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=True),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('filename', sa.Text(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_issued_document_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_issued_document_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_document'))
    )
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.create_index('ix_issued_document_client_issued', ['client_id', 'issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_document_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_amendment',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_amendment_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_amendment'))
    )
    with op.batch_alter_table('visit_amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_amendment_visit_id'), ['visit_id'], unique=False)

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('finalized_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('finalized_by', sa.String(length=200), nullable=False, server_default=''))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
