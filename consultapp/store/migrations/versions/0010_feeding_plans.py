"""A feeding plan per baby at a visit (baby_assessment.feeding_plan, JSON) and the time the baby was seen
(visit.visit_time), which with the time of birth makes the hours of life exact.

Revision ID: 0010_feeding_plans
Revises: 0009_cjk_search_text
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_feeding_plans"
down_revision = "0009_cjk_search_text"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_time", sa.Time(), nullable=True))
    with op.batch_alter_table("baby_assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feeding_plan", sa.JSON(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
