"""articles.extract_queued_at, deliveries.queued_at: the sweep re-queues only lost tasks

Revision ID: 0007_queued_at
Revises: 0006_article_bands
"""
import sqlalchemy as sa
from alembic import op

import storage.models

revision = "0007_queued_at"
down_revision = "0006_article_bands"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extract_queued_at", storage.models.TZDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queued_at", storage.models.TZDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("queued_at")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("extract_queued_at")
