"""heartbeats: proof that workers process tasks

Revision ID: 0003_service
Revises: 0002_crawl
"""
import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0003_service"
down_revision = "0002_crawl"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "heartbeats",
        sa.Column("queue", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("sent_at", storage.models.TZDateTime(timezone=True), nullable=False),
        sa.Column("processed_at", storage.models.TZDateTime(timezone=True), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("queue"),
    )


def downgrade() -> None:
    op.drop_table("heartbeats")
