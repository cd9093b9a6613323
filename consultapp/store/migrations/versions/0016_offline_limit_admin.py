"""The practice's offline limit is an admin's to change (issue 17).

On PostgreSQL, a trigger on ``practice`` refuses a change of ``offline_max_days`` by any login that is
not an admin of this practice (or its owner): a consultant with psql cannot give her laptop a year
without contact. The admin sets it with ``consultapp practice set-offline-days N``. SQLite (a solo
file, a local copy) has no logins: nothing changes there.

Revision ID: 0016_offline_limit_admin
Revises: 0015_offline_copies
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from consultapp.store.offline.server_sql import limit_statements

revision = "0016_offline_limit_admin"
down_revision = "0015_offline_copies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
        for statement in limit_statements(str(schema)):
            bind.exec_driver_sql(statement.replace("%", "%%"))


def downgrade() -> None:
    raise NotImplementedError("ConsultApp restores the backup taken before a migration instead of downgrading")
