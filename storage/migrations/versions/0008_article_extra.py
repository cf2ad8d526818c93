"""articles.extra: what a source knows about an article beyond its text (a Telegram post's
channel, id, views, forwarded-from, edited mark)

Revision ID: 0008_article_extra
Revises: 0007_queued_at
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_article_extra"
down_revision = "0007_queued_at"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extra", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("extra")
