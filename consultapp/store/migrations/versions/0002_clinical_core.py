"""Clinical core: the full assessment record, per-side feeding observations, breast map, parent state, plan edits.

The skeleton kept one list of positions and one LATCH per baby and visit; they move, unchanged, into one
feeding observation each (side not recorded) before the old columns are dropped.

Revision ID: 0002_clinical_core
Revises: 0001_baseline
Create Date: 2026-11-26
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002_clinical_core"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

_LATCH = ("latch_latch", "latch_audible", "latch_nipple_type", "latch_comfort", "latch_hold")


def _move_feeds_out_of_assessments() -> None:
    old = sa.table(
        "baby_assessment",
        sa.column("id", sa.Uuid()),
        sa.column("positions", sa.JSON()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        *(sa.column(name, sa.SmallInteger()) for name in _LATCH),
    )
    feeds = sa.table(
        "feeding_observation",
        sa.column("id", sa.Uuid()),
        sa.column("assessment_id", sa.Uuid()),
        sa.column("ordinal", sa.SmallInteger()),
        sa.column("side", sa.String()),
        sa.column("positions_tried", sa.JSON()),
        sa.column("positions_worked", sa.JSON()),
        sa.column("effective_signs", sa.JSON()),
        sa.column("ineffective_signs", sa.JSON()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer()),
        *(sa.column(name, sa.SmallInteger()) for name in _LATCH),
    )
    bind = op.get_bind()
    rows = []
    for row in bind.execute(sa.select(old)).mappings():
        positions = list(row["positions"] or [])
        scores = {name: row[name] for name in _LATCH}
        if not positions and all(v is None for v in scores.values()):
            continue
        rows.append(
            {
                "id": uuid.uuid4(),
                "assessment_id": row["id"],
                "ordinal": 0,
                "side": None,
                "positions_tried": positions,
                "positions_worked": [],
                "effective_signs": [],
                "ineffective_signs": [],
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
                "version": 1,
                **scores,
            }
        )
    if rows:
        op.bulk_insert(feeds, rows)


def upgrade() -> None:
    op.create_table('breast_map_finding',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('ordinal', sa.SmallInteger(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('clock', sa.SmallInteger(), nullable=False),
    sa.Column('distance_cm', sa.Float(), nullable=True),
    sa.Column('size_cm', sa.Float(), nullable=True),
    sa.Column('nipple_damage', sa.String(length=20), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_breast_map_finding_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_breast_map_finding'))
    )
    with op.batch_alter_table('breast_map_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_breast_map_finding_visit_id'), ['visit_id'], unique=False)

    op.create_table('breast_side_exam',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('pain', sa.SmallInteger(), nullable=True),
    sa.Column('engorgement', sa.Boolean(), nullable=False),
    sa.Column('condition', sa.String(length=30), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_breast_side_exam_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_breast_side_exam'))
    )
    with op.batch_alter_table('breast_side_exam', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_breast_side_exam_visit_id'), ['visit_id'], unique=False)

    op.create_table('plan_step',
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('ordinal', sa.SmallInteger(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('included', sa.Boolean(), nullable=False),
    sa.Column('custom', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_plan_step_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_step'))
    )
    with op.batch_alter_table('plan_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_step_visit_id'), ['visit_id'], unique=False)

    op.create_table('feeding_observation',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('ordinal', sa.SmallInteger(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=True),
    sa.Column('positions_tried', sa.JSON(), nullable=False),
    sa.Column('positions_worked', sa.JSON(), nullable=False),
    sa.Column('effective_signs', sa.JSON(), nullable=False),
    sa.Column('ineffective_signs', sa.JSON(), nullable=False),
    sa.Column('nipple_after', sa.String(length=20), nullable=True),
    sa.Column('latch_latch', sa.SmallInteger(), nullable=True),
    sa.Column('latch_audible', sa.SmallInteger(), nullable=True),
    sa.Column('latch_nipple_type', sa.SmallInteger(), nullable=True),
    sa.Column('latch_comfort', sa.SmallInteger(), nullable=True),
    sa.Column('latch_hold', sa.SmallInteger(), nullable=True),
    sa.Column('duration_min', sa.SmallInteger(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['baby_assessment.id'], name=op.f('fk_feeding_observation_assessment_id_baby_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feeding_observation'))
    )
    with op.batch_alter_table('feeding_observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feeding_observation_assessment_id'), ['assessment_id'], unique=False)

    with op.batch_alter_table('baby', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('gestational_age_days', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('delivery_mode', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('birth_time', sa.Time(), nullable=True))

    with op.batch_alter_table('baby_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feeds_per_24h', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('weak_suckle', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('wet_diapers', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('dirty_diapers', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('stool_colour', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('urates', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('jaundice', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('lethargy', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('poor_feeding', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('test_pre_g', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('test_post_g', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('test_scale_resolution_g', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('test_clothing_unchanged', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('tongue_tool', sa.String(length=10), nullable=False, server_default='btat'))
        batch_op.add_column(sa.Column('hazelbaker_appearance', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('hazelbaker_function', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('hazelbaker_unclassified', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('coryllos', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('kotlow_mm', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('lip_tie', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('referral', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('referral_date', sa.Date(), nullable=True))

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history_breast_surgery', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('history_previous_mastitis', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('history_previous_breastfeeding', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('history_medications', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('history_notes', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settings', sa.JSON(), nullable=False, server_default='{}'))

    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_temperature_c', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('parent_chills', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_flu_like', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_unrested', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_sudden_stop', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_long_gaps', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_pressure_on_breast', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_pumping', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_spreading_redness', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_confusion', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_fast_heart_rate', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_fluctuant_or_persisting_lump', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_worse_after_antibiotics', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('parent_lump_after_episode', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('feeding_plan', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('follow_up', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_visit_follow_up'), ['follow_up'], unique=False)

    _move_feeds_out_of_assessments()
    with op.batch_alter_table('baby_assessment', schema=None) as batch_op:
        batch_op.drop_column('latch_comfort')
        batch_op.drop_column('latch_audible')
        batch_op.drop_column('positions')
        batch_op.drop_column('latch_nipple_type')
        batch_op.drop_column('latch_latch')
        batch_op.drop_column('latch_hold')


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
